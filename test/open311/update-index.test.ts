import { DeleteItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, createCase, listCaseUpdates } from '../../functions/core/cases/case-store.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import type { ReportConfig } from '../../functions/modules/report/config.ts';
import { categoriesByCode, createProblemReport } from '../../functions/modules/report/reports.ts';
import { embeddedStore, testApp, type TestApp } from '../support/harness.ts';
import { apiKey, get, open311Only, post, potholeFields } from '../support/open311.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

const NOW = '2026-12-01T10:00:00Z';
const DAY_MS = 86_400_000;
const secrets = new LocalSecrets();

/** Counts the items the store reads (ScannedCount) from here on. */
function countItemsRead(app: TestApp): () => number {
  let read = 0;
  app.store.client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      read += (out.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return out;
    },
    { step: 'initialize', name: `countItemsRead${Math.random()}` },
  );
  return () => read;
}

/** `count` reports made on 1 September, report i updated once, on 1 October plus i days. */
async function reportsUpdatedDaily(app: TestApp, count: number): Promise<string[]> {
  const category = categoriesByCode(app.council.services.report as ReportConfig).get('litter')!.category;
  const made = new Date('2026-09-01T09:00:00Z');
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { reference } = (
        await createProblemReport(
          app.store,
          app.council,
          { category, description: `Litter ${i}`, attributes: {}, location: { lat: 51.55, long: -0.05 }, contact: {}, photos: [], lang: 'en', submissionId: `r-${i}`, source: 'open311' },
          made,
          secrets,
        )
      ).case;
      const at = new Date(Date.parse('2026-10-01T12:00:00Z') + i * DAY_MS).toISOString();
      await addCaseUpdate(app.store, reference, { id: `officer-${i}`, status: 'open', description: `Checked ${i}`, createdAt: at }, new Date(NOW));
      return reference;
    }),
  );
}

describe('GET servicerequestupdates reads the updates index', () => {
  it('answers a one-day list reading only the update it returns, however many cases changed since and updates came before', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const references = await reportsUpdatedDaily(app, 60);
    const read = countItemsRead(app);
    const res = await get(app, '/servicerequestupdates.json?start_date=2026-10-11T00:00:00Z&end_date=2026-10-11T23:59:59Z');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { update_id: 'officer-10', service_request_id: references[10], status: 'open', updated_datetime: '2026-10-11T12:00:00Z', description: 'Checked 10', media_url: '' },
    ]);
    // Fifty cases changed after the range began; the list reads the one update in it.
    expect(read()).toBeLessThanOrEqual(2);
  });

  it('reads no more than the cap of a list over a wide range, and gives the newest', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    await reportsUpdatedDaily(app, 30);
    const capped = open311Only(app, { maxResults: 3 }, () => new Date(NOW));
    const read = countItemsRead(app);
    const listed = (await (await get(capped, '/servicerequestupdates.json?start_date=2026-09-15T00:00:00Z')).json()) as { update_id: string }[];
    expect(listed.map((u) => u.update_id)).toEqual(['officer-29', 'officer-28', 'officer-27']);
    expect(read()).toBe(3);
  });

  it('lists an update whose own item was not written, once the integrator retries it, and only once', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const key = await apiKey(app);
    const [{ service_request_id: id }] = await (await post(app, '/requests.json', potholeFields(key))).json();
    const fields = { api_key: key, service_request_id: id, update_id: 'w1', status: 'FIXED', updated_datetime: NOW, description: 'Filled' };
    expect((await post(app, '/servicerequestupdates.json', fields)).status).toBe(200);
    // As if the store had failed between the case's write and the update's own item (its history entry).
    const { Items = [] } = await app.store.client.send(
      new QueryCommand({
        TableName: app.store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
        ExpressionAttributeValues: { ':pk': { S: `CASE#${id}` }, ':u': { S: 'HIST#' } },
      }),
    );
    expect(Items).toHaveLength(1);
    await app.store.client.send(new DeleteItemCommand({ TableName: app.store.tableName, Key: { pk: Items[0].pk, sk: Items[0].sk } }));
    expect(await (await get(app, '/servicerequestupdates.json')).json()).toEqual([]);

    expect((await post(app, '/servicerequestupdates.json', fields)).status).toBe(200);
    expect((await post(app, '/servicerequestupdates.json', fields)).status).toBe(200);
    const listed = (await (await get(app, '/servicerequestupdates.json')).json()) as { update_id: string }[];
    expect(listed.map((u) => u.update_id)).toEqual(['open311-w1']);
  });

  it('does not list the updates of a case with nothing public, and drops updates once their case has expired', async () => {
    const app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
    const now = new Date(NOW);
    const hidden = await createCase(app.store, { service: 'report', type: 'internal', submissionId: 'hidden', details: {}, lang: 'en', retentionDays: 30 }, now, secrets);
    await addCaseUpdate(app.store, hidden.case.reference, { id: 'private', status: 'closed', description: 'Internal', createdAt: NOW }, now);
    const shown = await createCase(
      app.store,
      { service: 'report', type: 'problem', submissionId: 'shown', details: {}, public: { serviceCode: 'litter', serviceName: 'Litter', description: '' }, lang: 'en', retentionDays: 30 },
      now,
      secrets,
    );
    await addCaseUpdate(app.store, shown.case.reference, { id: 'public', status: 'closed', description: 'Cleared', createdAt: NOW }, now);
    const range = { service: 'report', from: '2026-11-01T00:00:00.000Z', to: '2027-01-31T00:00:00.000Z', limit: 10 };
    expect((await listCaseUpdates(app.store, range, now)).updates).toEqual([
      { reference: shown.case.reference, update: { id: 'public', status: 'closed', state: 'fixed', description: 'Cleared', createdAt: NOW, externalStatusCode: undefined } },
    ]);
    expect((await listCaseUpdates(app.store, range, new Date(now.getTime() + 31 * DAY_MS))).updates).toEqual([]);
  });
});
