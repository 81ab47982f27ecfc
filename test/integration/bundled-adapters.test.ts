/**
 * The AWS and Notify adapters work once bundled as the Lambda is. They load their packages on demand
 * with import(); esbuild gives a CommonJS package loaded that way a chunk whose only export is
 * `default`, so code that worked under tsx could fail only in AWS (packageExports mends it). Each
 * adapter runs here from an esbuild bundle built with the Lambda's settings, in a fresh Node
 * process, against a local HTTP server standing in for Secrets Manager, Lambda, S3 and Notify.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ESBUILD_OPTIONS } from '../../functions/build-lambda.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const API_KEY = 'ldf_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

interface Seen {
  method: string;
  url: string;
  target?: string;
  body: string;
}

let server: Server;
let endpoint: string;
const seen: Seen[] = [];

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const target = req.headers['x-amz-target'] as string | undefined;
    seen.push({ method: req.method!, url: req.url!, target, body });
    if (target === 'secretsmanager.GetSecretValue') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ Name: JSON.parse(body).SecretId, SecretString: 'the-secret-value' }));
    } else if (req.url?.startsWith('/2015-03-31/functions/')) {
      res.writeHead(202).end();
    } else if (req.url === '/v2/notifications/email') {
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '740e5834-3a29-46b4-9a6f-16142fde533a', reference: JSON.parse(body).reference }));
    } else if (req.method === 'HEAD' && req.url?.startsWith('/ldf-photos/')) {
      res.writeHead(200, { 'content-length': '1234', 'content-type': 'image/jpeg' }).end();
    } else if (req.method === 'PUT' && req.url?.startsWith('/ldf-exports/')) {
      res.writeHead(200, { etag: '"0123456789abcdef"' }).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Each adapter as the council function makes it, run once; the results printed as JSON.
const ENTRY = (f: (p: string) => string) => `
import { AwsSecrets } from ${JSON.stringify(f('functions/core/secrets/aws-secrets.ts'))};
import { LambdaExportJobs } from ${JSON.stringify(f('functions/core/exports/lambda-export-jobs.ts'))};
import { S3ExportDelivery } from ${JSON.stringify(f('functions/core/exports/s3-export-delivery.ts'))};
import { S3PhotoStorage } from ${JSON.stringify(f('functions/core/photos/s3-photo-storage.ts'))};
import { S3FileStorage } from ${JSON.stringify(f('functions/core/files/s3-file-storage.ts'))};
import { NotifyNotifications } from ${JSON.stringify(f('functions/core/notifications/notify-adapter.ts'))};

export async function run(baseUrl) {
  const out = {};
  const attempt = async (name, fn) => { try { out[name] = await fn(); } catch (e) { out[name] = { error: String(e?.cause ?? e) }; } };
  const secrets = new AwsSecrets({ councilId: 'hackney', region: 'eu-west-2' });
  await attempt('secret', () => secrets.get('notify-api-key'));
  const delivery = new S3ExportDelivery({ bucket: 'ldf-exports', region: 'eu-west-2' });
  await attempt('jobStarted', async () => { await new LambdaExportJobs({ functionName: 'ldf-hackney-jobs', region: 'eu-west-2', storage: delivery }).start({ id: 'job-1' }); return true; });
  await attempt('exportStored', async () => {
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('reference,state\\n')); c.close(); } });
    const stored = await delivery.store({ filename: 'hackney-cases.csv', contentType: 'text/csv; charset=utf-8', body });
    return { stored: stored.key.startsWith('exports/'), link: new URL(await delivery.link(stored)).searchParams.has('X-Amz-Signature') };
  });
  await attempt('photoUpload', async () => {
    const form = await new S3PhotoStorage({ bucket: 'ldf-photos', region: 'eu-west-2' }).uploadForm({ draftId: 'd1', redirectUrl: 'https://example.test/back', now: new Date() });
    return { action: form.action, signed: typeof form.fields?.['X-Amz-Signature'] === 'string' };
  });
  await attempt('fileUpload', async () => {
    const form = await new S3FileStorage({ bucket: 'ldf-files', region: 'eu-west-2' }).uploadForm({ draftId: 'd1', redirectUrl: 'https://example.test/back', now: new Date(), maxBytes: 1000000, accept: ['pdf'] });
    return { signed: typeof form.fields?.['X-Amz-Signature'] === 'string' };
  });
  await attempt('photoView', async () => new URL(await new S3PhotoStorage({ bucket: 'ldf-photos', region: 'eu-west-2' }).viewUrl('0123456789abcdef0123.jpg')).searchParams.has('X-Amz-Signature'));
  await attempt('emailSent', async () => {
    await new NotifyNotifications({ apiKey: async () => ${JSON.stringify(API_KEY)}, templates: { hello: { en: 'f33517ff-2a88-4f6e-b855-c550268ce08a' } }, baseUrl }).sendEmail({ template: 'hello', lang: 'en', to: 'resident@example.test', personalisation: { name: 'Ada' }, reference: 'HK-1' });
    return true;
  });
  return out;
}
`;

describe('the adapters, bundled as the Lambda is', () => {
  it('read a secret, start a job, store and link an export, sign uploads and views, and send an email', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ldf-adapters-'));
    await writeFile(path.join(dir, 'entry.mjs'), ENTRY((p) => path.join(ROOT, p)));
    await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: { index: path.join(dir, 'entry.mjs') }, entryNames: '[name]', outdir: path.join(dir, 'out') });

    const script = `const { run } = await import(${JSON.stringify(path.join(dir, 'out/index.mjs'))}); console.log(JSON.stringify(await run(${JSON.stringify(endpoint)})));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-2',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        // The SDK's per-service endpoints (the S3 one only for the export's upload; signing is local).
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
        AWS_ENDPOINT_URL_LAMBDA: endpoint,
        AWS_ENDPOINT_URL_S3: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    const results = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(results).toEqual({
      secret: 'the-secret-value',
      jobStarted: true,
      exportStored: { stored: true, link: true },
      photoUpload: { action: `${endpoint}/ldf-photos`, signed: true },
      fileUpload: { signed: true },
      photoView: true,
      emailSent: true,
    });
    expect(seen.find((s) => s.target === 'secretsmanager.GetSecretValue')?.body).toContain('notify-api-key');
    expect(seen.find((s) => s.url.startsWith('/2015-03-31/functions/ldf-hackney-jobs/invocations'))?.body).toContain('export-job');
    expect(seen.find((s) => s.method === 'PUT' && s.url.includes('hackney-cases.csv'))?.body).toBe('reference,state\n');
    expect(JSON.parse(seen.find((s) => s.url === '/v2/notifications/email')!.body)).toMatchObject({ email_address: 'resident@example.test', reference: 'HK-1' });
  }, 60_000);

  it('has every package the functions load on demand go through packageExports', async () => {
    const files = (await readdir(path.join(ROOT, 'functions'), { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    const unwrapped: string[] = [];
    let wrapped = 0;
    for (const file of files) {
      const text = await readFile(path.join(ROOT, 'functions', file), 'utf8');
      // import('a-package') as a value (not `typeof import(...)` or `import('...').Type` in a type).
      for (const m of text.matchAll(/(?<!typeof )(?<![\w.])import\((['"])([^.'"][^'"]*)\1\)(?!\.[A-Z])/g)) {
        const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
        // axios is read by its default export, which both forms of the namespace have.
        if (m[2] === 'axios' || line.includes('packageExports')) wrapped += 1;
        else unwrapped.push(`${file}: ${line.trim()}`);
      }
    }
    expect(unwrapped).toEqual([]);
    expect(wrapped).toBeGreaterThanOrEqual(14);
  });
});
