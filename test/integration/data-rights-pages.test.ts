/**
 * "Your requests and your data" through app.request(), at Ceredigion (English and Welsh): a resident
 * proves an email address with the code the outbox got, sees the requests that address made through
 * the bins, report and forms journeys (made here through those journeys, with a photo and a file),
 * opens each, downloads the record as a page and as JSON, and asks for it to be deleted. Around it:
 * the start page answers the same for every address and looks at no case; wrong, expired and used-up
 * codes; the limits; the session's end; another address's photos and files; the privacy notice.
 *
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC: the clear bags at 31 Ffordd y Môr are
 * collected that day, so a missed collection may be reported.
 */
import type { MiddlewareStack } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { CLIENT_LIMIT } from '../../functions/core/data-rights/email-proof.ts';
import { TABLE_KEYS } from '../../functions/core/store/store.ts';
import { yourDataCy } from '../../functions/data-rights/messages/cy.ts';
import { yourDataEn } from '../../functions/data-rights/messages/en.ts';
import { answerAddress, next, startForm, upload } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, uploadPhoto, type TestApp } from '../support/harness.ts';
import { jpeg } from '../support/images.ts';
import { answerPotholeToPhoto } from '../support/report-steps.ts';

const NOW = '2026-12-01T10:00:00Z';
const EMAIL = 'carys@example.com';
const OTHER = 'dafydd@example.com';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const REFERENCE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
const en = yourDataEn;
const cy = yourDataCy;

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (options: Partial<Parameters<typeof testApp>[1]> = {}): Promise<TestApp> => testApp('ceredigion', { endpoint: store.endpoint, now: NOW, ...options });

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&');
  delete fields.csrf;
  return fields;
}

/** A missed collection of the clear bags at 31 Ffordd y Môr, through the bins journey; its reference. */
async function reportMissedBags(session: Session, email: string): Promise<string> {
  const url = '/bins/property/10009400003/report/clear-bags';
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(await (await session.get(url)).text())![1];
  const check = await session.post(url, { step: 'details', more: 'Left by the gate', email, submissionId });
  expect(check.status).toBe(200);
  const sent = await session.post(url, { ...hiddenFields(await check.text()), step: 'submit' });
  expect(sent.status).toBe(303);
  return /\/bins\/report\/([A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4})/.exec(sent.headers.get('location')!)![1];
}

/** The photo page's upload form, as a browser reads it. */
function photoFormOf(html: string) {
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)!;
  const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  return { action: form[1].replace(/&amp;/g, '&'), fields, fileField: 'file' };
}

/** A pothole at 5 Ffordd y Môr with a photo, through the report journey; its reference and the photo's id. */
async function reportPothole(app: TestApp, session: Session, email: string): Promise<{ reference: string; photo: string }> {
  const base = await answerPotholeToPhoto(session, { postcode: 'SY23 1DE' });
  const back = new URL(await uploadPhoto(app.photos, photoFormOf(await (await session.get(`${base}/photo`)).text()), { bytes: jpeg(), name: 'twll.jpg', type: 'image/jpeg' }), 'http://localhost');
  await session.get(back.pathname + back.search);
  const photo = /src="[^"]*\/report\/photos\/([^"]+)"/.exec(await (await session.get(`${base}/photo`)).text())![1];
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Carys Jones', email, phone: '' });
  const sent = await session.post(`${base}/check`, {});
  expect(sent.status).toBe(303);
  return { reference: sent.headers.get('location')!.split('/').pop()!, photo };
}

/** A dropped kerb request at 5 Ffordd y Môr with a PDF sketch, through the forms journey; its reference. */
async function askForDroppedKerb(app: TestApp, session: Session, email: string): Promise<string> {
  const base = await startForm(session, '/forms/dropped-kerb', 'address');
  let at = await answerAddress(session, `${base}/address`, { postcode: 'SY23 1DE', uprn: '10009400001' });
  for (const [page, fields] of [
    ['owner', { owner: 'yes' }],
    ['surface', { surface: 'block-paving' }],
    ['depth', { depth: '5.5' }],
    ['classified-road', { 'classified-road': 'no' }],
  ] as const) {
    expect(at).toBe(`${base}/${page}`);
    at = await next(session, at, fields);
  }
  expect(at).toBe(`${base}/sketch`);
  await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'braslun.pdf', type: 'application/pdf' });
  await next(session, `${base}/sketch`, {});
  await next(session, `${base}/name`, { 'name-first': 'Carys', 'name-last': 'Jones' });
  await next(session, `${base}/contact`, { email, phone: '01970 123456' });
  const sent = await session.post(`${base}/check-answers`, {});
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.split('/').pop()!;
}

interface Made {
  bins: string;
  report: string;
  photo: string;
  form: string;
  file: string;
}

/** The three requests an address makes, one from each module. */
async function makeRequests(app: TestApp, email: string): Promise<Made> {
  const session = new Session(app.app);
  const bins = await reportMissedBags(session, email);
  const { reference: report, photo } = await reportPothole(app, session, email);
  const form = await askForDroppedKerb(app, session, email);
  const found = await getCase(app.store, form, new Date(NOW));
  const file = (found!.form!.answers.find((a) => a.key === 'sketch')!.value as { fileId: string }).fileId;
  return { bins, report, photo, form, file };
}

/** The last code the outbox sent to an address. */
function codeFor(app: TestApp, email: string): string {
  const sent = app.outbox.sent().filter((m) => m.to === email && m.template === 'data-rights-code');
  expect(sent.length).toBeGreaterThan(0);
  return /# (\d{6})/.exec(sent.at(-1)!.body)![1];
}

/** Asks for a code at the start page: the response (a redirect to the code page when sent). */
const askForCode = (session: Session, email: string, prefix = '') => session.post(`${prefix}/your-data`, { email });

/** Proves an address: asks for a code and types the outbox's one in. */
async function prove(app: TestApp, session: Session, email: string, prefix = ''): Promise<Response> {
  const asked = await askForCode(session, email, prefix);
  expect(asked.status).toBe(303);
  expect(asked.headers.get('location')).toBe(`${prefix}/your-data/code`);
  return session.post(`${prefix}/your-data/code`, { code: codeFor(app, email) });
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1];
/** What the error summary lists ('' when there is none). */
const errorSummaryOf = (html: string) => textOf(/<ul class="govuk-list govuk-error-summary__list">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '');

describe('a resident’s whole flow', () => {
  let app: TestApp;
  let made: Made;
  let session: Session;
  beforeAll(async () => {
    app = await fresh();
    made = await makeRequests(app, EMAIL);
    await makeRequests(app, OTHER);
    session = new Session(app.app);
  });

  it('proves the address with the emailed code and lands on the list of requests', async () => {
    const start = await session.get('/your-data');
    expect(start.status).toBe(200);
    const startHtml = await start.text();
    expect(titleOf(startHtml)).toBe(`${en['yourData.title']} – Ceredigion County Council`);
    expect(startHtml).toContain('<form method="post" action="/your-data" novalidate="">');

    const asked = await askForCode(session, EMAIL);
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/your-data/code');
    const proofCookie = asked.headers.getSetCookie().find((l) => l.startsWith('ldf_data_proof='))!;
    expect(proofCookie).toMatch(/^ldf_data_proof=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const email = app.outbox.sent().at(-1)!;
    expect(email).toMatchObject({ to: EMAIL, lang: 'en', template: 'data-rights-code' });
    // Nothing about the address's requests in the email: it may reach a shared inbox.
    for (const ref of Object.values(made)) expect(email.body).not.toContain(ref);

    const codePage = await session.get('/your-data/code');
    expect(codePage.status).toBe(200);
    expect(textOf(await codePage.text())).toContain(en['yourData.code.sent'].replace('{minutes}', '15'));

    const proved = await session.post('/your-data/code', { code: codeFor(app, EMAIL) });
    expect(proved.status).toBe(303);
    expect(proved.headers.get('location')).toBe('/your-data/requests');
    const cookies = proved.headers.getSetCookie();
    expect(cookies.find((l) => l.startsWith('ldf_data='))).toMatch(/^ldf_data=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    // The proof is used up: its cookie goes.
    expect(cookies.find((l) => l.startsWith('ldf_data_proof='))).toMatch(/Max-Age=0/);
  });

  it('lists the bins, report and form requests the address made, and none of another address’s', async () => {
    const res = await session.get('/your-data/requests');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain(en['yourData.requests.count'].replace('{count}', '3'));
    for (const ref of [made.bins, made.report, made.form]) expect(html).toContain(`href="/your-data/requests/${ref}"`);
    expect(text).toContain('Missed collection');
    expect(text).toContain('Pothole');
    expect(text).toContain('Request a dropped kerb');
    expect(text).toContain(`You proved the email address ${EMAIL}. You can see your data in this browser until 10:30.`);
    // The other resident's requests are not in this list.
    const others = app.outbox.sent().filter((m) => m.to === OTHER).map((m) => /[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/.exec(m.subject + m.body)?.[0]);
    for (const ref of others) if (ref) expect(html).not.toContain(ref);
  });

  it('opens each request with what the resident told us, its photo and its file', async () => {
    const report = await session.get(`/your-data/requests/${made.report}`);
    expect(report.status).toBe(200);
    const reportHtml = await report.text();
    expect(titleOf(reportHtml)).toBe(`Request ${made.report} – Ceredigion County Council`);
    expect(textOf(reportHtml)).toContain('A deep hole by the bus stop');
    expect(reportHtml).toContain(`src="/your-data/photos/${made.photo}"`);
    const photo = await session.get(`/your-data/photos/${made.photo}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toBe('no-store');

    const form = await session.get(`/your-data/requests/${made.form}`);
    const formHtml = await form.text();
    expect(textOf(formHtml)).toContain('Carys');
    expect(formHtml).toContain(`href="/your-data/files/${made.file}"`);
    const file = await session.get(`/your-data/files/${made.file}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);

    const bins = textOf(await (await session.get(`/your-data/requests/${made.bins}`)).text());
    expect(bins).toContain('Left by the gate');
  });

  it('downloads the record as a page to print and as a JSON file, documented by its schema', async () => {
    const page = await session.get('/your-data/download');
    expect(page.status).toBe(200);
    const pageText = textOf(await page.text());
    for (const ref of [made.bins, made.report, made.form]) expect(pageText).toContain(ref);

    const file = await session.get('/your-data/download.json');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="your-data-ceredigion-2026-12-01.json"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    const record = await file.json();
    expect(record).toMatchObject({ format: 'ldf-data-record', version: 1, council: { id: 'ceredigion' }, subject: { email: EMAIL } });
    expect(record.cases.map((x: { reference: string }) => x.reference).sort()).toEqual([made.bins, made.report, made.form].sort());
    const report = record.cases.find((x: { reference: string }) => x.reference === made.report);
    // Links in a file kept elsewhere are absolute.
    expect(report.photos).toEqual([{ id: made.photo, url: `http://localhost/your-data/photos/${made.photo}` }]);

    const schema = await session.get('/your-data/download/schema.json');
    expect(schema.status).toBe(200);
    expect(schema.headers.get('content-type')).toBe('application/schema+json; charset=utf-8');
    expect((await schema.json()).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('asks to delete: confirms first, then makes a case for the data protection role due a calendar month ahead, and emails the resident', async () => {
    const page = await session.get('/your-data/delete');
    expect(page.status).toBe(200);
    const pageText = textOf(await page.text());
    // 1 January 2027 is a bank holiday (a Friday): the next working day.
    expect(pageText).toContain('reply by Monday 4 January 2027');
    expect(pageText).toContain(en['yourData.delete.kept']);

    const unconfirmed = await session.post('/your-data/delete', {});
    expect(unconfirmed.status).toBe(400);
    const unconfirmedHtml = await unconfirmed.text();
    expect(titleOf(unconfirmedHtml)).toBe(`Error: ${en['yourData.delete.title']} – Ceredigion County Council`);
    expect(errorSummaryOf(unconfirmedHtml)).toContain(en['yourData.delete.errorConfirm']);
    expect(unconfirmedHtml).toContain('<a href="#confirm">');
    expect(unconfirmedHtml).toContain('id="confirm-error"');

    const submission = hiddenFields(unconfirmedHtml).submission;
    const sent = await session.post('/your-data/delete', { confirm: 'yes', submission });
    expect(sent.status).toBe(303);
    const reference = /\/your-data\/delete\/received\/([A-Z2-9-]+)$/.exec(sent.headers.get('location')!)![1];
    expect(reference).toMatch(REFERENCE);

    const request = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(request).toMatchObject({ service: 'data-rights', type: 'erasure', restrictedTo: 'data-protection', state: 'submitted', lang: 'en' });
    expect(request.details.dueDate).toBe('2027-01-04');
    expect(request.details.references.split(' ').sort()).toEqual([made.bins, made.report, made.form].sort());

    const email = app.outbox.sent().at(-1)!;
    expect(email).toMatchObject({ to: EMAIL, template: 'data-rights-request-received', reference, lang: 'en' });
    expect(email.body).toContain('Monday 4 January 2027');

    const received = await session.get(sent.headers.get('location')!);
    expect(received.status).toBe(200);
    const receivedText = textOf(await received.text());
    expect(receivedText).toContain(reference);
    expect(receivedText).toContain('We will reply by Monday 4 January 2027.');
    expect(receivedText).toContain(`We have sent an email to ${EMAIL} to confirm it.`);

    // Pressed again: the same request, not a second one.
    const again = await session.post('/your-data/delete', { confirm: 'yes', submission });
    expect(again.headers.get('location')).toBe('/your-data/delete');
    const pending = textOf(await (await session.get('/your-data/delete')).text());
    expect(pending).toContain(`You have already asked us to delete your data (reference ${reference}). We will reply by Monday 4 January 2027.`);
    // The request itself is one of the address's requests now.
    expect(await (await session.get('/your-data/requests')).text()).toContain(`href="/your-data/requests/${reference}"`);
  });

  it('refuses another address’s photo, file and request (404), as it does ones that do not exist', async () => {
    const other = await makeRequests(app, 'ffion@example.com');
    for (const url of [`/your-data/photos/${other.photo}`, `/your-data/files/${other.file}`, `/your-data/requests/${other.report}`, '/your-data/photos/AAAAAAAAAAAAAAAAAAAAAA.jpg', '/your-data/requests/ABCD-EFGH']) {
      const res = await session.get(url);
      expect(res.status, url).toBe(404);
    }
  });

  it('signs out: the session ends in the store, and the pages go back to the start', async () => {
    const signedOut = await session.post('/your-data/sign-out', {});
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/your-data/signed-out');
    expect(textOf(await (await session.get('/your-data/signed-out')).text())).toContain(en['yourData.signedOut.body']);
    const after = await session.get('/your-data/requests');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/your-data');
  });
});

/** Every store command the app sends while `act` runs: its name, index and key, to compare and to look for case reads. */
async function storeCommands(app: TestApp, act: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const name = `watch-${Math.random()}`;
  (app.store.client.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string; Key?: Record<string, unknown>; ExpressionAttributeValues?: Record<string, unknown> };
      const key = JSON.stringify(input.Key ?? input.ExpressionAttributeValues ?? {});
      // Random parts (ids, windows' counts) vary between two requests; what is read or written does not.
      seen.push(`${context.commandName} ${input.IndexName ?? ''} ${key.replace(/"[A-Za-z0-9_-]{16,}"/g, '"…"').replace(/#[A-Za-z0-9_-]{16,}/g, '#…')}`);
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await act();
  } finally {
    app.store.client.middlewareStack.remove(name);
  }
  return seen;
}

/** A response's headers that do not differ by design between two requests: no cookies, no request id, no CSP nonce. */
function comparableHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (name === 'set-cookie' || name === 'x-request-id') continue;
    out[name] = name === 'content-security-policy' ? value.replace(/'nonce-[^']+'/g, "'nonce'") : value;
  }
  return out;
}

describe('the start page reveals nothing', () => {
  it('answers an address with requests and one without the same way, sending each a code, and reads no case before the code', async () => {
    const app = await fresh();
    await makeRequests(app, EMAIL);
    const answers = [];
    for (const email of [EMAIL, 'nobody@example.com']) {
      const session = new Session(app.app);
      await session.get('/your-data');
      let sent!: Response;
      let code!: Response;
      const commands = await storeCommands(app, async () => {
        sent = await askForCode(session, email);
        code = await session.get('/your-data/code');
      });
      answers.push({ status: sent.status, headers: comparableHeaders(sent), body: await sent.text(), codeStatus: code.status, codeHeaders: comparableHeaders(code), codeText: textOf(await code.text()), commands });
      expect(app.outbox.sent().at(-1)).toMatchObject({ to: email, template: 'data-rights-code' });
    }
    expect(answers[0].status).toBe(303);
    expect(answers[1]).toEqual(answers[0]);
    // No case is read: not the email index, not a case's item.
    for (const command of answers[0].commands) {
      expect(command).not.toContain(TABLE_KEYS.emailIndex.name);
      expect(command).not.toContain('CASE#');
    }
  });
});

describe('codes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh();
  });

  /** A code that is not the one sent. */
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('a wrong code says how many tries are left and keeps what was typed; one that is not 6 numbers costs no try', async () => {
    const session = new Session(app.app);
    await askForCode(session, 'wrong@example.com');
    const code = codeFor(app, 'wrong@example.com');
    const notACode = await session.post('/your-data/code', { code: '12ab' });
    expect(notACode.status).toBe(400);
    expect(errorSummaryOf(await notACode.text())).toBe(en['yourData.code.errorFormat']);
    const empty = await session.post('/your-data/code', { code: '' });
    expect(errorSummaryOf(await empty.text())).toBe(en['yourData.code.errorRequired']);

    const wrong = await session.post('/your-data/code', { code: wrongFor(code) });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(titleOf(html)).toBe(`Error: ${en['yourData.code.title']} – Ceredigion County Council`);
    expect(errorSummaryOf(html)).toBe('The code is not right. You have 4 more tries');
    expect(html).toContain('<a href="#code">');
    expect(html).toContain(`value="${wrongFor(code)}"`);
    expect(html).toContain('class="govuk-input govuk-input--width-5 govuk-input--extra-letter-spacing govuk-input--error"');
    // The right one still works, typed with a space as people do.
    const proved = await session.post('/your-data/code', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(proved.headers.get('location')).toBe('/your-data/requests');
  });

  it('is used up after 5 wrong codes: the right one then fails too', async () => {
    const session = new Session(app.app);
    await askForCode(session, 'five@example.com');
    const code = codeFor(app, 'five@example.com');
    const said = [];
    for (let i = 0; i < 5; i++) said.push(errorSummaryOf(await (await session.post('/your-data/code', { code: wrongFor(code) })).text()));
    expect(said).toEqual(['The code is not right. You have 4 more tries', 'The code is not right. You have 3 more tries', 'The code is not right. You have 2 more tries', 'The code is not right. You have 1 more try', en['yourData.code.errorUsedUp']]);
    const right = await session.post('/your-data/code', { code });
    expect(right.status).toBe(400);
    expect(errorSummaryOf(await right.text())).toBe(en['yourData.code.errorUsedUp']);
    expect((await session.get('/your-data/requests')).headers.get('location')).toBe('/your-data');
  });

  it('expires after 15 minutes', async () => {
    const session = new Session(app.app);
    await askForCode(session, 'late@example.com');
    app.setNow('2026-12-01T10:16:00Z');
    try {
      const res = await session.post('/your-data/code', { code: codeFor(app, 'late@example.com') });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(errorSummaryOf(html)).toBe(en['yourData.code.errorExpired']);
      expect(html).toContain(`<a class="govuk-link" href="/your-data">${en['yourData.code.newCode']}</a>`);
    } finally {
      app.setNow(NOW);
    }
  });

  it('works once: typed again after proving, it is unknown', async () => {
    const session = new Session(app.app);
    const asked = await askForCode(session, 'once@example.com');
    const proof = asked.headers.getSetCookie().find((l) => l.startsWith('ldf_data_proof='))!.split(';')[0];
    const code = codeFor(app, 'once@example.com');
    expect((await session.post('/your-data/code', { code })).status).toBe(303);
    // Another browser holding the same proof cookie (copied) gets nowhere with it.
    const replay = new Session(app.app);
    await replay.get('/your-data');
    const res = await replay.post('/your-data/code', { code }, { headers: { cookie: `${proof}; ldf_csrf=${'t'.repeat(32)}` }, csrf: 't'.repeat(32) });
    expect(res.status).toBe(400);
    expect(errorSummaryOf(await res.text())).toBe(en['yourData.code.errorUnknown']);
  });

  it('sends a browser with no code asked for back to the start page', async () => {
    const session = new Session(app.app);
    expect((await session.get('/your-data/code')).headers.get('location')).toBe('/your-data');
    expect((await session.post('/your-data/code', { code: '123456' })).headers.get('location')).toBe('/your-data');
  });

  it('asks for an email address in the right format first, keeping what was typed', async () => {
    const session = new Session(app.app);
    const empty = await session.post('/your-data', { email: '' });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(titleOf(emptyHtml)).toBe(`Error: ${en['yourData.title']} – Ceredigion County Council`);
    expect(errorSummaryOf(emptyHtml)).toBe('Enter your email address');
    const bad = await session.post('/your-data', { email: 'carys at example' });
    const badHtml = await bad.text();
    expect(errorSummaryOf(badHtml)).toBe('Enter an email address in the correct format, like name@example.com');
    expect(badHtml).toContain('value="carys at example"');
  });
});

describe('limits', () => {
  it('sends 3 codes to one address in 15 minutes, then a clear page (429) until the window ends', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    for (let i = 0; i < 3; i++) expect((await askForCode(session, 'often@example.com')).status).toBe(303);
    const limited = await askForCode(session, 'often@example.com');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    const html = await limited.text();
    expect(titleOf(html)).toBe(`${en['yourData.limited.title']} – Ceredigion County Council`);
    expect(textOf(html)).toContain('Wait 15 minutes, then ask again.');
    expect(app.outbox.sent().filter((m) => m.to === 'often@example.com')).toHaveLength(3);
    // Another address from elsewhere is not held up by it.
    expect((await new Session(app.app).post('/your-data', { email: 'else@example.com' }, { headers: { 'x-test-client': '203.0.113.9' } })).status).toBe(303);
  });

  it(`sends ${CLIENT_LIMIT.max} codes from one client in 15 minutes, whatever the addresses`, async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const headers = { 'x-test-client': '198.51.100.7' };
    for (let i = 0; i < CLIENT_LIMIT.max; i++) expect((await session.post('/your-data', { email: `someone${i}@example.com` }, { headers })).status).toBe(303);
    const limited = await session.post('/your-data', { email: 'one-more@example.com' }, { headers });
    expect(limited.status).toBe(429);
    expect(textOf(await limited.text())).toContain(en['yourData.limited.title']);
  });
});

describe('the session', () => {
  it('ends after the council’s session minutes: the next page is the start page, saying so', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    expect((await prove(app, session, 'brief@example.com')).status).toBe(303);
    expect((await session.get('/your-data/requests')).status).toBe(200);
    app.setNow('2026-12-01T10:30:01Z');
    const ended = await session.get('/your-data/download.json');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe('/your-data?session=ended');
    expect(ended.headers.getSetCookie().find((l) => l.startsWith('ldf_data='))).toMatch(/Max-Age=0/);
    const start = await session.get(ended.headers.get('location')!);
    expect(start.status).toBe(200);
    const html = await start.text();
    expect(html).toContain('class="govuk-notification-banner"');
    expect(textOf(html)).toContain(en['yourData.start.ended']);
    // A browser that never had a session is not told one ended.
    const never = await new Session(app.app).get('/your-data/requests');
    expect(never.headers.get('location')).toBe('/your-data');
  });

  it('is a __Host- cookie over HTTPS: Secure, at Path=/, HttpOnly, SameSite=Lax', async () => {
    const app = await fresh();
    const first = await app.app.request('https://council.example/your-data');
    const csrf = first.headers.getSetCookie().find((l) => l.startsWith('__Host-ldf_csrf='))!.split(';')[0];
    const token = csrf.split('=')[1];
    const asked = await app.app.request('https://council.example/your-data', {
      method: 'POST',
      body: new URLSearchParams({ email: 'secure@example.com', csrf: token }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
    });
    expect(asked.status).toBe(303);
    expect(asked.headers.getSetCookie().find((l) => l.includes('ldf_data_proof'))).toMatch(/^__Host-ldf_data_proof=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(asked.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('in Welsh', () => {
  it('proves the address, lists the requests and asks to delete in Welsh, with the emails in Welsh', async () => {
    const app = await fresh();
    const made = await makeRequests(app, EMAIL);
    const session = new Session(app.app);
    const start = await session.get('/cy/your-data');
    expect(start.status).toBe(200);
    const startHtml = await start.text();
    expect(startHtml).toContain('<html lang="cy"');
    expect(titleOf(startHtml)).toBe(`${cy['yourData.title']} – Cyngor Sir Ceredigion`);
    const invalid = await session.post('/cy/your-data', { email: 'dim' });
    expect(titleOf(await invalid.text())).toBe(`Gwall: ${cy['yourData.title']} – Cyngor Sir Ceredigion`);

    const proved = await prove(app, session, EMAIL, '/cy');
    expect(app.outbox.sent().find((m) => m.template === 'data-rights-code' && m.to === EMAIL)).toMatchObject({ lang: 'cy', subject: expect.stringMatching(/^Eich cod diogelwch: \d{6}$/) });
    expect(proved.headers.get('location')).toBe('/cy/your-data/requests');
    const list = textOf(await (await session.get('/cy/your-data/requests')).text());
    expect(list).toContain(cy['yourData.requests.count'].replace('{count}', '3'));
    expect(list).toContain('Twll yn y ffordd');
    const request = textOf(await (await session.get(`/cy/your-data/requests/${made.report}`)).text());
    expect(request).toContain(`Cais ${made.report}`);
    expect(request).toContain(cy['yourData.request.answersHeading']);

    const wrongCode = await (async () => {
      const other = new Session(app.app);
      await askForCode(other, 'arall@example.com', '/cy');
      return other.post('/cy/your-data/code', { code: 'abc' });
    })();
    expect(errorSummaryOf(await wrongCode.text())).toBe(cy['yourData.code.errorFormat']);

    const deletePage = textOf(await (await session.get('/cy/your-data/delete')).text());
    expect(deletePage).toContain('ateb erbyn dydd Llun 4 Ionawr 2027');
    const sent = await session.post('/cy/your-data/delete', { confirm: 'yes' });
    expect(sent.headers.get('location')).toMatch(/^\/cy\/your-data\/delete\/received\/[A-Z2-9-]+$/);
    expect(app.outbox.sent().at(-1)).toMatchObject({ template: 'data-rights-request-received', lang: 'cy', to: EMAIL });
    const received = textOf(await (await session.get(sent.headers.get('location')!)).text());
    expect(received).toContain(cy['yourData.received.title']);
    expect(received).toContain('Byddwn yn ateb erbyn dydd Llun 4 Ionawr 2027.');
  });
});

describe('the council’s own pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh();
  });

  it('the home page and the privacy notice link to the pages', async () => {
    for (const [path, text] of [
      ['/', 'Your requests and your data'],
      ['/privacy', 'Your requests and your data'],
      ['/cy/', 'Eich ceisiadau a’ch data'],
    ]) {
      const html = await (await app.app.request(path)).text();
      expect(html, path).toContain(`href="${path.startsWith('/cy') ? '/cy' : ''}/your-data">${text}</a>`);
    }
  });

  it('the privacy notice states each period from config, and that backups keep deleted data up to 35 days', async () => {
    const text = textOf(await (await app.app.request('/privacy')).text());
    expect(text).toContain('Answers not sent yet Your answers while you fill in a report or a form, and any photos or files you add So that you can check and change them before you send them 24 hours');
    expect(text).toContain('Codes: 15 minutes');
    expect(text).toContain(`Your time to see your data: ${app.council.dataRights.sessionMinutes} minutes`);
    expect(text).toContain('Requests to delete your data: 6 years');
    expect(text).toContain('Deleted data stays in our backups for up to 35 days, then it is gone.');
    // A form with save and return says how long saved answers are kept (its saveAndReturn days).
    expect(text).toMatch(/If you save your answers to finish later, we keep them and your email address for \d+ days\./);
    // And every page's footer links to Your requests and your data.
    expect(await (await app.app.request('/bins')).text()).toContain('<a class="govuk-footer__link" href="/your-data">Your requests and your data</a>');
    // Each service's own period, as before: the report's.
    expect(text).toMatch(/Report a problem .* \d+ (days|years)/);
    const welsh = textOf(await (await app.app.request('/cy/privacy')).text());
    expect(welsh).toContain('Codau: 15 munud');
    expect(welsh).toContain('hyd at 35 diwrnod');
  });

  it('the cookies page names the data session and code cookies', async () => {
    const text = textOf(await (await app.app.request('/cookies')).text());
    expect(text).toContain(`ldf_data ${en['yourData.title'] && 'Lets this browser see your requests and your data once you have proved your email address'} After 30 minutes, when you sign out, or when you close your browser`);
    expect(text).toContain('ldf_data_proof Remembers which code we emailed you, so that you can type it in');
  });
});

describe('the Lambda bundle', () => {
  it('does not load the pages on a cold start: they are a chunk of their own, loaded on the first request', async () => {
    const { build } = await import('esbuild');
    const { LAMBDA_ESBUILD_OPTIONS } = await import('../../functions/build-lambda.ts');
    const { bundleInputs } = await import('../support/bundle-inputs.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const result = await build({
      ...LAMBDA_ESBUILD_OPTIONS,
      entryPoints: { index: path.resolve(import.meta.dirname, '../../functions/lambda.ts') },
      entryNames: '[name]',
      outdir: mkdtempSync(path.join(tmpdir(), 'ldf-data-rights-bundle-')),
      write: false,
    });
    const { atStart, anywhere } = bundleInputs(result.metafile!);
    const pages = (inputs: string[]) => inputs.filter((i) => i.includes('functions/data-rights/') && !i.endsWith('cookie-names.ts'));
    expect(pages(atStart)).toEqual([]);
    expect(pages(anywhere)).toContain('functions/data-rights/routes.tsx');
    for (const part of ['resident-record.ts', 'resident-record-view.tsx', 'download-schema.json', 'erasure.ts']) {
      expect(atStart.some((i) => i.endsWith(`functions/core/data-rights/${part}`)), part).toBe(false);
    }
  });
});
