/**
 * The core queue's restriction filter (`restrictedVisible`): care cases are left out for a reader
 * without the care role, page by page and in the export's rows, at a bounded cost even where a
 * partition holds nothing but care cases; a care reader sees them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredCase } from '../../functions/core/cases/case-store.ts';
import { isVisibleCase, listQueue, queueRows, type QueueFilters } from '../../functions/core/cases/queue.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { mayViewCase, visibleRestrictions } from '../../functions/staff/auth/roles.ts';
import { embeddedStore } from '../support/harness.ts';
import { caseOf, putCases } from './queue-support.ts';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let store: CouncilStore;
const secrets = new LocalSecrets();
const NOW = new Date('2026-12-01T10:00:00Z');
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);
const LATER = minutes(10_000);
let care: StoredCase[];
let plain: StoredCase[];

beforeAll(async () => {
  server = await embeddedStore();
  const client = createStoreClient({ endpoint: server.endpoint });
  store = { client, tableName: `care-queue-${process.pid}` };
  await ensureTable(client, store.tableName);
  // The 10 plain cases are the oldest; 120 care requests came after them, so a newest-first page meets the care cases first.
  plain = await Promise.all(Array.from({ length: 10 }, (_, i) => caseOf(secrets, { at: minutes(i), service: 'forms', type: 'care-needs-assessment', public: undefined })));
  care = await Promise.all(Array.from({ length: 120 }, (_, i) => caseOf(secrets, { at: minutes(100 + i), service: 'forms', type: 'care-needs-assessment', public: undefined, restrictedTo: 'care' })));
  await putCases(store, [...plain, ...care]);
});

afterAll(() => server?.close());

async function everyPage(filters: QueueFilters, pageSize: number) {
  const refs: string[] = [];
  let requests = 0;
  let cursor: string | undefined;
  do {
    const page = await listQueue(store, { filters, pageSize, cursor }, LATER);
    refs.push(...page.cases.map((c) => c.reference));
    requests += page.requests;
    cursor = page.cursor;
  } while (cursor);
  return { refs, requests };
}

const refsOf = (cases: StoredCase[]) => cases.map((c) => c.reference).sort();

describe('the queue for staff without the care role', () => {
  it('leaves every care case out, whichever index serves the page', async () => {
    for (const filters of [{}, { service: 'forms' }, { service: 'forms', type: 'care-needs-assessment' }, { states: ['submitted' as const] }]) {
      const { refs } = await everyPage({ ...filters, restrictedVisible: [] }, 50);
      expect(refs.sort()).toEqual(refsOf(plain));
    }
  });

  it('reads a partition of hidden care cases in a few large steps, not a page at a time', async () => {
    const { refs, requests } = await everyPage({ service: 'forms', type: 'care-needs-assessment', restrictedVisible: [] }, 50);

    expect(refs).toHaveLength(10);
    // A page and one more (51), then the rest in one step of 200: two requests for 130 items.
    expect(requests).toBeLessThanOrEqual(2);
  });

  it('streams the export’s rows without a care case', async () => {
    const rows: string[] = [];
    for await (const c of queueRows(store, { service: 'forms', restrictedVisible: [] }, LATER)) rows.push(c.reference);

    expect(rows.sort()).toEqual(refsOf(plain));
  });
});

describe('the queue for care staff', () => {
  it('lists the care cases beside the others, newest first, in pages', async () => {
    const { refs } = await everyPage({ service: 'forms', type: 'care-needs-assessment', restrictedVisible: ['care'] }, 50);

    expect(refs).toHaveLength(130);
    expect(refs.slice(0, 3)).toEqual(care.slice(-3).reverse().map((c) => c.reference));
    expect(new Set(refs).size).toBe(130);
  });

  it('hides a case restricted to a team the reader is not in, and one restricted to a name nobody knows', () => {
    expect(isVisibleCase({ restrictedTo: 'care' }, ['care'])).toBe(true);
    expect(isVisibleCase({ restrictedTo: 'care' }, [])).toBe(false);
    expect(isVisibleCase({}, [])).toBe(true);
    expect(visibleRestrictions(['officer', 'care'])).toEqual(['care']);
    expect(visibleRestrictions(['supervisor', 'admin', 'viewer', 'officer'])).toEqual([]);
    expect(mayViewCase(['supervisor'], { restrictedTo: 'care' })).toBe(false);
    expect(mayViewCase(['officer', 'care'], { restrictedTo: 'care' })).toBe(true);
    expect(mayViewCase(['officer', 'care'], { restrictedTo: 'data-protection' })).toBe(false);
    expect(mayViewCase(['viewer'], {})).toBe(true);
  });
});
