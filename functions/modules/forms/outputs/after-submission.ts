import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { StoredCase } from '../../../core/cases/case-store.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ResolvedForm } from '../definition/types.ts';
import { putOutput, type OutputClaim, type OutputDelivery } from './delivery-store.ts';
import { mailboxMessage } from './mailbox.ts';
import { sendClaimed, type OutputDeps, type SendOutcome } from './send.ts';
import { webhookBody } from './webhook.ts';

export interface AfterSubmissionDeps extends OutputDeps {
  /** Where staff reach the council (`https://…/hackney`): the mailbox email links to the case when known. */
  publicBaseUrl?: string;
}

/** How each of the form's outputs went on its first try; absent: the form has none of that kind. */
export type AfterSubmissionResult = Partial<Record<'webhook' | 'mailbox', SendOutcome | 'already-queued' | 'not-recorded'>>;

/**
 * What a form submission produces besides its case, called by the journey once the case is stored:
 * records the webhook delivery (when the form's adoption has `webhook`) and the council mailbox's
 * email (when it has `mailbox`), each claimed by this request, and tries each once now. A failure
 * never fails the resident's request (the case is already stored): what has not gone waits for the
 * council's schedule (formsScheduled), with backoff. Never throws.
 *
 * @example
 * const result = await createCase(deps.store, input, now, deps.secrets);
 * if (result.outcome === 'created') await afterSubmission(deps, council, form, result.case, now, log);
 */
export async function afterSubmission(deps: AfterSubmissionDeps, council: CouncilConfig, form: ResolvedForm, stored: StoredCase, now: Date, log: Logger): Promise<AfterSubmissionResult> {
  const outputs: Pick<OutputDelivery, 'reference' | 'kind' | 'formId' | 'url' | 'body' | 'message' | 'expiresAt'>[] = [];
  const base = { reference: stored.reference, formId: form.id, expiresAt: stored.expiresAt };
  if (form.webhook) outputs.push({ ...base, kind: 'webhook', url: form.webhook.url, body: webhookBody(council, stored) });
  if (form.mailbox) outputs.push({ ...base, kind: 'mailbox', message: mailboxMessage(council, form, stored, form.mailbox.email, deps.publicBaseUrl) });
  const result: AfterSubmissionResult = {};
  // The two go side by side: a slow webhook does not hold up the email.
  await Promise.all(
    outputs.map(async (output) => {
      let claim: OutputClaim | undefined;
      try {
        claim = await putOutput(deps.store, output, now);
      } catch (error) {
        // Not recorded: the case is there, and staff see no delivery for it. Rare (the case's own write just worked).
        log.error('form output not recorded', { reference: stored.reference, kind: output.kind, error: (error as Error).name });
        result[output.kind] = 'not-recorded';
        return;
      }
      if (!claim) {
        result[output.kind] = 'already-queued';
        return;
      }
      try {
        result[output.kind] = await sendClaimed(deps, council, claim, { ...output, status: 'waiting', attempts: 0, createdAt: now.toISOString() }, now, log);
      } catch (error) {
        // The outcome could not be written (the store, or the signing key): the claim lapses and the schedule tries it.
        log.warn('form output outcome not recorded; the schedule will try it', { reference: stored.reference, kind: output.kind, error: (error as Error).name });
        result[output.kind] = 'retry';
      }
    }),
  );
  return result;
}
