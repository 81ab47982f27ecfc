import {
  casesWithDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  type StoredCase,
} from '../cases/case-store.ts';
import type { CouncilStore } from '../store/store.ts';
import type { Logger } from '../logger.ts';
import type { NotificationsPort } from './port.ts';

/**
 * Sends a case's notification and records the outcome. A failure never loses the case, and never
 * fails the caller: the case stays queued and `retryDueNotifications` tries again later.
 */
export async function deliverCaseNotification(
  store: CouncilStore,
  port: NotificationsPort,
  c: StoredCase,
  now: Date,
  logger: Logger,
): Promise<'sent' | 'failed'> {
  try {
    return await sendAndRecord(store, port, c, now, logger);
  } catch (error) {
    // Sent or not, the outcome could not be written: the case is still queued, so the retry job decides.
    logger.warn('notification outcome not recorded; the retry job will send it', { reference: c.reference, error: (error as Error).name });
    return 'failed';
  }
}

async function sendAndRecord(store: CouncilStore, port: NotificationsPort, c: StoredCase, now: Date, logger: Logger): Promise<'sent' | 'failed'> {
  if (!c.notification) return 'sent';
  try {
    // The reference is known only once the case is stored, so it joins the personalisation here.
    const personalisation = { ...c.notification.personalisation, reference: c.reference };
    await port.sendEmail({ ...c.notification, personalisation, reference: c.reference });
  } catch (error) {
    logger.warn('notification failed', { reference: c.reference, attempts: c.notificationAttempts + 1, error: (error as Error).message });
    await markNotificationFailed(store, c, now);
    return 'failed';
  }
  await markNotificationSent(store, c.reference);
  return 'sent';
}

/** Retries every notification that is due; run on a schedule (EventBridge in AWS, a timer locally). */
export async function retryDueNotifications(
  store: CouncilStore,
  port: NotificationsPort,
  now: Date,
  logger: Logger,
): Promise<{ sent: number; failed: number }> {
  const due = await casesWithDueNotifications(store, now);
  let sent = 0;
  let failed = 0;
  for (const c of due) {
    if ((await deliverCaseNotification(store, port, c, now, logger)) === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}
