import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, getCase, type NewCase } from '../../functions/core/cases/case-store.ts';
import { candidateReference } from '../../functions/core/cases/reference.ts';
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
    const result = await createCase(store, input(), NOW);
    expect(result.outcome).toBe('created');
    const read = await getCase(store, result.case.reference, NOW);
    expect(read).toMatchObject({ reference: result.case.reference, status: 'open', details: { a: 'b' } });
    expect(read!.expiresAt).toBe(NOW.getTime() / 1000 + 30 * 86_400);
  });

  it('finds the earlier case for the same dedupe key', async () => {
    const store = await table();
    const first = await createCase(store, input(), NOW);
    const second = await createCase(store, input({ submissionId: 'sub-2' }), NOW);
    expect(second).toMatchObject({ outcome: 'duplicate', case: { reference: first.case.reference, submissionId: 'sub-1' } });
  });

  it('recognises the same submission sent again', async () => {
    const store = await table();
    await createCase(store, input(), NOW);
    expect((await createCase(store, input(), NOW)).outcome).toBe('resubmitted');
  });

  it('moves on to the next reference when another case holds the first one', async () => {
    const store = await table();
    const taken = candidateReference(0, 'missed|1|blue|2026-12-01');
    const other = await createCase(store, input({ dedupeKey: 'other', submissionId: 'x' }), NOW);
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
    const ours = await createCase(store, input(), NOW);
    expect(ours.outcome).toBe('created');
    expect(ours.case.reference).toBe(candidateReference(1, 'missed|1|blue|2026-12-01'));
    // And a repeat of ours still finds it, past the collision.
    expect((await createCase(store, input({ submissionId: 'sub-3' }), NOW)).outcome).toBe('duplicate');
  });

  it('treats an expired case as gone, and lets its reference be used again', async () => {
    const store = await table();
    const first = await createCase(store, input({ retentionDays: 1 }), NOW);
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    expect(await getCase(store, first.case.reference, later)).toBeUndefined();
    const again = await createCase(store, input({ submissionId: 'sub-9' }), later);
    expect(again).toMatchObject({ outcome: 'created', case: { reference: first.case.reference, submissionId: 'sub-9' } });
  });
});
