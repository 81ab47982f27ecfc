/**
 * The back office's data-rights pages (functions/staff/data-rights/), signed in through the embedded
 * provider, on the real store with the clock fixed: every route × every role; the queue of requests
 * with due dates and overdue or soon-due ones marked; a request's page with what it covers, Approve
 * (anonymises every case of the address, cannot be undone, confirmation required) and Refuse (a
 * reason the resident is emailed), each decided once; the subject access search by email and by
 * phone across every module, its JSON and printable exports, special-category answers only for staff
 * who also hold the care role, and each search audited without the address.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { listAuditByStaff, listAuditForCase, type AuditRecord } from '../../functions/core/audit/audit-store.ts';
import { addDays, todayIn } from '../../functions/core/calendar/dates.ts';
import { createCase, getCase, type CaseAnswer, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import type { FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import { DATA_RIGHTS_EMAIL_TEMPLATES } from '../../functions/core/data-rights/email-templates.ts';
import { erasureDue, requestErasure } from '../../functions/core/data-rights/erasure.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import type { FileStorage, StoredFile } from '../../functions/core/files/port.ts';
import { formatDate } from '../../functions/core/i18n.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { serviceConfig } from '../../functions/core/service-config.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { createProblemReport } from '../../functions/modules/report/reports.ts';
import { ROLES, type Role } from '../../functions/staff/auth/roles.ts';
import { dueTag } from '../../functions/staff/data-rights/due.ts';
import { WEB_DIST } from '../../web/build.ts';
import { embeddedStore, council as councilFile, TEMPLATES, testCipher, textOf } from '../support/harness.ts';
import { referencesOn } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TEST_BASE_URL, TestClock } from './support.ts';

type Who = Role | 'anonymous';

const DAY = 86_400_000;
const FORM = 'assisted-bin-collection';
const HEALTH = 'Ann has a heart condition and cannot lift the bins';
const FILE_ID = 'annsfilecasefile0001.pdf';
const ANN = { name: 'Ann Subject', email: 'Ann.Subject@example.com', phone: '020 7946 0555' };
const quiet = createLogger({}, { write: () => {} });

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let cipher: FieldCipher;
let council: CouncilConfig;
let store: CouncilStore;
let app: ReturnType<typeof createCouncilApp>;
/** The same council, store and key, whose file maps the data protection group to data-protection and care. */
let careApp: ReturnType<typeof createCouncilApp>;
let outbox: OutboxNotifications;
/** The council's secrets, the app's own: cases made here get the contact keys the app searches by. */
let secrets: LocalSecrets;
const clock = new TestClock();
const browsers = new Map<Who, StaffBrowser>();
/** A data protection officer who also holds the care role. */
let dpoWithCare: StaffBrowser;

const files = new Map<string, StoredFile>([[FILE_ID, { body: new TextEncoder().encode('%PDF-1.7 ann'), contentType: 'application/pdf', name: 'ann-plan.pdf' }]]);
const removedFiles: string[] = [];
const fileStorage = {
  read: async (id: string) => files.get(id),
  downloadUrl: async () => undefined,
  remove: async (ids: string[]) => {
    removedFiles.push(...ids);
    for (const id of ids) files.delete(id);
  },
} as unknown as FileStorage;

const withCareForDpo = (c: CouncilConfig): CouncilConfig => ({
  ...c,
  staff: { ...c.staff!, signIn: { ...c.staff!.signIn, roles: { ...c.staff!.signIn.roles, 'LDF.DataProtection': ['data-protection', 'care'] } } },
});

function appFor(config: CouncilConfig) {
  return createCouncilApp(config, {
    store,
    notifications: outbox,
    secrets,
    clock: clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: quiet,
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: idp.issuer,
    exports: new DirectExportDelivery(),
    cipher,
    files: fileStorage,
  });
}

let made = 0;

/** Ann's problem report, as the journey makes it. */
async function annsReport(contact: { name: string; email: string; phone?: string } = ANN): Promise<StoredCase> {
  const report = serviceConfig(council, 'report');
  const street = report.streets[0];
  const result = await createProblemReport(
    store,
    council,
    {
      category: report.groups[0].categories[0],
      description: 'A deep hole by the bus stop outside my house',
      attributes: {},
      location: { lat: street.point[1], long: street.point[0], address: `${street.name}, ${street.locality}` },
      contact,
      photos: [],
      lang: 'en',
      submissionId: `dr-report-${process.pid}-${++made}`,
      source: 'web',
    },
    clock.read(),
    secrets,
  );
  return result.case;
}

/** Ann's missed bin. */
async function annsBin(): Promise<StoredCase> {
  const result = await createCase(
    store,
    {
      service: 'bins',
      type: 'missed-collection',
      submissionId: `dr-bin-${process.pid}-${++made}`,
      details: { address: '41 Linscott Road, London E5 0LH', container: 'refuse', collectionDate: '2026-11-30', email: ANN.email, phone: ANN.phone },
      lang: 'en',
      retentionDays: 365,
    },
    clock.read(),
    secrets,
  );
  return result.case;
}

/** Ann's form: a special-category answer (sealed) and a file. */
async function annsForm(): Promise<StoredCase> {
  const answers: CaseAnswer[] = [
    { key: 'household', question: { en: 'Who lives at the property?' }, text: ['I live on my own'], value: 'alone' },
    { key: 'reason', question: { en: 'Why are you not able to take your bins out?' }, text: [HEALTH], value: HEALTH, specialCategory: true },
    { key: 'evidence', question: { en: 'Upload your evidence' }, text: ['ann-plan.pdf'], value: { fileId: FILE_ID, name: 'ann-plan.pdf', contentType: 'application/pdf', bytes: 12 } },
  ];
  const result = await createCase(
    store,
    {
      service: 'forms',
      type: FORM,
      submissionId: `dr-form-${process.pid}-${++made}`,
      details: { name: ANN.name, email: ANN.email, phone: ANN.phone, address: '41 Linscott Road, London', postcode: 'E5 0LH' },
      lang: 'en',
      retentionDays: 400,
      form: { id: FORM, version: 1, answers },
    },
    clock.read(),
    secrets,
    { prepare: async (reference) => ({ form: { id: FORM, version: 1, answers: await sealCaseAnswers(cipher, answers, caseSealContext(council.id, reference, FORM)) } }) },
  );
  return result.case;
}

/** A request to delete the data of an address, received `daysAgo` days before the test's now. */
const erasureOf = (email: string, references: string[], daysAgo = 0) =>
  requestErasure(store, secrets, council, { email, lang: 'en', references }, new Date(clock.read().getTime() - daysAgo * DAY));

let report: StoredCase;
let bin: StoredCase;
let form: StoredCase;
let bob: StoredCase;
/** Ann's request, for the route × role table (never decided there). */
let tableRequest: StoredCase;

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  cipher = await testCipher();
  council = await councilFile('hackney');
  const tableName = `test-data-rights-${process.pid}`;
  await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
  store = { client: createStoreClient({ endpoint: server.endpoint, maxAttempts: 1 }), tableName };
  outbox = new OutboxNotifications({ council: 'hackney', templates: { ...TEMPLATES, ...DATA_RIGHTS_EMAIL_TEMPLATES }, clock: clock.read });
  secrets = new LocalSecrets({ values: { 'oidc-client-secret': clients[0].clientSecret } });
  app = appFor(council);
  careApp = appFor(withCareForDpo(council));
  clock.sync();
  for (const role of ROLES) {
    const browser = new StaffBrowser({ app });
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  browsers.set('anonymous', new StaffBrowser({ app }));
  dpoWithCare = new StaffBrowser({ app: careApp });
  expect((await dpoWithCare.signIn('hackney-data-protection')).status).toBe(303);

  report = await annsReport();
  bin = await annsBin();
  form = await annsForm();
  bob = await annsReport({ name: 'Bob Other', email: 'bob@example.com' });
  tableRequest = await erasureOf(ANN.email, [report.reference]);
});

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

const as = (who: Who) => browsers.get(who)!;
const dpo = () => as('data-protection');
const auditOfCase = async (reference: string): Promise<AuditRecord[]> => (await listAuditForCase(store, reference, { limit: 100 })).records;
const auditOfDpo = async (sub = 'hackney-data-protection'): Promise<AuditRecord[]> => (await listAuditByStaff(store, sub, { limit: 200 })).records;

describe('the data-rights routes × each role', () => {
  /** The data protection role may (200, or 400 for a form sent empty); every other role is refused; nobody signed in is sent to sign in (a GET) or refused (a POST). */
  const only = (dp: number, anonymous: number): Record<Who, number> => ({ viewer: 403, officer: 403, supervisor: 403, admin: 403, care: 403, 'data-protection': dp, anonymous });
  const ROUTES: { method: 'GET' | 'POST'; name: string; path: () => string; expected: Record<Who, number> }[] = [
    { method: 'GET', name: '/staff/data-rights', path: () => '/staff/data-rights', expected: only(200, 303) },
    { method: 'GET', name: '/staff/data-rights/search', path: () => '/staff/data-rights/search', expected: only(200, 303) },
    { method: 'POST', name: '/staff/data-rights/search', path: () => '/staff/data-rights/search', expected: only(400, 403) },
    { method: 'POST', name: '/staff/data-rights/search/export', path: () => '/staff/data-rights/search/export', expected: only(400, 403) },
    { method: 'GET', name: '/staff/data-rights/REF', path: () => `/staff/data-rights/${tableRequest.reference}`, expected: only(200, 303) },
    { method: 'POST', name: '/staff/data-rights/REF/approve', path: () => `/staff/data-rights/${tableRequest.reference}/approve`, expected: only(400, 403) },
    { method: 'POST', name: '/staff/data-rights/REF/refuse', path: () => `/staff/data-rights/${tableRequest.reference}/refuse`, expected: only(400, 403) },
    { method: 'GET', name: '/staff/data-rights/cases/REF/files/FILE', path: () => `/staff/data-rights/cases/${form.reference}/files/${FILE_ID}`, expected: only(200, 303) },
    { method: 'GET', name: '/staff/data-rights/cases/REF/photos/PHOTO', path: () => `/staff/data-rights/cases/${report.reference}/photos/nophotohere0000000000`, expected: only(404, 303) },
  ];
  const rows = ROUTES.flatMap((route) => (Object.keys(route.expected) as Who[]).map((who) => ({ ...route, who, status: route.expected[who] })));

  it.each(rows)('$method $name as $who → $status', async ({ method, path, who, status }) => {
    const res = method === 'GET' ? await as(who).get(path()) : await as(who).post(path());

    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
  });

  it('links the landing page to the section for the data protection role only', async () => {
    for (const who of ROLES) {
      const html = await (await as(who).get('/staff/')).text();
      expect(html.includes('href="/staff/data-rights"'), who).toBe(who === 'data-protection');
    }
  });

  it('refuses the general case URL to the data protection role (it reads no cases there), and hides a request there from everyone else', async () => {
    const unknown = 'ABCD-2345';
    for (const reference of [tableRequest.reference, report.reference, unknown]) expect((await dpo().get(`/staff/cases/${reference}`)).status, reference).toBe(403);
    for (const who of ['viewer', 'officer', 'supervisor', 'care'] as const) {
      const page = await as(who).get(`/staff/cases/${tableRequest.reference}`);
      expect(page.status, who).toBe(404);
      expect(await page.text()).not.toContain(ANN.email);
    }
  });
});

describe('the queue of requests', () => {
  it.each([
    { due: '2026-12-10', today: '2026-12-11', status: 'open', tag: 'overdue' },
    { due: '2026-12-10', today: '2026-12-10', status: 'open', tag: 'due-soon' },
    { due: '2026-12-10', today: '2026-12-03', status: 'open', tag: 'due-soon' },
    { due: '2026-12-10', today: '2026-12-02', status: 'open', tag: undefined },
    { due: '2026-12-10', today: '2027-01-20', status: 'closed', tag: undefined },
  ] as const)('tags a request due $due, $status, on $today: $tag', ({ due, today, status, tag }) => {
    expect(dueTag(due, today, status)).toBe(tag);
  });

  it('lists waiting requests soonest due first, the overdue one tagged red and the one due within 7 days orange, dates as 7 December 2026', async () => {
    const overdue = await erasureOf('overdue@example.com', [], 45);
    const soon = await erasureOf('soon@example.com', [], 28);
    const later = await erasureOf('later@example.com', [], 1);

    const res = await dpo().get('/staff/data-rights');
    const html = await res.text();

    expect(res.status).toBe(200);
    const listed = referencesOn(html);
    const order = [overdue, soon, later].map((r) => listed.indexOf(r.reference));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const row = (r: StoredCase) => {
      const start = html.indexOf(`data-reference="${r.reference}"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    expect(row(overdue)).toMatch(/govuk-tag--red" data-tag="overdue">Overdue</);
    expect(row(soon)).toMatch(/govuk-tag--orange" data-tag="due-soon">Due soon</);
    expect(row(later)).not.toContain('data-tag=');
    for (const r of [overdue, soon, later]) {
      expect(textOf(row(r))).toContain(formatDate(erasureDue(r)!, 'en', { weekday: false }));
      expect(textOf(row(r))).toContain(formatDate(todayIn(new Date(r.createdAt)), 'en', { weekday: false }));
    }
    expect(formatDate(erasureDue(later)!, 'en', { weekday: false })).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    // The due date is a calendar month on, as the ICO counts it.
    expect(erasureDue(later)! >= addDays(todayIn(new Date(later.createdAt)), 28)).toBe(true);
  });

  it('never lists a request to other roles, in their queue or its search', async () => {
    for (const who of ['viewer', 'officer', 'supervisor', 'care'] as const) {
      const queue = await (await as(who).get('/staff/queue')).text();
      const search = await as(who).get(`/staff/queue?q=${encodeURIComponent(ANN.email)}`);
      expect(referencesOn(queue)).not.toContain(tableRequest.reference);
      if (search.status === 200) expect(referencesOn(await search.text())).not.toContain(tableRequest.reference);
    }
  });
});

describe('a request’s page', () => {
  it('shows the address, the due date and every case of the address held now, named ones marked; and audits the view', async () => {
    const before = (await auditOfCase(tableRequest.reference)).filter((r) => r.action === 'personal-data-viewed').length;

    const res = await dpo().get(`/staff/data-rights/${tableRequest.reference}`);
    const html = await res.text();
    const text = textOf(html);

    expect(res.status).toBe(200);
    expect(text).toContain(ANN.email);
    expect(text).toContain(formatDate(erasureDue(tableRequest)!, 'en', { weekday: false }));
    const coversStart = html.indexOf('data-testid="covers"');
    const covers = html.slice(coversStart, html.indexOf('</table>', coversStart));
    expect(referencesOn(covers).sort()).toEqual([report.reference, bin.reference, form.reference].sort());
    expect(referencesOn(covers)).not.toContain(bob.reference);
    expect(referencesOn(covers)).not.toContain(tableRequest.reference);
    const named = (r: StoredCase) => textOf(covers.slice(covers.indexOf(`data-reference="${r.reference}"`)).split('</tr>')[0]);
    expect(named(report)).toMatch(/Yes$/);
    expect(named(bin)).toMatch(/No$/);
    expect(text).toContain('This cannot be undone.');
    const views = (await auditOfCase(tableRequest.reference)).filter((r) => r.action === 'personal-data-viewed');
    expect(views).toHaveLength(before + 1);
    expect(views[0]).toMatchObject({ who: { kind: 'staff', sub: 'hackney-data-protection' }, caseRef: tableRequest.reference, at: clock.read().toISOString() });
  });

  it('is a 404 for a reference that is not a data-rights request', async () => {
    const res = await dpo().get(`/staff/data-rights/${report.reference}`);

    expect(res.status).toBe(404);
    expect(textOf(await res.text())).toContain('There is no data rights request with that reference at this council.');
  });

  it('will not approve without the confirmation: the error summary, the inline error, an "Error: " title, nothing changed', async () => {
    const res = await dpo().post(`/staff/data-rights/${tableRequest.reference}/approve`, {});
    const html = await res.text();

    expect(res.status).toBe(400);
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('href="#confirm"');
    expect(html).toContain('id="confirm-error"');
    expect(textOf(html)).toContain('Confirm that you understand removing the personal data cannot be undone');
    expect((await getCase(store, report.reference, clock.read()))!.details.email).toBe(ANN.email);
    expect((await getCase(store, tableRequest.reference, clock.read()))!.status).toBe('open');
  });

  it('will not refuse without a reason, nor with one too long, keeping what was typed', async () => {
    const empty = await dpo().post(`/staff/data-rights/${tableRequest.reference}/refuse`, { reason: '   ' });
    const long = 'x'.repeat(5001);
    const tooLong = await dpo().post(`/staff/data-rights/${tableRequest.reference}/refuse`, { reason: long });
    const longHtml = await tooLong.text();

    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toMatch(/<title>Error: /);
    expect(emptyHtml).toContain('href="#reason"');
    expect(textOf(emptyHtml)).toContain('Enter why the request is refused');
    expect(tooLong.status).toBe(400);
    expect(textOf(longHtml)).toContain('The reason must be 5000 characters or fewer');
    expect(longHtml).toContain(long);
    expect((await getCase(store, tableRequest.reference, clock.read()))!.status).toBe('open');
  });
});

describe('deciding a request', () => {
  it('approves: every case of the address is anonymised, its file deleted, the resident emailed; deciding again says it was decided', async () => {
    const dora = { name: 'Dora Erased', email: 'dora.erased@example.com', phone: '020 7946 0777' };
    const mine = await annsReport(dora);
    const other = await annsReport({ name: 'Dora Again', email: dora.email });
    const request = await erasureOf(dora.email, [mine.reference]);

    const res = await dpo().post(`/staff/data-rights/${request.reference}/approve`, { confirm: 'yes' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/data-rights/${request.reference}?done=approved&count=2`);
    const after = await dpo().get(res.headers.get('location')!);
    const afterText = textOf(await after.text());
    expect(afterText).toContain('Request approved. The personal data was removed from 2 cases.');
    expect(afterText).toContain('This request has been decided');
    for (const ref of [mine.reference, other.reference]) {
      const stored = (await getCase(store, ref, clock.read()))!;
      expect(stored.anonymisedAt).toBe(clock.read().toISOString());
      expect(JSON.stringify(stored)).not.toContain(dora.email);
      expect(JSON.stringify(stored)).not.toContain('Dora');
      expect(stored.reference).toBe(ref);
      expect(stored.service).toBe('report');
    }
    expect((await getCase(store, request.reference, clock.read()))!.status).toBe('closed');
    expect(outbox.sent().filter((e) => e.template === 'data-rights-erased' && e.reference === request.reference).map((e) => e.to)).toEqual([dora.email]);
    expect((await auditOfCase(request.reference)).map((r) => r.action)).toContain('erasure-approved');

    const again = await dpo().post(`/staff/data-rights/${request.reference}/approve`, { confirm: 'yes' });
    const againHtml = await again.text();
    expect(again.status).toBe(409);
    expect(againHtml).toContain('href="#decision"');
    expect(textOf(againHtml)).toContain('This request has already been decided. It cannot be decided again.');
    expect(againHtml).not.toContain('/approve"');
    const refuseAfter = await dpo().post(`/staff/data-rights/${request.reference}/refuse`, { reason: 'Changed my mind' });
    expect(refuseAfter.status).toBe(409);
    expect(outbox.sent().filter((e) => e.reference === request.reference && e.template === 'data-rights-refused')).toEqual([]);
  });

  it('approves Ann’s request: her report, missed bin and form lose her details, the form’s file is deleted, Bob’s report is untouched', async () => {
    const request = await erasureOf(ANN.email, [bin.reference]);

    const res = await dpo().post(`/staff/data-rights/${request.reference}/approve`, { confirm: 'yes' });

    expect(res.status).toBe(303);
    for (const ref of [report.reference, bin.reference, form.reference]) {
      const stored = (await getCase(store, ref, clock.read()))!;
      expect(stored.anonymisedAt, ref).toBeDefined();
      expect(JSON.stringify(stored)).not.toContain(ANN.email);
      expect(JSON.stringify(stored)).not.toContain(ANN.name);
    }
    expect(removedFiles).toContain(FILE_ID);
    expect((await getCase(store, bob.reference, clock.read()))!.details.email).toBe('bob@example.com');
    // Its other request (the table's) is not anonymised: a request is the record that it was asked.
    expect((await getCase(store, tableRequest.reference, clock.read()))!.details.email).toBe(ANN.email);
    // And now covers nothing: no case of the address holds it any more.
    const page = await dpo().get(`/staff/data-rights/${tableRequest.reference}`);
    expect(await page.text()).toContain('data-testid="covers-none"');
  });

  it('refuses with the reason, emails it to the resident, and a second decision is refused with a clear message', async () => {
    const email = 'rhys.refused@example.com';
    const kept = await annsReport({ name: 'Rhys Refused', email });
    const request = await erasureOf(email, [kept.reference]);
    const reason = 'We must keep reports of dangerous potholes for six years (a legal obligation).';

    const res = await dpo().post(`/staff/data-rights/${request.reference}/refuse`, { reason });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/data-rights/${request.reference}?done=refused`);
    const page = textOf(await (await dpo().get(res.headers.get('location')!)).text());
    expect(page).toContain('Request refused. The resident has been emailed the reason.');
    expect(page).toContain(reason);
    const emails = outbox.sent().filter((e) => e.template === 'data-rights-refused' && e.reference === request.reference);
    expect(emails).toHaveLength(1);
    expect(emails[0].to).toBe(email);
    expect(JSON.stringify(emails[0])).toContain(reason);
    expect((await getCase(store, kept.reference, clock.read()))!.details.email).toBe(email);
    expect((await getCase(store, request.reference, clock.read()))!.status).toBe('closed');

    const again = await dpo().post(`/staff/data-rights/${request.reference}/refuse`, { reason: 'Again' });
    const approveAfter = await dpo().post(`/staff/data-rights/${request.reference}/approve`, { confirm: 'yes' });

    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('This request has already been decided. It cannot be decided again.');
    expect(approveAfter.status).toBe(409);
    expect((await getCase(store, kept.reference, clock.read()))!.details.email).toBe(email);
    expect(outbox.sent().filter((e) => e.reference === request.reference && e.template.startsWith('data-rights-'))).toHaveLength(1);
  });
});

describe('subject access search', () => {
  const cyril = { name: 'Cyril Subject', email: 'Cyril.Subject@example.com', phone: '+44 20 7946 0888' };
  let cyrilsReport: StoredCase;
  let cyrilsBin: StoredCase;
  let cyrilsForm: StoredCase;

  beforeAll(async () => {
    cyrilsReport = await annsReport(cyril);
    const binResult = await createCase(
      store,
      { service: 'bins', type: 'missed-collection', submissionId: `dr-bin-cyril-${process.pid}`, details: { address: '2 Linscott Road', container: 'refuse', collectionDate: '2026-11-30', email: cyril.email, phone: '020 7946 0888' }, lang: 'en', retentionDays: 365 },
      clock.read(),
      secrets,
    );
    cyrilsBin = binResult.case;
    const answers: CaseAnswer[] = [
      { key: 'household', question: { en: 'Who lives at the property?' }, text: ['I live on my own'], value: 'alone' },
      { key: 'reason', question: { en: 'Why are you not able to take your bins out?' }, text: [HEALTH], value: HEALTH, specialCategory: true },
    ];
    cyrilsForm = (
      await createCase(
        store,
        { service: 'forms', type: FORM, submissionId: `dr-form-cyril-${process.pid}`, details: { name: cyril.name, email: cyril.email.toLowerCase(), phone: '02079460888' }, lang: 'en', retentionDays: 400, form: { id: FORM, version: 1, answers } },
        clock.read(),
        secrets,
        { prepare: async (reference) => ({ form: { id: FORM, version: 1, answers: await sealCaseAnswers(cipher, answers, caseSealContext(council.id, reference, FORM)) } }) },
      )
    ).case;
  });

  const everyModule = () => [cyrilsReport.reference, cyrilsBin.reference, cyrilsForm.reference].sort();

  // Each test's audit records at a time of their own: records of one instant come in no set order.
  beforeEach(() => clock.advance(1000));
  const latest = async (action: string) => (await auditOfDpo()).find((r) => r.action === action && r.at === clock.read().toISOString());

  it.each([
    { kind: 'email', fields: () => ({ kind: 'email', email: '  cyril.subject@EXAMPLE.com ' }) },
    { kind: 'phone', fields: () => ({ kind: 'phone', phone: '020 7946 0888' }) },
  ])('finds the cases of every module by $kind, and audits the search with its kind and count, never the address', async ({ kind, fields }) => {
    const res = await dpo().post('/staff/data-rights/search', fields());
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(referencesOn(html).sort()).toEqual(everyModule());
    expect(textOf(html)).toContain('3 cases found');
    const record = (await latest('subject-access-search'))!;
    expect(record).toMatchObject({ who: { kind: 'staff', sub: 'hackney-data-protection', name: 'Dara Data' }, detail: `${kind}, 3 cases`, at: clock.read().toISOString() });
    expect(record.caseRef).toBeUndefined();
    const all = JSON.stringify(await auditOfDpo()).toLowerCase();
    expect(all).not.toContain('cyril.subject@example.com');
    expect(all).not.toContain('7946 0888');
    expect(all).not.toContain('79460888');
  });

  it('says when nothing is held, audited with a count of 0', async () => {
    const res = await dpo().post('/staff/data-rights/search', { kind: 'email', email: 'nobody.here@example.com' });

    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="results-none"');
    expect((await latest('subject-access-search'))!.detail).toBe('email, 0 cases');
  });

  it.each<{ name: string; fields: Record<string, string>; field: string; message: string }>([
    { name: 'no email address', fields: { kind: 'email', email: '' }, field: 'email', message: 'Enter an email address' },
    { name: 'an email address without a domain', fields: { kind: 'email', email: 'cyril@' }, field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    { name: 'no phone number', fields: { kind: 'phone', phone: ' ' }, field: 'phone', message: 'Enter a phone number' },
    { name: 'a phone number with letters', fields: { kind: 'phone', phone: '020 CALL ME NOW' }, field: 'phone', message: 'Enter a phone number, like 01632 960 001 or +44 7700 900 982' },
    { name: 'a phone number too short', fields: { kind: 'phone', phone: '0207 946' }, field: 'phone', message: 'Enter a phone number, like 01632 960 001 or +44 7700 900 982' },
  ])('refuses $name with its own message, the answer kept, and searches nothing', async ({ fields, field, message }) => {
    const before = (await auditOfDpo()).length;

    const res = await dpo().post('/staff/data-rights/search', fields);
    const html = await res.text();

    expect(res.status).toBe(400);
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain(`href="#${field}"`);
    expect(html).toContain(`id="${field}-error"`);
    expect(textOf(html)).toContain(message);
    const typed = fields[field].trim();
    if (typed) expect(html).toContain(`value="${typed}"`);
    expect(await auditOfDpo()).toHaveLength(before);
  });

  it('exports the record as a JSON file (B’s format) without special-category answers for staff without the care role', async () => {
    const res = await dpo().post('/staff/data-rights/search/export', { kind: 'email', email: cyril.email, format: 'json' });
    const body = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.json"$/);
    const record = JSON.parse(body);
    expect(record).toMatchObject({ format: 'ldf-data-record', version: 1, subject: { email: cyril.email } });
    expect(record.cases.map((x: { reference: string }) => x.reference).sort()).toEqual(everyModule());
    expect(new Set(record.cases.map((x: { service: string }) => x.service))).toEqual(new Set(['report', 'bins', 'forms']));
    expect(body).not.toContain(HEALTH);
    const formCase = record.cases.find((x: { reference: string }) => x.reference === cyrilsForm.reference);
    expect(formCase.withheld.count).toBe(1);
    expect((await auditOfCase(cyrilsForm.reference)).filter((r) => r.action === 'special-category-opened')).toEqual([]);
    expect(await latest('subject-access-export')).toMatchObject({ detail: 'json: email, 3 cases' });
  });

  it('exports the record as a printable page, by phone too', async () => {
    const res = await dpo().post('/staff/data-rights/search/export', { kind: 'phone', phone: cyril.phone, format: 'html' });
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    for (const ref of everyModule()) expect(html).toContain(ref);
    expect(html).not.toContain(HEALTH);
    expect(await latest('subject-access-export')).toMatchObject({ detail: 'html: phone, 3 cases' });
  });

  it('includes special-category answers for a data protection officer who also holds the care role, each case’s opening audited', async () => {
    const before = (await auditOfCase(cyrilsForm.reference)).filter((r) => r.action === 'special-category-opened').length;

    const page = await dpoWithCare.post('/staff/data-rights/search', { kind: 'email', email: cyril.email });
    const json = await dpoWithCare.post('/staff/data-rights/search/export', { kind: 'email', email: cyril.email, format: 'json' });
    const html = await dpoWithCare.post('/staff/data-rights/search/export', { kind: 'email', email: cyril.email, format: 'html' });

    expect(textOf(await page.text())).toContain('Special-category answers (health and care) are included in the export');
    expect(await json.text()).toContain(HEALTH);
    expect(await html.text()).toContain(HEALTH);
    const opened = (await auditOfCase(cyrilsForm.reference)).filter((r) => r.action === 'special-category-opened');
    expect(opened).toHaveLength(before + 2);
    expect(opened[0]).toMatchObject({ who: { kind: 'staff', sub: 'hackney-data-protection' }, detail: 'export', caseRef: cyrilsForm.reference });
  });

  it('says special-category answers are left out for staff without the care role', async () => {
    const page = await dpo().post('/staff/data-rights/search', { kind: 'email', email: cyril.email });

    expect(textOf(await page.text())).toContain('Special-category answers (health and care) are left out of the export');
  });

  it('names the searches and exports on the audit page the admin reads, with their kind and count', async () => {
    await dpo().post('/staff/data-rights/search', { kind: 'phone', phone: cyril.phone });

    const page = textOf(await (await as('admin').get('/staff/audit/staff/hackney-data-protection')).text());

    expect(page).toContain('Searched for a subject access request: phone, 3 cases');
    expect(page).toContain('Exported a subject access record: json: email, 3 cases');
    expect(page.toLowerCase()).not.toContain('cyril');
  });

  it('keeps the address out of every URL: the search and its exports are forms that post', async () => {
    const page = await (await dpo().post('/staff/data-rights/search', { kind: 'email', email: cyril.email })).text();

    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1].toLowerCase()).not.toContain('cyril');
    expect(page).toContain('action="/staff/data-rights/search/export"');
  });
});
