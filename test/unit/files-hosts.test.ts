/**
 * How the hosts pick the file storage: for a council whose modules need files, the Lambda uses the
 * stack's bucket (FILE_BUCKET) and lets upload forms post to it (CSP form-action), and the local
 * host a folder per council with its dev upload route. No module needs files until the forms module
 * says so, so the modules' needs are stood in for: councils whose id starts with "files-" need them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Context as LambdaContext } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { MEGABYTE } from '../../functions/core/files/port.ts';
import { createStoreClient, ensureTable } from '../../functions/core/store/store.ts';
import { createLambdaHandler } from '../../functions/handler.ts';
import { createLocalHost } from '../../functions/local/server.ts';
import { council, embeddedStore } from '../support/harness.ts';

vi.mock('../../functions/modules/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/modules/index.ts')>();
  return {
    ...original,
    platformNeeds: (c: CouncilConfig) => {
      const needs = original.platformNeeds(c);
      if (c.id.startsWith('files-')) needs.set('files', { retentionDays: 365 });
      return needs;
    },
  };
});

const NOW = new Date('2025-06-01T09:00:00Z');
const BUCKET = 'council-files-hackney-filesbucket7c17ee2e-abcdef';
const lambdaContext = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as LambdaContext;

let store: Awaited<ReturnType<typeof embeddedStore>>;
let hackney: CouncilConfig;
let withFiles: CouncilConfig;
beforeAll(async () => {
  store = await embeddedStore();
  // Hackney without its forms needs no file storage; with them, it does.
  withFiles = { ...(await council('hackney')), id: 'files-hackney' };
  hackney = { ...withFiles, id: 'hackney', services: { ...withFiles.services, forms: undefined } };
});
afterAll(() => store.close());

const formAction = (headers: Record<string, string>) => /form-action ([^;]*)/.exec(headers['content-security-policy'])?.[1].split(' ') ?? [];

describe('the Lambda entry', () => {
  const pageOf = async (config: CouncilConfig, env: Record<string, string>) => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = store.endpoint;
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    const tableName = `lambda-${config.id}`;
    await ensureTable(createStoreClient({ endpoint: store.endpoint }), tableName);
    const handler = createLambdaHandler(config, { COUNCIL_ID: config.id, TABLE_NAME: tableName, ...env });
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: { host: 'abc.lambda-url.eu-west-2.on.aws', 'x-forwarded-proto': 'https' },
      requestContext: { http: { method: 'GET', path: '/', sourceIp: '198.51.100.7', protocol: 'HTTP/1.1', userAgent: 'test' }, domainName: 'abc.lambda-url.eu-west-2.on.aws' },
      isBase64Encoded: false,
    };
    return (await handler(event, lambdaContext)) as { statusCode: number; headers: Record<string, string> };
  };

  it('lets pages’ upload forms post to the council’s file bucket when its modules need files', async () => {
    const res = await pageOf(withFiles, { FILE_BUCKET: BUCKET, AWS_REGION: 'eu-west-2' });
    expect(res.statusCode).toBe(200);
    expect(formAction(res.headers)).toContain(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
  });

  it('uses no file bucket for a council whose modules need none, even when one is set', async () => {
    const res = await pageOf(hackney, { FILE_BUCKET: BUCKET, AWS_REGION: 'eu-west-2' });
    expect(res.statusCode).toBe(200);
    expect(formAction(res.headers).join(' ')).not.toContain(BUCKET);
  });
});

describe('the local host', () => {
  it('gives a council that needs files a folder and an upload route, and one that does not neither', async () => {
    const host = await createLocalHost({ councils: [withFiles, hackney], storeEndpoint: store.endpoint, filesDir: mkdtempSync(path.join(tmpdir(), 'ldf-files-')), clock: () => NOW });
    const storage = host.files.get('files-hackney')!;
    expect(storage).toBeDefined();
    expect(host.files.has('hackney')).toBe(false);

    const form = await storage.uploadForm({ draftId: 'AbCdEfGhIjKlMnOpQrStUv', redirectUrl: '/files-hackney/forms/x/d/AbCdEfGhIjKlMnOpQrStUv/proof/uploaded', now: NOW, maxBytes: MEGABYTE, accept: ['pdf'] });
    expect(form.action).toBe('/_dev/file-uploads/files-hackney');
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append(form.fileField, new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')]), 'Lease.pdf');
    const res = await host.app.request(form.action, { method: 'POST', body });
    expect(res.status).toBe(303);
    const key = new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('key')!;
    expect(await storage.ingest({ key, draftId: 'AbCdEfGhIjKlMnOpQrStUv', accept: ['pdf'], maxBytes: MEGABYTE })).toMatchObject({ ok: true, name: 'Lease.pdf' });

    expect((await host.app.request('/_dev/file-uploads/hackney', { method: 'POST', body: new FormData() })).status).toBe(404);
  });
});
