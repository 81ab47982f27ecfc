/**
 * The AWS export-jobs adapter: an asynchronous invocation of the council's jobs function, with the
 * job's id, and a 503 (never a page that waits for nothing) when Lambda does not queue it. No Lambda
 * runs here: the client's `send` is a stub that records each command.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { isExportJobEvent } from '../../functions/core/exports/export-jobs.ts';
import { LambdaExportJobs } from '../../functions/core/exports/lambda-export-jobs.ts';
import type { ExportStorage } from '../../functions/core/exports/port.ts';
import { HttpError } from '../../functions/core/http/errors.ts';

const JOB_ID = '0b7e2a4c-1f3d-4c59-9a8e-2d6f1b3c4a5e';
const storage: ExportStorage = { store: async () => ({ key: 'exports/x/a.csv', filename: 'a.csv', contentType: 'text/csv' }), link: async () => 'https://example.com' };

function stubbedClient(answer: () => Promise<unknown>) {
  const client = new LambdaClient({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  const sent: InvokeCommand[] = [];
  (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    if (!(command instanceof InvokeCommand)) throw new Error(`Unexpected ${(command as object).constructor.name}`);
    sent.push(command);
    return answer();
  };
  return { client, sent };
}

describe('LambdaExportJobs', () => {
  it('invokes the council’s jobs function asynchronously with the job’s id', async () => {
    const { client, sent } = stubbedClient(async () => ({ StatusCode: 202 }));
    const jobs = new LambdaExportJobs({ functionName: 'ldf-hackney-jobs', region: 'eu-west-2', storage, client });

    await jobs.start({ id: JOB_ID });

    expect(sent).toHaveLength(1);
    const input = sent[0].input;
    expect(input.FunctionName).toBe('ldf-hackney-jobs');
    expect(input.InvocationType).toBe('Event');
    const payload = JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array));
    expect(payload).toEqual({ 'ldf-task': 'export-job', jobId: JOB_ID });
    expect(isExportJobEvent(payload)).toBe(true);
  });

  it('answers 503 when Lambda refuses the invocation, or does not queue it', async () => {
    const refused = stubbedClient(async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    });
    const notQueued = stubbedClient(async () => ({ StatusCode: 200 }));

    for (const { client } of [refused, notQueued]) {
      const error = await new LambdaExportJobs({ functionName: 'ldf-hackney-jobs', region: 'eu-west-2', storage, client }).start({ id: JOB_ID }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(503);
    }
  });

  it('keeps the storage it was given, for the download link', () => {
    expect(new LambdaExportJobs({ functionName: 'ldf-hackney-jobs', region: 'eu-west-2', storage }).storage).toBe(storage);
  });
});

describe('an export job’s event', () => {
  it('is recognised only with the task’s name and a UUID job id', () => {
    expect(isExportJobEvent({ 'ldf-task': 'export-job', jobId: JOB_ID })).toBe(true);
    expect(isExportJobEvent({ 'ldf-task': 'export-job', jobId: '../../etc' })).toBe(false);
    expect(isExportJobEvent({ 'ldf-task': 'retry-notifications' })).toBe(false);
    expect(isExportJobEvent(null)).toBe(false);
  });
});
