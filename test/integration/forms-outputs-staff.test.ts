/**
 * What staff see of a form submission: its answers on the case page (questions in the page's
 * language, answers as given), the webhook's delivery status and its "Try again", and the
 * form's questions as columns of the CSV export.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForCase } from '../../functions/core/audit/audit-store.ts';
import { createCase, type CaseAnswer, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import { afterSubmission } from '../../functions/modules/forms/outputs/after-submission.ts';
import { MAX_OUTPUT_ATTEMPTS, nextOutputAttempt, outputsOf } from '../../functions/modules/forms/outputs/delivery-store.ts';
import { formsExportColumns } from '../../functions/modules/forms/outputs/export-columns.ts';
import { formsScheduled } from '../../functions/modules/forms/outputs/scheduled.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { casesCsv } from '../../functions/staff/export/export-csv.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { caseTestCouncil, type CaseTestCouncil } from '../staff/case-support.ts';
import { parseCsv } from '../staff/queue-support.ts';
import { devClients, StaffBrowser, startProvider, TEST_BASE_URL, TestClock } from '../staff/support.ts';
import { createCouncilApp } from '../../functions/app.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import type { FileStorage, StoredFile } from '../../functions/core/files/port.ts';
import { WEB_DIST } from '../../web/build.ts';

const FORM = 'single-person-discount';
const quiet = createLogger({}, { write: () => {} });

const ANSWERS: CaseAnswer[] = [
  { key: 'anyone-else', question: { en: 'Does anyone else aged 18 or over live at the property?', cy: "A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo?" }, text: ['Na'], value: 'no' },
  { key: 'moved-out', question: { en: 'What is the name of the person who moved out?', cy: "Beth yw enw'r person a symudodd allan?" }, text: ['Dai Jones', 'Siân Jones'], value: [{ full: 'Dai Jones' }, { full: 'Siân Jones' }] },
  { key: 'reason', question: { en: 'Why are you not able to take your bins out?', cy: "Pam nad ydych yn gallu mynd â'ch biniau allan?" }, text: ['Mae gen i arthritis'], value: 'Mae gen i arthritis', specialCategory: true },
  {
    key: 'evidence',
    question: { en: 'Upload evidence that you live on your own', cy: 'Uwchlwythwch dystiolaeth eich bod yn byw ar eich pen eich hun' },
    text: ['bil.pdf'],
    value: { fileId: 'abcdefghijklmnop1234.pdf', name: 'bil.pdf', contentType: 'application/pdf', bytes: 2048 },
  },
  { key: 'name', question: { en: 'What is your name?', cy: 'Beth yw eich enw?' }, text: ['Ann Preswylydd'], value: { full: 'Ann Preswylydd' } },
];

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let ceredigion: CaseTestCouncil;
const clock = new TestClock();
const browsers = new Map<'officer' | 'viewer', StaffBrowser>();
let receiver: Server;
let receiverUrl: string;
let receiverStatus = 500;
let received = 0;

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['ceredigion']);
  idp = await startProvider(['ceredigion'], clients);
  ceredigion = await withFiles(await caseTestCouncil('ceredigion', { endpoint: server.endpoint, issuer: idp.issuer, client: clients[0], clock }));
  clock.sync();
  for (const role of ['officer', 'viewer'] as const) {
    const browser = new StaffBrowser(ceredigion);
    expect((await browser.signIn(`ceredigion-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.statusCode = receiverStatus;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await idp?.close();
  await server?.close();
});

/** Kept files, as the council's file storage holds them; `linked`: answer as S3 does (a signed link), not with the bytes. */
const files = new Map<string, StoredFile>([['abcdefghijklmnop1234.pdf', { body: new TextEncoder().encode('%PDF-1.7 bil'), contentType: 'application/pdf', name: 'bil.pdf' }]]);
let linked = false;
const fileStorage = {
  read: async (id: string) => files.get(id),
  downloadUrl: async (id: string) => (linked && files.has(id) ? `https://files.example.s3.eu-west-2.amazonaws.com/kept/${id}?X-Amz-Signature=abc` : undefined),
} as unknown as FileStorage;

/** The same council app, with file storage (caseTestCouncil's has none). */
async function withFiles(target: CaseTestCouncil): Promise<CaseTestCouncil> {
  const app = createCouncilApp(target.council, {
    store: target.store,
    notifications: target.outbox,
    secrets: target.secrets,
    clock: clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: idp.issuer,
    exports: new DirectExportDelivery(),
    files: fileStorage,
  });
  return { ...target, app };
}

let submissions = 0;

/** A Welsh resident's submission, stored as the journey stores it, and its webhook tried once (failing). */
async function submission(answers = ANSWERS): Promise<StoredCase> {
  const now = clock.read();
  const result = await createCase(
    ceredigion.store,
    {
      service: 'forms',
      type: FORM,
      submissionId: `forms-staff-${process.pid}-${++submissions}`,
      details: { name: 'Ann Preswylydd' },
      lang: 'cy',
      retentionDays: 30,
      form: { id: FORM, version: 1, answers },
    },
    now,
    ceredigion.secrets,
  );
  if (result.outcome !== 'created') throw new Error(result.outcome);
  const form = { ...resolveForm(ceredigion.council, FORM)!, webhook: { url: receiverUrl } };
  await afterSubmission({ store: ceredigion.store, notifications: ceredigion.outbox, secrets: ceredigion.secrets }, ceredigion.council, form, result.case, now, quiet);
  return result.case;
}

/** Runs the schedule at each try's due time until the delivery gives up. */
async function untilGivenUp(): Promise<void> {
  let now = clock.read();
  const deps = { store: ceredigion.store, notifications: ceredigion.outbox, secrets: ceredigion.secrets, logger: quiet };
  for (let attempts = 1; attempts < MAX_OUTPUT_ATTEMPTS; attempts++) {
    now = nextOutputAttempt(attempts, now)!;
    await formsScheduled(ceredigion.council, deps, now);
  }
}

const officer = () => browsers.get('officer')!;

describe('a form case’s page', () => {
  it('shows the answers with each question in the staff page’s language and the answer as the resident gave it', async () => {
    receiverStatus = 500;
    const c = await submission();

    const english = await (await officer().get(`/staff/cases/${c.reference}`)).text();
    const welsh = await (await officer().get(`/cy/staff/cases/${c.reference}`)).text();

    const section = (html: string) => html.slice(html.indexOf('data-testid="form-answers"'));
    expect(textOf(section(english))).toContain('Does anyone else aged 18 or over live at the property? Na');
    expect(textOf(section(welsh))).toContain("A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo? Na");
    expect(textOf(section(english))).not.toContain('A oes unrhyw un arall');
    // The answer is marked with the resident's language, for screen readers.
    expect(section(english)).toMatch(/<span class="app-pre-wrap" lang="cy">Na<\/span>/);
    // A repeated question's answers, each its own item.
    expect(section(english)).toMatch(/<li class="app-pre-wrap">Dai Jones<\/li>\s*<li class="app-pre-wrap">Siân Jones<\/li>/);
    // A file: a link to the back office's download, never the storage's own address.
    expect(section(english)).toContain(`href="/staff/cases/${c.reference}/files/abcdefghijklmnop1234.pdf"`);
    expect(textOf(section(welsh))).toContain('Lawrlwytho bil.pdf');
  });

  it('names the service and the form by their titles in the staff page’s language, not by their ids', async () => {
    const c = await submission();

    const english = textOf(await (await officer().get(`/staff/cases/${c.reference}`)).text());
    const welsh = textOf(await (await officer().get(`/cy/staff/cases/${c.reference}`)).text());

    expect(english).toContain('Service: Forms');
    expect(english).toContain('Service and type Forms – Council tax: tell us you now live on your own');
    expect(english).toContain('Form: Council tax: tell us you now live on your own (version 1)');
    expect(welsh).toContain('Gwasanaeth: Ffurflenni');
    expect(welsh).toContain('Gwasanaeth a math Ffurflenni – Treth gyngor: rhoi gwybod i ni eich bod bellach yn byw ar eich pen eich hun');
    expect(welsh).toContain('Ffurflen: Treth gyngor: rhoi gwybod i ni eich bod bellach yn byw ar eich pen eich hun (fersiwn 1)');
    expect(english).not.toContain(FORM);
  });

  it('hides special-category answers, saying so', async () => {
    const c = await submission();

    const html = await (await officer().get(`/staff/cases/${c.reference}`)).text();

    expect(html).not.toContain('arthritis');
    expect(textOf(html)).toContain('Why are you not able to take your bins out? Special category data: not shown');
    expect(html).toContain('data-testid="special-category-hidden"');
  });

  it('shows a viewer none of the answers', async () => {
    const c = await submission();

    const html = await (await browsers.get('viewer')!.get(`/staff/cases/${c.reference}`)).text();

    expect(html).toContain('data-testid="answers-withheld"');
    expect(textOf(html)).toContain('The answers are not shown: your role does not allow you to see personal data.');
    for (const words of ['Dai Jones', 'bil.pdf', 'Ann Preswylydd', 'Does anyone else']) expect(html).not.toContain(words);
    // Delivery status is not personal: a viewer sees it, but no retry button.
    expect(html).toContain('data-output="webhook"');
    expect(html).not.toContain('/outputs/webhook/retry');
  });

  it('shows the webhook waiting, with its attempt and next try, then failed with a retry that delivers it', async () => {
    receiverStatus = 500;
    const c = await submission();

    const waiting = textOf(await (await officer().get(`/staff/cases/${c.reference}`)).text());
    expect(waiting).toContain('Council system (webhook) Waiting Attempt 2: next try at');
    expect(waiting).toContain(': HTTP 500.');
    expect(waiting).not.toContain('Try again');

    await untilGivenUp();
    const failedHtml = await (await officer().get(`/staff/cases/${c.reference}`)).text();
    expect(textOf(failedHtml)).toContain(`Failed Gave up after ${MAX_OUTPUT_ATTEMPTS} attempts. The submission is kept on this case.`);
    expect(failedHtml).toContain(`action="/staff/cases/${c.reference}/outputs/webhook/retry"`);

    receiverStatus = 200;
    const before = received;
    const res = await officer().post(`/staff/cases/${c.reference}/outputs/webhook/retry`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/cases/${c.reference}#form-outputs`);
    expect(received).toBe(before + 1);
    const delivered = textOf(await (await officer().get(`/staff/cases/${c.reference}`)).text());
    expect(delivered).toContain('Council system (webhook) Delivered Delivered at');
    expect((await outputsOf(ceredigion.store, c.reference))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await listAuditForCase(ceredigion.store, c.reference, { limit: 50 })).records.map((r) => r.action)).toContain('form-output-retried');

    // A second click (a stale page) tries nothing more.
    await officer().post(`/staff/cases/${c.reference}/outputs/webhook/retry`);
    expect(received).toBe(before + 1);
  });

  it('refuses a retry from a viewer, and one for a delivery a case does not have', async () => {
    const c = await submission();

    expect((await browsers.get('viewer')!.post(`/staff/cases/${c.reference}/outputs/webhook/retry`)).status).toBe(403);
    expect((await officer().post(`/staff/cases/${c.reference}/outputs/carrier-pigeon/retry`)).status).toBe(404);
  });
});

describe('a form case’s uploaded file', () => {
  it('downloads, as an attachment under its name, for an officer, and is audited', async () => {
    const c = await submission();
    linked = false;

    const res = await officer().get(`/staff/cases/${c.reference}/files/abcdefghijklmnop1234.pdf`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="bil\.pdf"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('%PDF-1.7 bil');
    const audit = (await listAuditForCase(ceredigion.store, c.reference, { limit: 50 })).records;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'file-downloaded', detail: 'abcdefghijklmnop1234.pdf' })]));
  });

  it('sends the officer to a short-lived link where storage gives one (S3)', async () => {
    const c = await submission();
    linked = true;
    try {
      const res = await officer().get(`/staff/cases/${c.reference}/files/abcdefghijklmnop1234.pdf`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^https:\/\/files\.example\.s3\.eu-west-2\.amazonaws\.com\/kept\/abcdefghijklmnop1234\.pdf\?/);
    } finally {
      linked = false;
    }
  });

  it('is refused to a viewer, and is not found for a file the case does not name or only a special-category answer names', async () => {
    const c = await submission();
    const special = await submission([{ ...ANSWERS[3], specialCategory: true }]);

    expect((await browsers.get('viewer')!.get(`/staff/cases/${c.reference}/files/abcdefghijklmnop1234.pdf`)).status).toBe(403);
    expect((await officer().get(`/staff/cases/${c.reference}/files/zzzzzzzzzzzzzzzz9999.pdf`)).status).toBe(404);
    expect((await officer().get(`/staff/cases/${special.reference}/files/abcdefghijklmnop1234.pdf`)).status).toBe(404);
  });
});

describe('the CSV export of one form’s cases', () => {
  const t = translator(MESSAGES.cy);
  const filters = { service: 'forms', type: FORM, assigned: 'anyone' as const };

  async function exported(personal: boolean): Promise<string[][]> {
    const input = casesCsv(ceredigion.council, ceredigion.store, { filters, staffSub: 'x', personal, restrictedVisible: [], lang: 'cy', t, now: clock.read() });
    return parseCsv(await new Response(input.body).text());
  }

  it('adds a column per question, headed in the export’s language, answers as given, repeats joined by “; ”', async () => {
    const c = await submission();

    const [header, ...rows] = await exported(true);
    const row = rows.find((r) => r[0] === c.reference)!;
    const cell = (heading: string) => row[header.indexOf(heading)];

    const questions = resolveForm(ceredigion.council, FORM)!.pages.flatMap((p) => p.questions).filter((q) => !q.specialCategory);
    expect(header.slice(-questions.length)).toEqual(questions.map((q) => q.label.cy));
    expect(cell("A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo?")).toBe('Na');
    expect(cell("Beth yw enw'r person a symudodd allan?")).toBe('Dai Jones; Siân Jones');
    expect(cell('Uwchlwythwch dystiolaeth eich bod yn byw ar eich pen eich hun')).toBe('bil.pdf');
    expect(cell('Beth yw rhif eich cyfrif treth gyngor?')).toBe('');
  });

  it('has none of them for a role without personal data, nor for an export of more than one type', async () => {
    await submission();
    const questions = resolveForm(ceredigion.council, FORM)!.pages.flatMap((p) => p.questions);

    const [header] = await exported(false);
    expect(header.some((h) => questions.some((q) => q.label.cy === h))).toBe(false);

    const input = casesCsv(ceredigion.council, ceredigion.store, { filters: { service: 'forms', assigned: 'anyone' }, staffSub: 'x', personal: true, restrictedVisible: [], lang: 'cy', t, now: clock.read() });
    const [allForms] = parseCsv(await new Response(input.body).text());
    expect(allForms.some((h) => questions.some((q) => q.label.cy === h))).toBe(false);
  });

  it('leaves special-category questions out', () => {
    const columns = formsExportColumns(ceredigion.council, 'assisted-bin-collection', { lang: 'en', t, personal: true });
    const form = resolveForm(ceredigion.council, 'assisted-bin-collection')!;
    const special = form.pages.flatMap((p) => p.questions).filter((q) => q.specialCategory);

    expect(special.length).toBeGreaterThan(0);
    expect(columns.length).toBe(form.pages.flatMap((p) => p.questions).length - special.length);
    expect(columns.map((c) => c.heading)).not.toContain(special[0].label.en);
  });
});
