import { ConditionalCheckFailedException, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { nextNotificationAttempt, type StoredCase } from '../cases/case-store.ts';
import { storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { claimExpiry, queueSlot, type NotificationClaim } from './claim-period.ts';

export { NOTIFICATION_CLAIM_SECONDS, type NotificationClaim } from './claim-period.ts';

/** The case store's queue of waiting notifications (see case-store.ts): same keys, same shapes. */
const NOTIFY_QUEUE = 'NOTIFY';
const QUEUE_NAMES = { '#qpk': TABLE_KEYS.index.partitionKey, '#qsk': TABLE_KEYS.index.sortKey };

const caseKey = (reference: string): Record<string, AttributeValue> => ({
  [TABLE_KEYS.partitionKey]: { S: `CASE#${reference}` },
  [TABLE_KEYS.sortKey]: { S: 'CASE' },
});

/**
 * Takes a queued notification for sending, in one conditional write: it succeeds only if the case
 * is due (so no other sender's claim still holds: a claim is a due time NOTIFICATION_CLAIM_SECONDS
 * ahead) and still where this sender saw it in the queue (same due time, same number of attempts),
 * and moves it NOTIFICATION_CLAIM_SECONDS later. Of two senders that read the same case (two
 * overlapping retries) exactly one gets the claim. A new case needs none of this: createCase stores
 * it claimed by its own request (see deliverNewCaseNotification).
 *
 * @example
 * const claim = await claimNotification(store, c, now);
 * if (!claim) return 'skipped'; // another sender has it, or it has gone
 */
export async function claimNotification(store: CouncilStore, c: StoredCase, now: Date): Promise<NotificationClaim | undefined> {
  const seen = c.notificationDueAt;
  if (!seen) return undefined;
  const slot = queueSlot(claimExpiry(now), c.reference);
  try {
    await storeCall(() =>
      store.client.send(
        new UpdateItemCommand({
          TableName: store.tableName,
          Key: caseKey(c.reference),
          UpdateExpression: 'SET #qsk = :claimed',
          // Due by now: a claim still held (the creating request's, or another sender's) is in the future.
          ConditionExpression: '#qpk = :queue AND #qsk = :seen AND #qsk <= :dueBy AND notificationAttempts = :attempts',
          ExpressionAttributeNames: QUEUE_NAMES,
          ExpressionAttributeValues: {
            ':queue': { S: NOTIFY_QUEUE },
            ':seen': { S: queueSlot(seen, c.reference) },
            // "#~" sorts after "#" and every reference: a case due at `now` itself is due.
            ':dueBy': { S: `${now.toISOString()}#~` },
            ':attempts': { N: String(c.notificationAttempts) },
            ':claimed': { S: slot },
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
          ExpressionAttributeValues: { ':n': { N: String(attempts) }, ':due': { S: queueSlot(next, claim.reference) } },
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
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':slot': { S: claim.slot } },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
