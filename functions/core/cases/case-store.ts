import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { Language } from '../language.ts';
import { casesCreatedKeys, documentClient, expiryKeys, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import type { SecretsPort } from '../secrets/port.ts';
import { claimExpiry, queueSlot, type NotificationClaim } from '../notifications/claim-period.ts';
import { candidateReference, randomReference } from './reference.ts';
import { isCaseState, statusOf, CASE_CHANNELS, type CaseChannel, type CaseState, type CaseStatus } from './lifecycle.ts';
import { contactKeys, postcodeOf, type ContactKeys } from './contact-keys.ts';
import { historyFromItem, historyItem, HISTORY_PREFIX, type Actor, type HistoryEntry, type HistoryKind, type StaffRef } from './history-item.ts';

export type { CaseStatus } from './lifecycle.ts';
export type { Actor, HistoryEntry, HistoryKind, StaffRef } from './history-item.ts';

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
  /** Where it came in; absent: online (or open311 for a case whose details say it came through Open311). */
  channel?: CaseChannel;
  /** Assisted digital: the officer who made it on the resident's behalf. */
  madeBy?: MadeBy;
  /** A form's submission: which form, and every answer as the resident gave it. */
  form?: CaseForm;
  /**
   * Only staff holding this role see the case at all (queue, search, case page, export): `care` for
   * a social care request. Absent: every member of staff who may read cases.
   */
  restrictedTo?: string;
}

/** A form submission on its case: the questions as they were asked, with the answers as given. */
export interface CaseForm {
  id: string;
  version: number;
  answers: CaseAnswer[];
}

/**
 * One answer, kept as the resident gave it (in their language, never translated), with its
 * question in every language the form had when they answered it, so the staff page asks it in
 * its own language even after the form changes.
 */
export interface CaseAnswer {
  key: string;
  question: { en: string; cy?: string };
  /** The answer for people: one entry per item of a repeated question (lines of an address joined by ", "). */
  text: string[];
  /** The answer as data (the form's AnswerValue, or a list for a repeated question): for webhooks and exports. */
  value: unknown;
  /** Special-category data: stored sealed (see `sealed`), never as plaintext. */
  specialCategory?: boolean;
  /**
   * A special-category answer at rest: the FieldCipher's ciphertext of JSON `{ text, value }`, sealed
   * with `{ council, reference, form }`; `text` is then [] and `value` null until it is opened.
   */
  sealed?: string;
}

/** Assisted digital: "made by <staff> for <resident>". */
export interface MadeBy {
  staff: StaffRef;
  /** Who the officer made it for, as the officer wrote it (e.g. the caller's name). */
  forResident?: string;
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
  /** The lifecycle state the update set; absent on updates stored before states (see stateOfUpdate). */
  state?: CaseState;
}

export interface StoredCase extends Omit<NewCase, 'notification' | 'channel'> {
  reference: string;
  /** The lifecycle state (lifecycle.ts); `status` is always statusOf(state). */
  state: CaseState;
  status: CaseStatus;
  channel: CaseChannel;
  /** The officer working the case. */
  assignedTo?: StaffRef;
  /** The reference of the case this one duplicates (state `duplicate`). */
  duplicateOf?: string;
  /** Counts the case's changes: an action made from a page that showed an older version is refused (CaseChangedError). */
  version: number;
  /** HMACs of the resident's normalised email and phone (contact-keys.ts), for the back office's search. */
  contactKeys?: ContactKeys;
  /** The ids of the actions applied to the case (applyCaseChange), read-only: each applies once. */
  actionIds?: ReadonlySet<string>;
  createdAt: string;
  /** When the case last changed: its creation or its latest update. */
  updatedAt: string;
  /**
   * When it last moved from an open state to a closed one; absent while it is open (a reopened case
   * loses it) and on cases closed before it was recorded.
   */
  closedAt?: string;
  updates: CaseUpdate[];
  expiresAt: number;
  notification?: CaseNotification;
  notificationAttempts: number;
  /** When the pending notification should next be tried; absent once sent. */
  notificationDueAt?: string;
  /** When its personal data was removed at the resident's request (functions/core/data-rights/anonymise.ts); for good. */
  anonymisedAt?: string;
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
  return { id: u.id, status: u.status, description: u.description, createdAt: u.createdAt, externalStatusCode: u.externalStatusCode, state: u.state };
}

/** The keys of the queue's indexes that order cases by their last change (see TABLE_KEYS). */
const CHANGED_INDEXES = [TABLE_KEYS.dateIndex, TABLE_KEYS.stateIndex, TABLE_KEYS.assignedIndex, TABLE_KEYS.typeIndex, TABLE_KEYS.serviceIndex] as const;

/** The queue index partition of a case's assignee. */
export const assignedPartition = (sub: string | undefined) => `ASSIGNED#${sub ?? '-'}`;
export const statePartition = (state: CaseState) => `STATE#${state}`;
export const typePartition = (service: string, type: string) => `TYPE#${service}#${type}`;
export const servicePartition = (service: string) => `SERVICE#${service}`;
export const emailPartition = (key: string) => `EMAIL#${key}`;
export const phonePartition = (key: string) => `PHONE#${key}`;
export const postcodePartition = (postcode: string) => `POSTCODE#${postcode}`;

/** Every queue and search index key of a case, from its fields. */
function queueKeys(c: StoredCase): CaseItem {
  const changed = `${c.updatedAt}#${c.reference}`;
  const created = `${c.createdAt}#${c.reference}`;
  const postcode = postcodeOf(c);
  return {
    [TABLE_KEYS.dateIndex.partitionKey]: CASES_BY_DATE,
    [TABLE_KEYS.stateIndex.partitionKey]: statePartition(c.state),
    [TABLE_KEYS.assignedIndex.partitionKey]: assignedPartition(c.assignedTo?.sub),
    [TABLE_KEYS.typeIndex.partitionKey]: typePartition(c.service, c.type),
    [TABLE_KEYS.serviceIndex.partitionKey]: servicePartition(c.service),
    ...Object.fromEntries(CHANGED_INDEXES.map((i) => [i.sortKey, changed])),
    ...(c.contactKeys?.email && { [TABLE_KEYS.emailIndex.partitionKey]: emailPartition(c.contactKeys.email), [TABLE_KEYS.emailIndex.sortKey]: created }),
    ...(c.contactKeys?.phone && { [TABLE_KEYS.phoneIndex.partitionKey]: phonePartition(c.contactKeys.phone), [TABLE_KEYS.phoneIndex.sortKey]: created }),
    ...(postcode && { [TABLE_KEYS.postcodeIndex.partitionKey]: postcodePartition(postcode), [TABLE_KEYS.postcodeIndex.sortKey]: created }),
  };
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
    state: c.state,
    status: c.status,
    channel: c.channel,
    assignedTo: c.assignedTo,
    madeBy: c.madeBy,
    form: c.form,
    restrictedTo: c.restrictedTo,
    duplicateOf: c.duplicateOf,
    version: c.version,
    contactKeys: c.contactKeys,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    anonymisedAt: c.anonymisedAt,
    updates: c.updates.map(updateToItem),
    ...queueKeys(c),
    ...casesCreatedKeys(c.service, c.createdAt, c.reference),
    retentionDays: c.retentionDays,
    [TABLE_KEYS.ttlAttribute]: c.expiresAt,
    // The retention sweep finds it here once it expires (TTL alone is lazy and leaves its photos and files).
    ...expiryKeys(c.expiresAt, `CASE#${c.reference}`, 'CASE'),
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

export function updateFromItem(u: CaseItem): CaseUpdate {
  return {
    id: String(u.id),
    status: u.status === 'closed' ? 'closed' : 'open',
    description: text(u.description) ?? '',
    createdAt: String(u.createdAt),
    externalStatusCode: text(u.externalStatusCode),
    state: isCaseState(u.state) ? u.state : undefined,
  };
}

/** The state an update stands for: its own, or for older updates what their open/closed meant. */
export function stateOfUpdate(u: CaseUpdate): CaseState {
  return u.state ?? defaultStateFor(u.status);
}

/** The state a bare open or closed means, for updates and cases stored before states. */
export function defaultStateFor(status: CaseStatus): CaseState {
  return status === 'closed' ? 'fixed' : 'submitted';
}

const staffRef = (value: unknown): StaffRef | undefined => {
  const v = objectField<Partial<StaffRef>>(value);
  return v && typeof v.sub === 'string' && typeof v.name === 'string' ? { sub: v.sub, name: v.name } : undefined;
};

function channelOf(item: CaseItem, details: Record<string, string>): CaseChannel {
  if ((CASE_CHANNELS as readonly unknown[]).includes(item.channel)) return item.channel as CaseChannel;
  return details.source === 'open311' ? 'open311' : 'online';
}

/** A case from its item; items from before states and channels read as what their status and source meant. */
export function fromItem(item: CaseItem): StoredCase {
  const dueKey = text(item[TABLE_KEYS.index.sortKey]);
  const createdAt = String(item.createdAt);
  const details = objectField<Record<string, string>>(item.details) ?? {};
  const status: CaseStatus = item.status === 'closed' ? 'closed' : 'open';
  const state = isCaseState(item.state) ? item.state : defaultStateFor(status);
  const madeBy = objectField<{ staff?: unknown; forResident?: unknown }>(item.madeBy);
  const madeByStaff = madeBy ? staffRef(madeBy.staff) : undefined;
  const keys = objectField<ContactKeys>(item.contactKeys);
  return {
    reference: String(item.reference),
    service: String(item.service),
    type: String(item.type),
    dedupeKey: text(item.dedupeKey),
    dedupeWindowHours: typeof item.dedupeWindowHours === 'number' ? item.dedupeWindowHours : undefined,
    submissionId: String(item.submissionId),
    details,
    public: objectField<PublicCaseFields>(item.public),
    lang: item.lang as Language,
    state,
    status: statusOf(state),
    channel: channelOf(item, details),
    assignedTo: staffRef(item.assignedTo),
    madeBy: madeByStaff ? { staff: madeByStaff, forResident: text(madeBy?.forResident) } : undefined,
    duplicateOf: text(item.duplicateOf),
    form: objectField<CaseForm>(item.form),
    restrictedTo: text(item.restrictedTo),
    version: typeof item.version === 'number' ? item.version : 0,
    contactKeys: keys && (keys.email || keys.phone) ? { email: text(keys.email), phone: text(keys.phone) } : undefined,
    actionIds: item.actionIds instanceof Set ? (item.actionIds as Set<string>) : undefined,
    createdAt,
    updatedAt: text(item.updatedAt) ?? createdAt,
    closedAt: text(item.closedAt),
    anonymisedAt: text(item.anonymisedAt),
    updates: ((item.updates as CaseItem[] | undefined) ?? []).map(updateFromItem),
    retentionDays: Number(item.retentionDays),
    expiresAt: Number(item[TABLE_KEYS.ttlAttribute]),
    notification: objectField<CaseNotification>(item.notification),
    notificationAttempts: Number(item.notificationAttempts ?? 0),
    notificationDueAt: dueKey ? dueKey.split('#')[0] : undefined,
  };
}

/** TTL deletion is lazy in DynamoDB (and absent locally), so every read treats expired items as gone. */
export function isLive(item: CaseItem | undefined, now: Date): item is CaseItem {
  return !!item && Number(item[TABLE_KEYS.ttlAttribute] ?? Infinity) > now.getTime() / 1000;
}

/** The fields of a new case that may depend on its reference (createCase's `prepare`). */
export type CaseReferenceFields = Pick<NewCase, 'form'>;

export interface CreateCaseOptions {
  /**
   * The fields that depend on the reference, made for each reference about to be written: e.g. the
   * form's special-category answers sealed with it. Stored in place of the input's own.
   */
  prepare?: (reference: string) => Promise<CaseReferenceFields>;
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
 * `options.prepare` gives the fields that depend on the reference (a form's answers sealed with it,
 * see sealed-answers.ts): it is called with each reference about to be written, before its write
 * (so again only when that reference is taken and another is drawn), and what it returns is stored
 * in place of the input's; the input's own never reach the store. A submission found already
 * stored (resubmitted, duplicate) is answered with the stored case as it is, sealed when it was
 * made: the caller has nothing to seal or open for it.
 *
 * @example
 * const result = await createCase(deps.store, { service: 'bins', type: 'missed-collection', dedupeKey, … }, now, deps.secrets);
 * if (result.outcome === 'duplicate') // already reported: show result.case.reference
 * @example
 * await createCase(deps.store, input, now, deps.secrets, {
 *   prepare: async (reference) => ({ form: { ...input.form!, answers: await sealCaseAnswers(cipher, input.form!.answers, caseSealContext(council.id, reference, input.form!.id)) } }),
 * });
 */
export async function createCase(store: CouncilStore, input: NewCase, now: Date, secrets: SecretsPort, options: CreateCaseOptions = {}): Promise<CreateCaseResult> {
  const doc = documentClient(store);
  // Only cases that dedupe need the key; the adapters cache it, so this costs no store request.
  const referenceKey = input.dedupeKey === undefined ? undefined : await secrets.get('reference-key');
  const keys = await contactKeys(input.details, secrets);
  const { channel, ...rest } = input;
  // The reference-dependent fields, for the reference they were made with (kept if it is tried again).
  let prepared: { reference: string; fields: CaseReferenceFields } | undefined;
  for (let attempt = 0; attempt < 2 * MAX_PROBES; attempt++) {
    const fixed = input.dedupeKey !== undefined && attempt < MAX_PROBES;
    const reference = fixed ? candidateReference(attempt, input.dedupeKey, referenceKey) : randomReference();
    if (options.prepare && prepared?.reference !== reference) prepared = { reference, fields: await options.prepare(reference) };
    const stored: StoredCase = {
      ...rest,
      ...prepared?.fields,
      reference,
      state: 'submitted',
      status: 'open',
      channel: channel ?? (input.details.source === 'open311' ? 'open311' : 'online'),
      version: 0,
      contactKeys: keys,
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

/** The fields of a case that hold what the resident gave, which replaceCasePersonalData rewrites. */
export type CasePersonalFields = Pick<StoredCase, 'details' | 'public' | 'form' | 'madeBy' | 'contactKeys' | 'dedupeKey' | 'notification' | 'anonymisedAt'>;

/**
 * Rewrites a case's personal fields in one conditional write, refused when the case changed since
 * `c` was read (its version) so nothing written meanwhile is lost or brought back. A field given as
 * undefined is removed. The search and queue index keys are worked out again from what the case
 * holds after it, so a case without contact keys leaves the email and phone indexes, and one
 * without its resident's address the postcode index (unless its public location has one); a
 * notification taken away leaves the notification queue. Its state, dates and updates stay as they
 * are: the state counts do not move, and the case keeps its place in the queue.
 *
 * @throws CaseNotFoundError, CaseChangedError
 * @example
 * const after = await replaceCasePersonalData(store, found, { details: {}, contactKeys: undefined, anonymisedAt: now.toISOString() }, now);
 */
export async function replaceCasePersonalData(store: CouncilStore, c: StoredCase, changes: Partial<CasePersonalFields>, now: Date): Promise<StoredCase> {
  const after: StoredCase = { ...c, ...changes };
  const names: Record<string, string> = { '#exp': TABLE_KEYS.ttlAttribute };
  const values: Record<string, NativeAttributeValue> = { ':now': epochSeconds(now), ':one': 1, ':zero': 0, ':version': c.version };
  const sets = ['version = if_not_exists(version, :zero) + :one'];
  const removes: string[] = [];
  Object.entries(changes).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  const before = queueKeys(c);
  const keys = queueKeys(after);
  Object.keys({ ...before, ...keys }).forEach((attr, i) => {
    names[`#k${i}`] = attr;
    if (keys[attr] === undefined) removes.push(`#k${i}`);
    else {
      values[`:k${i}`] = keys[attr];
      sets.push(`#k${i} = :k${i}`);
    }
  });
  if ('notification' in changes && changes.notification === undefined) {
    names['#qpk'] = TABLE_KEYS.index.partitionKey;
    names['#qsk'] = TABLE_KEYS.index.sortKey;
    removes.push('#qpk', '#qsk');
  }
  let updated: CaseItem | undefined;
  try {
    ({ Attributes: updated } = await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: caseKey(c.reference),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(pk) AND #exp > :now AND ${c.version === 0 ? '(attribute_not_exists(version) OR version = :version)' : 'version = :version'}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    ));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const found = await getCase(store, c.reference, now);
    if (!found) throw new CaseNotFoundError(c.reference);
    throw new CaseChangedError(c.reference, found);
  }
  return fromItem(updated!);
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

/** What a range read cost, for the bench and the tests that prove lists scale. */
interface RangeCost {
  itemsRead: number;
  readUnits: number;
}

/**
 * The items of one partition of a date-ordered index between two times, newest first, a page at a
 * time, asking each page for no more than `wanted()` still needs. Sort keys start with the time, and
 * "#~" sorts after "#" and every reference, so an item made at `to` itself is in range.
 */
async function* newestInRange(
  store: CouncilStore,
  range: { index: { name: string; partitionKey: string; sortKey: string }; partition: string; from: string; to: string },
  wanted: () => number,
  cost: RangeCost,
): AsyncGenerator<Record<string, NativeAttributeValue>[]> {
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: range.index.name,
          KeyConditionExpression: '#pk = :p AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': range.index.partitionKey, '#sk': range.index.sortKey },
          ExpressionAttributeValues: { ':p': range.partition, ':from': range.from, ':to': `${range.to}#~` },
          ScanIndexForward: false,
          Limit: Math.max(1, Math.min(wanted(), MAX_QUERY_LIMIT)),
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    cost.itemsRead += page.ScannedCount ?? page.Items?.length ?? 0;
    cost.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start && wanted() > 0);
}

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
  const cost: RangeCost = { itemsRead: 0, readUnits: 0 };
  // One more than the page, to know whether another follows.
  const range = { index: TABLE_KEYS.createdIndex, partition: `CREATED#${query.service}`, from: query.from, to: query.to };
  for await (const items of newestInRange(store, range, () => wanted + 1 - matched.length, cost)) {
    for (const item of items) {
      if (!isLive(item, now)) continue;
      const c = fromItem(item);
      if (query.match && !query.match(c)) continue;
      matched.push(c);
    }
  }
  return { cases: matched.slice(query.skip, wanted), more: matched.length > wanted, ...cost };
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

/** The case changed since the page the action was made on showed it (another officer, or a second click). */
export class CaseChangedError extends Error {
  override name = 'CaseChangedError';
  constructor(
    readonly reference: string,
    readonly current: StoredCase,
  ) {
    super(`Case ${reference} has changed (now version ${current.version})`);
  }
}

/** One change to a case, recorded in its history (see case-actions.ts for the actions built on it). */
export interface CaseChange {
  /**
   * Identifies the action, so that a repeat (a retry, a double click, a resent form) applies once:
   * a form's hidden random id, an integrator's update id. At most 120 characters.
   */
  actionId: string;
  kind: Exclude<HistoryKind, 'created'>;
  /** When it happened (a public update from a works system may give its own time). */
  at: string;
  by: Actor;
  /** A new state (state, update, duplicate). */
  state?: CaseState;
  /** A new assignee; null to unassign. */
  assignedTo?: StaffRef | null;
  duplicateOf?: string;
  text?: string;
  lang?: Language;
  /** A public update: appended to the case's published updates (tracking page, Open311). */
  update?: CaseUpdate;
  /** An email to queue for the resident, written claimed by this request (see CaseChangeResult). */
  notification?: CaseNotification;
  /** The case's version the action was made from (the page's): refused with CaseChangedError if it has changed since. */
  expectedVersion?: number;
}

export type CaseChangeResult =
  | {
      outcome: 'applied';
      case: StoredCase;
      entry: HistoryEntry;
      previousState: CaseState;
      /** Held by this request for the queued email: send it with deliverNewCaseNotification. Absent when none was queued. */
      notificationClaim?: NotificationClaim;
      /** An email was asked for but the case still has one waiting (e.g. its confirmation): this one was not queued. */
      notificationSkipped?: boolean;
    }
  /** The same action id was applied before: nothing changed (its history entry is written again, harmlessly). */
  | { outcome: 'already-applied'; case: StoredCase; entry?: HistoryEntry };

const MAX_ACTION_ID_LENGTH = 120;
const COUNTS_KEY = { [TABLE_KEYS.partitionKey]: 'CASECOUNTS', [TABLE_KEYS.sortKey]: 'STATE' };
/** The counter attribute of a state in the counts item (see queue.ts): unrestricted cases only. */
export const countAttribute = (state: CaseState) => `n_${state.replace(/-/g, '_')}`;
export { COUNTS_KEY as CASE_COUNTS_KEY };

/**
 * Applies one change to a case and records it in the case's history. The case is changed in one
 * conditional write, which alone decides whether the change happens: it is refused when the case is
 * gone, when the action id was applied before (`actionIds`: so a repeat applies once), when the
 * state is no longer the one this change moves from (so the per-state counts stay exact), and, with
 * `expectedVersion`, when anyone changed the case since the page was shown. The history entry is
 * then its own item beside the case (written again harmlessly by a retry), and a state change of an
 * unrestricted case moves the per-state counts (a third write, ADD: see queue.ts for its consistency;
 * a restricted case is never counted).
 *
 * Without `expectedVersion` a change that lost a race on the state is tried once more on the case as
 * it now is (an integrator's update needs no page).
 *
 * @throws CaseNotFoundError, CaseChangedError, CaseUpdateExistsError, CaseUpdatesFullError
 * @example
 * const result = await applyCaseChange(store, found, { actionId: form.actionId, kind: 'note', at: now.toISOString(), by, text }, now);
 */
export async function applyCaseChange(store: CouncilStore, current: StoredCase, change: CaseChange, now: Date): Promise<CaseChangeResult> {
  if (!change.actionId || change.actionId.length > MAX_ACTION_ID_LENGTH) throw new RangeError(`An action id is 1 to ${MAX_ACTION_ID_LENGTH} characters`);
  let c = current;
  for (let attempt = 0; ; attempt++) {
    const result = await tryChange(store, c, change, now);
    if (result !== 'state-moved') return result;
    const found = await getCase(store, c.reference, now);
    if (!found) throw new CaseNotFoundError(c.reference);
    if (change.expectedVersion !== undefined || attempt >= 2) throw new CaseChangedError(c.reference, found);
    c = found;
  }
}

async function tryChange(store: CouncilStore, c: StoredCase, change: CaseChange, now: Date): Promise<CaseChangeResult | 'state-moved'> {
  const reference = c.reference;
  const names: Record<string, string> = { '#exp': TABLE_KEYS.ttlAttribute, '#state': 'state', '#status': 'status' };
  const values: Record<string, NativeAttributeValue> = {
    ':now': epochSeconds(now),
    ':at': change.at,
    ':one': 1,
    ':zero': 0,
    ':aid': change.actionId,
    ':aids': new Set([change.actionId]),
    ':fromState': c.state,
  };
  const sets = ['updatedAt = :at', 'version = if_not_exists(version, :zero) + :one'];
  const adds = ['actionIds :aids'];
  const removes: string[] = [];
  const conditions = ['attribute_exists(pk)', '#exp > :now', 'NOT contains(actionIds, :aid)'];
  // Cases stored before states have none: they are in the state their status meant.
  conditions.push(c.state === defaultStateFor(c.status) ? '(#state = :fromState OR attribute_not_exists(#state))' : '#state = :fromState');
  CHANGED_INDEXES.forEach((index, i) => {
    names[`#csk${i}`] = index.sortKey;
    sets.push(`#csk${i} = :changed`);
  });
  values[':changed'] = `${change.at}#${reference}`;
  // Items from before the queue's indexes get their partitions (a case's service and type never change).
  const partitions: [string, string][] = [
    [TABLE_KEYS.dateIndex.partitionKey, CASES_BY_DATE],
    [TABLE_KEYS.typeIndex.partitionKey, typePartition(c.service, c.type)],
    [TABLE_KEYS.serviceIndex.partitionKey, servicePartition(c.service)],
  ];
  partitions.forEach(([attr, value], i) => {
    names[`#qp${i}`] = attr;
    values[`:qp${i}`] = value;
    sets.push(`#qp${i} = :qp${i}`);
  });
  const state = change.state ?? c.state;
  names['#statePk'] = TABLE_KEYS.stateIndex.partitionKey;
  values[':state'] = state;
  values[':status'] = statusOf(state);
  values[':statePk'] = statePartition(state);
  sets.push('#state = :state', '#status = :status', '#statePk = :statePk');
  // When it closed, in the same write (the state condition above makes c.state the state it leaves):
  // set on leaving an open state for a closed one, kept across closed states, cleared on reopening.
  if (statusOf(state) === 'closed' && statusOf(c.state) === 'open') sets.push('closedAt = :at');
  else if (statusOf(state) === 'open') removes.push('closedAt');
  names['#assignedPk'] = TABLE_KEYS.assignedIndex.partitionKey;
  if (change.assignedTo !== undefined) {
    values[':assignedPk'] = assignedPartition(change.assignedTo?.sub);
    sets.push('#assignedPk = :assignedPk');
    if (change.assignedTo) {
      values[':assignedTo'] = change.assignedTo;
      sets.push('assignedTo = :assignedTo');
    } else removes.push('assignedTo');
  } else {
    values[':assignedPk'] = assignedPartition(c.assignedTo?.sub);
    sets.push('#assignedPk = if_not_exists(#assignedPk, :assignedPk)');
  }
  if (change.duplicateOf !== undefined) {
    values[':dup'] = change.duplicateOf;
    sets.push('duplicateOf = :dup');
  } else if (change.state && change.state !== 'duplicate') removes.push('duplicateOf');
  if (change.expectedVersion !== undefined) {
    values[':version'] = change.expectedVersion;
    conditions.push(change.expectedVersion === 0 ? '(attribute_not_exists(version) OR version = :version)' : 'version = :version');
  }
  let bytes = 0;
  if (change.update) {
    bytes = updateBytes(change.update);
    if (bytes > MAX_CASE_UPDATE_BYTES) throw new CaseUpdatesFullError(reference);
    values[':none'] = [];
    values[':u'] = [updateToItem(change.update)];
    values[':uid'] = change.update.id;
    values[':uids'] = new Set([change.update.id]);
    values[':bytes'] = bytes;
    values[':maxCount'] = MAX_CASE_UPDATES;
    values[':room'] = MAX_CASE_UPDATE_BYTES - bytes;
    sets.push('updates = list_append(if_not_exists(updates, :none), :u)');
    adds.push('updateIds :uids', 'updatesBytes :bytes');
    conditions.push(
      'NOT contains(updateIds, :uid)',
      '(attribute_not_exists(updates) OR size(updates) < :maxCount)',
      '(attribute_not_exists(updatesBytes) OR updatesBytes <= :room)',
    );
  }
  // The email goes in the case's own notification slot, queued claimed by this request (as createCase
  // does), unless one is still waiting there: a case holds one pending email at a time.
  const notify = change.notification && !c.notificationDueAt;
  let notificationDueAt: string | undefined;
  if (notify) {
    notificationDueAt = claimExpiry(now).toISOString();
    names['#qpk'] = TABLE_KEYS.index.partitionKey;
    names['#qsk'] = TABLE_KEYS.index.sortKey;
    values[':n'] = change.notification;
    values[':queue'] = NOTIFY_QUEUE;
    values[':due'] = queueSlot(notificationDueAt, reference);
    sets.push('notification = :n', 'notificationAttempts = :zero', '#qpk = :queue', '#qsk = :due');
    removes.push('notificationSent', 'notificationFailed');
    conditions.push('attribute_not_exists(#qpk)');
  }
  const entry: HistoryEntry = {
    id: change.actionId,
    kind: change.kind,
    at: change.at,
    by: change.by,
    ...(change.state && { state: change.state, previousState: c.state }),
    text: change.text,
    lang: change.lang,
    assignedTo: change.assignedTo,
    duplicateOf: change.duplicateOf,
    public: change.kind === 'update',
  };
  let updated: CaseItem | undefined;
  try {
    ({ Attributes: updated } = await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: caseKey(reference),
          UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    ));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Which condition failed: read the case once (only on this path).
    const found = await getCase(store, reference, now);
    if (!found) throw new CaseNotFoundError(reference);
    if (found.actionIds?.has(change.actionId)) {
      const repeat = await findHistoryEntry(store, found, change.actionId);
      if (repeat) return { outcome: 'already-applied', case: found, entry: repeat };
      // Applied, but its entry was not written (the store failed between the two writes): write it now,
      // ordered by the case's version now (the change's own is not known, and is no later than it).
      await putHistoryEntry(store, found, entry, change.update && found.updates.find((u) => u.id === change.update!.id));
      return { outcome: 'already-applied', case: found, entry };
    }
    const existing = change.update && found.updates.find((u) => u.id === change.update!.id);
    if (existing) throw new CaseUpdateExistsError(reference, existing);
    if (change.expectedVersion !== undefined && found.version !== change.expectedVersion) throw new CaseChangedError(reference, found);
    if (found.state !== c.state) return 'state-moved';
    if (notify && found.notificationDueAt) return tryChange(store, found, change, now);
    if (change.update) throw new CaseUpdatesFullError(reference);
    throw new CaseChangedError(reference, found);
  }
  const after = fromItem(updated!);
  await putHistoryEntry(store, after, entry, change.update);
  // A restricted (care) case is in no count: the counts are shown to staff who may not see it (queue.ts, queueCounts).
  if (state !== c.state && c.restrictedTo === undefined) await moveCount(store, c.state, state);
  return {
    outcome: 'applied',
    case: after,
    entry,
    previousState: c.state,
    notificationClaim: notificationDueAt ? { reference, slot: queueSlot(notificationDueAt, reference), attempts: 0 } : undefined,
    notificationSkipped: change.notification && !notify ? true : undefined,
  };
}

async function putHistoryEntry(store: CouncilStore, c: StoredCase, entry: HistoryEntry, update?: CaseUpdate): Promise<void> {
  const item = historyItem(c, entry, update && updateToItem(update));
  await storeCall(() => documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: item })));
}

/** A case's history entry by its action id (a repeat's path only: the case's history is small). */
async function findHistoryEntry(store: CouncilStore, c: StoredCase, actionId: string): Promise<HistoryEntry | undefined> {
  const entries = await readHistory(store, c.reference);
  return entries.find((e) => e.id === actionId && e.kind !== 'created');
}

/** Every history item of a case, oldest first. */
export async function readHistory(store: CouncilStore, reference: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await storeCall(() =>
      documentClient(store).send(
        new QueryCommand({
          TableName: store.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :hist)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':hist': HISTORY_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    entries.push(...(page.Items ?? []).map(historyFromItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}

async function moveCount(store: CouncilStore, from: CaseState, to: CaseState): Promise<void> {
  await storeCall(() =>
    documentClient(store).send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: COUNTS_KEY,
        UpdateExpression: 'ADD #from :minus, #to :plus',
        ExpressionAttributeNames: { '#from': countAttribute(from), '#to': countAttribute(to) },
        ExpressionAttributeValues: { ':minus': -1, ':plus': 1 },
      }),
    ),
  );
}

/** The state an Open311-style update means when its caller gives only open or closed. */
function updateState(current: StoredCase, update: CaseUpdate): CaseState {
  if (update.state) return update.state;
  // A bare "open" keeps an open case where it is; a bare "closed" keeps a closed one where it is.
  if (statusOf(current.state) === update.status) return current.state;
  return defaultStateFor(update.status);
}

/**
 * Adds a public update and sets the case's state (the update's, else what its open/closed means),
 * through applyCaseChange: the update, the state change and the history entry happen once however
 * many times it is sent. The update is published (tracking page; Open311 for cases with a public
 * side) by its history entry, which is in the updates index.
 *
 * @throws CaseNotFoundError, CaseUpdateExistsError, CaseUpdatesFullError
 * @example
 * await addCaseUpdate(store, 'ABCD-2345', { id: 'u1', status: 'closed', state: 'fixed', description: 'Filled in', createdAt }, now, integrator);
 */
export async function addCaseUpdate(store: CouncilStore, reference: string | StoredCase, update: CaseUpdate, now: Date, by: Actor = { kind: 'system' }): Promise<CaseChangeResult> {
  const found = typeof reference === 'string' ? await getCase(store, reference, now) : reference;
  if (!found) throw new CaseNotFoundError(typeof reference === 'string' ? reference : reference.reference);
  const state = updateState(found, update);
  const stored: CaseUpdate = { ...update, state, status: statusOf(state) };
  const result = await applyCaseChange(store, found, { actionId: update.id, kind: 'update', at: update.createdAt, by, state, text: update.description, lang: found.lang, update: stored }, now);
  if (result.outcome === 'already-applied') {
    const existing = result.case.updates.find((u) => u.id === update.id);
    if (existing) throw new CaseUpdateExistsError(result.case.reference, existing);
  }
  return result;
}

/**
 * Writes a public update's history entry (the published update, in the updates index) again. A
 * retry that finds its update already on the case calls it, so an update whose entry was not written
 * (the store failed between the two writes) is listed once the integrator retries. Harmless to repeat.
 *
 * @example
 * if (existing) await indexCaseUpdate(deps.store, found, existing); // a retry: make sure it is listed
 */
export async function indexCaseUpdate(store: CouncilStore, c: StoredCase, update: CaseUpdate, by: Actor = { kind: 'system' }): Promise<void> {
  // The entry's key holds the version of the change that made it, which `c` (read since) may have
  // passed: an entry already there stays as it is, or the retry would list the update twice.
  if ((await readHistory(store, c.reference)).some((e) => e.kind === 'update' && e.id === update.id)) return;
  const state = stateOfUpdate(update);
  await putHistoryEntry(store, c, { id: update.id, kind: 'update', at: update.createdAt, by, state, text: update.description, lang: c.lang, public: true }, update);
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
  const cost: RangeCost = { itemsRead: 0, readUnits: 0 };
  const range = { index: TABLE_KEYS.updatesIndex, partition: `UPDATES#${query.service}`, from: query.from, to: query.to };
  for await (const items of newestInRange(store, range, () => query.limit - updates.length, cost)) {
    for (const item of items) {
      if (isLive(item, now)) updates.push({ reference: String(item.reference), update: updateFromItem(item) });
    }
  }
  return { updates, ...cost };
}
