import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { CASE_COUNTS_KEY, countAttribute, fromItem } from '../cases/case-store.ts';
import { caseMedia } from '../data-rights/case-media.ts';
import type { FileStorage } from '../files/port.ts';
import type { Logger } from '../logger.ts';
import type { PhotoStorage } from '../photos/port.ts';
import { documentClient, expiryPartition, StoreUnavailableError, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { draftMedia } from './draft-media.ts';

/**
 * Retention that deletes. DynamoDB's TTL deletes an expired item lazily (typically within 48 hours,
 * never locally) and never touches a case's photos and files in S3, so the council's schedule runs
 * this sweep: it reads the expiry index (TABLE_KEYS.expiryIndex, one partition per UTC day) from the
 * day it reached last time to today, and deletes what has expired:
 * - a case: every item of its partition (the case, its history, a form's output deliveries), its
 *   photos and its files, and its place in the queue's per-state counts;
 * - a draft: the draft and the photos and files on it (a saved draft's files are kept as long as it);
 * - anything else there (resume links, resident sessions and codes, staff sessions): the item.
 *
 * Each delete is conditional on the item still being expired, so a sweep that runs twice, or one that
 * races a resident saving their draft again, deletes nothing live; a case's own item goes last, so a
 * run stopped half way leaves the case findable for the next run to finish.
 *
 * What it does not see: items written before they carried expiry keys (before the expiry index)
 * are not in the index and are left to TTL; a case among them keeps its photos and files until the
 * bucket's lifecycle takes them at the end of the longest retention. A local table rebuilt by
 * ensureTable gives its cases the keys. And what expired more than SWEEP_LOOKBACK_DAYS before the
 * first run: TTL has had it in AWS long since (locally, reads pass it over).
 */

/** Index entries handled per run at most: the schedule runs every 5 minutes, so about 57,600 a day. */
export const SWEEP_LIMIT = 200;
/**
 * Where a first run (no cursor yet) starts: days before today. TTL has deleted what expired earlier
 * than that in AWS (within a day or two), and a kept photo or file outlives its case only until its
 * bucket's lifecycle rule; a first run reading a year of empty days would cost 366 queries.
 */
export const SWEEP_LOOKBACK_DAYS = 31;
/** Day partitions read per run at most, so a long gap (or a first run) costs a bounded run; the rest next time. */
export const SWEEP_MAX_DAYS = 400;
/** Items handled at once: each is a few dependent requests, and the store serves several in parallel. */
const CONCURRENCY = 16;

export interface SweepDeps {
  store: CouncilStore;
  photos?: PhotoStorage;
  files?: FileStorage;
  logger: Logger;
}

export interface SweepOptions {
  /** Index entries handled in this run at most (SWEEP_LIMIT). */
  limit?: number;
  /** Day partitions read in this run at most (SWEEP_MAX_DAYS). */
  maxDays?: number;
}

export interface SweepResult {
  cases: number;
  drafts: number;
  /** Other items deleted: resume links, sessions, codes, and a case's other items found in the index by themselves. */
  other: number;
  photos: number;
  files: number;
  /**
   * Entries that could not be handled (e.g. storage refused a delete; logged by error name): passed
   * over, so one cannot hold up the rest, and left to TTL and the buckets' lifecycle rules.
   */
  failed?: number;
  /** The day partition the next run starts at. */
  cursorDay?: string;
}

type Item = Record<string, NativeAttributeValue>;

const CURSOR_KEY = { [TABLE_KEYS.partitionKey]: 'SWEEP#CURSOR', [TABLE_KEYS.sortKey]: 'SWEEP' };

/** Where the last run stopped: a day, and within it the index position of the last entry handled. */
interface Cursor {
  day: string;
  after?: Item;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const nextDay = (day: string) => dayOf(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
const names = { '#exp': TABLE_KEYS.ttlAttribute };

/**
 * Deletes what has expired by `now`, up to `limit` index entries, and moves the cursor on.
 *
 * @example
 * const swept = await sweepExpired({ store, photos, files, logger }, now);
 * logger.info('scheduled tasks', { sweptCases: swept.cases, sweptPhotos: swept.photos });
 */
export async function sweepExpired(deps: SweepDeps, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const limit = Math.max(0, Math.floor(options.limit ?? SWEEP_LIMIT));
  const maxDays = Math.max(1, Math.floor(options.maxDays ?? SWEEP_MAX_DAYS));
  const doc = documentClient(deps.store);
  const result: SweepResult = { cases: 0, drafts: 0, other: 0, photos: 0, files: 0, failed: 0 };
  const today = dayOf(now.getTime());
  const stored = await readCursor(deps.store);
  // A clock behind the cursor (a fixed test clock, a host moved back) has nothing new to sweep.
  let cursor: Cursor = stored && stored.day <= today ? stored : { day: dayOf(now.getTime() - SWEEP_LOOKBACK_DAYS * DAY_MS) };
  if (stored && stored.day > today) return { ...result, cursorDay: stored.day };
  // Everything whose expiry (epoch seconds, the sort key's first part) is at or before now.
  const upTo = `${String(Math.floor(now.getTime() / 1000)).padStart(12, '0')}#\uffff`;
  let handled = 0;
  let days = 0;
  try {
    while (handled < limit && days < maxDays) {
      days++;
      let start = cursor.after && String(cursor.after[TABLE_KEYS.expiryIndex.sortKey]) <= upTo ? cursor.after : undefined;
      let dayDone = !!cursor.after && !start;
      while (!dayDone && handled < limit) {
        const page = await storeCall(() =>
          doc.send(
            new QueryCommand({
              TableName: deps.store.tableName,
              IndexName: TABLE_KEYS.expiryIndex.name,
              KeyConditionExpression: '#pk = :p AND #sk <= :upTo',
              ExpressionAttributeNames: { '#pk': TABLE_KEYS.expiryIndex.partitionKey, '#sk': TABLE_KEYS.expiryIndex.sortKey },
              ExpressionAttributeValues: { ':p': expiryPartition(cursor.day), ':upTo': upTo },
              Limit: limit - handled,
              ExclusiveStartKey: start,
            }),
          ),
        );
        const entries = page.Items ?? [];
        for (let i = 0; i < entries.length; i += CONCURRENCY) {
          const batch = entries.slice(i, i + CONCURRENCY);
          const outcomes = await Promise.allSettled(batch.map((entry) => sweepEntry(deps, entry, now)));
          for (const o of outcomes) if (o.status === 'fulfilled') add(result, o.value);
          // The store gone: stop here, the cursor before this batch (what went is not listed again), and let the schedule try again.
          const unavailable = outcomes.find((o) => o.status === 'rejected' && o.reason instanceof StoreUnavailableError);
          if (unavailable) throw (unavailable as PromiseRejectedResult).reason;
          for (const o of outcomes) {
            if (o.status === 'fulfilled') continue;
            result.failed!++;
            deps.logger.error('retention sweep: an item could not be deleted', { error: (o.reason as Error)?.name ?? 'Error' });
          }
          handled += batch.length;
          cursor = { day: cursor.day, after: positionOf(batch.at(-1)!) };
        }
        start = page.LastEvaluatedKey;
        dayDone = !start;
      }
      // Today's partition stays the cursor: more of it expires later today.
      if (!dayDone || cursor.day >= today) break;
      cursor = { day: nextDay(cursor.day) };
    }
  } finally {
    await writeCursor(deps.store, cursor, stored);
  }
  return { ...result, cursorDay: cursor.day };
}

function add(total: SweepResult, one: Partial<SweepResult>): void {
  for (const k of ['cases', 'drafts', 'other', 'photos', 'files'] as const) total[k] += one[k] ?? 0;
}

/** The index position of an entry, as ExclusiveStartKey takes it (the index's keys and the table's). */
function positionOf(entry: Item): Item {
  const keys = [TABLE_KEYS.expiryIndex.partitionKey, TABLE_KEYS.expiryIndex.sortKey, TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  return Object.fromEntries(keys.map((k) => [k, entry[k]]));
}

async function readCursor(store: CouncilStore): Promise<Cursor | undefined> {
  const { Item } = await storeCall(() => documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: CURSOR_KEY, ConsistentRead: true })));
  if (typeof Item?.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(Item.day)) return undefined;
  return { day: Item.day, after: Item.after && typeof Item.after === 'object' ? (Item.after as Item) : undefined };
}

async function writeCursor(store: CouncilStore, cursor: Cursor, stored: Cursor | undefined): Promise<void> {
  if (stored && stored.day === cursor.day && JSON.stringify(stored.after) === JSON.stringify(cursor.after)) return;
  // Two sweeps at once each write where they got to; a cursor set back only costs re-reading a few entries.
  await storeCall(() => documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: { ...CURSOR_KEY, day: cursor.day, after: cursor.after } })));
}

const epoch = (now: Date) => Math.floor(now.getTime() / 1000);

function sweepEntry(deps: SweepDeps, entry: Item, now: Date): Promise<Partial<SweepResult>> {
  const pk = String(entry[TABLE_KEYS.partitionKey]);
  const sk = String(entry[TABLE_KEYS.sortKey]);
  if (pk.startsWith('CASE#') && sk === 'CASE') return sweepCase(deps, pk, now);
  if (pk.startsWith('DRAFT#')) return sweepDraft(deps, pk, sk, now);
  return deleteExpired(deps.store, pk, sk, now).then((gone) => ({ other: gone ? 1 : 0 }));
}

/** Deletes one item when it is still there and expired; whether it did. */
async function deleteExpired(store: CouncilStore, pk: string, sk: string, now: Date, extra?: { condition: string; values: Item }): Promise<Item | undefined> {
  try {
    const { Attributes } = await storeCall(() =>
      documentClient(store).send(
        new DeleteCommand({
          TableName: store.tableName,
          Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk },
          ConditionExpression: `#exp <= :now${extra ? ` AND ${extra.condition}` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':now': epoch(now), ...extra?.values },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    return Attributes ?? undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * A case: its partition read (strongly consistent: the case as it is now, not as the index last
 * saw it), its photos and files deleted, its other items, then its own item on condition that it is
 * the same expired case, then its count.
 */
async function sweepCase(deps: SweepDeps, pk: string, now: Date): Promise<Partial<SweepResult>> {
  const doc = documentClient(deps.store);
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await storeCall(() =>
      doc.send(
        new QueryCommand({
          TableName: deps.store.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const own = items.find((i) => i[TABLE_KEYS.sortKey] === 'CASE');
  // Gone already, or a new case has the reference since (an expired case's reference is free again).
  if (!own || !(Number(own[TABLE_KEYS.ttlAttribute]) <= epoch(now))) return {};
  const found = fromItem(own);
  const media = caseMedia(found);
  const removed = { photos: 0, files: 0 };
  if (deps.photos && media.photos.length > 0) {
    await deps.photos.remove(media.photos);
    removed.photos = media.photos.length;
  }
  if (deps.files && media.files.length > 0) {
    await deps.files.remove(media.files);
    removed.files = media.files.length;
  }
  await batchDelete(deps.store, items.filter((i) => i !== own));
  // The same case the partition read found: not one made under its reference since.
  const same = typeof own.createdAt === 'string' ? { condition: 'createdAt = :created', values: { ':created': own.createdAt } } : undefined;
  const gone = await deleteExpired(deps.store, pk, 'CASE', now, same);
  if (!gone) return removed;
  // A restricted (care) case was never counted (queue.ts, queueCounts).
  if (found.restrictedTo === undefined) await uncount(deps.store, found.state, found.createdAt, found.expiresAt);
  return { cases: 1, ...removed };
}

/**
 * Takes the case out of its state's count, once, conditionally: only when the counts include it
 * (the tally has counted cases made up to `countedUntil`), never below zero, and not when the
 * counts were recounted after it expired (recountStates leaves expired cases out; its `recountedAt`,
 * when it writes one). A count already off stays off by no more than before until the next recount.
 */
async function uncount(store: CouncilStore, state: Parameters<typeof countAttribute>[0], createdAt: string, expiresAt: number): Promise<void> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: CASE_COUNTS_KEY,
          UpdateExpression: 'ADD #n :minus',
          ConditionExpression: '#n > :zero AND countedUntil >= :created AND (attribute_not_exists(recountedAt) OR recountedAt < :expired)',
          ExpressionAttributeNames: { '#n': countAttribute(state) },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0, ':created': createdAt, ':expired': new Date(expiresAt * 1000).toISOString() },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** DynamoDB's most items per BatchWriteItem. */
const BATCH = 25;

async function batchDelete(store: CouncilStore, items: Item[]): Promise<void> {
  const doc = documentClient(store);
  for (let i = 0; i < items.length; i += BATCH) {
    let requests = items.slice(i, i + BATCH).map((item) => ({ DeleteRequest: { Key: { [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey], [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey] } } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const out = await storeCall(() => doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } })));
      requests = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
      if (attempt >= 8 && requests.length > 0) throw new StoreUnavailableError(new Error('Unprocessed deletes'));
    }
  }
}

/** A draft: deleted when still expired (a resident may have saved it again since), then what it held. */
async function sweepDraft(deps: SweepDeps, pk: string, sk: string, now: Date): Promise<Partial<SweepResult>> {
  const old = await deleteExpired(deps.store, pk, sk, now);
  if (!old) return {};
  let data: unknown;
  try {
    data = typeof old.data === 'string' ? JSON.parse(old.data) : undefined;
  } catch {
    data = undefined; // answers that are not JSON hold no ids we could read
  }
  const media = draftMedia(data);
  const result = { drafts: 1, photos: 0, files: 0 };
  if (deps.photos && media.photos.length > 0) {
    await deps.photos.remove(media.photos);
    result.photos = media.photos.length;
  }
  if (deps.files && media.files.length > 0) {
    await deps.files.remove(media.files);
    result.files = media.files.length;
  }
  return result;
}
