import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseUpdate, CaseNotFoundError, createCase, getCase, listCases, type NewCase } from '../../functions/core/cases/case-store.ts';
import { candidateReference } from '../../functions/core/cases/reference.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let n = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

async function table(): Promise<CouncilStore> {
  const client = createStoreClient({ endpoint: server.endpoint });
  const tableName = `cases-${++n}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}

const NOW = new Date('2026-12-01T10:00:00Z');
const REFERENCE_KEY = 'council-reference-key-for-tests';
const secrets = new LocalSecrets({ values: { 'reference-key': REFERENCE_KEY } });
const input = (over: Partial<NewCase> = {}): NewCase => ({
  service: 'bins',
  type: 'missed-collection',
  dedupeKey: 'missed|1|blue|2026-12-01',
  submissionId: 'sub-1',
  details: { a: 'b' },
  lang: 'en',
  retentionDays: 30,
  ...over,
});

describe('the case store', () => {
  it('stores a case under its reference, with an expiry from its retention', async () => {
    const store = await table();
    const result = await createCase(store, input(), NOW, secrets);
    expect(result.outcome).toBe('created');
    const read = await getCase(store, result.case.reference, NOW);
    expect(read).toMatchObject({ reference: result.case.reference, status: 'open', details: { a: 'b' } });
    expect(read!.expiresAt).toBe(NOW.getTime() / 1000 + 30 * 86_400);
  });

  it('finds the earlier case for the same dedupe key', async () => {
    const store = await table();
    const first = await createCase(store, input(), NOW, secrets);
    const second = await createCase(store, input({ submissionId: 'sub-2' }), NOW, secrets);
    expect(second).toMatchObject({ outcome: 'duplicate', case: { reference: first.case.reference, submissionId: 'sub-1' } });
  });

  it('recognises the same submission sent again', async () => {
    const store = await table();
    await createCase(store, input(), NOW, secrets);
    expect((await createCase(store, input(), NOW, secrets)).outcome).toBe('resubmitted');
  });

  it('moves on to the next reference when another case holds the first one', async () => {
    const store = await table();
    const taken = candidateReference(0, 'missed|1|blue|2026-12-01', REFERENCE_KEY);
    const other = await createCase(store, input({ dedupeKey: 'other', submissionId: 'x' }), NOW, secrets);
    // Put the other case under the reference our key would try first, as a hash collision would.
    await store.client.send(
      new PutItemCommand({
        TableName: store.tableName,
        Item: {
          pk: { S: `CASE#${taken}` },
          sk: { S: 'CASE' },
          reference: { S: taken },
          service: { S: 'bins' },
          type: { S: 'missed-collection' },
          dedupeKey: { S: 'other' },
          submissionId: { S: 'x' },
          details: { S: '{}' },
          lang: { S: 'en' },
          status: { S: 'open' },
          createdAt: { S: NOW.toISOString() },
          retentionDays: { N: '30' },
          expiresAt: { N: String(NOW.getTime() / 1000 + 1000) },
        },
      }),
    );
    expect(other.outcome).toBe('created');
    const ours = await createCase(store, input(), NOW, secrets);
    expect(ours.outcome).toBe('created');
    expect(ours.case.reference).toBe(candidateReference(1, 'missed|1|blue|2026-12-01', REFERENCE_KEY));
    // And a repeat of ours still finds it, past the collision.
    expect((await createCase(store, input({ submissionId: 'sub-3' }), NOW, secrets)).outcome).toBe('duplicate');
  });

  it('treats an expired case as gone, and lets its reference be used again', async () => {
    const store = await table();
    const first = await createCase(store, input({ retentionDays: 1 }), NOW, secrets);
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    expect(await getCase(store, first.case.reference, later)).toBeUndefined();
    const again = await createCase(store, input({ submissionId: 'sub-9' }), later, secrets);
    expect(again).toMatchObject({ outcome: 'created', case: { reference: first.case.reference, submissionId: 'sub-9' } });
  });
});

describe('case updates and lists', () => {
  it('adds public updates and changes the status in one write', async () => {
    const store = await table();
    const { case: c } = await createCase(store, input({ dedupeKey: undefined }), NOW, secrets);
    const later = new Date('2026-12-02T09:00:00Z');
    await addCaseUpdate(store, c.reference, { id: 'u1', status: 'open', description: 'Inspected', createdAt: later.toISOString() }, later);
    await addCaseUpdate(store, c.reference, { id: 'u2', status: 'closed', description: 'Fixed', createdAt: '2026-12-03T09:00:00.000Z', externalStatusCode: 'FIXED' }, later);
    const read = await getCase(store, c.reference, later);
    expect(read).toMatchObject({ status: 'closed', updatedAt: '2026-12-03T09:00:00.000Z' });
    expect(read!.updates.map((u) => [u.id, u.status, u.externalStatusCode])).toEqual([
      ['u1', 'open', undefined],
      ['u2', 'closed', 'FIXED'],
    ]);
  });

  it('refuses an update to a case that does not exist', async () => {
    const store = await table();
    await expect(addCaseUpdate(store, 'ABCD-EFGH', { id: 'u', status: 'closed', description: 'x', createdAt: NOW.toISOString() }, NOW)).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('lists cases changed since a time, latest change first, by service', async () => {
    const store = await table();
    const a = await createCase(store, input({ dedupeKey: 'a', submissionId: 'a', service: 'report', retentionDays: 365 }), new Date('2026-11-01T00:00:00Z'), secrets);
    const b = await createCase(store, input({ dedupeKey: 'b', submissionId: 'b', service: 'report', retentionDays: 365 }), new Date('2026-11-10T00:00:00Z'), secrets);
    await createCase(store, input({ dedupeKey: 'c', submissionId: 'c', service: 'bins', retentionDays: 365 }), new Date('2026-11-11T00:00:00Z'), secrets);
    // An update moves an older case up the list.
    await addCaseUpdate(store, a.case.reference, { id: 'u', status: 'closed', description: 'Done', createdAt: '2026-11-20T00:00:00.000Z' }, NOW);
    const listed = await listCases(store, { changedSince: new Date('2026-11-05T00:00:00Z'), service: 'report', limit: 10 }, NOW);
    expect(listed.map((c) => c.reference)).toEqual([a.case.reference, b.case.reference]);
    expect((await listCases(store, { changedSince: new Date('2026-10-01T00:00:00Z'), limit: 1 }, NOW)).length).toBe(1);
  });
});
