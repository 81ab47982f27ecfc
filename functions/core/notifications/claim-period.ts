/**
 * What a claim on a queued notification is, shared by the case store (which writes a new case
 * already claimed by the request that stores it) and claims.ts (which claims, and releases, queued
 * ones). It imports nothing, so both can use it without importing each other.
 */

/**
 * How long a claimed notification is held by its sender before another may take it. A send cannot
 * outlive the function that makes it (the schema caps a council's timeout at 29 s, and the Notify
 * client gives up after NOTIFY_TIMEOUT_MS), so after this the sender is certainly gone. A new case
 * is stored claimed for this long by the request that stores it: the claim is also the scheduled
 * retry's grace period after the inline send.
 */
export const NOTIFICATION_CLAIM_SECONDS = 120;

/** A notification this sender holds: only its holder may record the outcome. */
export interface NotificationClaim {
  reference: string;
  /** The queue position written by the claim; the outcome is written only while it is still there. */
  slot: string;
  attempts: number;
}

/**
 * A case's position in the queue of waiting notifications (the index sort key): due time, then
 * reference, so the queue reads oldest first and two cases due at once stay distinct.
 *
 * @example
 * queueSlot('2026-12-01T10:02:00.000Z', 'ABCD-2345'); // '2026-12-01T10:02:00.000Z#ABCD-2345'
 */
export function queueSlot(due: Date | string, reference: string): string {
  return `${typeof due === 'string' ? due : due.toISOString()}#${reference}`;
}

/**
 * When the claim of a sender that takes a notification at `now` lapses.
 *
 * @example
 * claimExpiry(new Date('2026-12-01T10:00:00Z')); // 2026-12-01T10:02:00.000Z
 */
export function claimExpiry(now: Date): Date {
  return new Date(now.getTime() + NOTIFICATION_CLAIM_SECONDS * 1000);
}
