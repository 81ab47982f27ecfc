import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Language } from '../language.ts';
import { casesCreatedKeys, documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import type { SecretsPort } from '../secrets/port.ts';
import { claimExpiry, queueSlot, type NotificationClaim } from '../notifications/claim-period.ts';
import { candidateReference, randomReference } from './reference.ts';

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
  /** Two submissions with the same dedupe key are the same case (within `dedupeWindowHours`). */
  dedupeKey?: string;
  /**
   * How long after a case is made a submission with its dedupe key (or its submission id) is still
   * that case; after it, the same submission makes a new case. Absent: as long as the case is kept
   * (a missed collection is keyed by its date, so it bounds itself).
   */
  dedupeWindowHours?: number;
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
  | {
      outcome: 'created';
      case: StoredCase;
      /**
       * The case's notification, held by the request that stored it: the case is written claimed,
       * so that request sends it without another write (deliverNewCaseNotification) and the
       * scheduled retry leaves it alone until the claim lapses. Absent when there is no notification.
       */
      notificationClaim?: NotificationClaim;
    }
  /** The same submission arrived again (e.g. a retry after a lost response). */
  | { outcome: 'resubmitted'; case: StoredCase }
  /** An earlier report with the same dedupe key. */
  | { outcome: 'duplicate'; case: StoredCase };


const MAX_PROBES = 8;
const NOTIFY_QUEUE = 'NOTIFY';
/** Every case sits in the date index by when it last changed (see listCases). */
const CASES_BY_DATE = 'CASES';

/**
 * A case holds at most this many public updates, and this many bytes of them: an item may not pass
 * 400 KB, and a case with its own description, answers and details must stay well clear of that.
 * 100 updates of a few hundred characters fit easily; a few very long ones reach the byte cap first.
 */
export const MAX_CASE_UPDATES = 100;
export const MAX_CASE_UPDATE_BYTES = 200 * 1024;

/** A case as stored: plain values, marshalled by lib-dynamodb. */
type CaseItem = Record<string, NativeAttributeValue>;

const caseKey = (reference: string) => ({ [TABLE_KEYS.partitionKey]: `CASE#${reference}`, [TABLE_KEYS.sortKey]: 'CASE' });

const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** The bytes an update adds to its case, as counted against MAX_CASE_UPDATE_BYTES. */
function updateBytes(u: CaseUpdate): number {
  return Buffer.byteLength(JSON.stringify(u));
}

function updateToItem(u: CaseUpdate): CaseItem {
  return { id: u.id, status: u.status, description: u.description, createdAt: u.createdAt, externalStatusCode: u.externalStatusCode };
}

/**
 * A case as its table item, for bulk loads (the bench seeds tables with BatchWriteItem); every
 * other write goes through createCase.
 *
 * @example
 * new BatchWriteCommand({ RequestItems: { [store.tableName]: cases.map((c) => ({ PutRequest: { Item: caseItem(c) } })) } });
 */
export function caseItem(c: StoredCase): CaseItem {
  return toItem(c);
}

function toItem(c: StoredCase): CaseItem {
  return {
    ...caseKey(c.reference),
    reference: c.reference,
    service: c.service,
    type: c.type,
    submissionId: c.submissionId,
    dedupeKey: c.dedupeKey,
    dedupeWindowHours: c.dedupeWindowHours,
    details: c.details,
    public: c.public,
    lang: c.lang,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    updates: c.updates.map(updateToItem),
    [TABLE_KEYS.dateIndex.partitionKey]: CASES_BY_DATE,
    [TABLE_KEYS.dateIndex.sortKey]: `${c.updatedAt}#${c.reference}`,
    ...casesCreatedKeys(c.service, c.createdAt, c.reference),
    retentionDays: c.retentionDays,
    [TABLE_KEYS.ttlAttribute]: c.expiresAt,
    notification: c.notification,
    notificationAttempts: c.notificationAttempts,
    ...(c.notificationDueAt && {
      [TABLE_KEYS.index.partitionKey]: NOTIFY_QUEUE,
      [TABLE_KEYS.index.sortKey]: `${c.notificationDueAt}#${c.reference}`,
    }),
  };
}

/** Older items kept these fields as JSON text; newer ones as maps. */
function objectField<T>(value: unknown): T | undefined {
  if (value === undefined || value === null) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function updateFromItem(u: CaseItem): CaseUpdate {
  return {
    id: String(u.id),
    status: u.status === 'closed' ? 'closed' : 'open',
    description: text(u.description) ?? '',
    createdAt: String(u.createdAt),
    externalStatusCode: text(u.externalStatusCode),
  };
}

function fromItem(item: CaseItem): StoredCase {
  const dueKey = text(item[TABLE_KEYS.index.sortKey]);
  const createdAt = String(item.createdAt);
  return {
    reference: String(item.reference),
    service: String(item.service),
    type: String(item.type),
    dedupeKey: text(item.dedupeKey),
    dedupeWindowHours: typeof item.dedupeWindowHours === 'number' ? item.dedupeWindowHours : undefined,
    submissionId: String(item.submissionId),
    details: objectField<Record<string, string>>(item.details) ?? {},
    public: objectField<PublicCaseFields>(item.public),
    lang: item.lang as Language,
    status: item.status === 'closed' ? 'closed' : 'open',
    createdAt,
    updatedAt: text(item.updatedAt) ?? createdAt,
    updates: ((item.updates as CaseItem[] | undefined) ?? []).map(updateFromItem),
    retentionDays: Number(item.retentionDays),
    expiresAt: Number(item[TABLE_KEYS.ttlAttribute]),
    notification: objectField<CaseNotification>(item.notification),
    notificationAttempts: Number(item.notificationAttempts ?? 0),
    notificationDueAt: dueKey ? dueKey.split('#')[0] : undefined,
  };
}

/** TTL deletion is lazy in DynamoDB (and absent locally), so every read treats expired items as gone. */
function isLive(item: CaseItem | undefined, now: Date): item is CaseItem {
  return !!item && Number(item[TABLE_KEYS.ttlAttribute] ?? Infinity) > now.getTime() / 1000;
}

/** Whether a case found under a probed reference is the one this submission means. */
function sameCase(existing: StoredCase, input: NewCase, now: Date): 'resubmitted' | 'duplicate' | undefined {
  const window = input.dedupeWindowHours;
  if (window !== undefined && new Date(existing.createdAt).getTime() <= now.getTime() - window * 3_600_000) return undefined;
  if (existing.submissionId === input.submissionId) return 'resubmitted';
  if (input.dedupeKey !== undefined && existing.dedupeKey === input.dedupeKey) return 'duplicate';
  return undefined;
}

/**
 * Stores a new case in one conditional write, so it is either wholly there or not at all.
 * The reference is the case's key: with a dedupe key, the references probed are fixed by the key
 * (an HMAC under the council's reference key), so a repeat report lands on the earlier case instead
 * of creating another. Once every fixed reference holds an older case, a random one is used.
 * A case with a notification is written already claimed by this request for
 * NOTIFICATION_CLAIM_SECONDS (its queue position is when the claim lapses), so the request's own
 * send needs no claim write of its own: the result's `notificationClaim` is that claim.
 *
 * @example
 * const result = await createCase(deps.store, { service: 'bins', type: 'missed-collection', dedupeKey, … }, now, deps.secrets);
 * if (result.outcome === 'duplicate') // already reported: show result.case.reference
 */
export async function createCase(store: CouncilStore, input: NewCase, now: Date, secrets: SecretsPort): Promise<CreateCaseResult> {
  const doc = documentClient(store);
  // Only cases that dedupe need the key; the adapters cache it, so this costs no store request.
  const referenceKey = input.dedupeKey === undefined ? undefined : await secrets.get('reference-key');
  for (let attempt = 0; attempt < 2 * MAX_PROBES; attempt++) {
    const fixed = input.dedupeKey !== undefined && attempt < MAX_PROBES;
    const reference = fixed ? candidateReference(attempt, input.dedupeKey, referenceKey) : randomReference();
    const stored: StoredCase = {
      ...input,
      reference,
      status: 'open',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      updates: [],
      expiresAt: epochSeconds(now) + input.retentionDays * 86_400,
      notificationAttempts: 0,
      // Claimed by this request in the same write: the retry's first look is when the claim lapses.
      notificationDueAt: input.notification ? claimExpiry(now).toISOString() : undefined,
    };
    try {
      await storeCall(() =>
        doc.send(
          new PutCommand({
            TableName: store.tableName,
            Item: toItem(stored),
            // An expired case may be overwritten: its reference is free again.
            ConditionExpression: 'attribute_not_exists(pk) OR #exp < :now',
            ExpressionAttributeNames: { '#exp': TABLE_KEYS.ttlAttribute },
            ExpressionAttributeValues: { ':now': epochSeconds(now) },
          }),
        ),
      );
      const notificationClaim = stored.notificationDueAt ? { reference, slot: queueSlot(stored.notificationDueAt, reference), attempts: 0 } : undefined;
      return { outcome: 'created', case: stored, notificationClaim };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    if (!fixed) continue; // a random reference taken: draw another
    const existing = await getCase(store, reference, now);
    if (!existing) {
      attempt--; // expired between the write and the read: try the same reference again
      continue;
    }
    const same = sameCase(existing, input, now);
    if (same) return { outcome: same, case: existing };
    // A different case (or an older one, past the window) holds this reference: probe the next one.
  }
  throw new Error('Could not find a free case reference');
}

/** Reads one case by reference; undefined when there is none (or it has expired). */
export async function getCase(store: CouncilStore, reference: string, now: Date): Promise<StoredCase | undefined> {
  const { Item } = await storeCall(() =>
    documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: caseKey(reference), ConsistentRead: true })),
  );
  return isLive(Item, now) ? fromItem(Item) : undefined;
}

/** Cases whose notification is due by `now`, oldest first. */
export async function casesWithDueNotifications(store: CouncilStore, now: Date, limit = 25): Promise<StoredCase[]> {
  const { Items = [] } = await storeCall(() =>
    documentClient(store).send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: TABLE_KEYS.index.name,
        KeyConditionExpression: '#pk = :queue AND #sk <= :due',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.index.partitionKey, '#sk': TABLE_KEYS.index.sortKey },
        ExpressionAttributeValues: { ':queue': NOTIFY_QUEUE, ':due': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    ),
  );
  return Items.filter((i) => isLive(i, now)).map(fromItem);
}

/** The notification has gone: take the case off the queue. */
export async function markNotificationSent(store: CouncilStore, reference: string): Promise<void> {
  await storeCall(() =>
    documentClient(store).send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: caseKey(reference),
        UpdateExpression: 'REMOVE #qpk, #qsk SET notificationSent = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey },
        ExpressionAttributeValues: { ':yes': true },
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
    documentClient(store).send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: caseKey(c.reference),
        ConditionExpression: 'attribute_exists(pk)',
        ...(next
          ? {
              UpdateExpression: 'SET notificationAttempts = :n, #qsk = :due',
              ExpressionAttributeNames: { '#qsk': names['#qsk'] },
              ExpressionAttributeValues: { ':n': attempts, ':due': `${next.toISOString()}#${c.reference}` },
            }
          : {
              UpdateExpression: 'SET notificationAttempts = :n, notificationFailed = :yes REMOVE #qpk, #qsk',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':n': attempts, ':yes': true },
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
 * Cases that changed since a time, newest change first, from the date index (Open311's updates are
 * listed from their own index instead: see listCaseUpdates).
 */
export async function listCases(store: CouncilStore, options: ListCasesOptions, now: Date): Promise<StoredCase[]> {
  const found: StoredCase[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: TABLE_KEYS.dateIndex.name,
          KeyConditionExpression: '#pk = :p AND #sk >= :since',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.dateIndex.partitionKey, '#sk': TABLE_KEYS.dateIndex.sortKey },
          ExpressionAttributeValues: { ':p': CASES_BY_DATE, ':since': options.changedSince.toISOString() },
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

export interface CreatedCasesQuery {
  /** The module whose cases to list, e.g. "report". */
  service: string;
  /** Made at or after this time (an ISO date-time, compared as stored). */
  from: string;
  /** Made at or before this time. */
  to: string;
  /** A further test on each case (e.g. its status); cases it refuses are read but not counted. */
  match?: (c: StoredCase) => boolean;
  /** Matching cases to pass over first, newest first (earlier pages). */
  skip: number;
  /** Matching cases to return. */
  take: number;
}

export interface CreatedCasesPage {
  cases: StoredCase[];
  /** Whether more matching cases follow this page. */
  more: boolean;
  /** Items the store read to answer, and the read units it charged (when it says). */
  itemsRead: number;
  readUnits: number;
}

/** The most items one query of the created index asks for: a page of a list, and one more. */
const MAX_QUERY_LIMIT = 1001;

/**
 * Cases of one module made in a time range, newest first, from the created index. It reads the
 * range in order and stops once it has the page and knows whether another follows, so its cost is
 * the cases passed over and returned, plus one — not every case since the range began.
 *
 * @example
 * const { cases, more } = await listCasesCreated(store, { service: 'report', from, to, skip: 0, take: 1000 }, now);
 */
export async function listCasesCreated(store: CouncilStore, query: CreatedCasesQuery, now: Date): Promise<CreatedCasesPage> {
  const wanted = query.skip + query.take;
  const matched: StoredCase[] = [];
  let itemsRead = 0;
  let readUnits = 0;
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: TABLE_KEYS.createdIndex.name,
          KeyConditionExpression: '#pk = :p AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.createdIndex.partitionKey, '#sk': TABLE_KEYS.createdIndex.sortKey },
          // "#~" sorts after "#" and every reference, so a case made at `to` itself is in range.
          ExpressionAttributeValues: { ':p': `CREATED#${query.service}`, ':from': query.from, ':to': `${query.to}#~` },
          ScanIndexForward: false,
          Limit: Math.max(1, Math.min(wanted + 1 - matched.length, MAX_QUERY_LIMIT)),
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    itemsRead += page.ScannedCount ?? page.Items?.length ?? 0;
    readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const item of page.Items ?? []) {
      if (!isLive(item, now)) continue;
      const c = fromItem(item);
      if (query.match && !query.match(c)) continue;
      matched.push(c);
    }
    start = page.LastEvaluatedKey;
  } while (start && matched.length <= wanted);
  return { cases: matched.slice(query.skip, wanted), more: matched.length > wanted, itemsRead, readUnits };
}

/** The case to update does not exist (or has expired). */
export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
  constructor(readonly reference: string) {
    super(`No case ${reference}`);
  }
}

/** An update with this id is on the case already (a retry that raced the first try). */
export class CaseUpdateExistsError extends Error {
  override name = 'CaseUpdateExistsError';
  constructor(
    readonly reference: string,
    readonly existing: CaseUpdate,
  ) {
    super(`Case ${reference} already has update ${existing.id}`);
  }
}

/** The case holds as many updates as it may (MAX_CASE_UPDATES, MAX_CASE_UPDATE_BYTES). */
export class CaseUpdatesFullError extends Error {
  override name = 'CaseUpdatesFullError';
  constructor(readonly reference: string) {
    super(`Case ${reference} holds as many updates as it can`);
  }
}

/**
 * Adds a public update and sets the case's status, in one conditional write: the update and the
 * status change happen together or not at all; the write is refused when an update with the same
 * id is there already (so concurrent retries add it once) and when the case is full. Then the
 * update is written again as its own small item, for listCaseUpdates (see indexCaseUpdate).
 *
 * @throws CaseNotFoundError, CaseUpdateExistsError, CaseUpdatesFullError
 */
export async function addCaseUpdate(store: CouncilStore, reference: string, update: CaseUpdate, now: Date): Promise<void> {
  const bytes = updateBytes(update);
  if (bytes > MAX_CASE_UPDATE_BYTES) throw new CaseUpdatesFullError(reference);
  let updated: CaseItem | undefined;
  try {
    ({ Attributes: updated } = await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: caseKey(reference),
          UpdateExpression:
            'SET updates = list_append(if_not_exists(updates, :none), :u), #status = :s, updatedAt = :t, #dsk = :dsk ADD updateIds :ids, updatesBytes :bytes',
          ConditionExpression:
            'attribute_exists(pk) AND #exp > :now AND NOT contains(updateIds, :id) ' +
            'AND (attribute_not_exists(updates) OR size(updates) < :maxCount) AND (attribute_not_exists(updatesBytes) OR updatesBytes <= :room)',
          ExpressionAttributeNames: { '#status': 'status', '#dsk': TABLE_KEYS.dateIndex.sortKey, '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: {
            ':none': [],
            ':u': [updateToItem(update)],
            ':s': update.status,
            ':t': update.createdAt,
            ':dsk': `${update.createdAt}#${reference}`,
            ':now': epochSeconds(now),
            ':id': update.id,
            ':ids': new Set([update.id]),
            ':bytes': bytes,
            ':maxCount': MAX_CASE_UPDATES,
            ':room': MAX_CASE_UPDATE_BYTES - bytes,
          },
          // What the update's own item needs of its case (its module, whether it is public, its expiry).
          ReturnValues: 'ALL_NEW',
        }),
      ),
    ));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Which condition failed: read the case once (only on this path).
    const found = await getCase(store, reference, now);
    if (!found) throw new CaseNotFoundError(reference);
    const existing = found.updates.find((u) => u.id === update.id);
    if (existing) throw new CaseUpdateExistsError(reference, existing);
    throw new CaseUpdatesFullError(reference);
  }
  if (updated) await indexCaseUpdate(store, fromItem(updated), update);
}

/** An update as its own item, beside its case (same partition, so it goes with the case). */
function updateIndexItem(c: StoredCase, u: CaseUpdate): CaseItem {
  return {
    [TABLE_KEYS.partitionKey]: `CASE#${c.reference}`,
    [TABLE_KEYS.sortKey]: `UPDATE#${u.createdAt}#${u.id}`,
    reference: c.reference,
    service: c.service,
    ...updateToItem(u),
    [TABLE_KEYS.ttlAttribute]: c.expiresAt,
    // Only what may be published is listed: a case without public fields keeps its updates to itself.
    ...(c.public && {
      [TABLE_KEYS.updatesIndex.partitionKey]: `UPDATES#${c.service}`,
      [TABLE_KEYS.updatesIndex.sortKey]: `${u.createdAt}#${c.reference}#${u.id}`,
    }),
  };
}

/**
 * Writes an update of a case as its own item in the updates index. addCaseUpdate does this after
 * its conditional write, which alone decides whether the update is added (the id condition): this
 * write only repeats what that one stored, so writing it again is harmless. A retry that finds its
 * update already on the case calls it too, so an update whose item was not written (the store
 * failed between the two writes) is listed once the integrator retries.
 *
 * @example
 * if (existing) await indexCaseUpdate(deps.store, found, existing); // a retry: make sure it is listed
 */
export async function indexCaseUpdate(store: CouncilStore, c: StoredCase, update: CaseUpdate): Promise<void> {
  await storeCall(() => documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: updateIndexItem(c, update) })));
}

export interface CaseUpdatesQuery {
  /** The module whose cases' updates to list, e.g. "report". */
  service: string;
  /** Made at or after this time (an ISO date-time, compared as stored). */
  from: string;
  /** Made at or before this time. */
  to: string;
  /** The most updates to return: the newest of the range. */
  limit: number;
}

export interface CaseUpdatesPage {
  updates: { reference: string; update: CaseUpdate }[];
  /** Items the store read to answer, and the read units it charged (when it says). */
  itemsRead: number;
  readUnits: number;
}

/**
 * The public updates of one module's cases made in a time range, newest first, from the updates
 * index: it reads the updates it returns (and any expired ones among them), however many cases
 * changed since the range began and however many updates came before it.
 *
 * @example
 * const { updates } = await listCaseUpdates(store, { service: 'report', from, to, limit: 1000 }, now);
 */
export async function listCaseUpdates(store: CouncilStore, query: CaseUpdatesQuery, now: Date): Promise<CaseUpdatesPage> {
  const updates: CaseUpdatesPage['updates'] = [];
  let itemsRead = 0;
  let readUnits = 0;
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: TABLE_KEYS.updatesIndex.name,
          KeyConditionExpression: '#pk = :p AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.updatesIndex.partitionKey, '#sk': TABLE_KEYS.updatesIndex.sortKey },
          // "#~" sorts after "#" and every reference, so an update made at `to` itself is in range.
          ExpressionAttributeValues: { ':p': `UPDATES#${query.service}`, ':from': query.from, ':to': `${query.to}#~` },
          ScanIndexForward: false,
          Limit: Math.max(1, Math.min(query.limit - updates.length, MAX_QUERY_LIMIT)),
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    itemsRead += page.ScannedCount ?? page.Items?.length ?? 0;
    readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const item of page.Items ?? []) {
      if (isLive(item, now)) updates.push({ reference: String(item.reference), update: updateFromItem(item) });
    }
    start = page.LastEvaluatedKey;
  } while (start && updates.length < query.limit);
  return { updates, itemsRead, readUnits };
}
