import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../functions/core/api-keys.ts';
import { listAuditForCase } from '../../functions/core/audit/audit-store.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, post, potholeFields, type Fields } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';

async function setUp(): Promise<{ app: TestApp; works: string; fms: string; id: string }> {
  const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
  const works = await apiKey(app);
  const fms = (await createApiKey(app.store, 'FixMyStreet', new Date(NOW), 'resident-channel')).key;
  const [{ service_request_id: id }] = await (await post(app, '/requests.json', potholeFields(works))).json();
  return { app, works, fms, id };
}

const update = (key: string, id: string, extra: Fields = {}): Fields => ({
  api_key: key,
  service_request_id: id,
  update_id: '77',
  status: 'IN_PROGRESS',
  updated_datetime: NOW,
  description: 'Crew on site',
  ...extra,
});

describe('the audit of a service request update', () => {
  it('records a works system’s update once, by its key, however often it is sent', async () => {
    const { app, works, id } = await setUp();

    for (let i = 0; i < 2; i++) expect((await post(app, '/servicerequestupdates.json', update(works, id))).status).toBe(200);

    const { records } = await listAuditForCase(app.store, id, { limit: 10 });
    expect(records).toMatchObject([{ action: 'update', who: { kind: 'integrator', name: 'Works system' }, detail: 'Open311 works-system: in-progress', caseRef: id }]);
  });

  it('records a resident channel’s comment once, by the channel’s key, with none of the resident’s details', async () => {
    const { app, fms, id } = await setUp();
    const comment = update(fms, id, { status: 'OPEN', description: 'Still not fixed', first_name: 'Ann', last_name: 'Resident', email: 'ann@example.com' });

    for (let i = 0; i < 2; i++) expect((await post(app, '/servicerequestupdates.json', comment)).status).toBe(200);

    const { records } = await listAuditForCase(app.store, id, { limit: 10 });
    expect(records).toMatchObject([{ action: 'resident-comment', who: { kind: 'integrator', name: 'FixMyStreet' }, detail: 'Open311 resident-channel' }]);
    expect(JSON.stringify(records)).not.toMatch(/Ann|ann@example/);
  });
});
