import { casesWithDueNotifications, type CaseNotification, type CreateCaseResult, type StoredCase } from '../cases/case-store.ts';
import type { CouncilStore } from '../store/store.ts';
import type { Logger } from '../logger.ts';
import { claimNotification, NOTIFICATION_CLAIM_SECONDS, releaseAsFailed, releaseAsSent, type NotificationClaim } from './claims.ts';
import type { NotificationsPort } from './port.ts';

/**
 * The `event` of the log line written when a notification gives up after its last attempt. The
 * council stack counts these lines (a metric filter on the function's log group) and alarms on them.
 */
export const NOTIFICATION_GAVE_UP_EVENT = 'notification-gave-up';

type Outcome = 'sent' | 'failed' | 'skipped';

/**
 * Sends a queued case's notification and records the outcome. A failure never loses the case, and
 * never fails the caller: the case stays queued and `retryDueNotifications` tries again later.
 * The notification is claimed first, so two senders holding the same case send it once:
 * 'skipped' means another sender has it (or it has already gone, or it is not due yet). For the
 * case a request has just stored, use deliverNewCaseNotification: that request holds it already.
 *
 * @example
 * for (const c of await casesWithDueNotifications(store, now)) await deliverCaseNotification(store, port, c, now, logger);
 */
export async function deliverCaseNotification(store: CouncilStore, port: NotificationsPort, c: StoredCase, now: Date, logger: Logger): Promise<Outcome> {
  const { notification } = c;
  if (!notification) return 'sent';
  return recorded(c, logger, async () => {
    const claim = await claimNotification(store, c, now);
    if (!claim) {
      logger.debug('notification skipped: another sender has it, or it has gone', { reference: c.reference });
      return 'skipped';
    }
    return send(store, port, c, notification, claim, now, logger);
  });
}

/**
 * Sends the notification of the case this request has just stored, in the request (the inline
 * send). createCase wrote the case claimed by this request, so sending costs one store write: the
 * outcome. Call it once per created case; a failure is left to the retry job, as above.
 *
 * @example
 * const result = await createCase(deps.store, input, now, deps.secrets);
 * if (result.outcome === 'created') await deliverNewCaseNotification(deps.store, deps.notifications, result, now, log);
 */
export async function deliverNewCaseNotification(
  store: CouncilStore,
  port: NotificationsPort,
  created: Extract<CreateCaseResult, { outcome: 'created' }>,
  now: Date,
  logger: Logger,
): Promise<Outcome> {
  const { case: c, notificationClaim } = created;
  const { notification } = c;
  if (!notification || !notificationClaim) return 'sent';
  return recorded(c, logger, () => send(store, port, c, notification, notificationClaim, now, logger));
}

async function recorded(c: StoredCase, logger: Logger, deliver: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await deliver();
  } catch (error) {
    // Sent or not, the outcome could not be written: the case is still queued, so the retry job decides.
    logger.warn('notification outcome not recorded; the retry job will send it', { reference: c.reference, error: (error as Error).name });
    return 'failed';
  }
}

/** Sends a notification this sender holds, and records the outcome while the claim still holds. */
async function send(
  store: CouncilStore,
  port: NotificationsPort,
  c: StoredCase,
  notification: CaseNotification,
  claim: NotificationClaim,
  now: Date,
  logger: Logger,
): Promise<Outcome> {
  try {
    // The reference is known only once the case is stored, so it joins the personalisation here.
    const personalisation = { ...notification.personalisation, reference: c.reference };
    await port.sendEmail({ ...notification, personalisation, reference: c.reference });
  } catch (error) {
    const attempts = claim.attempts + 1;
    logger.warn('notification failed', { reference: c.reference, attempts, error: (error as Error).message });
    if ((await releaseAsFailed(store, claim, now)) === 'given-up') {
      // No personal data: the reference leads an officer to the case and its contact details.
      logger.error('notification gave up after its last attempt', { event: NOTIFICATION_GAVE_UP_EVENT, reference: c.reference, template: notification.template, attempts });
    }
    return 'failed';
  }
  if (!(await releaseAsSent(store, claim))) logger.warn('notification sent after its claim had lapsed', { reference: c.reference });
  return 'sent';
}

/**
 * Retries every notification that is due; run on a schedule (EventBridge in AWS, a timer locally).
 * A case's first send belongs to the request that stored it for NOTIFICATION_CLAIM_SECONDS: that
 * send may still be in flight. createCase queues a new case at the end of that claim, so the queue
 * does not offer it sooner; the check below also keeps the grace for cases stored before it did
 * (queued at their creation time).
 */
export async function retryDueNotifications(
  store: CouncilStore,
  port: NotificationsPort,
  now: Date,
  logger: Logger,
): Promise<{ sent: number; failed: number }> {
  const due = await casesWithDueNotifications(store, now);
  const graceStart = now.getTime() - NOTIFICATION_CLAIM_SECONDS * 1000;
  let sent = 0;
  let failed = 0;
  for (const c of due) {
    if (c.notificationAttempts === 0 && Date.parse(c.createdAt) > graceStart) continue;
    const outcome = await deliverCaseNotification(store, port, c, now, logger);
    if (outcome === 'sent') sent++;
    else if (outcome === 'failed') failed++;
  }
  return { sent, failed };
}
