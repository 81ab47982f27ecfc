import type { ExportJobs, ExportJobStart } from './export-jobs.ts';
import type { ExportStorage } from './port.ts';

/**
 * Export jobs run in this process, as the jobs function would run them: started and not awaited,
 * so the request answers first. Each run's promise is kept, so a test can wait for them (`settled`).
 * For tests and a local run of the background path; the local host itself streams exports directly.
 *
 * @example
 * const jobs = new LocalExportJobs({ storage, run: (id) => runExportJob(council, jobDeps, id) });
 * await jobs.start({ id }); await jobs.settled();
 */
export class LocalExportJobs implements ExportJobs {
  readonly storage: ExportStorage;
  private readonly run: (jobId: string) => Promise<void>;
  private readonly running = new Set<Promise<void>>();

  constructor(options: { storage: ExportStorage; run: (jobId: string) => Promise<void> }) {
    this.storage = options.storage;
    this.run = options.run;
  }

  async start(job: ExportJobStart): Promise<void> {
    // A failing job records its failure itself; a rejection here must not become an unhandled one.
    const run = this.run(job.id).catch(() => undefined);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Resolves when every job started so far has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
