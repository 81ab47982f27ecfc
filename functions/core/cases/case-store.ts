import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { Language } from '../language.ts';
import { storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { candidateReference } from './reference.ts';

/** A message to send once the case is safely stored, kept on the case until it has gone. */
export interface CaseNotification {
  template: string;
  lang: Language;
  to: string;
  personalisation: Record<string, string>;
}

export interface NewCase {
  /** The module that owns the case, e.g. "bins". */
  service: string;
  /** The kind of case, e.g. "missed-collection". */
  type: string;
  /** Two submissions with the same dedupe key are the same case. */
  dedupeKey?: string;
  /** Identifies one submission, so a retried submission is recognised as itself and not as a duplicate. */
  submissionId: string;
  /** What the resident told us; shown to officers. */
  details: Record<string, string>;
  lang: Language;
  retentionDays: number;
  notification?: CaseNotification;
}

export interface StoredCase extends Omit<NewCase, 'notification'> {
  reference: string;
  status: 'open' | 'closed';
  createdAt: string;
  expiresAt: number;
  notification?: CaseNotification;
  notificationAttempts: number;
  /** When the pending notification should next be tried; absent once sent. */
  notificationDueAt?: string;
}

export type CreateCaseResult =
  | { outcome: 'created'; case: StoredCase }
  /** The same submission arrived again (e.g. a retry after a lost response). */
  | { outcome: 'resubmitted'; case: StoredCase }
  /** An earlier report with the same dedupe key. */
  | { outcome: 'duplicate'; case: StoredCase };

const MAX_PROBES = 8;
const NOTIFY_QUEUE = 'NOTIFY';

const caseKey = (reference: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: `CASE#${reference}` },
  [TABLE_KEYS.sortKey]: { S: 'CASE' },
});

function toItem(c: StoredCase): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    ...caseKey(c.reference),
    reference: { S: c.reference },
    service: { S: c.service },
    type: { S: c.type },
    submissionId: { S: c.submissionId },
    details: { S: JSON.stringify(c.details) },
    lang: { S: c.lang },
    status: { S: c.status },
    createdAt: { S: c.createdAt },
    retentionDays: { N: String(c.retentionDays) },
    [TABLE_KEYS.ttlAttribute]: { N: String(c.expiresAt) },
    notificationAttempts: { N: String(c.notificationAttempts) },
  };
  if (c.dedupeKey) item.dedupeKey = { S: c.dedupeKey };
  if (c.notification) item.notification = { S: JSON.stringify(c.notification) };
  if (c.notificationDueAt) {
    item[TABLE_KEYS.index.partitionKey] = { S: NOTIFY_QUEUE };
    item[TABLE_KEYS.index.sortKey] = { S: `${c.notificationDueAt}#${c.reference}` };
  }
  return item;
}

function fromItem(item: Record<string, AttributeValue>): StoredCase {
  const dueKey = item[TABLE_KEYS.index.sortKey]?.S;
  return {
    reference: item.reference.S!,
    service: item.service.S!,
    type: item.type.S!,
    dedupeKey: item.dedupeKey?.S,
    submissionId: item.submissionId.S!,
    details: JSON.parse(item.details.S!),
    lang: item.lang.S as Language,
    status: item.status.S as StoredCase['status'],
    createdAt: item.createdAt.S!,
    retentionDays: Number(item.retentionDays.N),
    expiresAt: Number(item[TABLE_KEYS.ttlAttribute].N),
    notification: item.notification?.S ? JSON.parse(item.notification.S) : undefined,
    notificationAttempts: Number(item.notificationAttempts?.N ?? 0),
    notificationDueAt: dueKey ? dueKey.split('#')[0] : undefined,
  };
}

/** TTL deletion is lazy in DynamoDB (and absent locally), so every read treats expired items as gone. */
function isLive(item: Record<string, AttributeValue> | undefined, now: Date): item is Record<string, AttributeValue> {
  return !!item && Number(item[TABLE_KEYS.ttlAttribute]?.N ?? Infinity) > now.getTime() / 1000;
}

/**
 * Stores a new case in one conditional write, so it is either wholly there or not at all.
 * The reference is the case's key: with a dedupe key, the references probed are fixed by the key,
 * so a repeat report lands on the earlier case instead of creating another.
 */
export async function createCase(store: CouncilStore, input: NewCase, now: Date): Promise<CreateCaseResult> {
  for (let attempt = 0; attempt < MAX_PROBES; attempt++) {
    const reference = candidateReference(attempt, input.dedupeKey);
    const stored: StoredCase = {
      ...input,
      reference,
      status: 'open',
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + input.retentionDays * 86_400,
      notificationAttempts: 0,
      notificationDueAt: input.notification ? now.toISOString() : undefined,
    };
    try {
      await storeCall(() =>
        store.client.send(
          new PutItemCommand({
            TableName: store.tableName,
            Item: toItem(stored),
            // An expired case may be overwritten: its reference is free again.
            ConditionExpression: 'attribute_not_exists(pk) OR #exp < :now',
            ExpressionAttributeNames: { '#exp': TABLE_KEYS.ttlAttribute },
            ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
          }),
        ),
      );
      return { outcome: 'created', case: stored };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const existing = await getCase(store, reference, now);
    if (!existing) continue; // expired between the write and the read: try the same reference again
    if (existing.submissionId === input.submissionId) return { outcome: 'resubmitted', case: existing };
    if (input.dedupeKey !== undefined && existing.dedupeKey === input.dedupeKey) return { outcome: 'duplicate', case: existing };
    // A different case holds this reference: probe the next one.
  }
  throw new Error('Could not find a free case reference');
}

/** Reads one case by reference; undefined when there is none (or it has expired). */
export async function getCase(store: CouncilStore, reference: string, now: Date): Promise<StoredCase | undefined> {
  const { Item } = await storeCall(() =>
    store.client.send(new GetItemCommand({ TableName: store.tableName, Key: caseKey(reference), ConsistentRead: true })),
  );
  return isLive(Item, now) ? fromItem(Item) : undefined;
}

/** Cases whose notification is due by `now`, oldest first. */
export async function casesWithDueNotifications(store: CouncilStore, now: Date, limit = 25): Promise<StoredCase[]> {
  const { Items = [] } = await storeCall(() =>
    store.client.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: TABLE_KEYS.index.name,
        KeyConditionExpression: '#pk = :queue AND #sk <= :due',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.index.partitionKey, '#sk': TABLE_KEYS.index.sortKey },
        ExpressionAttributeValues: { ':queue': { S: NOTIFY_QUEUE }, ':due': { S: `${now.toISOString()}#~` } },
        Limit: limit,
      }),
    ),
  );
  return Items.filter((i) => isLive(i, now)).map(fromItem);
}

/** The notification has gone: take the case off the queue. */
export async function markNotificationSent(store: CouncilStore, reference: string): Promise<void> {
  await storeCall(() =>
    store.client.send(
      new UpdateItemCommand({
        TableName: store.tableName,
        Key: caseKey(reference),
        UpdateExpression: 'REMOVE #qpk, #qsk SET notificationSent = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey },
        ExpressionAttributeValues: { ':yes': { BOOL: true } },
      }),
    ),
  );
}

/** Backoff between tries of a failed notification: 1, 2, 4 … minutes, at most 6 hours; gives up after a day of tries. */
export const MAX_NOTIFICATION_ATTEMPTS = 12;

export function nextNotificationAttempt(attempts: number, now: Date): Date | undefined {
  if (attempts >= MAX_NOTIFICATION_ATTEMPTS) return undefined;
  const minutes = Math.min(2 ** (attempts - 1), 360);
  return new Date(now.getTime() + minutes * 60_000);
}

/** A try failed: count it and schedule the next one (or give up, keeping the case). */
export async function markNotificationFailed(store: CouncilStore, c: StoredCase, now: Date): Promise<void> {
  const attempts = c.notificationAttempts + 1;
  const next = nextNotificationAttempt(attempts, now);
  const names = { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey };
  await storeCall(() =>
    store.client.send(
      new UpdateItemCommand({
        TableName: store.tableName,
        Key: caseKey(c.reference),
        ConditionExpression: 'attribute_exists(pk)',
        ...(next
          ? {
              UpdateExpression: 'SET notificationAttempts = :n, #qsk = :due',
              ExpressionAttributeNames: { '#qsk': names['#qsk'] },
              ExpressionAttributeValues: { ':n': { N: String(attempts) }, ':due': { S: `${next.toISOString()}#${c.reference}` } },
            }
          : {
              UpdateExpression: 'SET notificationAttempts = :n, notificationFailed = :yes REMOVE #qpk, #qsk',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':n': { N: String(attempts) }, ':yes': { BOOL: true } },
            }),
      }),
    ),
  );
}
