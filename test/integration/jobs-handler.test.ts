/**
 * The jobs function's entry (index.jobHandler): an export job's event runs the job against the
 * council's table; anything else is ignored; a bundle for another council refuses to run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobHandler } from '../../functions/handler.ts';
import { createStoreClient, ensureTable } from '../../functions/core/store/store.ts';
import { council, embeddedStore } from '../support/harness.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
const tableName = `jobs-handler-${process.pid}`;
const env = () => ({ COUNCIL_ID: 'hackney', TABLE_NAME: tableName, EXPORT_BUCKET: 'council-hackney-exportsbucket-abcdef123456', AWS_REGION: 'eu-west-2' });

beforeAll(async () => {
  store = await embeddedStore();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = store.endpoint;
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  await ensureTable(createStoreClient({ endpoint: store.endpoint }), tableName);
});
afterAll(() => store.close());

describe('the jobs function', () => {
  it('looks the job up in the council’s table, and skips one that is not there (expired, or never made)', async () => {
    const handler = createJobHandler(await council('hackney'), env());

    expect(await handler({ 'ldf-task': 'export-job', jobId: '0b7e2a4c-1f3d-4c59-9a8e-2d6f1b3c4a5e' })).toEqual({ outcome: 'skipped' });
  });

  it('ignores an event that is not an export job’s, or whose id is not a job id', async () => {
    const handler = createJobHandler(await council('hackney'), env());

    expect(await handler({ 'ldf-task': 'retry-notifications' })).toEqual({ outcome: 'ignored' });
    expect(await handler({ 'ldf-task': 'export-job', jobId: 'EXPORTJOB#x' })).toEqual({ outcome: 'ignored' });
  });

  it('refuses to run when its bundle and COUNCIL_ID disagree', async () => {
    const handler = createJobHandler(await council('hackney'), { ...env(), COUNCIL_ID: 'highland' });

    await expect(handler({ 'ldf-task': 'export-job', jobId: '0b7e2a4c-1f3d-4c59-9a8e-2d6f1b3c4a5e' })).rejects.toThrow(/serves hackney but COUNCIL_ID is highland/);
  });
});
