/**
 * The background export (AWS, where a request ends at the gateway's 30 seconds), run whole on this
 * machine: the export link records a job and sends the supervisor to a page that waits for it; the
 * job, run in-process by LocalExportJobs exactly as the jobs function runs it, stores the CSV
 * through the S3 adapter (a stub on an offline client that keeps what is put); the page then links
 * to it, and the link redirects to a fresh presigned URL. Only the job's creator sees any of it,
 * and the file is byte for byte what the direct export streams.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import { listAuditByStaff } from '../../functions/core/audit/audit-store.ts';
import type { StoredCase } from '../../functions/core/cases/case-store.ts';
import { LocalExportJobs } from '../../functions/core/exports/local-export-jobs.ts';
import { S3ExportDelivery } from '../../functions/core/exports/s3-export-delivery.ts';
import { httpErrors } from '../../functions/core/http/errors.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { runExportJob } from '../../functions/staff/export/job.ts';
import { createExportJob, EXPORT_JOB_GIVE_UP_MS, getExportJob } from '../../functions/staff/export/job-store.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, embeddedStore, TEMPLATES } from '../support/harness.ts';
import { caseTestCouncil, type CaseTestCouncil } from './case-support.ts';
import { caseOf, parseCsv, putCases } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TEST_BASE_URL, TestClock } from './support.ts';

const BUCKET = 'council-hackney-exportsbucket-abcdef123456';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let direct: CaseTestCouncil;
let background: { app: ReturnType<typeof createCouncilApp>; store: CouncilStore; jobs: LocalExportJobs };
let directSupervisor: StaffBrowser;
let supervisor: StaffBrowser;
let officer: StaffBrowser;
const clock = new TestClock();
const stored = new Map<string, { body: Uint8Array; contentDisposition?: string; contentType?: string }>();
let failPuts = false;
/** Jobs wait for this before they run, so a test can see the page while its job is still queued. */
let gate: Promise<void> = Promise.resolve();

/** An offline client (it signs links for real) whose sends keep each put object, or fail. */
function s3Stub(): S3Client {
  const client = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    if (!(command instanceof PutObjectCommand)) throw new Error(`Unexpected ${(command as object).constructor.name}`);
    if (failPuts) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const input = command.input;
    const body = input.Body instanceof Uint8Array ? input.Body : new Uint8Array(await new Response(input.Body as BodyInit).arrayBuffer());
    stored.set(input.Key!, { body: new Uint8Array(body), contentDisposition: input.ContentDisposition, contentType: input.ContentType });
    return {};
  };
  return client;
}

/** The council app as its Lambda makes it with export jobs, the jobs run in this process. */
async function backgroundCouncil(options: { endpoint: string; issuer: string; client: Awaited<ReturnType<typeof devClients>>[number] }) {
  const config = await council('hackney');
  const tableName = `test-export-jobs-${process.pid}`;
  await ensureTable(createStoreClient({ endpoint: options.endpoint }), tableName);
  const store = { client: createStoreClient({ endpoint: options.endpoint, maxAttempts: 1 }), tableName };
  const storage = new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client: s3Stub() });
  const logger = createLogger();
  const jobs = new LocalExportJobs({ storage, run: async (id) => {
      await gate;
      await runExportJob(config, { store, storage, clock: clock.read, logger }, id);
    },
  });
  const app = createCouncilApp(config, {
    store,
    notifications: new OutboxNotifications({ council: 'hackney', templates: TEMPLATES, clock: clock.read }),
    secrets: new LocalSecrets({ values: { 'oidc-client-secret': options.client.clientSecret } }),
    clock: clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger,
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: options.issuer,
    exports: storage,
    exportJobs: jobs,
  });
  return { app, store, jobs };
}

const jobPath = (res: Response) => /^\/staff\/exports\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  clock.sync();
  direct = await caseTestCouncil('hackney', { endpoint: server.endpoint, issuer: idp.issuer, clock, client: clients[0] });
  background = await backgroundCouncil({ endpoint: server.endpoint, issuer: idp.issuer, client: clients[0] });
  // The same cases in both tables: formula payloads, quotes, Welsh, and more than one batch.
  const at = (minutes: number) => new Date(clock.read().getTime() - minutes * 60_000);
  const cases: StoredCase[] = [
    await caseOf(direct.secrets, { at: at(5), details: { name: '=cmd|" /C calc"!A0', email: '@example.com', phone: '+44 20 7946 0000' } }),
    await caseOf(direct.secrets, { at: at(4), public: { serviceCode: 'pothole', serviceName: 'Pothole', description: 'Twll, "dwfn", ger y siop\r\nail linell', lat: 51.5, long: -0.05, address: 'Heol y Bont' } }),
    ...(await Promise.all(Array.from({ length: 300 }, (_, i) => caseOf(direct.secrets, { at: at(10 + i), state: i % 3 === 0 ? 'fixed' : 'submitted' })))),
  ];
  await putCases(direct.store, cases);
  await putCases(background.store, cases);
  directSupervisor = new StaffBrowser(direct);
  supervisor = new StaffBrowser(background);
  officer = new StaffBrowser(background);
  expect((await directSupervisor.signIn('hackney-supervisor')).status).toBe(303);
  expect((await supervisor.signIn('hackney-supervisor')).status).toBe(303);
  expect((await officer.signIn('hackney-officer')).status).toBe(303);
}, 120_000);

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

describe('the background CSV export', () => {
  it('records a job, waits on a page the officer checks again (no timed refresh), then links to a file identical to the direct export', async () => {
    const filters = { state: 'submitted' };
    let release = () => {};
    gate = new Promise((resolve) => (release = resolve));

    const start = await supervisor.post('/staff/export.csv', filters);
    const id = jobPath(start)!;
    const job = await getExportJob(background.store, id, clock.read());
    const waiting = await supervisor.get(`/staff/exports/${id}`);
    const waitingHtml = await waiting.text();
    release();
    await background.jobs.settled();
    const ready = await supervisor.get(`/staff/exports/${id}`);
    const readyHtml = await ready.text();
    const download = await supervisor.get(`/staff/exports/${id}/download`);
    const streamed = new Uint8Array(await (await directSupervisor.post('/staff/export.csv', filters)).arrayBuffer());

    expect(start.status).toBe(303);
    expect(job).toMatchObject({ who: { sub: 'hackney-supervisor' }, filters: 'state=submitted', personal: true, lang: 'en', state: 'queued' });
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get('cache-control')).toBe('no-store');
    expect(waitingHtml).toContain('data-testid="preparing"');
    // A timed refresh would fail WCAG 2.2.1 (axe: meta-refresh); the page links to itself instead.
    expect(waitingHtml).not.toContain('http-equiv="refresh"');
    expect(waitingHtml).toContain('data-testid="preparing"');
    expect(ready.status).toBe(200);
    expect(readyHtml).not.toContain('http-equiv="refresh"');
    expect(readyHtml).toContain(`href="/staff/exports/${id}/download"`);
    expect(download.status).toBe(303);
    const link = new URL(download.headers.get('location')!);
    const key = decodeURIComponent(link.pathname.slice(1));
    expect(link.origin).toBe(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(key).toMatch(/^exports\/[0-9a-f-]{36}\/hackney-cases-\d{4}-\d\d-\d\d\.csv$/);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(link.searchParams.get('response-content-disposition')).toBe(stored.get(key)!.contentDisposition);
    const file = stored.get(key)!.body;
    expect(file).toEqual(streamed);
    const rows = parseCsv(new TextDecoder().decode(file));
    expect(rows.length).toBe(1 + 2 + 200);
    expect(rows.flat()).toContain(`'=cmd|" /C calc"!A0`);
    expect((await getExportJob(background.store, id, clock.read()))?.state).toBe('done');
    const audit = await listAuditByStaff(background.store, 'hackney-supervisor', { limit: 50 });
    expect(audit.records.filter((r) => r.action === 'export').map((r) => r.detail)).toContain('state=submitted (with personal data)');
  });

  it('starts no job and writes no audit record for a GET of the export, which only sends the browser back to the queue', async () => {
    const started: string[] = [];
    const start = background.jobs.start;
    background.jobs.start = async (job) => {
      started.push(job.id);
      return start.call(background.jobs, job);
    };
    const exports = async () => (await listAuditByStaff(background.store, 'hackney-supervisor', { limit: 200 })).records.filter((r) => r.action === 'export').length;
    const before = await exports();
    let res: Response;
    try {
      res = await supervisor.get('/staff/export.csv?state=submitted');
    } finally {
      background.jobs.start = start;
    }

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/queue?state=submitted');
    expect(started).toEqual([]);
    expect(await exports()).toBe(before);
  });

  it('shows another member of staff’s job to nobody else: 404 for its page and its download, as for a guessed id', async () => {
    const theirs = await createExportJob(background.store, { who: { sub: 'hackney-other-supervisor', name: 'Another Supervisor' }, filters: '', personal: true, roles: ['supervisor'], lang: 'en' }, clock.read());
    await runExportJob(await council('hackney'), { store: background.store, storage: background.jobs.storage, clock: clock.read, logger: createLogger() }, theirs.id);

    const page = await supervisor.get(`/staff/exports/${theirs.id}`);
    const file = await supervisor.get(`/staff/exports/${theirs.id}/download`);
    const guessed = await supervisor.get('/staff/exports/00000000-0000-4000-8000-000000000000');
    const malformed = await supervisor.get('/staff/exports/..%2F..%2Fetc');

    expect((await getExportJob(background.store, theirs.id, clock.read()))?.state).toBe('done');
    expect(page.status).toBe(404);
    expect(file.status).toBe(404);
    expect(file.headers.get('location')).toBeNull();
    expect(guessed.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await page.text()).not.toContain(theirs.id);
  });

  it('refuses the job’s pages to a role that may not export', async () => {
    const id = jobPath(await supervisor.post('/staff/export.csv'))!;
    await background.jobs.settled();

    expect((await officer.get(`/staff/exports/${id}`)).status).toBe(403);
    expect((await officer.get(`/staff/exports/${id}/download`)).status).toBe(403);
    expect((await officer.post('/staff/export.csv')).status).toBe(403);
  });

  it('says the export failed when the bucket refuses the file, with no download', async () => {
    failPuts = true;
    let id: string;
    try {
      id = jobPath(await supervisor.post('/staff/export.csv'))!;
      await background.jobs.settled();
    } finally {
      failPuts = false;
    }

    const page = await supervisor.get(`/staff/exports/${id}`);
    const html = await page.text();
    const download = await supervisor.get(`/staff/exports/${id}/download`);

    expect(page.status).toBe(200);
    expect(html).toContain('data-testid="failed"');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(download.status).toBe(404);
  });

  it('says a job that never finished failed once it is past the jobs function’s timeout', async () => {
    const stuck = await createExportJob(background.store, { who: { sub: 'hackney-supervisor', name: 'Sam Supervisor' }, filters: '', personal: true, roles: ['supervisor'], lang: 'en' }, clock.read());

    const before = await (await supervisor.get(`/staff/exports/${stuck.id}`)).text();
    clock.advance(EXPORT_JOB_GIVE_UP_MS + 1_000);
    const after = await (await supervisor.get(`/staff/exports/${stuck.id}`)).text();

    expect(before).toContain('data-testid="preparing"');
    expect(after).toContain('data-testid="failed"');
  });

  it('builds a job’s file once, however often its event is delivered', async () => {
    const job = await createExportJob(background.store, { who: { sub: 'hackney-supervisor', name: 'Sam Supervisor' }, filters: 'state=fixed', personal: false, roles: ['supervisor'], lang: 'en' }, clock.read());
    const deps = { store: background.store, storage: background.jobs.storage, clock: clock.read, logger: createLogger() };
    const config = await council('hackney');
    const before = stored.size;

    const outcomes = [await runExportJob(config, deps, job.id), await runExportJob(config, deps, job.id)];

    expect(outcomes).toEqual(['done', 'skipped']);
    expect(stored.size).toBe(before + 1);
  });

  it('writes the headings in the language the export was asked for in, and the columns of the asker’s role', async () => {
    const job = await createExportJob(background.store, { who: { sub: 'hackney-supervisor', name: 'Sam Supervisor' }, filters: 'state=fixed', personal: false, roles: ['supervisor'], lang: 'cy' }, clock.read());
    const before = new Set(stored.keys());

    await runExportJob(await council('hackney'), { store: background.store, storage: background.jobs.storage, clock: clock.read, logger: createLogger() }, job.id);

    const key = [...stored.keys()].find((k) => !before.has(k))!;
    const [header, ...rows] = parseCsv(new TextDecoder().decode(stored.get(key)!.body));
    expect(header[0]).toBe('Cyfeirnod'); // TextDecoder drops the BOM
    expect(header).not.toContain('Ffôn');
    expect(header).toHaveLength(13);
    expect(rows).toHaveLength(100);
  });

  it('answers 503, and leaves no job waiting, when the jobs function cannot be started', async () => {
    const started: string[] = [];
    const start = background.jobs.start;
    background.jobs.start = async (job) => {
      started.push(job.id);
      throw httpErrors.unavailable('The export job could not be started');
    };
    let res: Response;
    try {
      res = await supervisor.post('/staff/export.csv');
    } finally {
      background.jobs.start = start;
    }

    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    expect(started).toHaveLength(1);
    expect((await getExportJob(background.store, started[0], clock.read()))?.state).toBe('failed');
    expect(await (await supervisor.get(`/staff/exports/${started[0]}`)).text()).toContain('data-testid="failed"');
  });
});
