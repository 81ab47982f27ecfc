/**
 * The resident's record (functions/core/data-rights/resident-record.ts and its view): the cases an
 * email address or phone number made, found through the contact indexes, as the JSON download and
 * the printable page. Cases are made the way residents make them, through the council's pages (a
 * missed bin, a street report with a photo, the dropped kerb form with its sketch, a care request),
 * on the real store with a fixed clock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCouncilApp } from '../../functions/app.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { LocalFileStorage } from '../../functions/core/files/local-file-storage.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalPhotoStorage } from '../../functions/core/photos/local-photo-storage.ts';
import { ensureTable } from '../../functions/core/store/store.ts';
import { WEB_DIST } from '../../web/build.ts';
import { addPublicUpdate, staffActor } from '../../functions/core/cases/case-actions.ts';
import { createCase, getCase, type StoredCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { dataRecordCy } from '../../functions/core/data-rights/messages/cy.ts';
import { dataRecordEn } from '../../functions/core/data-rights/messages/en.ts';
import { refuseErasure, requestErasure } from '../../functions/core/data-rights/erasure.ts';
import DOWNLOAD_SCHEMA from '../../functions/core/data-rights/download-schema.json' with { type: 'json' };
import { buildDataRecord, casesForEmail, casesForPhone, type DataRecord, type RecordOptions } from '../../functions/core/data-rights/resident-record.ts';
import { DataRecordView } from '../../functions/core/data-rights/resident-record-view.tsx';
import { translator, type Translate } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, type CouncilStore } from '../../functions/core/store/store.ts';
import { MESSAGES } from '../../functions/modules/index.ts';
import type { FileAnswer } from '../../functions/modules/forms/definition/types.ts';
import { careRequestForYourself } from '../support/care-requests.ts';
import { answerAddress, next, startForm, upload } from '../support/forms.ts';
import { council, embeddedStore, Session, TEMPLATES, testCipher, textOf, uploadPhoto, type TestApp } from '../support/harness.ts';
import { jpeg } from '../support/images.ts';

// Tuesday 1 December 2026: 58 Linscott Road is on Hackney's Tuesday round, so today's collection may be reported.
const NOW = '2026-12-01T10:00:00Z';
const LATER = '2026-12-02T15:30:00Z';
const ANN = { email: 'ann@example.com', phone: '020 7946 0000' };
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const OFFICER = { sub: 'officer-1', name: 'Olu Officer', email: 'olu@hackney.gov.uk', roles: ['officer'] };

let server: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  server = await embeddedStore();
});
afterAll(() => server.close());

/** A Hackney app as the harness's testApp makes one, but with secrets the test holds too (the contact key the look-up needs). */
type RecordApp = TestApp & { secrets: LocalSecrets };
let tables = 0;
async function hackneyApp(): Promise<RecordApp> {
  const config = await council('hackney');
  const tableName = `test-record-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: server.endpoint }), tableName);
  const store = { client: createStoreClient({ endpoint: server.endpoint, maxAttempts: 1 }), tableName };
  let now = new Date(NOW);
  const clock = () => now;
  const outbox = new OutboxNotifications({ council: 'hackney', templates: TEMPLATES, clock });
  const photos = new LocalPhotoStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-photos-')), uploadUrl: '/_dev/uploads/hackney', clock });
  const files = new LocalFileStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-test-files-')), uploadUrl: '/_dev/file-uploads/hackney', clock });
  const cipher = await testCipher();
  const secrets = new LocalSecrets();
  const app = createCouncilApp(config, {
    store,
    notifications: outbox,
    secrets,
    clock,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: (c) => c.req.header('x-test-client') ?? '127.0.0.1',
    photos,
    files,
    exports: new DirectExportDelivery(),
    cipher,
  });
  return { app, store, outbox, photos, files, council: config, cipher, secrets, setNow: (iso) => (now = new Date(iso)) };
}

/** The translator a page of the language has once the record's code has loaded. */
const tOf = (lang: Language): Translate => translator({ ...MESSAGES[lang], ...(lang === 'cy' ? dataRecordCy : dataRecordEn) }) as Translate;

const options = (t: TestApp, lang: Language = 'en', extra: Partial<RecordOptions> = {}): RecordOptions => ({
  lang,
  t: tOf(lang),
  council: t.council,
  photoUrl: (id) => `/your-data/photos/${id}`,
  fileUrl: (id) => `/your-data/files/${id}`,
  ...extra,
});

/** A missed collection of the black bin at 58 Linscott Road, through the bin pages; its reference. */
async function missedBin(session: Session, email: string): Promise<string> {
  const url = '/bins/property/10008200003/report/black-bin';
  const details = await (await session.get(url)).text();
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(details)![1];
  const check = await (await session.post(url, { step: 'details', more: 'Left by the gate', email, submissionId })).text();
  const fields = Object.fromEntries([...check.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  delete fields.csrf;
  const sent = await session.post(url, { ...fields, step: 'submit' });
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.split('/').pop()!;
}

/** A pothole by 17 Sandringham Mews with a photo, through the report pages; its reference and the photo's id. */
async function streetReport(app: TestApp, session: Session, contact: { name: string; email: string; phone: string }): Promise<{ reference: string; photo: string }> {
  const started = await session.post('/report', { group: 'roads' });
  const base = started.headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  await session.post(`${base}/address`, { uprn: '10008200011' });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  const page = await (await session.get(`${base}/photo`)).text();
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(page)!;
  const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  const back = new URL(await uploadPhoto(app.photos, { action: form[1].replace(/&amp;/g, '&'), fields, fileField: 'file' }, { bytes: jpeg(), name: 'pothole.jpg', type: 'image/jpeg' }), 'http://localhost');
  await session.get(back.pathname + back.search);
  const photo = /<img class="app-photo" src="[^"]*\/report\/photos\/([^"]+)"/.exec(await (await session.get(`${base}/photo`)).text())![1];
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, contact);
  const sent = await session.post(`${base}/check`, {});
  expect(sent.status).toBe(303);
  return { reference: sent.headers.get('location')!.split('/').pop()!, photo };
}

/** The dropped kerb form with a sketch uploaded, through the form's pages; its reference. */
async function droppedKerb(app: TestApp, session: Session, email: string): Promise<string> {
  const base = await startForm(session, '/forms/dropped-kerb', 'address');
  await answerAddress(session, `${base}/address`, { postcode: 'E5 0LH', uprn: '10008200003' });
  await next(session, `${base}/owner`, { owner: 'yes' });
  await next(session, `${base}/surface`, { surface: 'block-paving' });
  await next(session, `${base}/depth`, { depth: '5.5' });
  await next(session, `${base}/classified-road`, { 'classified-road': 'no' });
  await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'driveway-plan.pdf', type: 'application/pdf' });
  await next(session, `${base}/sketch`, {});
  await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
  expect(await next(session, `${base}/contact`, { email, phone: ANN.phone })).toBe(`${base}/check-answers`);
  const sent = await session.post(`${base}/check-answers`, {});
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.split('/').pop()!;
}

/** Every property schema in the JSON Schema, with its path (for "every field is described"). */
function schemaProperties(node: unknown, at = '#'): { at: string; described: boolean }[] {
  if (!node || typeof node !== 'object') return [];
  const found: { at: string; described: boolean }[] = [];
  const n = node as Record<string, unknown>;
  for (const [name, child] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
    found.push({ at: `${at}/${name}`, described: typeof (child as { description?: unknown }).description === 'string' && (child as { description: string }).description.length > 10 });
    found.push(...schemaProperties(child, `${at}/${name}`));
  }
  if (n.items) found.push(...schemaProperties(n.items, `${at}[]`));
  for (const [name, def] of Object.entries((n.$defs as Record<string, unknown>) ?? {})) found.push(...schemaProperties(def, `${at}/$defs/${name}`));
  return found;
}

const validator = z.fromJSONSchema(DOWNLOAD_SCHEMA as Parameters<typeof z.fromJSONSchema>[0]);

/** The view as HTML. */
const viewHtml = (record: DataRecord, lang: Language = 'en') => String(DataRecordView({ record, t: tOf(lang) }));

describe('a resident’s record across services', () => {
  let app: RecordApp;
  let bin: string;
  let report: { reference: string; photo: string };
  let form: string;
  let other: { reference: string; photo: string };
  let cases: StoredCase[];
  let record: DataRecord;

  beforeAll(async () => {
    app = await hackneyApp();
    bin = await missedBin(new Session(app.app), ANN.email);
    app.setNow('2026-12-01T10:05:00Z');
    // Typed differently: the same address once normalised.
    report = await streetReport(app, new Session(app.app), { name: 'Ann Jones', email: ' Ann@Example.com', phone: ANN.phone });
    app.setNow('2026-12-01T10:10:00Z');
    form = await droppedKerb(app, new Session(app.app), ANN.email);
    other = await streetReport(app, new Session(app.app), { name: 'Bob Other', email: 'bob@example.com', phone: '020 7946 0999' });
    app.setNow(LATER);
    const found = (await getCase(app.store, report.reference, new Date(LATER)))!;
    await addPublicUpdate(app.store, app.council, found, { text: 'An inspector will look at it this week.', state: 'investigating', actionId: 'update-1', by: staffActor(OFFICER) }, new Date(LATER));
    cases = await casesForEmail(app.store, app.secrets, 'ANN@example.com', new Date(LATER));
    record = buildDataRecord({ email: 'ANN@example.com' }, cases, options(app), new Date(LATER));
  });

  it('finds the missed bin, the street report and the form the address made, newest first, and not another address’s', () => {
    expect(cases.map((c) => c.reference)).toEqual([form, report.reference, bin]);
    expect(record.cases.map((c) => [c.service, c.reference])).toEqual([
      ['forms', form],
      ['report', report.reference],
      ['bins', bin],
    ]);
    expect(JSON.stringify(record)).not.toContain(other.reference);
    expect(JSON.stringify(record)).not.toContain('Bob Other');
  });

  it('names the council, the subject and when it was made', () => {
    expect(record).toMatchObject({ format: 'ldf-data-record', version: 1, language: 'en', council: { id: 'hackney', name: 'London Borough of Hackney' }, subject: { email: 'ANN@example.com' }, generatedAt: LATER.replace('Z', '.000Z') });
  });

  it('gives each case its service and type by name, its state by the council’s name, its dates and where it is', () => {
    const [f, r, b] = record.cases;
    expect(b).toMatchObject({ serviceName: 'Find your bin collection day', type: 'missed-collection', typeName: 'Missed collection', state: 'submitted', stateLabel: 'Submitted', status: 'open', channel: 'online', createdAt: NOW.replace('Z', '.000Z') });
    expect(b.location?.address).toContain('58 Linscott Road');
    expect(r).toMatchObject({ service: 'report', type: 'pothole', typeName: 'Pothole', state: 'investigating', stateLabel: 'Investigating', status: 'open', updatedAt: LATER.replace('Z', '.000Z') });
    expect(r.location).toMatchObject({ address: expect.stringContaining('Sandringham Mews'), lat: expect.any(Number), long: expect.any(Number) });
    expect(f).toMatchObject({ service: 'forms', type: 'dropped-kerb', typeName: expect.stringMatching(/dropped kerb/i), state: 'submitted' });
  });

  it('includes the council’s public updates with their state', () => {
    const r = record.cases[1];
    expect(r.updates).toEqual([{ at: LATER.replace('Z', '.000Z'), state: 'investigating', stateLabel: 'Investigating', text: 'An inspector will look at it this week.' }]);
    expect(record.cases[2].updates).toEqual([]);
  });

  it('says what the resident told us under readable labels', () => {
    const answers = (i: number) => Object.fromEntries(record.cases[i].answers.map((a) => [a.question, a.answer]));
    expect(answers(2)).toEqual({
      Address: expect.stringContaining('58 Linscott Road'),
      Bin: 'Black bin or black sacks',
      'Collection day': 'Tuesday 1 December 2026',
      Details: 'Left by the gate',
      'Email address': ANN.email,
    });
    expect(answers(1)).toMatchObject({ Problem: 'Pothole', Description: 'A deep hole by the bus stop', 'Full name': 'Ann Jones', 'Phone number': ANN.phone });
    expect(answers(1)['Location']).toContain('17 Sandringham Mews');
    // The category's own question, with the option's name rather than its code.
    expect(answers(1)['How deep is the pothole?']).toBe('More than 10cm');
    const f = record.cases[0].answers;
    expect(f.find((a) => a.answer.startsWith('driveway-plan.pdf'))).toBeDefined();
    expect(f.some((a) => a.answer === 'Ann Jones')).toBe(true);
    expect(record.cases.every((c) => c.withheld === undefined)).toBe(true);
  });

  it('links the report’s photo and the form’s file where the view serves them', async () => {
    expect(record.cases[1].photos).toEqual([{ id: report.photo, url: `/your-data/photos/${report.photo}` }]);
    const stored = (await getCase(app.store, form, new Date(LATER)))!;
    const sketch = stored.form!.answers.find((a) => a.key === 'sketch')!.value as FileAnswer;
    expect(record.cases[0].files).toEqual([{ id: sketch.fileId, name: 'driveway-plan.pdf', url: `/your-data/files/${sketch.fileId}` }]);
    expect(record.cases[2].photos).toEqual([]);
    expect(record.cases[2].files).toEqual([]);
  });

  it('is valid against download-schema.json, which describes every field', () => {
    const result = validator.safeParse(JSON.parse(JSON.stringify(record)));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(DOWNLOAD_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const properties = schemaProperties(DOWNLOAD_SCHEMA);
    expect(properties.length).toBeGreaterThan(40);
    expect(properties.filter((p) => !p.described)).toEqual([]);
    // The schema is strict: a record with a field it does not describe, or a state it does not know, fails.
    expect(validator.safeParse({ ...record, extra: true }).success).toBe(false);
    expect(validator.safeParse({ ...record, cases: [{ ...record.cases[0], state: 'lost' }] }).success).toBe(false);
  });

  it('finds the same cases by phone number however it is written', async () => {
    const byPhone = await casesForPhone(app.store, app.secrets, '+44 20 7946 0000', new Date(LATER));
    expect(byPhone.map((c) => c.reference).sort()).toEqual([form, report.reference].sort());
    expect(await casesForPhone(app.store, app.secrets, '020 7946 1111', new Date(LATER))).toEqual([]);
    expect(await casesForEmail(app.store, app.secrets, 'nobody@example.com', new Date(LATER))).toEqual([]);
    expect(await casesForEmail(app.store, app.secrets, '   ', new Date(LATER))).toEqual([]);
  });

  it('shows it as a printable page: each case’s summary, answers, updates, photo and file links', () => {
    const html = viewHtml(record);
    const text = textOf(html);
    expect(html).toContain('class="govuk-summary-list"');
    expect(html.match(/<h2 class="govuk-heading-m"/g)).toHaveLength(4);
    expect(text).toContain(`Missed collection, reference ${bin}`);
    expect(text).toContain(`Pothole, reference ${report.reference}`);
    expect(text).toContain('Black bin or black sacks');
    expect(text).toContain('An inspector will look at it this week.');
    expect(text).toContain('2 December 2026 at 15:30');
    expect(html).toContain(`href="/your-data/photos/${report.photo}"`);
    expect(html).toMatch(/href="\/your-data\/files\/[^"]+" download="driveway-plan.pdf"/);
    expect(html).not.toContain('<script');
  });

  it('gives the labels in Welsh for a Welsh page, the answers as they were given', () => {
    const cy = buildDataRecord({ email: ANN.email }, cases, options(app, 'cy'), new Date(LATER));
    expect(cy.language).toBe('cy');
    expect(cy.cases[1]).toMatchObject({ stateLabel: 'Yn ymchwilio' });
    expect(cy.cases[2].answers.find((a) => a.answer === 'Left by the gate')).toBeDefined();
    expect(cy.cases[2].answers.find((a) => a.question === 'Diwrnod casglu')?.answer).toMatch(/Rhagfyr 2026/);
    const text = textOf(viewHtml(cy, 'cy'));
    expect(text).toContain('Yr hyn a ddywedoch wrthym');
    expect(text).toContain('Diweddariadau');
    expect(validator.safeParse(JSON.parse(JSON.stringify(cy))).success).toBe(true);
  });
});

describe('a request about the resident’s data in the record', () => {
  it('is listed under the record’s own names, with its due day written out', async () => {
    const app = await hackneyApp();
    const bin = await missedBin(new Session(app.app), ANN.email);
    app.setNow(LATER);
    const request = await requestErasure(app.store, app.secrets, app.council, { email: ANN.email, lang: 'en', references: [bin] }, new Date(LATER));
    const cases = await casesForEmail(app.store, app.secrets, ANN.email, new Date(LATER));
    expect(cases.map((c) => c.reference)).toEqual([request.reference, bin]);
    const [x] = buildDataRecord({ email: ANN.email }, cases, options(app), new Date(LATER)).cases;
    expect(x).toMatchObject({ service: 'data-rights', serviceName: 'Your data', type: 'erasure', typeName: 'Request to delete your personal data', stateLabel: 'Received: waiting for a decision' });
    expect(Object.fromEntries(x.answers.map((a) => [a.question, a.answer]))).toEqual({
      'Email address': ANN.email,
      'We will answer by': expect.stringMatching(/^\w+day \d{1,2} January 2027$/),
      'Requests it covers': bin,
    });

    // Once decided it says what was decided, not the lifecycle's name for the closed state.
    await refuseErasure({ store: app.store, notifications: app.outbox }, app.council, request, { sub: 'dpo', name: 'Dara Data' }, 'We must keep these records for a claim.', new Date(LATER));
    const decided = await casesForEmail(app.store, app.secrets, ANN.email, new Date(LATER));
    const [refused] = buildDataRecord({ email: ANN.email }, decided, options(app), new Date(LATER)).cases;
    expect(refused.stateLabel).toBe('Refused');
    expect(refused.updates.at(-1)).toMatchObject({ stateLabel: 'Refused', text: expect.stringContaining('We must keep these records for a claim.') });
    expect(buildDataRecord({ email: ANN.email }, decided, options(app, 'cy'), new Date(LATER)).cases[0].stateLabel).toBe('Wedi’i wrthod');
  });
});

describe('a care request in the record', () => {
  let app: RecordApp;
  let reference: string;
  let cases: StoredCase[];

  beforeAll(async () => {
    app = await hackneyApp();
    const session = new Session(app.app);
    const base = await careRequestForYourself(session, { needs: { nutrition: 'Forgets to eat' }, health: 'Diabetes' });
    const sent = await session.post(`${base}/check-answers`, {});
    expect(sent.status).toBe(303);
    reference = sent.headers.get('location')!.split('/').pop()!;
    cases = await casesForEmail(app.store, app.secrets, 'doreen@example.com', new Date(NOW));
  });

  it('is listed with its special-category answers left out, counted, and how to ask for them', () => {
    expect(cases.map((c) => c.reference)).toEqual([reference]);
    const sealed = cases[0].form!.answers.filter((a) => a.sealed !== undefined).length;
    expect(sealed).toBeGreaterThan(0);
    const record = buildDataRecord({ email: 'doreen@example.com' }, cases, options(app), new Date(NOW));
    const [x] = record.cases;
    // The care type's own state name.
    expect(x).toMatchObject({ service: 'forms', type: 'care-needs-assessment', stateLabel: 'Received' });
    expect(x.withheld?.count).toBe(sealed);
    expect(x.withheld?.note).toContain('subject access request');
    expect(x.withheld?.note).toContain('dpo@hackney.gov.uk');
    expect(x.answers.some((a) => a.answer === 'Doreen Okafor')).toBe(true);
    expect(x.answers.every((a) => !a.specialCategory)).toBe(true);
    const json = JSON.stringify(record);
    for (const secret of ['Forgets to eat', 'Diabetes', 'English']) expect(json).not.toContain(secret);
    const html = viewHtml(record);
    expect(html).toContain('data-testid="withheld"');
    expect(textOf(html)).toContain('dpo@hackney.gov.uk');
    expect(validator.safeParse(JSON.parse(json)).success).toBe(true);
  });

  it('includes them, marked, when they were opened for a subject access export', async () => {
    const c = cases[0];
    const opened = await openCaseAnswers(app.cipher, c.form!.answers, caseSealContext(app.council.id, c.reference, c.form!.id));
    const record = buildDataRecord({ email: 'doreen@example.com' }, cases, options(app, 'en', { openedAnswers: new Map([[c.reference, opened]]) }), new Date(NOW));
    const [x] = record.cases;
    expect(x.withheld).toBeUndefined();
    const special = x.answers.filter((a) => a.specialCategory);
    expect(special.length).toBe(c.form!.answers.filter((a) => a.sealed !== undefined).length);
    expect(JSON.stringify(record)).toContain('Forgets to eat');
    expect(textOf(viewHtml(record))).toContain('Special category data');
    expect(validator.safeParse(JSON.parse(JSON.stringify(record))).success).toBe(true);
  });
});

describe('the look-up’s cost', () => {
  /** A store client on the app's table that counts the requests it sends. */
  function counted(app: RecordApp): { store: CouncilStore; requests: () => number } {
    let n = 0;
    const client = createStoreClient({ endpoint: server.endpoint, onRequest: () => n++ });
    return { store: { client, tableName: app.store.tableName }, requests: () => n };
  }

  /** `count` cases made by an address, straight into the store (as the pages make them, minus the pages). */
  async function seed(app: RecordApp, email: string, count: number, retentionDays = 365): Promise<void> {
    const secrets = app.secrets;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        createCase(
          app.store,
          { service: 'report', type: 'pothole', submissionId: `${email}-${i}`, details: { source: 'web', name: 'Someone', email }, public: { serviceCode: 'pothole', serviceName: 'Pothole', description: `Hole ${i}` }, lang: 'en', retentionDays },
          new Date(NOW),
          secrets,
        ),
      ),
    );
  }

  it('reads with the address’s own cases, not the table: the same requests among 3 cases or 303', async () => {
    const small = await hackneyApp();
    await seed(small, 'few@example.com', 3);
    const big = await hackneyApp();
    await seed(big, 'few@example.com', 3);
    for (let i = 0; i < 30; i++) await seed(big, `neighbour-${i}@example.com`, 10);

    const a = counted(small);
    const inSmall = await casesForEmail(a.store, small.secrets, 'few@example.com', new Date(NOW));
    const b = counted(big);
    const inBig = await casesForEmail(b.store, big.secrets, 'few@example.com', new Date(NOW));
    expect(inSmall).toHaveLength(3);
    expect(inBig).toHaveLength(3);
    expect(b.requests()).toBe(a.requests());
    expect(b.requests()).toBe(1);
  });

  it('returns every one of an address’s cases, past the search’s 100, and leaves out expired ones', async () => {
    const app = await hackneyApp();
    await seed(app, 'busy@example.com', 120);
    // Two more kept for a day only: gone by the next day, though DynamoDB's TTL may not have deleted them.
    const secrets = app.secrets;
    for (const i of [1, 2]) {
      await createCase(app.store, { service: 'report', type: 'pothole', submissionId: `short-${i}`, details: { email: 'busy@example.com' }, lang: 'en', retentionDays: 1 }, new Date(NOW), secrets);
    }
    expect(await casesForEmail(app.store, secrets, 'busy@example.com', new Date(NOW))).toHaveLength(122);
    const c = counted(app);
    const later = await casesForEmail(c.store, secrets, 'busy@example.com', new Date('2026-12-03T10:00:00Z'));
    expect(later).toHaveLength(120);
    expect(later.every((x) => x.submissionId.startsWith('busy@'))).toBe(true);
    expect(c.requests()).toBeLessThanOrEqual(2);
  });
});

describe('the record’s messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every key in English and Welsh, with the same placeholders, in its own namespace, and the Welsh written in Welsh', () => {
    expect(Object.keys(dataRecordCy).sort()).toEqual(Object.keys(dataRecordEn).sort());
    for (const [key, en] of Object.entries(dataRecordEn)) {
      const cy = dataRecordCy[key as keyof typeof dataRecordCy];
      expect(key.startsWith('dataRights.record.'), key).toBe(true);
      expect(placeholders(cy), key).toEqual(placeholders(en));
      expect(cy.trim(), key).not.toBe('');
      if (en.length > 12) expect(cy, key).not.toBe(en);
    }
  });
});
