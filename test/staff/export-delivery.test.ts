/**
 * The export route through each delivery, end to end from a signed-in supervisor: streamed back
 * by the direct adapter (the local host), stored and linked to by the S3 adapter (AWS, where the
 * gateway fails responses over 6 MB). S3 is a stub on an offline client that keeps what is put.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditByStaff } from '../../functions/core/audit/audit-store.ts';
import { S3ExportDelivery } from '../../functions/core/exports/s3-export-delivery.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore } from '../support/harness.ts';
import { caseTestCouncil, type CaseTestCouncil } from './case-support.ts';
import { caseOf, parseCsv, putCases } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

const BUCKET = 'council-hackney-exportsbucket-abcdef123456';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let direct: CaseTestCouncil;
let viaS3: CaseTestCouncil;
let directSupervisor: StaffBrowser;
let s3Supervisor: StaffBrowser;
const clock = new TestClock();
const stored = new Map<string, { body: Uint8Array; contentDisposition?: string; contentType?: string }>();
let failPuts = false;

/** An offline client (it signs links for real) whose sends keep each put object, or fail. */
function s3Stub(): S3Client {
  const client = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    if (!(command instanceof PutObjectCommand)) throw new Error(`Unexpected ${(command as object).constructor.name}`);
    if (failPuts) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const input = command.input;
    stored.set(input.Key!, { body: new Uint8Array(input.Body as Uint8Array), contentDisposition: input.ContentDisposition, contentType: input.ContentType });
    return {};
  };
  return client;
}

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  clock.sync();
  const options = { endpoint: server.endpoint, issuer: idp.issuer, clock, client: clients[0] };
  direct = await caseTestCouncil('hackney', options);
  viaS3 = await caseTestCouncil('hackney', { ...options, exports: new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client: s3Stub() }) });
  for (const council of [direct, viaS3]) {
    const at = new Date(clock.read().getTime() - 86_400_000);
    await putCases(council.store, [await caseOf(council.secrets, { at, details: { name: '=cmd|" /C calc"!A0', email: 'ann@example.com', phone: '020 7946 0000' } })]);
  }
  directSupervisor = new StaffBrowser(direct);
  s3Supervisor = new StaffBrowser(viaS3);
  expect((await directSupervisor.signIn('hackney-supervisor')).status).toBe(303);
  expect((await s3Supervisor.signIn('hackney-supervisor')).status).toBe(303);
}, 120_000);

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

describe('the CSV export’s delivery', () => {
  it('streams the CSV straight back on the local host, as a download that is not cached', async () => {
    const res = await directSupervisor.post('/staff/export.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="hackney-cases-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder().decode(bytes))[1]).toContain(`'=cmd|" /C calc"!A0`);
  });

  it('stores the same CSV in the export bucket and sends the browser to a short-lived link to it', async () => {
    const res = await s3Supervisor.post('/staff/export.csv');

    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const link = new URL(res.headers.get('location')!);
    const key = decodeURIComponent(link.pathname.slice(1));
    const object = stored.get(key)!;
    expect(link.origin).toBe(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(key).toMatch(/^exports\/[0-9a-f-]{36}\/hackney-cases-\d{4}-\d\d-\d\d\.csv$/);
    expect(link.searchParams.get('response-content-disposition')).toBe(object.contentDisposition);
    expect(object.contentDisposition).toMatch(/^attachment; filename="hackney-cases-\d{4}-\d\d-\d\d\.csv"$/);
    expect(object.contentType).toBe('text/csv; charset=utf-8');
    expect([...object.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(object.body));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`'=cmd|" /C calc"!A0`);
    expect(rows[1]).toContain('ann@example.com');
    const audit = await listAuditByStaff(viaS3.store, 'hackney-supervisor', { limit: 50 });
    expect(audit.records.filter((r) => r.action === 'export').map((r) => r.detail)).toContain('all cases (with personal data)');
  });

  it('answers the staff error page with 503, not a link, when the bucket refuses the export', async () => {
    failPuts = true;
    try {
      const res = await s3Supervisor.post('/staff/export.csv');

      expect(res.status).toBe(503);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    } finally {
      failPuts = false;
    }
  });
});
