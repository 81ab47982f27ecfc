import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseUpdate,
  CaseNotFoundError,
  CaseUpdateExistsError,
  CaseUpdatesFullError,
  createCase,
  getCase,
  listCases,
  listCasesCreated,
  MAX_CASE_UPDATE_BYTES,
  MAX_CASE_UPDATES,
  type NewCase,
} from '../../functions/core/cases/case-store.ts';
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

describe('references under the council’s secret', () => {
  it('gives the same dedupe key different references under two councils’ secrets, and the same under one', async () => {
    const store = await table();
    const other = new LocalSecrets({ values: { 'reference-key': 'another-councils-key' } });
    const ours = await createCase(store, input(), NOW, secrets);
    const theirs = await createCase(await table(), input(), NOW, other);
    expect(theirs.case.reference).not.toBe(ours.case.reference);
    expect(await createCase(store, input({ submissionId: 'sub-2' }), NOW, new LocalSecrets({ values: { 'reference-key': REFERENCE_KEY } }))).toMatchObject({
      outcome: 'duplicate',
      case: { reference: ours.case.reference },
    });
  });
});

describe('the duplicate window', () => {
  it('finds the earlier case within the window and makes a new one after it', async () => {
    const store = await table();
    const windowed = (over: Partial<NewCase> = {}) => input({ dedupeKey: 'report|same', submissionId: 'same', dedupeWindowHours: 24, ...over });
    const first = await createCase(store, windowed(), NOW, secrets);
    expect(await createCase(store, windowed(), new Date(NOW.getTime() + 23 * 3_600_000), secrets)).toMatchObject({ outcome: 'resubmitted', case: { reference: first.case.reference } });
    const later = await createCase(store, windowed(), new Date(NOW.getTime() + 25 * 3_600_000), secrets);
    expect(later.outcome).toBe('created');
    expect(later.case.reference).not.toBe(first.case.reference);
  });
});

describe('updates on a case', () => {
  const update = (id: string, at = '2026-12-02T09:00:00.000Z', description = 'Inspected') => ({ id, status: 'open' as const, description, createdAt: at });

  it('adds an update once when two writes of the same id race', async () => {
    const store = await table();
    const { case: c } = await createCase(store, input({ dedupeKey: undefined }), NOW, secrets);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => addCaseUpdate(store, c.reference, update('same-id'), NOW)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(CaseUpdateExistsError);
      expect((r.reason as CaseUpdateExistsError).existing.id).toBe('same-id');
    }
    expect((await getCase(store, c.reference, NOW))!.updates.map((u) => u.id)).toEqual(['same-id']);
  });

  it('refuses more updates once a case holds the most it may, well under the 400 KB item limit', async () => {
    const store = await table();
    const { case: c } = await createCase(store, input({ dedupeKey: undefined }), NOW, secrets);
    for (let i = 0; i < MAX_CASE_UPDATES; i++) await addCaseUpdate(store, c.reference, update(`u${i}`), NOW);
    await expect(addCaseUpdate(store, c.reference, update('one-too-many'), NOW)).rejects.toBeInstanceOf(CaseUpdatesFullError);
    expect((await getCase(store, c.reference, NOW))!.updates).toHaveLength(MAX_CASE_UPDATES);
  });

  it('counts the bytes of long updates too, so a case stays under 400 KB', async () => {
    const store = await table();
    const { case: c } = await createCase(store, input({ dedupeKey: undefined }), NOW, secrets);
    // 4,000 characters of three-byte text: 12 KB an update.
    const long = '€'.repeat(4000);
    let added = 0;
    for (;;) {
      try {
        await addCaseUpdate(store, c.reference, update(`long-${added}`, undefined, long), NOW);
        added++;
      } catch (error) {
        expect(error).toBeInstanceOf(CaseUpdatesFullError);
        break;
      }
    }
    expect(added).toBeLessThan(MAX_CASE_UPDATES);
    expect(added * 12_000).toBeLessThanOrEqual(MAX_CASE_UPDATE_BYTES);
    expect(MAX_CASE_UPDATE_BYTES).toBeLessThanOrEqual(250 * 1024);
  });
});

describe('the list of cases made in a range', () => {
  it('reads only the page and one more, however many older cases the range starts before', async () => {
    const store = await table();
    const made = async (at: string, i: number) =>
      createCase(store, input({ dedupeKey: undefined, submissionId: `s${i}`, service: 'report', retentionDays: 365 }), new Date(at), secrets);
    for (let i = 0; i < 30; i++) await made(`2026-11-${String(1 + i).padStart(2, '0')}T10:00:00.000Z`, i);
    const page = await listCasesCreated(store, { service: 'report', from: '2026-09-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z', skip: 0, take: 5 }, NOW);
    expect(page.cases.map((c) => c.createdAt.slice(0, 10))).toEqual(['2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26']);
    expect(page.more).toBe(true);
    expect(page.itemsRead).toBe(6);
    const second = await listCasesCreated(store, { service: 'report', from: '2026-09-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z', skip: 5, take: 5 }, NOW);
    expect(second.cases[0].createdAt.slice(0, 10)).toBe('2026-11-25');
    const last = await listCasesCreated(store, { service: 'report', from: '2026-11-29T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z', skip: 0, take: 5 }, NOW);
    expect(last).toMatchObject({ more: false, itemsRead: 2 });
  });

  it('counts store requests through the document client as before', async () => {
    const commands: string[] = [];
    const client = createStoreClient({ endpoint: server.endpoint, onRequest: (name) => commands.push(name) });
    const tableName = `cases-${++n}`;
    await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
    const store = { client, tableName };
    const { case: c } = await createCase(store, input({ dedupeKey: undefined }), NOW, secrets);
    await getCase(store, c.reference, NOW);
    expect(commands).toEqual(['PutItemCommand', 'GetItemCommand']);
  });
});
