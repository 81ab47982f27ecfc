import { casesWithDueNotifications, type StoredCase } from '../cases/case-store.ts';
import type { CouncilStore } from '../store/store.ts';
import type { Logger } from '../logger.ts';
import { claimNotification, NOTIFICATION_CLAIM_SECONDS, releaseAsFailed, releaseAsSent } from './claims.ts';
import type { NotificationsPort } from './port.ts';

/**
 * The `event` of the log line written when a notification gives up after its last attempt. The
 * council stack counts these lines (a metric filter on the function's log group) and alarms on them.
 */
export const NOTIFICATION_GAVE_UP_EVENT = 'notification-gave-up';

/**
 * Sends a case's notification and records the outcome. A failure never loses the case, and never
 * fails the caller: the case stays queued and `retryDueNotifications` tries again later.
 * The notification is claimed first, so two senders holding the same case send it once:
 * 'skipped' means another sender has it (or it has already gone).
 */
export async function deliverCaseNotification(
  store: CouncilStore,
  port: NotificationsPort,
  c: StoredCase,
  now: Date,
  logger: Logger,
): Promise<'sent' | 'failed' | 'skipped'> {
  try {
    return await claimAndSend(store, port, c, now, logger);
  } catch (error) {
    // Sent or not, the outcome could not be written: the case is still queued, so the retry job decides.
    logger.warn('notification outcome not recorded; the retry job will send it', { reference: c.reference, error: (error as Error).name });
    return 'failed';
  }
}

async function claimAndSend(store: CouncilStore, port: NotificationsPort, c: StoredCase, now: Date, logger: Logger): Promise<'sent' | 'failed' | 'skipped'> {
  if (!c.notification) return 'sent';
  const claim = await claimNotification(store, c, now);
  if (!claim) {
    logger.debug('notification skipped: another sender has it, or it has gone', { reference: c.reference });
    return 'skipped';
  }
  try {
    // The reference is known only once the case is stored, so it joins the personalisation here.
    const personalisation = { ...c.notification.personalisation, reference: c.reference };
    await port.sendEmail({ ...c.notification, personalisation, reference: c.reference });
  } catch (error) {
    const attempts = claim.attempts + 1;
    logger.warn('notification failed', { reference: c.reference, attempts, error: (error as Error).message });
    if ((await releaseAsFailed(store, claim, now)) === 'given-up') {
      // No personal data: the reference leads an officer to the case and its contact details.
      logger.error('notification gave up after its last attempt', { event: NOTIFICATION_GAVE_UP_EVENT, reference: c.reference, template: c.notification.template, attempts });
    }
    return 'failed';
  }
  if (!(await releaseAsSent(store, claim))) logger.warn('notification sent after its claim had lapsed', { reference: c.reference });
  return 'sent';
}

/**
 * Retries every notification that is due; run on a schedule (EventBridge in AWS, a timer locally).
 * A case's first send belongs to the request that stored it for NOTIFICATION_CLAIM_SECONDS: that
 * send may still be in flight.
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
