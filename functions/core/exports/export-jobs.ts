import type { ExportStorage } from './port.ts';

/**
 * Exports too big to build within a request. In AWS a request runs inside the council's function,
 * behind an API Gateway HTTP API whose integration gives up at 30 seconds (the function's timeout
 * is at most 29), and 100,000 cases take longer than that to read and write. So there the request
 * only records an export job and starts it here, and a second function with a 15-minute timeout
 * (the council's jobs function) builds the file into ExportStorage; the staff member's page waits
 * for it. A host that sets no ExportJobs (the local host, the tests) streams exports directly.
 */
export interface ExportJobs {
  /**
   * Starts the job without waiting for it: it runs on, and records its outcome on its job item.
   *
   * @example
   * await deps.exportJobs.start({ id: job.id });
   */
  start(job: ExportJobStart): Promise<void>;
  /** Where finished jobs keep their files, and where the download link to one comes from. */
  readonly storage: ExportStorage;
}

/** What a job is started with: its id. The job item (pk EXPORTJOB#<id>) holds the rest. */
export interface ExportJobStart {
  id: string;
}

/** The event the council's jobs function receives for an export job. */
export interface ExportJobEvent {
  'ldf-task': 'export-job';
  jobId: string;
}

/** Job ids are UUIDs (randomUUID): nothing else is a job's id, in a URL or an event. */
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Whether a Lambda event is an export job's, with a well-formed id.
 *
 * @example
 * if (isExportJobEvent(event)) await runExportJob(council, deps, event.jobId);
 */
export function isExportJobEvent(event: unknown): event is ExportJobEvent {
  const e = event as Partial<ExportJobEvent> | null;
  return typeof e === 'object' && e !== null && e['ldf-task'] === 'export-job' && typeof e.jobId === 'string' && JOB_ID.test(e.jobId);
}
