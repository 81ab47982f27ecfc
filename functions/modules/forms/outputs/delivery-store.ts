import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { EmailMessage } from '../../../core/notifications/port.ts';
import { documentClient, storeCall, TABLE_KEYS, type CouncilStore } from '../../../core/store/store.ts';

/**
 * What a form submission sends beyond its case, one item each beside the case (`CASE#<ref>`,
 * `OUTPUT#<kind>`): the council's webhook and the council mailbox's email. Each is tried once by the
 * request that stored the case and then, while it fails, by the council's schedule, with backoff,
 * until it goes or its last attempt fails. While it waits it sits in the table's sparse work index
 * (TABLE_KEYS.index, partition `FORMS-OUTPUT`, sorted by when it is next due), as the case store's
 * notifications do; no index of its own.
 *
 * A delivery holds the resident's answers (the webhook's body, the mailbox's email) and expires with
 * its case. It carries no expiry keys of its own: the retention sweep deletes the case's whole
 * partition, these items with it (functions/core/retention/sweep.ts).
 */

export type OutputKind = 'webhook' | 'mailbox';
export const OUTPUT_KINDS: readonly OutputKind[] = ['webhook', 'mailbox'];

export type DeliveryStatus = 'waiting' | 'delivered' | 'failed';

export interface OutputDelivery {
  reference: string;
  kind: OutputKind;
  formId: string;
  status: DeliveryStatus;
  /** Tries made so far (a staff retry of a failed delivery starts again at 0). */
  attempts: number;
  createdAt: string;
  lastAttemptAt?: string;
  /** What the last try got, for staff: `HTTP 503`, `timeout`, `network error`, `not sent`. */
  lastResult?: string;
  deliveredAt?: string;
  /** When the next try is due (while waiting): a claim's end while a sender holds it. */
  dueAt?: string;
  /** The webhook's URL at submission (the council file's current one wins when it has one). */
  url?: string;
  /** The webhook's body, exactly as signed and sent: every try sends the same bytes. */
  body?: string;
  /** The mailbox's email. */
  message?: EmailMessage;
  expiresAt: number;
}

/** The index partition of waiting outputs. */
const QUEUE = 'FORMS-OUTPUT';
const SK_PREFIX = 'OUTPUT#';

/**
 * How long a sender holds a claimed delivery before another may take it: longer than any send can
 * take (a webhook try gives up after WEBHOOK_TIMEOUT_MS; the council's function after 29 s).
 */
export const OUTPUT_CLAIM_SECONDS = 60;

/** Tries before a delivery gives up: with the backoff below, about a day of them. */
export const MAX_OUTPUT_ATTEMPTS = 12;

/**
 * When a delivery that has failed `attempts` times is next tried: 1, 2, 4 … minutes after the
 * failure, at most 6 hours apart; undefined once it has had MAX_OUTPUT_ATTEMPTS.
 *
 * @example
 * nextOutputAttempt(1, now); // now + 1 minute
 * nextOutputAttempt(12, now); // undefined: give up
 */
export function nextOutputAttempt(attempts: number, now: Date): Date | undefined {
  if (attempts >= MAX_OUTPUT_ATTEMPTS) return undefined;
  const minutes = Math.min(2 ** (attempts - 1), 360);
  return new Date(now.getTime() + minutes * 60_000);
}

const key = (reference: string, kind: OutputKind) => ({ [TABLE_KEYS.partitionKey]: `CASE#${reference}`, [TABLE_KEYS.sortKey]: `${SK_PREFIX}${kind}` });
const slotOf = (due: Date | string, reference: string, kind: OutputKind) => `${typeof due === 'string' ? due : due.toISOString()}#${reference}#${kind}`;
const claimEnd = (now: Date) => new Date(now.getTime() + OUTPUT_CLAIM_SECONDS * 1000);
const QUEUE_NAMES = { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey };

/** A delivery this sender holds: only its holder records the outcome. */
export interface OutputClaim {
  reference: string;
  kind: OutputKind;
  slot: string;
  attempts: number;
}

type Item = Record<string, NativeAttributeValue>;

function fromItem(item: Item): OutputDelivery {
  const slot = typeof item[TABLE_KEYS.index.sortKey] === 'string' ? (item[TABLE_KEYS.index.sortKey] as string) : undefined;
  return {
    reference: String(item.reference),
    kind: item.kind === 'mailbox' ? 'mailbox' : 'webhook',
    formId: String(item.formId),
    status: item.status === 'delivered' || item.status === 'failed' ? item.status : 'waiting',
    attempts: Number(item.attempts ?? 0),
    createdAt: String(item.createdAt),
    lastAttemptAt: typeof item.lastAttemptAt === 'string' ? item.lastAttemptAt : undefined,
    lastResult: typeof item.lastResult === 'string' ? item.lastResult : undefined,
    deliveredAt: typeof item.deliveredAt === 'string' ? item.deliveredAt : undefined,
    dueAt: slot ? slot.split('#')[0] : undefined,
    url: typeof item.url === 'string' ? item.url : undefined,
    body: typeof item.body === 'string' ? item.body : undefined,
    message: item.message as EmailMessage | undefined,
    expiresAt: Number(item[TABLE_KEYS.ttlAttribute]),
  };
}

const live = (item: Item, now: Date) => Number(item[TABLE_KEYS.ttlAttribute] ?? Infinity) > now.getTime() / 1000;

/**
 * Stores a new delivery, already claimed by the calling request (its due time is the claim's end),
 * so the request tries it without another write and the schedule leaves it alone meanwhile.
 * Undefined when the case already has this output (the same submission handled twice).
 *
 * @example
 * const claim = await putOutput(store, { reference, kind: 'webhook', formId, url, body, expiresAt }, now);
 */
export async function putOutput(
  store: CouncilStore,
  input: Pick<OutputDelivery, 'reference' | 'kind' | 'formId' | 'url' | 'body' | 'message' | 'expiresAt'>,
  now: Date,
): Promise<OutputClaim | undefined> {
  const slot = slotOf(claimEnd(now), input.reference, input.kind);
  try {
    await storeCall(() =>
      documentClient(store).send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...key(input.reference, input.kind),
            reference: input.reference,
            kind: input.kind,
            formId: input.formId,
            status: 'waiting',
            attempts: 0,
            createdAt: now.toISOString(),
            url: input.url,
            body: input.body,
            message: input.message,
            [TABLE_KEYS.ttlAttribute]: input.expiresAt,
            [TABLE_KEYS.index.partitionKey]: QUEUE,
            [TABLE_KEYS.index.sortKey]: slot,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
  return { reference: input.reference, kind: input.kind, slot, attempts: 0 };
}

/**
 * A case's outputs (none for a form with neither webhook nor mailbox), in one read. Without `now`,
 * expired ones are not left out: for a case already read as live (its outputs expire with it).
 */
export async function outputsOf(store: CouncilStore, reference: string, now?: Date): Promise<OutputDelivery[]> {
  const { Items = [] } = await storeCall(() =>
    documentClient(store).send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':prefix': SK_PREFIX },
        ConsistentRead: true,
      }),
    ),
  );
  return Items.filter((i) => !now || live(i, now)).map(fromItem);
}

/** Deliveries due by `now`, oldest first. */
export async function dueOutputs(store: CouncilStore, now: Date, limit: number): Promise<OutputDelivery[]> {
  const { Items = [] } = await storeCall(() =>
    documentClient(store).send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: TABLE_KEYS.index.name,
        KeyConditionExpression: '#qpk = :queue AND #qsk <= :due',
        ExpressionAttributeNames: QUEUE_NAMES,
        // "#~" sorts after "#" and every reference: a delivery due at `now` itself is due.
        ExpressionAttributeValues: { ':queue': QUEUE, ':due': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    ),
  );
  return Items.filter((i) => live(i, now)).map(fromItem);
}

/**
 * Takes a due delivery for sending, in one conditional write: only if it is still where this
 * sender saw it (same due time, same tries) and due, moving it OUTPUT_CLAIM_SECONDS on. Of two
 * overlapping schedules exactly one gets it.
 */
export async function claimOutput(store: CouncilStore, d: OutputDelivery, now: Date): Promise<OutputClaim | undefined> {
  const seen = d.dueAt;
  if (!seen || d.status !== 'waiting') return undefined;
  const slot = slotOf(claimEnd(now), d.reference, d.kind);
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key(d.reference, d.kind),
          UpdateExpression: 'SET #qsk = :claimed',
          ConditionExpression: '#qpk = :queue AND #qsk = :seen AND #qsk <= :dueBy AND attempts = :attempts',
          ExpressionAttributeNames: QUEUE_NAMES,
          ExpressionAttributeValues: {
            ':queue': QUEUE,
            ':seen': slotOf(seen, d.reference, d.kind),
            ':dueBy': `${now.toISOString()}#~`,
            ':attempts': d.attempts,
            ':claimed': slot,
          },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
  return { reference: d.reference, kind: d.kind, slot, attempts: d.attempts };
}

/**
 * A member of staff asks for a failed delivery to be tried again: it starts a fresh round of tries,
 * claimed by their request. Undefined when it is not failed (any more): delivered, waiting, or gone.
 */
export async function reopenFailedOutput(store: CouncilStore, reference: string, kind: OutputKind, now: Date): Promise<OutputClaim | undefined> {
  const slot = slotOf(claimEnd(now), reference, kind);
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key(reference, kind),
          UpdateExpression: 'SET #status = :waiting, attempts = :zero, #qpk = :queue, #qsk = :claimed',
          ConditionExpression: '#status = :failed AND #exp > :nowSeconds',
          ExpressionAttributeNames: { ...QUEUE_NAMES, '#status': 'status', '#exp': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: { ':waiting': 'waiting', ':failed': 'failed', ':zero': 0, ':queue': QUEUE, ':claimed': slot, ':nowSeconds': Math.floor(now.getTime() / 1000) },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
  return { reference, kind, slot, attempts: 0 };
}

/** The claimed delivery went: off the queue. False when the claim had lapsed (another sender's record stands). */
export async function releaseDelivered(store: CouncilStore, claim: OutputClaim, now: Date, result: string): Promise<boolean> {
  return release(store, claim, {
    UpdateExpression: 'SET #status = :delivered, attempts = :n, lastAttemptAt = :at, deliveredAt = :at, lastResult = :result REMOVE #qpk, #qsk',
    ExpressionAttributeNames: { ...QUEUE_NAMES, '#status': 'status' },
    ExpressionAttributeValues: { ':delivered': 'delivered', ':n': claim.attempts + 1, ':at': now.toISOString(), ':result': result },
  });
}

/**
 * The claimed try failed: counted, and back in the queue at its next attempt, or, after the last,
 * off the queue as failed (the case itself is never touched). Says which.
 */
export async function releaseFailed(store: CouncilStore, claim: OutputClaim, now: Date, result: string): Promise<'retry' | 'given-up' | 'lost'> {
  const attempts = claim.attempts + 1;
  const next = nextOutputAttempt(attempts, now);
  const released = await release(
    store,
    claim,
    next
      ? {
          UpdateExpression: 'SET attempts = :n, lastAttemptAt = :at, lastResult = :result, #qsk = :due',
          ExpressionAttributeNames: { '#qsk': QUEUE_NAMES['#qsk'] },
          ExpressionAttributeValues: { ':n': attempts, ':at': now.toISOString(), ':result': result, ':due': slotOf(next, claim.reference, claim.kind) },
        }
      : {
          UpdateExpression: 'SET #status = :failed, attempts = :n, lastAttemptAt = :at, lastResult = :result REMOVE #qpk, #qsk',
          ExpressionAttributeNames: { ...QUEUE_NAMES, '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':n': attempts, ':at': now.toISOString(), ':result': result },
        },
  );
  if (!released) return 'lost';
  return next ? 'retry' : 'given-up';
}

async function release(
  store: CouncilStore,
  claim: OutputClaim,
  update: { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, NativeAttributeValue> },
): Promise<boolean> {
  try {
    await storeCall(() =>
      documentClient(store).send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key(claim.reference, claim.kind),
          UpdateExpression: update.UpdateExpression,
          // Only the holder writes the outcome: after a lost claim, the new holder's record stands.
          ConditionExpression: '#claimSk = :slot',
          ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#claimSk': TABLE_KEYS.index.sortKey },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':slot': claim.slot },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
