import type { LambdaClient } from '@aws-sdk/client-lambda';
import { httpErrors } from '../http/errors.ts';
import type { ExportJobEvent, ExportJobs, ExportJobStart } from './export-jobs.ts';
import type { ExportStorage } from './port.ts';
import { packageExports } from '../load-package.ts';

export interface LambdaExportJobsOptions {
  /** The council's jobs function, `ldf-<id>-jobs` (EXPORT_JOBS_FUNCTION, set by its stack). */
  functionName: string;
  region: string;
  /** The export bucket the job stores its file in. */
  storage: ExportStorage;
  /** A client to use instead of a new one (tests). */
  client?: LambdaClient;
}

/**
 * Export jobs run by the council's jobs function: an asynchronous invocation (InvocationType
 * 'Event'), which Lambda queues and answers at once, so the request returns while the job runs for
 * up to 15 minutes. The Lambda client loads on first use: nothing added to a cold start.
 */
export class LambdaExportJobs implements ExportJobs {
  readonly functionName: string;
  readonly region: string;
  readonly storage: ExportStorage;
  private client: LambdaClient | undefined;

  constructor(options: LambdaExportJobsOptions) {
    this.functionName = options.functionName;
    this.region = options.region;
    this.storage = options.storage;
    this.client = options.client;
  }

  async start(job: ExportJobStart): Promise<void> {
    const sdk = packageExports(await import('@aws-sdk/client-lambda'));
    this.client ??= new sdk.LambdaClient({ region: this.region });
    const event: ExportJobEvent = { 'ldf-task': 'export-job', jobId: job.id };
    try {
      const out = await this.client.send(new sdk.InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }));
      // An asynchronous invocation Lambda has queued answers 202; anything else did not start it.
      if (out.StatusCode !== 202) throw new Error(`Lambda answered ${out.StatusCode} to an asynchronous invocation`);
    } catch (error) {
      throw httpErrors.unavailable('The export job could not be started', error);
    }
  }
}
