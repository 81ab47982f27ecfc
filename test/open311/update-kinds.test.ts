import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilSchema } from '../../functions/config/council-schema.ts';
import { createApiKey, verifyApiKey } from '../../functions/core/api-keys.ts';
import { listHistory } from '../../functions/core/cases/case-actions.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { council, embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, get, post, potholeFields, councilTestApp, type Fields } from '../support/open311.ts';

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

describe('who a service request update comes from', () => {
  it('takes a works system’s update as the council’s word: it sets the state, is published and is in the history', async () => {
    const { app, works, id } = await setUp();
    expect((await post(app, '/servicerequestupdates.json', update(works, id))).status).toBe(200);
    const stored = (await getCase(app.store, id, new Date(NOW)))!;
    expect(stored).toMatchObject({ state: 'in-progress', status: 'open' });
    const listed = (await (await get(app, '/servicerequestupdates.json')).json()) as { update_id: string; status: string }[];
    expect(listed).toMatchObject([{ update_id: 'open311-77', status: 'in_progress' }]);
    expect((await listHistory(app.store, stored)).at(-1)).toMatchObject({ kind: 'update', state: 'in-progress', public: true, by: { kind: 'integrator', name: 'Works system' } });
  });

  it('takes a resident channel’s update as a resident’s comment for an officer: no state change, never published', async () => {
    const { app, fms, id } = await setUp();
    const comment = update(fms, id, { status: 'OPEN', description: 'Still not fixed, it is getting deeper', first_name: 'Ann', last_name: 'Resident', email: 'ann@example.com' });
    for (let i = 0; i < 2; i++) expect(await (await post(app, '/servicerequestupdates.json', comment)).json()).toEqual([{ update_id: 'open311-77' }]);

    const stored = (await getCase(app.store, id, new Date(NOW)))!;
    expect(stored).toMatchObject({ state: 'submitted', updates: [] });
    const [request] = await (await get(app, `/requests/${id}.json`)).json();
    expect(request.status_notes).toBeUndefined();
    expect(await (await get(app, '/servicerequestupdates.json')).json()).toEqual([]);
    const comments = (await listHistory(app.store, stored)).filter((e) => e.kind === 'resident-comment');
    expect(comments).toEqual([
      expect.objectContaining({
        text: 'Still not fixed, it is getting deeper',
        public: false,
        by: { kind: 'resident', name: 'Ann Resident', email: 'ann@example.com', via: expect.objectContaining({ name: 'FixMyStreet' }) },
      }),
    ]);
  });

  it('refuses a resident channel’s update_id used again for different words', async () => {
    const { app, fms, id } = await setUp();
    await post(app, '/servicerequestupdates.json', update(fms, id));
    expect((await post(app, '/servicerequestupdates.json', update(fms, id, { description: 'Something else' }))).status).toBe(400);
  });

  it('reads a key made before kinds as a works system', async () => {
    const { app, works } = await setUp();
    const keyId = works.split('_')[1];
    const item = (await app.store.client.send(new (await import('@aws-sdk/client-dynamodb')).GetItemCommand({ TableName: app.store.tableName, Key: { pk: { S: `APIKEY#${keyId}` }, sk: { S: 'APIKEY' } } }))).Item!;
    delete item.kind;
    await app.store.client.send(new PutItemCommand({ TableName: app.store.tableName, Item: item }));
    expect(await verifyApiKey(app.store, works)).toMatchObject({ kind: 'works-system' });
  });

  it('lands a works system’s code for a state the council dropped on the nearest state it keeps', async () => {
    const base = await council('hackney');
    const dropped = councilSchema.parse({ ...base, cases: { states: { 'in-progress': false } } });
    const app = await councilTestApp(dropped, { endpoint: server.endpoint, now: NOW });
    const works = await apiKey(app);
    const [{ service_request_id: id }] = await (await post(app, '/requests.json', potholeFields(works))).json();
    expect((await post(app, '/servicerequestupdates.json', update(works, id))).status).toBe(200);
    expect((await getCase(app.store, id, new Date(NOW)))!.state).toBe('submitted');
  });
});
