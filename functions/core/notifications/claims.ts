import { ConditionalCheckFailedException, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { nextNotificationAttempt, type StoredCase } from '../cases/case-store.ts';
import { storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';

/**
 * How long a claimed notification is held by its sender before another may take it. A send cannot
 * outlive the function that makes it (the schema caps a council's timeout at 29 s, and the Notify
 * client gives up after NOTIFY_TIMEOUT_MS), so after this the sender is certainly gone: the claim
 * is also the first retry's grace period after the inline send.
 */
export const NOTIFICATION_CLAIM_SECONDS = 120;

/** The case store's queue of waiting notifications (see case-store.ts): same keys, same shapes. */
const NOTIFY_QUEUE = 'NOTIFY';
const QUEUE_NAMES = { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey };

const caseKey = (reference: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: `CASE#${reference}` },
  [TABLE_KEYS.sortKey]: { S: 'CASE' },
});

const queueSlot = (due: Date | string, reference: string): AttributeValue => ({
  S: `${typeof due === 'string' ? due : due.toISOString()}#${reference}`,
});

/** A notification this sender holds: only its holder may record the outcome. */
export interface NotificationClaim {
  reference: string;
  /** The queue position written by the claim; the outcome is written only while it is still there. */
  slot: AttributeValue;
  attempts: number;
}

/**
 * Takes a queued notification for sending, in one conditional write: it succeeds only if the case
 * is still where this sender saw it in the queue (same due time, same number of attempts), and
 * moves it NOTIFICATION_CLAIM_SECONDS later. Of two senders that read the same case (the inline
 * send and the scheduled retry, or two overlapping retries) exactly one gets the claim.
 *
 * @example
 * const claim = await claimNotification(store, c, now);
 * if (!claim) return 'skipped'; // another sender has it, or it has gone
 */
export async function claimNotification(store: CouncilStore, c: StoredCase, now: Date): Promise<NotificationClaim | undefined> {
  const seen = c.notificationDueAt;
  if (!seen) return undefined;
  const slot = queueSlot(new Date(now.getTime() + NOTIFICATION_CLAIM_SECONDS * 1000), c.reference);
  try {
    await storeCall(() =>
      store.client.send(
        new UpdateItemCommand({
          TableName: store.tableName,
          Key: caseKey(c.reference),
          UpdateExpression: 'SET #qsk = :claimed',
          ConditionExpression: '#qpk = :queue AND #qsk = :seen AND notificationAttempts = :attempts',
          ExpressionAttributeNames: QUEUE_NAMES,
          ExpressionAttributeValues: {
            ':queue': { S: NOTIFY_QUEUE },
            ':seen': queueSlot(seen, c.reference),
            ':attempts': { N: String(c.notificationAttempts) },
            ':claimed': slot,
          },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
  return { reference: c.reference, slot, attempts: c.notificationAttempts };
}

/** The claimed notification has gone: take the case off the queue. False if the claim was lost meanwhile. */
export async function releaseAsSent(store: CouncilStore, claim: NotificationClaim): Promise<boolean> {
  return release(store, claim, {
    UpdateExpression: 'REMOVE #qpk, #qsk SET notificationSent = :yes',
    ExpressionAttributeNames: QUEUE_NAMES,
    ExpressionAttributeValues: { ':yes': { BOOL: true } },
  });
}

/**
 * The claimed send failed: count the try and put the case back in the queue at its next attempt,
 * or, after the last one, take it off the queue (the case itself is kept). Says which.
 */
export async function releaseAsFailed(store: CouncilStore, claim: NotificationClaim, now: Date): Promise<'retry' | 'given-up' | 'lost'> {
  const attempts = claim.attempts + 1;
  const next = nextNotificationAttempt(attempts, now);
  const released = await release(
    store,
    claim,
    next
      ? {
          UpdateExpression: 'SET notificationAttempts = :n, #qsk = :due',
          ExpressionAttributeNames: { '#qsk': QUEUE_NAMES['#qsk'] },
          ExpressionAttributeValues: { ':n': { N: String(attempts) }, ':due': queueSlot(next, claim.reference) },
        }
      : {
          UpdateExpression: 'SET notificationAttempts = :n, notificationFailed = :yes REMOVE #qpk, #qsk',
          ExpressionAttributeNames: QUEUE_NAMES,
          ExpressionAttributeValues: { ':n': { N: String(attempts) }, ':yes': { BOOL: true } },
        },
  );
  if (!released) return 'lost';
  return next ? 'retry' : 'given-up';
}

async function release(
  store: CouncilStore,
  claim: NotificationClaim,
  update: { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, AttributeValue> },
): Promise<boolean> {
  try {
    await storeCall(() =>
      store.client.send(
        new UpdateItemCommand({
          TableName: store.tableName,
          Key: caseKey(claim.reference),
          UpdateExpression: update.UpdateExpression,
          // Only the holder writes the outcome: after a lost claim the new holder's record stands.
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
