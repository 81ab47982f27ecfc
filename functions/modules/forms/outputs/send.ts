import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { Logger } from '../../../core/logger.ts';
import type { NotificationsPort } from '../../../core/notifications/port.ts';
import type { SecretsPort } from '../../../core/secrets/port.ts';
import type { CouncilStore } from '../../../core/store/store.ts';
import type { FormsConfig } from '../config.ts';
import { releaseDelivered, releaseFailed, type OutputClaim, type OutputDelivery } from './delivery-store.ts';
import { idempotencyKey, postWebhook } from './webhook.ts';

/** What sending an output needs: the council's table, its email port and its secrets. */
export interface OutputDeps {
  store: CouncilStore;
  notifications: NotificationsPort;
  secrets: SecretsPort;
}

/**
 * The `event` of the log line written when a form's webhook or mailbox email gives up after its last
 * try (the reference leads an officer to the case; nothing personal is logged).
 */
export const FORM_OUTPUT_GAVE_UP_EVENT = 'form-output-gave-up';

export type SendOutcome = 'delivered' | 'retry' | 'failed' | 'lost';

/** Where a webhook goes now: the council file's current URL for the form (a fixed address wins), else the one it was made with. */
function webhookUrl(council: CouncilConfig, d: OutputDelivery): string | undefined {
  const forms = council.services.forms as FormsConfig | undefined;
  return forms?.adopted[d.formId]?.webhook?.url ?? d.url;
}

/**
 * Tries a delivery this sender holds once and records how it went (while the claim holds). Never
 * throws for the endpoint's or Notify's failure: that is a try to retry. A store failure while
 * recording leaves the delivery queued for the schedule, whose claim lapses in OUTPUT_CLAIM_SECONDS.
 */
export async function sendClaimed(deps: OutputDeps, council: CouncilConfig, claim: OutputClaim, d: OutputDelivery, now: Date, log: Logger): Promise<SendOutcome> {
  let ok = false;
  let result: string;
  if (d.kind === 'webhook') {
    const url = webhookUrl(council, d);
    if (!url || d.body === undefined) result = 'not sent';
    else {
      const secret = await deps.secrets.get('webhook-signing-key');
      ({ ok, result } = await postWebhook(url, d.body, { secret, idempotencyKey: idempotencyKey(council, d.reference), now }));
    }
  } else if (!d.message) result = 'not sent';
  else {
    try {
      await deps.notifications.sendEmail(d.message);
      ok = true;
      result = 'sent';
    } catch (error) {
      result = (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'not sent';
    }
  }
  if (ok) {
    if (!(await releaseDelivered(deps.store, claim, now, result))) log.warn('form output delivered after its claim had lapsed', { reference: d.reference, kind: d.kind });
    return 'delivered';
  }
  const attempts = claim.attempts + 1;
  log.warn('form output failed', { reference: d.reference, kind: d.kind, attempts, result });
  const released = await releaseFailed(deps.store, claim, now, result);
  if (released === 'given-up') {
    log.error('form output gave up after its last attempt', { event: FORM_OUTPUT_GAVE_UP_EVENT, reference: d.reference, kind: d.kind, formId: d.formId, attempts });
    return 'failed';
  }
  return released;
}
