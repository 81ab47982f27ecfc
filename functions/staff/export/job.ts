import '../messages/register.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { ExportStorage } from '../../core/exports/port.ts';
import { translator } from '../../core/i18n.ts';
import type { Logger } from '../../core/logger.ts';
import type { CouncilStore } from '../../core/store/store.ts';
import type { FieldCipher } from '../../core/crypto/field-cipher.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import { can, visibleRestrictions } from '../auth/roles.ts';
import { MESSAGES } from '../../modules/index.ts';
import { casesCsv, exportFilters } from './export-csv.ts';
import { claimExportJob, finishExportJob, getExportJob } from './job-store.ts';

export interface ExportJobDeps {
  store: CouncilStore;
  /** The export bucket (S3ExportDelivery) in the jobs function; a stub in tests. */
  storage: ExportStorage;
  clock: () => Date;
  logger: Logger;
  /**
   * Opens special-category answers for a job asked for by care staff (the council function's own
   * cipher: KMS keyring, the council's key). Without it such a job's special-category cells say they
   * could not be opened.
   */
  cipher?: FieldCipher;
}

/**
 * Runs one background export: claims the queued job, builds the same CSV the request would have
 * streamed (casesCsv, as of the time it was asked for, in the asker's language and with their
 * role's columns), stores it and records the job done with the file's key, or failed. Entered from
 * the council's jobs function (handler.ts) or, in tests, from LocalExportJobs.
 *
 * @example
 * await runExportJob(council, { store, storage, clock: () => new Date(), logger }, event.jobId);
 */
export async function runExportJob(council: CouncilConfig, deps: ExportJobDeps, jobId: string): Promise<'done' | 'failed' | 'skipped'> {
  const log = deps.logger.with({ module: 'staff-export', jobId });
  const job = await getExportJob(deps.store, jobId, deps.clock());
  // Gone (expired), or already claimed: an event delivered twice builds the file once.
  if (!job || !(await claimExportJob(deps.store, jobId))) {
    log.info('export job skipped', { found: !!job });
    return 'skipped';
  }
  try {
    const t = translator(MESSAGES[job.lang]);
    const filters = exportFilters(council, new URLSearchParams(job.filters), job.lang, t, visibleRestrictions(job.roles));
    // The request checked them; a council file changed since (a service dropped) can make them invalid.
    if (!filters) throw new Error('The export job’s filters are no longer valid');
    // The asker's roles as they were when they asked, never more: care cases and their answers only for care staff.
    const care = job.personal && can(job.roles, 'case:care');
    const input = casesCsv(council, deps.store, {
      filters,
      staffSub: job.who.sub,
      personal: job.personal,
      restrictedVisible: visibleRestrictions(job.roles),
      specialCategory: care ? { cipher: deps.cipher, who: staffActor(job.who), clock: deps.clock, log } : undefined,
      lang: job.lang,
      t,
      now: new Date(job.requestedAt),
    });
    const stored = await deps.storage.store(input);
    await finishExportJob(deps.store, jobId, { state: 'done', stored }, deps.clock());
    log.info('export job done', { ms: deps.clock().getTime() - Date.parse(job.requestedAt) });
    return 'done';
  } catch (error) {
    log.error('export job failed', { error: error instanceof Error ? error.name : String(error) });
    await finishExportJob(deps.store, jobId, { state: 'failed' }, deps.clock());
    return 'failed';
  }
}
