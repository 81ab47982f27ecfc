import { CreateTableCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCase, changeState, staffActor } from '../../functions/core/cases/case-actions.ts';
import { caseItem, createCase, getCase, type NewCase, type StoredCase } from '../../functions/core/cases/case-store.ts';
import type { CaseChannel, CaseState } from '../../functions/core/cases/lifecycle.ts';
import { listQueue, queueCounts, queueRows, QueueCursorError, recountStates, searchCases, tallyNewCases, type QueueFilters } from '../../functions/core/cases/queue.ts';
import { randomReference } from '../../functions/core/cases/reference.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, documentClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { council, embeddedStore } from '../support/harness.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let n = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

/** A fresh table whose client counts the store requests sent. */
async function table(): Promise<CouncilStore & { requests: () => number }> {
  let count = 0;
  const client = createStoreClient({ endpoint: server.endpoint, onRequest: () => count++ });
  const tableName = `queue-${++n}`;
  await ensureTable(client, tableName);
  return { client, tableName, requests: () => count };
}

const NOW = new Date('2026-12-01T10:00:00Z');
const secrets = new LocalSecrets();
const officer = staffActor({ sub: 'officer-1', name: 'Olu Officer' });
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);

const newCase = (over: Partial<NewCase> = {}): NewCase => ({
  service: 'report',
  type: 'pothole',
  submissionId: `s-${Math.random()}`,
  details: {},
  lang: 'en',
  retentionDays: 30,
  ...over,
});

/** A case as bulk-loaded (the bench's way): `i` minutes after NOW, in a state, with a channel. */
function seeded(i: number, over: Partial<StoredCase> = {}): StoredCase {
  const at = minutes(i).toISOString();
  return {
    reference: randomReference(),
    service: 'report',
    type: 'pothole',
    submissionId: `seed-${i}`,
    details: {},
    lang: 'en',
    retentionDays: 30,
    state: 'submitted',
    status: 'open',
    channel: 'online',
    version: 0,
    createdAt: at,
    updatedAt: at,
    updates: [],
    expiresAt: Math.floor(NOW.getTime() / 1000) + 30 * 86_400,
    notificationAttempts: 0,
    ...over,
  };
}

async function load(store: CouncilStore, cases: StoredCase[]): Promise<void> {
  for (let i = 0; i < cases.length; i += 25) {
    await documentClient(store).send(new BatchWriteCommand({ RequestItems: { [store.tableName]: cases.slice(i, i + 25).map((c) => ({ PutRequest: { Item: caseItem(c) } })) } }));
  }
}

async function all(store: CouncilStore, filters: QueueFilters, pageSize = 2): Promise<string[]> {
  const refs: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listQueue(store, { filters, pageSize, cursor }, minutes(10_000));
    refs.push(...page.cases.map((c) => c.reference));
    cursor = page.cursor;
  } while (cursor);
  return refs;
}

describe('the queue', () => {
  it('lists every module’s cases newest change first, a page at a time, each once', async () => {
    const store = await table();
    const cases = [
      seeded(1),
      seeded(2, { service: 'bins', type: 'missed-collection' }),
      seeded(3, { updatedAt: minutes(50).toISOString() }),
      seeded(4, { service: 'bins', type: 'missed-collection' }),
      seeded(5),
    ];
    await load(store, cases);
    expect(await all(store, {})).toEqual([cases[2], cases[4], cases[3], cases[1], cases[0]].map((c) => c.reference));
  });

  it('filters by service, type, states, assignee, channel and dates', async () => {
    const store = await table();
    const mine = { sub: 'officer-1', name: 'Olu Officer' };
    const c = [
      seeded(1, { state: 'investigating', assignedTo: mine }),
      seeded(2, { service: 'bins', type: 'missed-collection', channel: 'phone' }),
      seeded(3, { type: 'litter', state: 'fixed', status: 'closed', channel: 'open311' }),
      seeded(4, { state: 'in-progress', assignedTo: { sub: 'officer-2', name: 'Bea' } }),
      seeded(5, { channel: 'face-to-face' }),
    ];
    await load(store, c);
    const refs = (...i: number[]) => i.map((k) => c[k].reference);
    expect(await all(store, { service: 'bins' })).toEqual(refs(1));
    expect(await all(store, { service: 'report', type: 'litter' })).toEqual(refs(2));
    expect(await all(store, { states: ['fixed'] })).toEqual(refs(2));
    expect(await all(store, { states: ['investigating', 'in-progress'] })).toEqual(refs(3, 0));
    expect(await all(store, { assigned: 'officer-1' })).toEqual(refs(0));
    expect(await all(store, { assigned: 'unassigned' })).toEqual(refs(4, 2, 1));
    expect(await all(store, { channels: ['phone', 'face-to-face'] })).toEqual(refs(4, 1));
    expect(await all(store, { changed: { from: minutes(2).toISOString(), to: minutes(4).toISOString() } })).toEqual(refs(3, 2, 1));
    expect(await all(store, { created: { to: minutes(2).toISOString() }, service: 'report' })).toEqual(refs(0));
    expect(await all(store, { assigned: 'unassigned', states: ['submitted'], service: 'report' })).toEqual(refs(4));
  });

  it('reads the page it returns and one more when its index serves the filters, however many other cases the table holds', async () => {
    const store = await table();
    // The others changed more recently: a query of every case would read past them all first.
    const others = Array.from({ length: 300 }, (_, i) => seeded(100 + i, { state: 'fixed', status: 'closed' }));
    const wanted = Array.from({ length: 12 }, (_, i) => seeded(i, { state: 'investigating' }));
    await load(store, [...others, ...wanted]);
    const before = store.requests();
    const page = await listQueue(store, { filters: { states: ['investigating'] }, pageSize: 10 }, NOW);
    expect(page.cases).toHaveLength(10);
    expect(page).toMatchObject({ requests: 1, itemsRead: 11 });
    expect(store.requests() - before).toBe(1);
    const last = await listQueue(store, { filters: { states: ['investigating'] }, pageSize: 10, cursor: page.cursor }, NOW);
    expect(last.cases.map((x) => x.reference)).toEqual([wanted[1], wanted[0]].map((x) => x.reference));
    expect(last.cursor).toBeUndefined();
  });

  it('refuses a cursor it did not give, or one from another queue', async () => {
    const store = await table();
    await load(store, [seeded(1), seeded(2), seeded(3, { state: 'fixed', status: 'closed' })]);
    const { cursor } = await listQueue(store, { filters: {}, pageSize: 1 }, NOW);
    expect(cursor).toBeDefined();
    await expect(listQueue(store, { filters: { states: ['fixed'] }, pageSize: 1, cursor }, NOW)).rejects.toBeInstanceOf(QueueCursorError);
    for (const bad of ['not-base64!', Buffer.from('{"i":"gsi2","k":{"pk":"STAFFSESSION#x","sk":"SESSION","gsi2pk":"CASES","gsi2sk":"x"}}').toString('base64url'), 'e30']) {
      await expect(listQueue(store, { filters: {}, pageSize: 1, cursor: bad }, NOW)).rejects.toBeInstanceOf(QueueCursorError);
    }
  });

  it('streams every matching row for the export, past any page size', async () => {
    const store = await table();
    const cases = Array.from({ length: 1203 }, (_, i) => seeded(i, { channel: i % 2 ? 'phone' : 'online' }));
    await load(store, cases);
    let rows = 0;
    const seen = new Set<string>();
    for await (const c of queueRows(store, { channels: ['phone'] }, NOW)) {
      rows++;
      seen.add(c.reference);
    }
    expect(rows).toBe(601);
    expect(seen.size).toBe(601);
  });

  it('follows a case into its new state and assignee partitions when it changes', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const c = (await createCase(store, newCase(), NOW, secrets)).case;
    await changeState(store, hackney, c, { state: 'investigating', actionId: 'a', by: officer }, minutes(1));
    await assignCase(store, (await getCase(store, c.reference, NOW))!, { to: { sub: 'officer-1', name: 'Olu' }, actionId: 'b', by: officer }, minutes(2));
    expect(await all(store, { states: ['submitted'] })).toEqual([]);
    expect(await all(store, { states: ['investigating'] })).toEqual([c.reference]);
    expect(await all(store, { assigned: 'officer-1' })).toEqual([c.reference]);
    expect(await all(store, { assigned: 'unassigned' })).toEqual([]);
    expect(await all(store, { changed: { from: minutes(2).toISOString() } })).toEqual([c.reference]);
  });
});

describe('a local table from before the queue', () => {
  it('is rebuilt with its cases in the queue’s indexes, in the state their status meant', async () => {
    const client = createStoreClient({ endpoint: server.endpoint });
    const tableName = `queue-old-${++n}`;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      }),
    );
    const old = {
      pk: { S: 'CASE#ABCD-2345' },
      sk: { S: 'CASE' },
      reference: { S: 'ABCD-2345' },
      service: { S: 'report' },
      type: { S: 'pothole' },
      status: { S: 'closed' },
      createdAt: { S: NOW.toISOString() },
      expiresAt: { N: String(NOW.getTime() / 1000 + 30 * 86_400) },
    };
    await client.send(new PutItemCommand({ TableName: tableName, Item: old }));
    await ensureTable(client, tableName);
    const store = { client, tableName };
    expect(await all(store, { states: ['fixed'] })).toEqual(['ABCD-2345']);
    expect(await all(store, { service: 'report', type: 'pothole' })).toEqual(['ABCD-2345']);
    expect(await all(store, { assigned: 'unassigned', service: 'report' })).toEqual(['ABCD-2345']);
  });
});

describe('the counts per state', () => {
  it('counts new cases once tallied, and moves with every state change', async () => {
    const store = await table();
    const hackney = await council('hackney');
    const a = (await createCase(store, newCase(), NOW, secrets)).case;
    await createCase(store, newCase({ service: 'bins', type: 'missed-collection' }), NOW, secrets);
    expect((await queueCounts(store)).counts.submitted).toBe(0);
    expect(await tallyNewCases(store, ['report', 'bins'], minutes(5))).toBe(2);
    // Tallied once, however often (or concurrently) the tally runs.
    await Promise.all([tallyNewCases(store, ['report', 'bins'], minutes(6)), tallyNewCases(store, ['report', 'bins'], minutes(6))]);
    await changeState(store, hackney, a, { state: 'fixed', actionId: 'f', by: officer }, minutes(7));
    const { counts, countedUntil } = await queueCounts(store);
    expect(counts).toMatchObject({ submitted: 1, fixed: 1, investigating: 0 });
    // Up to a minute before the latest tally: a case is stored within its request of its creation time.
    expect(countedUntil).toBe(minutes(5).toISOString());
    expect(await recountStates(store, minutes(8))).toMatchObject({ submitted: 1, fixed: 1 });
  });
});

describe('searching cases', () => {
  it('finds a resident’s cases by email or phone however typed, by postcode and by reference', async () => {
    const store = await table();
    const ann = (await createCase(store, newCase({ details: { email: 'Ann.Resident@Example.com', phone: '020 7946 0000', address: '41 Linscott Road, London E5 0LH' } }), NOW, secrets)).case;
    const other = (await createCase(store, newCase({ details: { email: 'bob@example.com' }, public: { serviceCode: 'x', serviceName: 'X', description: '', address: 'Mare Street, E8 1HE' } }), NOW, secrets)).case;
    const refs = (cs: StoredCase[]) => cs.map((c) => c.reference);
    expect(refs(await searchCases(store, { email: ' ann.resident@example.COM ' }, secrets, NOW))).toEqual([ann.reference]);
    expect(refs(await searchCases(store, { phone: '+44 20 7946 0000' }, secrets, NOW))).toEqual([ann.reference]);
    expect(refs(await searchCases(store, { postcode: 'e50lh' }, secrets, NOW))).toEqual([ann.reference]);
    expect(refs(await searchCases(store, { postcode: 'E8 1HE' }, secrets, NOW))).toEqual([other.reference]);
    expect(refs(await searchCases(store, { reference: other.reference.toLowerCase() }, secrets, NOW))).toEqual([other.reference]);
    expect(await searchCases(store, { email: 'nobody@example.com' }, secrets, NOW)).toEqual([]);
    expect(await searchCases(store, { postcode: 'not a postcode' }, secrets, NOW)).toEqual([]);
  });

  it('keeps the resident’s email and phone out of every key and index', async () => {
    const store = await table();
    await createCase(store, newCase({ details: { email: 'ann@example.com', phone: '02079460000' } }), NOW, secrets);
    const { Items = [] } = await store.client.send(new ScanCommand({ TableName: store.tableName }));
    const keys = Items.flatMap((item) => Object.entries(item).filter(([name]) => /^(pk|sk|gsi\d+(pk|sk))$/.test(name)).map(([, v]) => v.S ?? ''));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      expect(key).not.toContain('ann@example.com');
      expect(key).not.toContain('02079460000');
    }
  });
});

// Keep the imports honest for the type-only names.
export type { CaseChannel, CaseState };
