/**
 * Care cases and special-category answers in the back office, route by route and role by role:
 * staff without the care role do not see a care case anywhere (queue, search, case page and its
 * actions, files, bulk actions, duplicates, CSV export and its background job, Open311), its page a
 * 404 exactly like an unknown reference's, with nothing audited; care staff see it, with its
 * special-category answers opened and each opening written to the case's audit (who and when). A
 * non-care supervisor's export has no special-category column and no care case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { listAuditForCase, type AuditRecord } from '../../functions/core/audit/audit-store.ts';
import { createCase, getCase, type CaseAnswer, type NewCase } from '../../functions/core/cases/case-store.ts';
import { randomReference } from '../../functions/core/cases/reference.ts';
import { caseSealContext, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import type { FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import type { ExportInput, ExportStorage } from '../../functions/core/exports/port.ts';
import type { FileStorage, StoredFile } from '../../functions/core/files/port.ts';
import { createLogger } from '../../functions/core/logger.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { ROLES, type Role } from '../../functions/staff/auth/roles.ts';
import { runExportJob } from '../../functions/staff/export/job.ts';
import { createExportJob } from '../../functions/staff/export/job-store.ts';
import { WEB_DIST } from '../../web/build.ts';
import { careRequestForYourself } from '../support/care-requests.ts';
import { embeddedStore, Session, testCipher, textOf } from '../support/harness.ts';
import { actionForm, caseTestCouncil, reportCase, type CaseTestCouncil } from './case-support.ts';
import { parseCsv, postForm, referencesOn } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TEST_BASE_URL, TestClock } from './support.ts';

const FORM = 'assisted-bin-collection';
const REASON_QUESTION = 'Why are you not able to take your bins out?';
const CARE_REASON = 'Carol has dementia and cannot manage the bins';
const PLAIN_REASON = 'Arthritis in both hands';
const FILE_ID = 'carecasefile00001234.pdf';
const quiet = createLogger({}, { write: () => {} });

type Who = Role | 'anonymous';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: CaseTestCouncil;
let cipher: FieldCipher;
/** The same council, store and key, whose file maps the care group to supervisor and care: a care team lead, who may export. */
let leadApp: ReturnType<typeof createCouncilApp>;
const clock = new TestClock();
const browsers = new Map<Who, StaffBrowser>();
let lead: StaffBrowser;
/** A care request (restricted to care, its reason sealed), a plain form case (its reason sealed), a pothole report. */
let care: string;
let plain: string;
let report: string;

const files = new Map<string, StoredFile>([[FILE_ID, { body: new TextEncoder().encode('%PDF-1.7 care plan'), contentType: 'application/pdf', name: 'care-plan.pdf' }]]);
const fileStorage = { read: async (id: string) => files.get(id), downloadUrl: async () => undefined } as unknown as FileStorage;

/** A form case's answers as the journey stores them: the reason special category, a file, the resident's name. */
function answersWith(reason: string): CaseAnswer[] {
  return [
    { key: 'household', question: { en: 'Who lives at the property?' }, text: ['I live on my own'], value: 'alone' },
    { key: 'reason', question: { en: REASON_QUESTION }, text: [reason], value: reason, specialCategory: true },
    { key: 'evidence', question: { en: 'Upload your evidence' }, text: ['care-plan.pdf'], value: { fileId: FILE_ID, name: 'care-plan.pdf', contentType: 'application/pdf', bytes: 18 } },
    { key: 'name', question: { en: 'What is your name?' }, text: ['Carol Resident'], value: { full: 'Carol Resident' } },
  ];
}

let submissions = 0;

/**
 * A form case made as the journey makes one: its special-category answers sealed with the reference
 * it is stored under (`sealFor` seals them for another reference instead: a ciphertext moved from
 * another case).
 */
async function formCase(options: { reason: string; restrictedTo?: string; contact: { email: string; phone: string; postcode: string }; sealFor?: string }): Promise<string> {
  const answers = answersWith(options.reason);
  const input: NewCase = {
    service: 'forms',
    type: FORM,
    submissionId: `care-access-${process.pid}-${++submissions}`,
    details: { name: 'Carol Resident', email: options.contact.email, phone: options.contact.phone, address: '1 Linscott Road, London', postcode: options.contact.postcode },
    lang: 'en',
    retentionDays: 400,
    form: { id: FORM, version: 1, answers },
    ...(options.restrictedTo && { restrictedTo: options.restrictedTo }),
  };
  const result = await createCase(hackney.store, input, clock.read(), hackney.secrets, {
    prepare: async (reference) => ({ form: { id: FORM, version: 1, answers: await sealCaseAnswers(cipher, answers, caseSealContext('hackney', options.sealFor ?? reference, FORM)) } }),
  });
  return result.case.reference;
}

/** Hackney's file with its care group mapped to supervisor and care. */
const careLeads = (c: CouncilConfig): CouncilConfig => ({ ...c, staff: { ...c.staff!, signIn: { ...c.staff!.signIn, roles: { ...c.staff!.signIn.roles, 'LDF.Care': ['supervisor', 'care'] } } } });

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  cipher = await testCipher();
  hackney = await caseTestCouncil('hackney', { endpoint: server.endpoint, issuer: idp.issuer, client: clients[0], clock, cipher, files: fileStorage });
  leadApp = createCouncilApp(careLeads(hackney.council), {
    store: hackney.store,
    notifications: hackney.outbox,
    secrets: hackney.secrets,
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
  clock.sync();
  for (const role of ROLES) {
    const browser = new StaffBrowser(hackney);
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  browsers.set('anonymous', new StaffBrowser(hackney));
  lead = new StaffBrowser({ app: leadApp });
  expect((await lead.signIn('hackney-care')).status).toBe(303);

  care = await formCase({ reason: CARE_REASON, restrictedTo: 'care', contact: { email: 'carol.care@example.com', phone: '020 7946 0101', postcode: 'E5 0LH' } });
  plain = await formCase({ reason: PLAIN_REASON, contact: { email: 'pat.plain@example.com', phone: '020 7946 0202', postcode: 'E8 1HE' } });
  report = (await reportCase(hackney, clock.read())).case.reference;
});

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

const as = (who: Who) => browsers.get(who)!;
const auditOf = async (reference: string): Promise<AuditRecord[]> => (await listAuditForCase(hackney.store, reference, { limit: 100 })).records;
const opened = (records: AuditRecord[]) => records.filter((r) => r.action === 'special-category-opened');

/** What each role gets, and whether the care case is in it. */
const QUEUE: Record<Who, { status: number; seesCare?: boolean }> = {
  viewer: { status: 200, seesCare: false },
  officer: { status: 200, seesCare: false },
  supervisor: { status: 200, seesCare: false },
  admin: { status: 403 },
  care: { status: 200, seesCare: true },
  'data-protection': { status: 403 },
  anonymous: { status: 303 },
};
const WHO = Object.keys(QUEUE) as Who[];

describe('the queue × each role', () => {
  it.each(WHO)('lists the care case only to care staff, the other cases to everyone who may read cases: %s', async (who) => {
    const expected = QUEUE[who];
    for (const query of ['', `?type=forms:${FORM}`, '?service=forms', '?state=submitted']) {
      const res = await as(who).get(`/staff/queue${query}`);
      expect(res.status).toBe(expected.status);
      if (expected.seesCare === undefined) continue;
      const listed = referencesOn(await res.text());
      expect(listed.includes(care)).toBe(expected.seesCare);
      expect(listed).toContain(plain);
      if (!query.includes('forms')) expect(listed).toContain(report);
    }
  });

  it('leaves the care case out of the per-state numbers, which are the same for everyone (care-counts.test.ts)', async () => {
    const res = await as('officer').get('/staff/queue');
    expect(res.status).toBe(200);
    expect(referencesOn(await res.text())).not.toContain(care);
  });
});

describe('the queue’s search × each role', () => {
  const searches = [
    { by: 'reference', q: () => care },
    { by: 'email', q: () => 'carol.care@example.com' },
    { by: 'phone', q: () => '020 7946 0101' },
    { by: 'postcode', q: () => 'E5 0LH' },
  ];
  const rows = WHO.flatMap((who) => searches.map((s) => ({ who, ...s })));

  it.each(rows)('finds the care case by $by only for care staff: $who', async ({ who, by, q }) => {
    const res = await as(who).get(`/staff/queue?${new URLSearchParams({ q: q() })}`);
    const html = res.status === 200 ? await res.text() : '';

    if (who === 'anonymous') return expect(res.status).toBe(303);
    if (who === 'admin' || who === 'data-protection') return expect(res.status).toBe(403);
    // A viewer may not search by personal details at all (as before); by reference or postcode, nothing.
    if (who === 'viewer' && (by === 'email' || by === 'phone')) return expect(res.status).toBe(403);
    if (who === 'care') {
      if (by === 'reference') {
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`/staff/cases/${care}`);
      } else {
        expect(res.status).toBe(200);
        expect(referencesOn(html)).toEqual([care]);
      }
      return;
    }
    // Found nothing, exactly as for a reference or address nobody has used.
    expect(res.status).toBe(200);
    expect(referencesOn(html)).toEqual([]);
    expect(html).not.toContain('Carol Resident');
  });

  it('answers a search for the care case’s reference as it answers one for a reference that does not exist', async () => {
    const unknown = randomReference();
    const forCare = await as('supervisor').get(`/staff/queue?q=${care}`);
    const forNothing = await as('supervisor').get(`/staff/queue?q=${unknown}`);

    expect(forCare.status).toBe(forNothing.status);
    expect(textOf(await forCare.text()).replaceAll(care, 'REF')).toBe(textOf(await forNothing.text()).replaceAll(unknown, 'REF'));
  });
});

describe('the care case’s page and routes × each role', () => {
  const PAGE: Record<Who, number> = { viewer: 404, officer: 404, supervisor: 404, admin: 403, care: 200, 'data-protection': 403, anonymous: 303 };
  const FILE: Record<Who, number> = { viewer: 403, officer: 404, supervisor: 404, admin: 403, care: 200, 'data-protection': 403, anonymous: 303 };

  it.each(WHO)('GET the case page as %s', async (who) => {
    const res = await as(who).get(`/staff/cases/${care}`);

    expect(res.status).toBe(PAGE[who]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    if (PAGE[who] === 404) expect(await res.text()).not.toContain(CARE_REASON);
  });

  it.each(WHO)('GET the case’s file as %s', async (who) => {
    const res = await as(who).get(`/staff/cases/${care}/files/${FILE_ID}`);

    expect(res.status).toBe(FILE[who]);
    if (FILE[who] === 200) expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('%PDF-1.7 care plan');
  });

  it('gives staff without the care role the very 404 of an unknown reference, and records nothing of it', async () => {
    const before = (await auditOf(care)).length;
    const unknown = randomReference();

    for (const who of ['viewer', 'officer', 'supervisor'] as const) {
      const page = await as(who).get(`/staff/cases/${care}`);
      const nothing = await as(who).get(`/staff/cases/${unknown}`);
      expect(page.status).toBe(404);
      expect(textOf(await page.text()).replaceAll(care, 'REF')).toBe(textOf(await nothing.text()).replaceAll(unknown, 'REF'));
    }
    for (const who of ['officer', 'supervisor'] as const) {
      expect((await as(who).get(`/staff/cases/${care}/files/${FILE_ID}`)).status).toBe(404);
    }

    expect(await auditOf(care)).toHaveLength(before);
  });

  it('refuses every action on the care case to staff without the care role with the same 404, changing nothing', async () => {
    const { actionId, version } = actionForm(await (await as('care').get(`/staff/cases/${care}`)).text(), 'note');
    const before = (await getCase(hackney.store, care, clock.read()))!;

    const posts = [
      await as('officer').post(`/staff/cases/${care}/note`, { actionId, version, text: 'Seen it' }),
      await as('officer').post(`/staff/cases/${care}/state`, { actionId, version, state: 'closed' }),
      await as('supervisor').post(`/staff/cases/${care}/assign`, { actionId, version, to: '' }),
      await as('officer').post(`/staff/cases/${care}/outputs/webhook/retry`),
    ];

    expect(posts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect((await getCase(hackney.store, care, clock.read()))!.version).toBe(before.version);
  });

  it('leaves the care case alone in a non-care supervisor’s bulk action, counted as not changed', async () => {
    const page = await (await as('supervisor').get('/staff/queue')).text();
    const actionId = /name="actionId" value="([^"]+)"/.exec(page)![1];
    const before = (await getCase(hackney.store, care, clock.read()))!;
    const body = new URLSearchParams({ actionId, state: 'investigating' });
    body.append('cases', `${care}:${before.version}`);

    const res = await postForm(as('supervisor'), hackney.app, '/staff/queue/bulk', body);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('changed=0&unchanged=1');
    expect((await getCase(hackney.store, care, clock.read()))!.state).toBe('submitted');
  });

  it('will not mark a case a duplicate of a care case for someone without the care role: no such case', async () => {
    const { actionId, version } = actionForm(await (await as('officer').get(`/staff/cases/${report}`)).text(), 'duplicate');

    const res = await as('officer').post(`/staff/cases/${report}/duplicate`, { actionId, version, of: care });

    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('There is no case with that reference at this council');
    expect((await getCase(hackney.store, report, clock.read()))!.state).toBe('submitted');
  });
});

describe('special-category answers on the case page', () => {
  it('shows care staff the opened answers and audits each opening with who and when', async () => {
    const before = opened(await auditOf(care));

    const first = await as('care').get(`/staff/cases/${care}`);
    const html = await first.text();
    clock.advance(60_000);
    await as('care').get(`/staff/cases/${care}`);

    expect(first.status).toBe(200);
    expect(textOf(html)).toContain(`${REASON_QUESTION} Special category ${CARE_REASON}`);
    expect(html).toContain('data-testid="special-category-opened"');
    const all = opened(await auditOf(care));
    expect(all).toHaveLength(before.length + 2);
    // Newest first: these two views.
    const records = all.slice(0, 2);
    for (const record of records) {
      expect(record).toMatchObject({ who: { kind: 'staff', sub: 'hackney-care', name: 'Cai Care' }, caseRef: care, detail: 'case page' });
    }
    const times = records.map((r) => r.at).sort();
    expect(Date.parse(times[1]) - Date.parse(times[0])).toBe(60_000);
  });

  it('shows staff without the care role a plain case’s special-category answer as withheld, and opens nothing', async () => {
    const before = opened(await auditOf(plain));

    const html = await (await as('officer').get(`/staff/cases/${plain}`)).text();

    expect(textOf(html)).toContain(`${REASON_QUESTION} Special category data: not shown`);
    expect(html).toContain('data-testid="special-category-hidden"');
    expect(html).not.toContain(PLAIN_REASON);
    expect(textOf(html)).toContain('Carol Resident');
    expect(opened(await auditOf(plain))).toHaveLength(before.length);
  });

  it('opens a plain case’s special-category answer for care staff too, audited', async () => {
    const html = await (await as('care').get(`/staff/cases/${plain}`)).text();

    expect(textOf(html)).toContain(PLAIN_REASON);
    expect(opened(await auditOf(plain)).at(0)).toMatchObject({ who: { sub: 'hackney-care' }, detail: 'case page' });
  });

  it('says the answers could not be opened when a ciphertext is another case’s, shows the rest of the page, and audits no opening', async () => {
    const moved = await formCase({ reason: CARE_REASON, restrictedTo: 'care', sealFor: care, contact: { email: 'moved@example.com', phone: '020 7946 0303', postcode: 'E9 5ND' } });

    const res = await as('care').get(`/staff/cases/${moved}`);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).toContain('data-testid="special-category-error"');
    expect(textOf(html)).toContain('These answers could not be opened.');
    expect(textOf(html)).toContain(`${REASON_QUESTION} Could not be opened`);
    expect(textOf(html)).toContain('Carol Resident');
    expect(html).not.toContain(CARE_REASON);
    expect(opened(await auditOf(moved))).toEqual([]);
  });
});

describe('the CSV export', () => {
  async function exportOf(browser: StaffBrowser, fields: Record<string, string>) {
    const res = await browser.post('/staff/export.csv', fields);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    return { header, rows, refs: rows.map((r) => r[0]) };
  }

  it('gives a non-care supervisor neither the care case nor any special-category column', async () => {
    const all = await exportOf(as('supervisor'), {});
    const forms = await exportOf(as('supervisor'), { type: `forms:${FORM}` });

    expect(all.refs).not.toContain(care);
    expect(all.refs).toEqual(expect.arrayContaining([plain, report]));
    expect(forms.refs).not.toContain(care);
    expect(forms.refs).toContain(plain);
    expect(forms.header).toContain('Who lives at the property?');
    expect(forms.header).not.toContain(REASON_QUESTION);
    expect(JSON.stringify(forms.rows)).not.toContain(PLAIN_REASON);
    expect(opened(await auditOf(plain)).filter((r) => r.detail === 'export')).toEqual([]);
  });

  it('gives a care lead the care case and its special-category answers, opened and audited case by case', async () => {
    const forms = await exportOf(lead, { type: `forms:${FORM}` });

    const column = forms.header.indexOf(REASON_QUESTION);
    expect(column).toBeGreaterThan(-1);
    const row = (ref: string) => forms.rows.find((r) => r[0] === ref)!;
    expect(row(care)[column]).toBe(CARE_REASON);
    expect(row(plain)[column]).toBe(PLAIN_REASON);
    for (const ref of [care, plain]) {
      expect(opened(await auditOf(ref)).filter((r) => r.detail === 'export')).toEqual([expect.objectContaining({ who: expect.objectContaining({ sub: 'hackney-care' }), caseRef: ref })]);
    }
  });

  it('builds a background job’s file with the asker’s roles, not the jobs function’s', async () => {
    const files = new Map<string, string>();
    const storage: ExportStorage = {
      store: async (input: ExportInput) => {
        const key = `job-${files.size}`;
        files.set(key, await new Response(input.body).text());
        return { key, filename: input.filename, contentType: input.contentType };
      },
      link: async () => 'https://example.invalid/',
    };
    const deps = { store: hackney.store, storage, clock: clock.read, logger: quiet, cipher };
    const ask = (roles: Role[]) => createExportJob(hackney.store, { who: { sub: 'hackney-care', name: 'Cai Care' }, filters: `type=forms:${FORM}`, personal: true, roles, lang: 'en' }, clock.read());

    await runExportJob(hackney.council, deps, (await ask(['supervisor'])).id);
    await runExportJob(hackney.council, deps, (await ask(['supervisor', 'care'])).id);

    const [supervisorFile, leadFile] = [...files.values()];
    expect(supervisorFile).not.toContain(care);
    expect(supervisorFile).not.toContain(REASON_QUESTION);
    expect(supervisorFile).not.toContain(PLAIN_REASON);
    expect(leadFile).toContain(care);
    expect(leadFile).toContain(CARE_REASON);
  });
});

describe('Open311', () => {
  it('never lists or gives a care case (it serves problem reports only), in a list, by id or in updates', async () => {
    const open311 = (path: string) => hackney.app.request(`http://localhost/open311/v2/${path}`);
    const start = new Date(clock.read().getTime() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

    const byId = await open311(`requests/${care}.json`);
    const named = await open311(`requests.json?service_request_id=${care},${report}`);
    const listed = await open311(`requests.json?start_date=${start}`);
    const updates = await open311(`servicerequestupdates.json?start_date=${start}`);

    expect(byId.status).toBe(404);
    expect((await named.json()).map((r: { service_request_id: string }) => r.service_request_id)).toEqual([report]);
    const ids = (await listed.json()).map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toContain(report);
    expect(ids).not.toContain(care);
    expect(ids).not.toContain(plain);
    expect(updates.status).toBe(200);
    expect(JSON.stringify(await updates.json())).not.toContain(care);
  });
});

/** A resident asks for an assessment for themselves through the care form's pages, as H2's journey test does; the case's reference. */
async function careRequestThroughTheForm(): Promise<string> {
  const session = new Session(hackney.app);
  const base = await careRequestForYourself(session, { needs: { 'personal-hygiene': 'Cannot get in or out of the bath.' }, health: 'Stroke in 2025.' });
  const sent = await session.post(`${base}/check-answers`, {});
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.split('/').pop()!;
}

describe('a care request made through the care form', () => {
  const HEALTH = 'Stroke in 2025.';
  let reference: string;
  beforeAll(async () => {
    reference = await careRequestThroughTheForm();
  });

  it('is restricted to care staff, its answers sealed at rest', async () => {
    const stored = (await getCase(hackney.store, reference, clock.read()))!;

    expect(stored.restrictedTo).toBe('care');
    expect(JSON.stringify(stored)).not.toContain(HEALTH);
  });

  it.each(WHO)('is in the queue, its page and its search only for care staff: %s', async (who) => {
    const queue = await as(who).get('/staff/queue?type=forms:care-needs-assessment');
    const page = await as(who).get(`/staff/cases/${reference}`);
    const search = await as(who).get(`/staff/queue?q=${reference}`);

    // The care form's type is one only care staff have: for anyone else it is an unknown type, a 400 like any other.
    expect(queue.status).toBe({ viewer: 400, officer: 400, supervisor: 400, admin: 403, care: 200, 'data-protection': 403, anonymous: 303 }[who]);
    expect(page.status).toBe({ viewer: 404, officer: 404, supervisor: 404, admin: 403, care: 200, 'data-protection': 403, anonymous: 303 }[who]);
    if (QUEUE[who].seesCare !== undefined) expect(referencesOn(await queue.text()).includes(reference)).toBe(who === 'care');
    if (who === 'care') expect(search.headers.get('location')).toBe(`/staff/cases/${reference}`);
    else if (search.status === 200) expect(referencesOn(await search.text())).toEqual([]);
  });

  it('shows the care officer the opened answers, each opening in the case’s audit with who and when', async () => {
    const before = opened(await auditOf(reference)).length;

    const html = await (await as('care').get(`/staff/cases/${reference}`)).text();

    expect(textOf(html)).toContain(HEALTH);
    expect(textOf(html)).toContain('Cannot get in or out of the bath.');
    const records = opened(await auditOf(reference));
    expect(records).toHaveLength(before + 1);
    expect(records[0]).toMatchObject({ who: { kind: 'staff', sub: 'hackney-care', name: 'Cai Care' }, caseRef: reference, detail: 'case page', at: clock.read().toISOString() });
  });

  it('is in a care lead’s export with its health answer; a non-care supervisor’s export of its type is refused as an unknown type’s, nor is the health question in any of theirs', async () => {
    const exportOf = (browser: StaffBrowser, fields: Record<string, string>) => browser.post('/staff/export.csv', fields);
    const exported = async (browser: StaffBrowser, fields: Record<string, string>) => parseCsv((await (await exportOf(browser, fields)).text()).replace(/^\uFEFF/, ''));

    const refused = await exportOf(as('supervisor'), { type: 'forms:care-needs-assessment' });
    const unknown = await exportOf(as('supervisor'), { type: 'forms:no-such-form' });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toBe(textOf(await unknown.text()));
    const [supervisorHeader, ...supervisorRows] = await exported(as('supervisor'), { service: 'forms' });
    const [leadHeader, ...leadRows] = await exported(lead, { type: 'forms:care-needs-assessment' });

    expect(supervisorRows.map((r) => r[0])).not.toContain(reference);
    expect(supervisorHeader.some((h) => /health/i.test(h))).toBe(false);
    const row = leadRows.find((r) => r[0] === reference)!;
    expect(row).toBeDefined();
    expect(row[leadHeader.findIndex((h) => /health/i.test(h))]).toBe(HEALTH);
  });
});
