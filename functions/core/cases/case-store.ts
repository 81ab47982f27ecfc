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
  /** What the resident told us, contact details included; shown to officers only, never published. */
  details: Record<string, string>;
  /** What may be published (Open311, tracking): never personal data. */
  public?: PublicCaseFields;
  lang: Language;
  retentionDays: number;
  notification?: CaseNotification;
}

/** The published side of a case, as Open311 GeoReport v2 describes a service request. */
export interface PublicCaseFields {
  serviceCode: string;
  serviceName: string;
  description: string;
  lat?: number;
  long?: number;
  address?: string;
  /** The UPRN, when the location was chosen from the address list. */
  addressId?: string;
  /** Photo ids; the app serves them at a public path. */
  media?: string[];
  /** A photo elsewhere, given by an integrator as Open311's media_url. */
  externalMediaUrl?: string;
  /** Answers to the category's questions, by question code. */
  attributes?: Record<string, string | string[]>;
}

/** A public update on a case: from an officer, or from a works system through Open311. */
export interface CaseUpdate {
  id: string;
  status: CaseStatus;
  description: string;
  createdAt: string;
  /** The integrator's own status code (mySociety's servicerequestupdates extension). */
  externalStatusCode?: string;
}

export type CaseStatus = 'open' | 'closed';

export interface StoredCase extends Omit<NewCase, 'notification'> {
  reference: string;
  status: CaseStatus;
  createdAt: string;
  /** When the case last changed: its creation or its latest update. */
  updatedAt: string;
  updates: CaseUpdate[];
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
/** Every case sits in the date index by when it last changed (see listCases). */
const CASES_BY_DATE = 'CASES';

const S = (s: string): AttributeValue => ({ S: s });

function updateToAttribute(u: CaseUpdate): AttributeValue {
  const m: Record<string, AttributeValue> = { id: S(u.id), status: S(u.status), description: S(u.description), createdAt: S(u.createdAt) };
  if (u.externalStatusCode) m.externalStatusCode = S(u.externalStatusCode);
  return { M: m };
}

function updateFromAttribute(a: AttributeValue): CaseUpdate {
  const m = a.M!;
  return {
    id: m.id.S!,
    status: m.status.S as CaseStatus,
    description: m.description.S!,
    createdAt: m.createdAt.S!,
    externalStatusCode: m.externalStatusCode?.S,
  };
}

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
    updatedAt: { S: c.updatedAt },
    updates: { L: c.updates.map(updateToAttribute) },
    [TABLE_KEYS.dateIndex.partitionKey]: { S: CASES_BY_DATE },
    [TABLE_KEYS.dateIndex.sortKey]: { S: `${c.updatedAt}#${c.reference}` },
    retentionDays: { N: String(c.retentionDays) },
    [TABLE_KEYS.ttlAttribute]: { N: String(c.expiresAt) },
    notificationAttempts: { N: String(c.notificationAttempts) },
  };
  if (c.dedupeKey) item.dedupeKey = { S: c.dedupeKey };
  if (c.public) item.public = { S: JSON.stringify(c.public) };
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
    public: item.public?.S ? JSON.parse(item.public.S) : undefined,
    lang: item.lang.S as Language,
    status: item.status.S as StoredCase['status'],
    createdAt: item.createdAt.S!,
    updatedAt: item.updatedAt?.S ?? item.createdAt.S!,
    updates: (item.updates?.L ?? []).map(updateFromAttribute),
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
      updatedAt: now.toISOString(),
      updates: [],
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

export interface ListCasesOptions {
  /** Only cases that changed at or after this time (the date index is ordered by last change). */
  changedSince: Date;
  /** Only cases of this module, e.g. "report". */
  service?: string;
  limit: number;
}

/**
 * Cases that changed since a time, newest change first, from the date index. Open311 lists filter
 * these further (a case created in a range has necessarily changed since the range began).
 */
export async function listCases(store: CouncilStore, options: ListCasesOptions, now: Date): Promise<StoredCase[]> {
  const found: StoredCase[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      store.client.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: TABLE_KEYS.dateIndex.name,
          KeyConditionExpression: '#pk = :p AND #sk >= :since',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.dateIndex.partitionKey, '#sk': TABLE_KEYS.dateIndex.sortKey },
          ExpressionAttributeValues: { ':p': S(CASES_BY_DATE), ':since': S(options.changedSince.toISOString()) },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      if (!isLive(item, now)) continue;
      const c = fromItem(item);
      if (options.service && c.service !== options.service) continue;
      found.push(c);
      if (found.length >= options.limit) return found;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** The case to update does not exist (or has expired). */
export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
  constructor(readonly reference: string) {
    super(`No case ${reference}`);
  }
}

/**
 * Adds a public update and sets the case's status, in one conditional write: the update and the
 * status change happen together or not at all.
 */
export async function addCaseUpdate(store: CouncilStore, reference: string, update: CaseUpdate, now: Date): Promise<void> {
  try {
    await storeCall(() =>
      store.client.send(
        new UpdateItemCommand({
          TableName: store.tableName,
          Key: caseKey(reference),
          UpdateExpression: 'SET updates = list_append(if_not_exists(updates, :none), :u), #status = :s, updatedAt = :t, #dsk = :dsk',
          ConditionExpression: 'attribute_exists(pk) AND #exp > :now',
          ExpressionAttributeNames: { '#status': 'status', '#dsk': TABLE_KEYS.dateIndex.sortKey, '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: {
            ':none': { L: [] },
            ':u': { L: [updateToAttribute(update)] },
            ':s': S(update.status),
            ':t': S(update.createdAt),
            ':dsk': S(`${update.createdAt}#${reference}`),
            ':now': { N: String(Math.floor(now.getTime() / 1000)) },
          },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new CaseNotFoundError(reference);
    throw error;
  }
}
