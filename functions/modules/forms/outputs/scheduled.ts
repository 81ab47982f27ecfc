import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { Logger } from '../../../core/logger.ts';
import type { ScheduledDeps } from '../../../core/module.ts';
import { claimOutput, dueOutputs, reopenFailedOutput, outputsOf, type OutputKind } from './delivery-store.ts';
import { sendClaimed, type OutputDeps, type SendOutcome } from './send.ts';

/** Deliveries one run of the schedule takes at most, and how many it sends at once. */
const BATCH = 25;
const PARALLEL = 5;
/**
 * After this long a run starts no more sends: a send takes at most WEBHOOK_TIMEOUT_MS, and the
 * council's function stops at its timeout (29 s at most). What is left waits for the next run.
 */
const RUN_BUDGET_MS = 15_000;

/**
 * The forms module's scheduled work (ServiceModule.scheduled): every webhook and mailbox email that
 * is due is claimed and tried once, with backoff between tries and a give-up after the last (see
 * delivery-store.ts). Returns counts for the schedule's log line.
 *
 * @example
 * scheduled: formsScheduled,
 */
export async function formsScheduled(council: CouncilConfig, deps: ScheduledDeps, now: Date): Promise<Record<string, number>> {
  const log = deps.logger.with({ module: 'forms' });
  const counts = { outputsDelivered: 0, outputsRetrying: 0, outputsFailed: 0 };
  const due = await dueOutputs(deps.store, now, BATCH);
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    // Elapsed time, not the (possibly fixed) clock: the budget is the function's own.
    while (next < due.length && Date.now() - started < RUN_BUDGET_MS) {
      const d = due[next++];
      try {
        const claim = await claimOutput(deps.store, d, now);
        if (!claim) continue; // another run has it, or it has gone
        count(counts, await sendClaimed(deps, council, claim, d, now, log));
      } catch (error) {
        log.warn('form output not tried; the next run will', { reference: d.reference, kind: d.kind, error: (error as Error).name });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  return counts;
}

function count(counts: { outputsDelivered: number; outputsRetrying: number; outputsFailed: number }, outcome: SendOutcome) {
  if (outcome === 'delivered') counts.outputsDelivered++;
  else if (outcome === 'retry') counts.outputsRetrying++;
  else if (outcome === 'failed') counts.outputsFailed++;
}

/**
 * A member of staff's "Try again" on a failed delivery: a fresh round of tries, the first now.
 * 'not-failed' when it is not failed (any more): another click got there first, or it has gone.
 *
 * @example
 * const outcome = await retryFailedOutput(deps, council, 'ABCD-2345', 'webhook', deps.clock(), log);
 */
export async function retryFailedOutput(deps: OutputDeps, council: CouncilConfig, reference: string, kind: OutputKind, now: Date, log: Logger): Promise<SendOutcome | 'not-failed'> {
  const claim = await reopenFailedOutput(deps.store, reference, kind, now);
  if (!claim) return 'not-failed';
  const d = (await outputsOf(deps.store, reference, now)).find((o) => o.kind === kind);
  if (!d) return 'not-failed';
  return sendClaimed(deps, council, claim, d, now, log);
}
