import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, getDraft, handDraftTo, keepDraftUntil, restoreDraft, saveDraft, takeDraft } from '../../functions/core/drafts/draft-store.ts';
import { createStoreClient, documentClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { embeddedStore } from '../support/harness.ts';

// The draft store's save-and-return functions: a draft kept past its day, and handed to another browser.
const NOW = new Date('2026-12-01T10:00:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const days = (n: number) => hours(24 * n);

let server: Awaited<ReturnType<typeof embeddedStore>>;
let table = 0;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

async function freshStore(): Promise<CouncilStore> {
  const client = createStoreClient({ endpoint: server.endpoint, maxAttempts: 1 });
  const tableName = `drafts-${process.pid}-${++table}`;
  await ensureTable(client, tableName);
  return { client, tableName };
}

async function rawExpiry(store: CouncilStore, id: string): Promise<number | undefined> {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { pk: `DRAFT#${id}`, sk: 'DRAFT' } }));
  return Item?.expiresAt as number | undefined;
}

describe('keepDraftUntil', () => {
  it('keeps a draft past its day, until the date given', async () => {
    const store = await freshStore();
    const draft = await createDraft(store, 'forms', 'owner-a', { step: 1 }, NOW);

    expect(await keepDraftUntil(store, draft.id, 'forms', 'owner-a', days(28), NOW)).toBe(true);

    expect(await getDraft(store, draft.id, 'forms', 'owner-a', hours(25))).toMatchObject({ id: draft.id, data: { step: 1 } });
    expect(await getDraft(store, draft.id, 'forms', 'owner-a', hours(28 * 24 - 1))).toBeDefined();
    expect(await getDraft(store, draft.id, 'forms', 'owner-a', days(28))).toBeUndefined();
    expect(await rawExpiry(store, draft.id)).toBe(days(28).getTime() / 1000);
  });

  it('is not shortened back to a day when the answers are saved again', async () => {
    const store = await freshStore();
    const created = await createDraft(store, 'forms', 'owner-a', { step: 1 }, NOW);
    await keepDraftUntil(store, created.id, 'forms', 'owner-a', days(28), NOW);

    const later = hours(2);
    const draft = (await getDraft<{ step: number }>(store, created.id, 'forms', 'owner-a', later))!;
    expect(draft.keptUntil).toEqual(days(28));
    draft.data.step = 2;
    expect(await saveDraft(store, draft, 'owner-a', later)).toBe(true);

    expect(await getDraft(store, created.id, 'forms', 'owner-a', days(27))).toMatchObject({ data: { step: 2 } });
    expect(await rawExpiry(store, created.id)).toBe(days(28).getTime() / 1000);
  });

  it('keeps the longer life through a take and a restore', async () => {
    const store = await freshStore();
    const created = await createDraft(store, 'forms', 'owner-a', { step: 1 }, NOW);
    await keepDraftUntil(store, created.id, 'forms', 'owner-a', days(10), NOW);

    const taken = (await takeDraft(store, created.id, 'forms', 'owner-a', NOW))!;
    expect(taken.keptUntil).toEqual(days(10));
    await restoreDraft(store, taken, 'owner-a', NOW);

    expect(await getDraft(store, created.id, 'forms', 'owner-a', days(9))).toBeDefined();
  });

  it('a draft never kept keeps its one day when saved, as before', async () => {
    const store = await freshStore();
    const draft = await createDraft(store, 'forms', 'owner-a', { step: 1 }, NOW);
    expect(await saveDraft(store, draft, 'owner-a', hours(1))).toBe(true);

    expect(await getDraft(store, draft.id, 'forms', 'owner-a', hours(24.5))).toBeDefined();
    expect(await getDraft(store, draft.id, 'forms', 'owner-a', hours(25))).toBeUndefined();
    expect((await getDraft(store, draft.id, 'forms', 'owner-a', hours(2)))!.keptUntil).toBeUndefined();
  });

  it('refuses another owner’s draft, another service’s, an expired one and a malformed id', async () => {
    const store = await freshStore();
    const draft = await createDraft(store, 'forms', 'owner-a', {}, NOW);

    expect(await keepDraftUntil(store, draft.id, 'forms', 'owner-b', days(28), NOW)).toBe(false);
    expect(await keepDraftUntil(store, draft.id, 'report', 'owner-a', days(28), NOW)).toBe(false);
    expect(await keepDraftUntil(store, draft.id, 'forms', 'owner-a', days(28), hours(25))).toBe(false);
    expect(await keepDraftUntil(store, 'not-an-id', 'forms', 'owner-a', days(28), NOW)).toBe(false);
    expect(await rawExpiry(store, draft.id)).toBe(hours(24).getTime() / 1000);
  });
});

describe('handDraftTo', () => {
  it('gives the draft to the new owner: their browser opens it, the old one no longer does', async () => {
    const store = await freshStore();
    const draft = await createDraft(store, 'forms', 'owner-a', { answers: { name: 'Ann' } }, NOW);

    const handed = await handDraftTo<{ answers: Record<string, string> }>(store, draft.id, 'forms', 'owner-b', hours(1));

    expect(handed).toEqual({ id: draft.id, service: 'forms', data: { answers: { name: 'Ann' } } });
    expect(await getDraft(store, draft.id, 'forms', 'owner-b', hours(1))).toBeDefined();
    expect(await getDraft(store, draft.id, 'forms', 'owner-a', hours(1))).toBeUndefined();
    expect(await saveDraft(store, draft, 'owner-a', hours(1))).toBe(false);
  });

  it('keeps the draft’s expiry (and its kept date)', async () => {
    const store = await freshStore();
    const draft = await createDraft(store, 'forms', 'owner-a', {}, NOW);
    await keepDraftUntil(store, draft.id, 'forms', 'owner-a', days(28), NOW);

    const handed = await handDraftTo(store, draft.id, 'forms', 'owner-b', days(3));

    expect(handed?.keptUntil).toEqual(days(28));
    expect(await rawExpiry(store, draft.id)).toBe(days(28).getTime() / 1000);
  });

  it('hands nothing when the draft has expired, has been sent, is another service’s or does not exist', async () => {
    const store = await freshStore();
    const expired = await createDraft(store, 'forms', 'owner-a', {}, NOW);
    const sent = await createDraft(store, 'forms', 'owner-a', {}, NOW);
    await takeDraft(store, sent.id, 'forms', 'owner-a', NOW);
    const report = await createDraft(store, 'report', 'owner-a', {}, NOW);

    expect(await handDraftTo(store, expired.id, 'forms', 'owner-b', hours(24))).toBeUndefined();
    expect(await handDraftTo(store, sent.id, 'forms', 'owner-b', NOW)).toBeUndefined();
    expect(await handDraftTo(store, report.id, 'forms', 'owner-b', NOW)).toBeUndefined();
    expect(await handDraftTo(store, 'AAAAAAAAAAAAAAAAAAAAAA', 'forms', 'owner-b', NOW)).toBeUndefined();
    expect(await handDraftTo(store, '../x', 'forms', 'owner-b', NOW)).toBeUndefined();
    // Handing a draft that was not there makes none.
    expect(await rawExpiry(store, sent.id)).toBeUndefined();
    expect(await getDraft(store, report.id, 'report', 'owner-a', NOW)).toBeDefined();
  });
});
