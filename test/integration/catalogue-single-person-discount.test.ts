/**
 * The catalogue's single person discount form, as councils adopt it, through app.request(): every
 * route (the exit for another adult, someone moved out or not), the repeatable "who moved out",
 * the date limits, the National Insurance number, the evidence upload, check answers and its
 * Change links, sending, the confirmation, the email and the case; every question's errors; save
 * and return; the webhook to the council's system. Hackney (England, £70 penalty), Highland
 * (Scotland, £50) and Ceredigion (Welsh) adopt it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCouncilApp } from '../../functions/app.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import type { FileAnswer } from '../../functions/modules/forms/definition/types.ts';
import { outputsOf } from '../../functions/modules/forms/outputs/delivery-store.ts';
import { verifyWebhookSignature, type WebhookPayload } from '../../functions/modules/forms/outputs/webhook.ts';
import { answerAddress, countCases, errorSummary, next, Receiver, startForm, upload, webhookApp } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';
import { contains, phoneJpeg } from '../support/images.ts';

// Tuesday 12 May 2026: the form takes dates from 6 years back (12 May 2020) to today.
const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/single-person-discount';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const MB = 1024 * 1024;

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (councilId = 'hackney'): Promise<TestApp> => testApp(councilId, { endpoint: store.endpoint, now: NOW });

/** Presses Start now; answers the draft's base path. */
const start = (session: Session, prefix = '') => startForm(session, FORM, 'anyone-else', prefix);

/** Hackney's and Ceredigion's gazetteers: a postcode and a property in it. */
const PROPERTY = {
  hackney: { postcode: 'E8 2NS', uprn: '10008200011', line: '17 Sandringham Mews, London, E8 2NS' },
  ceredigion: { postcode: 'SY23 1DE', uprn: '10009400001', line: '5 Ffordd y Môr, Aberystwyth, SY23 1DE' },
} as const;

const DATE = (day: string, month: string, year: string) => ({ 'living-alone-from-day': day, 'living-alone-from-month': month, 'living-alone-from-year': year });

/** Answers from the first page to the one named (not answering it), the usual way: someone moved out, no evidence. */
async function upTo(session: Session, base: string, stop: string, property: { postcode: string; uprn: string } = PROPERTY.hackney): Promise<void> {
  const steps: [string, (url: string) => Promise<string>][] = [
    ['anyone-else', (u) => next(session, u, { 'anyone-else': 'no' })],
    ['account-number', (u) => next(session, u, { 'account-number': '30012345' })],
    ['address', (u) => answerAddress(session, u, property, { typed: property.postcode.toLowerCase().replace(' ', '') })],
    ['living-alone-from', (u) => next(session, u, DATE('1', '3', '2026'))],
    ['someone-moved-out', (u) => next(session, u, { 'someone-moved-out': 'yes' })],
    ['moved-out', () => next(session, `${base}/moved-out/0`, { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' })],
    ['moved-out/add-another', (u) => next(session, u, { 'add-another': 'no' })],
    ['forwarding-address', (u) => next(session, u, { 'forwarding-address-postcode': '' })],
    ['nino', (u) => next(session, u, { nino: 'ab 12 34 56 c' })],
    ['evidence', (u) => next(session, u, {})],
    ['name', (u) => next(session, u, { 'name-first': 'Ann', 'name-last': 'Jones' })],
    ['contact', (u) => next(session, u, { email: 'ann@example.com', phone: '020 7946 0000' })],
  ];
  let location = `${base}/${steps[0][0]}`;
  for (const [i, [page, answer]] of steps.entries()) {
    if (page === stop) return;
    expect(location, `before ${page}`).toBe(`${base}/${page}`);
    location = await answer(location);
    if (i === steps.length - 1) expect(location).toBe(`${base}/check-answers`);
  }
  if (stop !== 'check-answers') throw new Error(`No page ${stop}`);
}

describe('the start page', () => {
  it('says the discount, what is needed and the council’s phone number for a bereaved resident', async () => {
    const app = await fresh();
    const html = await (await new Session(app.app).get(FORM)).text();
    expect(html).toContain('<h1 class="govuk-heading-l">Council tax: tell us you now live on your own</h1>');
    const text = textOf(html);
    expect(text).toContain('You could get 25% off your council tax bill');
    expect(text).toContain('call us on 020 8356 3000 and we will help you');
    expect(text).toContain('Start now');
  });
});

describe('someone else aged 18 or over lives there', () => {
  it('ends at the exit page that says why and who to call, and nothing can be sent', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);

    expect(await next(session, `${base}/anyone-else`, { 'anyone-else': 'yes' })).toBe(`${base}/exit/not-alone`);

    const res = await session.get(`${base}/exit/not-alone`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 class="govuk-heading-l">You cannot get a single person discount</h1>');
    expect(textOf(html)).toContain('A single person discount is only for homes where one adult, aged 18 or over, lives.');
    expect(textOf(html)).toContain('Call us on 020 8356 3000 to find out.');
    expect(html).toContain(`href="${base}/anyone-else"`);
    for (const later of ['account-number', 'check-answers']) expect((await session.get(`${base}/${later}`)).headers.get('location')).toBe(`${base}/exit/not-alone`);
    expect((await session.post(`${base}/check-answers`, {})).headers.get('location')).toBe(`${base}/exit/not-alone`);
    expect(await countCases(app)).toBe(0);
  });
});

describe('the full route: someone moved out', () => {
  it('asks who moved out, one at a time, to change, remove and add another up to 5', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'moved-out');

    expect((await session.get(`${base}/moved-out`)).headers.get('location')).toBe(`${base}/moved-out/0`);
    const first = await (await session.get(`${base}/moved-out/0`)).text();
    expect(textOf(first)).toContain('What is the name of the person who moved out?');
    expect(textOf(first)).toContain('You can add up to 5 people, one at a time.');
    expect(await next(session, `${base}/moved-out/0`, { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' })).toBe(`${base}/moved-out/add-another`);

    const list = textOf(await (await session.get(`${base}/moved-out/add-another`)).text());
    expect(list).toContain('Dafydd Jones');
    expect(list).toContain('Do you need to add another?');
    for (const [n, [firstName, last]] of [['Bethan', 'Evans'], ['Carys', 'Hughes'], ['Dewi', 'Lloyd'], ['Elin', 'Morgan']].entries()) {
      expect(await next(session, `${base}/moved-out/add-another`, { 'add-another': 'yes' })).toBe(`${base}/moved-out/${n + 1}`);
      expect(await next(session, `${base}/moved-out/${n + 1}`, { 'moved-out-first': firstName, 'moved-out-last': last })).toBe(`${base}/moved-out/add-another`);
    }

    // Five: the most the form takes. No question, no sixth page.
    const full = textOf(await (await session.get(`${base}/moved-out/add-another`)).text());
    expect(full).toContain('Elin Morgan');
    expect(full).not.toContain('Do you need to add another?');
    expect(full).toContain('You have added the most you can (5).');
    expect((await session.get(`${base}/moved-out/5`)).headers.get('location')).toBe(`${base}/moved-out/add-another`);
    expect((await session.post(`${base}/moved-out/5`, { 'moved-out-first': 'Ffion', 'moved-out-last': 'Owen' })).headers.get('location')).toBe(`${base}/moved-out/add-another`);

    // Change the second, remove the third; the list goes on to the next page.
    const change = await (await session.get(`${base}/moved-out/1`)).text();
    expect(change).toContain('value="Bethan"');
    expect(await next(session, `${base}/moved-out/1`, { 'moved-out-first': 'Bethan', 'moved-out-last': 'Price' })).toBe(`${base}/moved-out/add-another`);
    expect(await next(session, `${base}/moved-out/2/remove`, {})).toBe(`${base}/moved-out/add-another`);
    const after = textOf(await (await session.get(`${base}/moved-out/add-another`)).text());
    expect(after).toContain('Bethan Price');
    expect(after).not.toContain('Carys Hughes');
    expect(after).toContain('Do you need to add another?');
    expect(await next(session, `${base}/moved-out/add-another`, { 'add-another': 'no' })).toBe(`${base}/forwarding-address`);
  });

  it('sends the form with a PDF as evidence: check answers, a Change link, the confirmation, the email and the case', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'moved-out/add-another');
    expect(await next(session, `${base}/moved-out/add-another`, { 'add-another': 'yes' })).toBe(`${base}/moved-out/1`);
    expect(await next(session, `${base}/moved-out/1`, { 'moved-out-first': 'Bethan', 'moved-out-last': 'Evans' })).toBe(`${base}/moved-out/add-another`);
    expect(await next(session, `${base}/moved-out/add-another`, { 'add-another': 'no' })).toBe(`${base}/forwarding-address`);
    // Their new address: optional, given here (in Hackney's area too).
    const forwarding = textOf(await (await session.get(`${base}/forwarding-address`)).text());
    expect(forwarding).toContain('What is their new address? (optional)');
    expect(forwarding).toContain('We use it to send them their own council tax bill, if they need one.');
    expect(await answerAddress(session, `${base}/forwarding-address`, { postcode: 'N16 7UX', uprn: '10008200031' }, { key: 'forwarding-address', typed: 'n167ux' })).toBe(`${base}/nino`);
    expect(await next(session, `${base}/nino`, { nino: 'ab 12 34 56 c' })).toBe(`${base}/evidence`);

    const evidencePage = await (await session.get(`${base}/evidence`)).text();
    // Optional, as the field's label says (the heading, as on every question page, does not).
    expect(evidencePage).toMatch(/<label class="govuk-label govuk-label--s" for="evidence">Upload evidence that you live on your own \(optional\)<\/label>/);
    expect(evidencePage).toContain('<title>Evidence that you live alone – London Borough of Hackney</title>');
    expect(evidencePage).toContain('<h1 class="govuk-heading-l">Evidence that you live alone</h1>');
    expect(textOf(evidencePage)).toContain('You do not have to upload anything, but it can help us decide more quickly.');
    expect(textOf(evidencePage)).toContain('Continue without a file');
    expect(evidencePage).toContain('accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"');
    const uploaded = await upload(app, session, `${base}/evidence`, { bytes: PDF, name: 'Letter from new council.pdf', type: 'application/pdf' });
    expect(uploaded.headers.get('location')).toBe(`${base}/evidence`);
    expect(textOf(await (await session.get(`${base}/evidence`)).text())).toContain('You have uploaded Letter from new council.pdf.');
    expect(await next(session, `${base}/evidence`, {})).toBe(`${base}/name`);
    expect(await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' })).toBe(`${base}/contact`);
    expect(await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '' })).toBe(`${base}/check-answers`);

    const check = await (await session.get(`${base}/check-answers`)).text();
    const shown = textOf(check);
    for (const answer of ['No', '30012345', PROPERTY.hackney.line, '1 March 2026', 'Yes', 'Dafydd Jones', 'Bethan Evans', '9 Albion Grove Terrace, London, N16 7UX', 'AB 12 34 56 C', 'Letter from new council.pdf', 'Ann Jones', 'ann@example.com']) {
      expect(shown).toContain(answer);
    }
    // England's penalty, in the declaration above the button.
    expect(shown).toMatch(/may have to pay a penalty of £70, as well as the council tax I owe\. I understand that London Borough of Hackney may check this information .* Accept and send/);
    for (const page of ['account-number', 'living-alone-from', 'moved-out/add-another', 'nino', 'evidence', 'contact']) expect(check).toContain(`href="${base}/${page}?change=1"`);

    // A Change link: to the page, back to check answers.
    const changing = await (await session.get(`${base}/account-number?change=1`)).text();
    expect(changing).toContain('value="30012345"');
    expect(changing).toContain(`href="${base}/check-answers"`);
    expect(await next(session, `${base}/account-number?change=1`, { 'account-number': '30098765' })).toBe(`${base}/check-answers`);

    const sent = await session.post(`${base}/check-answers`, {});
    expect(sent.status).toBe(303);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    expect(sent.headers.get('location')).toBe(`${FORM}/done/${reference}`);
    const done = textOf(await (await session.get(`${FORM}/done/${reference}`)).text());
    expect(done).toContain(`Your reference number ${reference}`);
    expect(done).toContain('We will check what you have told us.');
    expect(done).toContain('Keep paying your current instalments until it arrives.');
    expect(done).toContain('We aim to send your new bill within 20 working days.');

    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', lang: 'en', template: 'form-confirmation', reference, subject: `Council tax: tell us you now live on your own: form sent, reference ${reference}` });
    expect(email.body).toContain('We aim to send your new bill within 20 working days.');
    expect(email.body).toContain('London Borough of Hackney');

    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored).toMatchObject({ service: 'forms', type: 'single-person-discount', lang: 'en', submissionId: base.split('/').pop() });
    expect(stored.details).toEqual({ name: 'Ann Jones', email: 'ann@example.com', address: '17 Sandringham Mews, London', postcode: 'E8 2NS', uprn: PROPERTY.hackney.uprn });
    expect(stored.form).toMatchObject({ id: 'single-person-discount', version: 1 });
    const answers = stored.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['anyone-else', 'account-number', 'address', 'living-alone-from', 'someone-moved-out', 'moved-out', 'forwarding-address', 'nino', 'evidence', 'name', 'email']);
    expect(answers.find((a) => a.key === 'account-number')).toMatchObject({ value: '30098765' });
    expect(answers.find((a) => a.key === 'living-alone-from')).toMatchObject({
      question: { en: 'When did you start living on your own?', cy: 'Pryd wnaethoch chi ddechrau byw ar eich pen eich hun?' },
      text: ['1 March 2026'],
      value: '2026-03-01',
    });
    expect(answers.find((a) => a.key === 'moved-out')).toMatchObject({ text: ['Dafydd Jones', 'Bethan Evans'] });
    expect(answers.find((a) => a.key === 'nino')).toMatchObject({ question: { en: 'What is your National Insurance number?', cy: 'Beth yw eich rhif Yswiriant Gwladol?' }, text: ['AB 12 34 56 C'], value: 'AB123456C' });
    const evidence = answers.find((a) => a.key === 'evidence')!;
    expect(evidence.text).toEqual([`Letter from new council.pdf (${PDF.length} bytes)`]);
    const file = evidence.value as FileAnswer;
    expect(file).toMatchObject({ name: 'Letter from new council.pdf', contentType: 'application/pdf', bytes: PDF.length });
    expect((await app.files.read(file.fileId))?.body).toEqual(PDF);
    // Council tax records: 6 years.
    expect(stored.expiresAt).toBe(Date.parse(NOW) / 1000 + 2190 * 86_400);
    expect(await countCases(app)).toBe(1);
  });
});

describe('nobody moved out', () => {
  it('goes from the question straight to the National Insurance number, and a JPEG is evidence, its metadata gone', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'someone-moved-out');
    expect(await next(session, `${base}/someone-moved-out`, { 'someone-moved-out': 'no' })).toBe(`${base}/nino`);
    // The pages about the person who moved out are off the path.
    expect((await session.get(`${base}/moved-out/0`)).headers.get('location')).toBe(`${base}/nino`);
    expect(await next(session, `${base}/nino`, { nino: 'CE123456A' })).toBe(`${base}/evidence`);
    const photo = phoneJpeg();
    const back = await upload(app, session, `${base}/evidence`, { bytes: photo, name: 'tenancy.jpg', type: 'image/jpeg' });
    expect(back.headers.get('location')).toBe(`${base}/evidence`);
    expect(await next(session, `${base}/evidence`, {})).toBe(`${base}/name`);
    expect(await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' })).toBe(`${base}/contact`);
    expect(await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '' })).toBe(`${base}/check-answers`);

    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).not.toContain('What is the name of the person who moved out?');
    expect(check).toContain('tenancy.jpg');
    const reference = (await session.post(`${base}/check-answers`, {})).headers.get('location')!.split('/').pop()!;
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['anyone-else', 'account-number', 'address', 'living-alone-from', 'someone-moved-out', 'nino', 'evidence', 'name', 'email']);
    const file = answers.find((a) => a.key === 'evidence')!.value as FileAnswer;
    expect(file).toMatchObject({ name: 'tenancy.jpg', contentType: 'image/jpeg' });
    const kept = (await app.files.read(file.fileId))!;
    expect(contains(photo, 'Zephyrcam')).toBe(true);
    for (const metadata of ['GPS', 'Zephyrcam', 'Jane Resident', 'Acacia Avenue']) expect(contains(kept.body, metadata), metadata).toBe(false);
  });

  it('changing "no" to "yes" at check answers goes on to the questions it now needs, then back to check answers', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'someone-moved-out');
    await next(session, `${base}/someone-moved-out`, { 'someone-moved-out': 'no' });
    await next(session, `${base}/nino`, { nino: 'CE123456A' });
    await next(session, `${base}/evidence`, {});
    await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
    expect(await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '' })).toBe(`${base}/check-answers`);

    // Each page the change needs keeps the resident in "change" mode, so the last one returns to check answers.
    expect(await next(session, `${base}/someone-moved-out?change=1`, { 'someone-moved-out': 'yes' })).toBe(`${base}/moved-out?change=1`);
    expect((await session.get(`${base}/moved-out?change=1`)).headers.get('location')).toBe(`${base}/moved-out/0?change=1`);
    expect(await next(session, `${base}/moved-out/0?change=1`, { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' })).toBe(`${base}/moved-out/add-another?change=1`);
    expect(await next(session, `${base}/moved-out/add-another?change=1`, { 'add-another': 'no' })).toBe(`${base}/forwarding-address?change=1`);
    expect(await next(session, `${base}/forwarding-address?change=1`, { 'forwarding-address-postcode': '' })).toBe(`${base}/check-answers`);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('Dafydd Jones');
    expect(check).toContain('CE 12 34 56 A');
  });
});

describe('errors', () => {
  /** A page, what is posted, the message, the field the error summary links to, and what the page keeps. */
  const CASES: [page: string, fields: Record<string, string>, message: string, href: string, kept?: string][] = [
    ['anyone-else', {}, 'Select yes or no', 'anyone-else'],
    ['account-number', { 'account-number': '' }, 'Enter your council tax account number', 'account-number'],
    ['account-number', { 'account-number': '1234567890 1234567890 1' }, 'Your council tax account number must be 20 characters or less', 'account-number', '1234567890 1234567890 1'],
    ['address', { 'address-postcode': '', 'address-action': 'find' }, 'Enter a postcode', 'address-postcode'],
    ['address', { 'address-postcode': 'E8', 'address-action': 'find' }, 'Enter a full UK postcode', 'address-postcode', 'E8'],
    ['address', { 'address-postcode': 'SW1A 1AA', 'address-action': 'find' }, 'SW1A 1AA is not in the London Borough of Hackney area. Check the postcode, or enter the address manually', 'address-postcode', 'SW1A 1AA'],
    ['address', { 'address-mode': 'choose', 'address-postcode': 'E8 2NS' }, 'Select an address', 'address-uprn'],
    ['living-alone-from', DATE('', '', ''), 'Enter the date you started living on your own', 'living-alone-from-day'],
    ['living-alone-from', DATE('', '3', '2026'), 'The date you started living on your own must include a day', 'living-alone-from-day', '2026'],
    ['living-alone-from', DATE('31', '2', '2026'), 'The date you started living on your own must be a real date', 'living-alone-from-day', '31'],
    ['living-alone-from', DATE('13', '5', '2026'), 'The date you started living on your own must be today or in the past', 'living-alone-from-day', '13'],
    ['living-alone-from', DATE('11', '5', '2020'), 'The date you started living on your own must be between 12 May 2020 and 12 May 2026', 'living-alone-from-day', '2020'],
    ['someone-moved-out', {}, 'Select yes or no', 'someone-moved-out'],
    ['moved-out/0', { 'moved-out-first': '', 'moved-out-last': 'Jones' }, 'Enter a first name', 'moved-out-first', 'Jones'],
    ['moved-out/0', { 'moved-out-first': 'Dafydd', 'moved-out-last': '' }, 'Enter a last name', 'moved-out-last', 'Dafydd'],
    ['moved-out/add-another', {}, 'Select yes if you need to add another', 'add-another'],
    ['nino', { nino: '' }, 'Enter a National Insurance number', 'nino'],
    ['nino', { nino: 'QQ 12 34 56' }, 'Enter a National Insurance number in the correct format', 'nino', 'QQ 12 34 56'],
    ['nino', { nino: 'DQ123456C' }, 'Enter a National Insurance number in the correct format', 'nino', 'DQ123456C'],
    ['name', { 'name-first': '', 'name-last': '' }, 'Enter a first name Enter a last name', 'name-first'],
    ['contact', { email: '', phone: '' }, 'Enter an email address', 'email'],
    ['contact', { email: 'ann.example.com', phone: '020 7946 0000' }, 'Enter an email address in the correct format, like name@example.com', 'email', 'ann.example.com'],
    ['contact', { email: 'ann@example.com', phone: 'call me' }, 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192', 'phone', 'call me'],
  ];

  let app: TestApp;
  beforeAll(async () => {
    app = await fresh();
  });

  it.each(CASES)('%s: posting %j says “%s”, with the error summary and the answer kept', async (page, fields, message, href, kept) => {
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, page.split('/')[0]);
    if (page === 'moved-out/add-another') await next(session, `${base}/moved-out/0`, { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' });

    const res = await session.post(`${base}/${page}`, fields);

    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: [^<]+ – London Borough of Hackney<\/title>/);
    expect(html).toContain('class="govuk-error-summary"');
    expect(errorSummary(html)).toContain(message);
    expect(html).toContain(`href="#${href}"`);
    expect(html).toContain('class="govuk-error-message"');
    if (kept) expect(html).toContain(`value="${kept}"`);
  });

  it('explains a file of the wrong type and one over 10MB on the evidence page', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'evidence');

    for (const [file, message] of [
      [{ bytes: new TextEncoder().encode('Dear council, I live alone.'), name: 'letter.docx', type: 'application/pdf' }, 'The selected file must be a PDF, JPG or PNG'],
      [{ bytes: new Uint8Array([...PDF, ...new Uint8Array(10 * MB)]), name: 'scan.pdf', type: 'application/pdf' }, 'The selected file must be smaller than 10MB'],
    ] as const) {
      const res = await upload(app, session, `${base}/evidence`, file);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/<title>Error: Evidence that you live alone –/);
      expect(errorSummary(html)).toContain(message);
      expect(html).toContain('href="#evidence"');
    }
    // Nothing was kept as the answer: the page still offers to go on without a file.
    expect(textOf(await (await session.get(`${base}/evidence`)).text())).toContain('Continue without a file');
  });
});

describe('at Highland, in Scotland', () => {
  it('declares Scotland’s £50 penalty', async () => {
    const app = await fresh('highland');
    const session = new Session(app.app);
    const base = await start(session);
    const highland = app.council.addresses as { properties: { uprn: string; postcode: string }[] };
    await upTo(session, base, 'check-answers', highland.properties[0]);
    const text = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(text).toContain('I may have to pay a penalty of £50, as well as the council tax I owe.');
    expect(text).not.toContain('£70');
  });
});

describe('in Welsh at Ceredigion', () => {
  it('keeps the questions in both languages and the Welsh answers in the case, and emails in Welsh', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const base = await start(session, '/cy');
    await upTo(session, base, 'check-answers', PROPERTY.ceredigion);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('1 Mawrth 2026');
    expect(check).toContain('Rwy’n deall y gall y cyngor wirio’r wybodaeth hon'.replace(/’/g, "'"));

    const res = await session.post(`${base}/check-answers`, {});
    const reference = res.headers.get('location')!.split('/').pop()!;
    expect(res.headers.get('location')).toBe(`/cy${FORM}/done/${reference}`);
    const done = textOf(await (await session.get(res.headers.get('location')!)).text());
    expect(done).toContain('Ein nod yw anfon eich bil newydd o fewn 20 diwrnod gwaith.');

    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored.lang).toBe('cy');
    const answers = stored.form!.answers;
    expect(answers.find((a) => a.key === 'anyone-else')).toMatchObject({
      question: { en: 'Does anyone else aged 18 or over live at the property?', cy: "A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo?" },
      text: ['Na'],
      value: 'no',
    });
    expect(answers.find((a) => a.key === 'living-alone-from')).toMatchObject({ text: ['1 Mawrth 2026'], value: '2026-03-01' });
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', lang: 'cy', subject: `Treth gyngor: rhoi gwybod i ni eich bod bellach yn byw ar eich pen eich hun: ffurflen wedi’i hanfon, cyfeirnod ${reference}` });
    expect(email.body).toContain('Byddwn yn gwirio’r hyn rydych wedi’i ddweud wrthym.'.replace(/’/g, "'"));
  });

  it('says a question’s error in Welsh', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const base = await start(session, '/cy');
    await upTo(session, base, 'nino', PROPERTY.ceredigion);
    const res = await session.post(`${base}/nino`, { nino: 'nonsense' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Gwall: Eich rhif Yswiriant Gwladol –/);
    expect(html).toContain('<label class="govuk-label govuk-label--s" for="nino">Beth yw eich rhif Yswiriant Gwladol?</label>');
    expect(errorSummary(html)).toContain('Rhowch rif Yswiriant Gwladol yn y fformat cywir');
    expect(html).toContain('value="nonsense"');
  });
});

describe('save and come back later', () => {
  /** The path of the newest email's resume link. */
  const linkIn = (app: TestApp) => /http:\/\/localhost(\S+\/resume\/[A-Za-z0-9_-]+)/.exec(app.outbox.sent().at(-1)!.body)![1];

  it.each([
    ['English at Hackney', 'hackney', '', PROPERTY.hackney, 'Carry on with your form: Council tax: tell us you now live on your own', 'until the end of Tuesday 9 June 2026', 'This link has expired or has already been used'],
    ['Welsh at Ceredigion', 'ceredigion', '/cy', PROPERTY.ceredigion, 'Parhau â’ch ffurflen: Treth gyngor: rhoi gwybod i ni eich bod bellach yn byw ar eich pen eich hun', 'hyd at ddiwedd dydd Mawrth 9 Mehefin 2026', 'Mae’r ddolen hon wedi dod i ben neu wedi cael ei defnyddio eisoes'],
  ] as const)('in %s: emails a link that carries on once in another browser, answers kept, and not after 28 days', async (_, councilId, prefix, property, subject, until, used) => {
    const app = await fresh(councilId);
    const session = new Session(app.app);
    const base = await start(session, prefix);
    await upTo(session, base, 'someone-moved-out', property);
    // "Save and come back later" on a page keeps that page's answer too.
    expect(await next(session, `${base}/someone-moved-out`, { 'someone-moved-out': 'yes', save: '1' })).toBe(`${base}/save`);
    expect(await next(session, `${base}/save`, { email: 'ann@example.com' })).toBe(`${base}/save/sent`);
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', template: 'form-resume-link', subject });
    expect(email.body).toContain(until);
    const link = linkIn(app);
    expect(link.startsWith(`${prefix}${FORM}/resume/`)).toBe(true);

    // A fresh browser, a week later: the link's page, then Continue, to the first unanswered page.
    app.setNow('2026-05-19T09:00:00Z');
    const other = new Session(app.app);
    expect((await other.get(link)).status).toBe(200);
    expect(await next(other, link, {})).toBe(`${base}/moved-out`);
    expect((await other.get(`${base}/moved-out`)).headers.get('location')).toBe(`${base}/moved-out/0`);
    const earlier = await (await other.get(`${base}/account-number`)).text();
    expect(earlier).toContain('value="30012345"');
    expect(await (await other.get(`${base}/someone-moved-out`)).text()).toMatch(/value="yes" checked|checked[^>]*value="yes"/);

    // Used once: the link opens nothing again.
    const reused = await new Session(app.app).post(link, {});
    expect(reused.status).toBe(404);
    expect(textOf(await reused.text())).toContain(used);

    // Save again from the other browser; past the form's 28 days the new link has expired.
    expect(await next(other, `${base}/save`, { email: 'ann@example.com' })).toBe(`${base}/save/sent`);
    const second = linkIn(app);
    app.setNow('2026-06-17T00:00:00Z');
    const expired = await new Session(app.app).get(second);
    expect(expired.status).toBe(410);
    expect(textOf(await expired.text())).toContain(used);
    expect((await new Session(app.app).post(second, {})).status).toBe(410);
  });
});

describe('the webhook to the council’s system', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());

  async function send(app: ReturnType<typeof createCouncilApp>): Promise<string> {
    const session = new Session(app);
    const base = await start(session);
    await upTo(session, base, 'check-answers');
    const res = await session.post(`${base}/check-answers`, {});
    expect(res.status).toBe(303);
    return res.headers.get('location')!.split('/').pop()!;
  }

  it('posts the answers, signed with the council’s key, with an idempotency key, when the form is sent', async () => {
    receiver.requests.length = 0;
    receiver.reply = 200;
    const { app, store: appStore, secrets } = await webhookApp({ endpoint: store.endpoint, council: 'hackney', form: 'single-person-discount', url: receiver.url, now: NOW });

    const reference = await send(app);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const key = await secrets.get('webhook-signing-key');
    expect(verifyWebhookSignature(request.body, request.headers['x-ldf-signature'] as string, key)).toBe(true);
    expect(verifyWebhookSignature(request.body.replace('30012345', '30012346'), request.headers['x-ldf-signature'] as string, key)).toBe(false);
    expect(request.headers['idempotency-key']).toBe(`hackney:${reference}`);
    expect(request.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(request.body) as WebhookPayload;
    expect(payload).toMatchObject({ formId: 'single-person-discount', formVersion: 1, language: 'en', reference, submittedAt: new Date(NOW).toISOString(), idempotencyKey: `hackney:${reference}` });
    expect(payload.answers.map((a) => a.key)).toEqual(['anyone-else', 'account-number', 'address', 'living-alone-from', 'someone-moved-out', 'moved-out', 'nino', 'name', 'email', 'phone']);
    expect(payload.answers.find((a) => a.key === 'nino')).toMatchObject({ question: 'What is your National Insurance number?', answer: 'AB 12 34 56 C', value: 'AB123456C' });
    expect(payload.answers.find((a) => a.key === 'living-alone-from')).toMatchObject({ answer: '1 March 2026', value: '2026-03-01' });
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ kind: 'webhook', status: 'delivered', attempts: 1 });
  });

  it('retries a failing receiver on the schedule (a 500, then a closed socket) until it is delivered, the same body and key each time', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const { app, store: appStore, secrets, schedule } = await webhookApp({ endpoint: store.endpoint, council: 'hackney', form: 'single-person-discount', url: receiver.url, now: NOW });

    const reference = await send(app);
    // The resident's form is sent whatever the receiver does.
    expect(await getCase(appStore, reference, new Date(NOW))).toBeDefined();
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'waiting', attempts: 1, lastResult: 'HTTP 500' });

    // Not due yet, then due: the socket is closed on it.
    expect(await schedule('2026-05-12T09:00:30Z')).toMatchObject({ outputsDelivered: 0, outputsRetrying: 0 });
    expect(receiver.requests).toHaveLength(1);
    receiver.reply = 'close';
    expect(await schedule('2026-05-12T09:01:00Z')).toMatchObject({ outputsRetrying: 1 });
    expect(receiver.requests).toHaveLength(2);
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'waiting', attempts: 2, lastResult: 'network error' });

    receiver.reply = 200;
    expect(await schedule('2026-05-12T09:03:00Z')).toMatchObject({ outputsDelivered: 1 });
    expect(receiver.requests).toHaveLength(3);
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: '2026-05-12T09:03:00.000Z' });
    // Delivered: nothing more is sent.
    await schedule('2026-05-13T09:00:00Z');
    expect(receiver.requests).toHaveLength(3);

    const key = await secrets.get('webhook-signing-key');
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(Array(3).fill(`hackney:${reference}`));
    expect(receiver.requests.every((r) => verifyWebhookSignature(r.body, r.headers['x-ldf-signature'] as string, key))).toBe(true);
    expect((JSON.parse(receiver.requests[2].body) as WebhookPayload).answers).toHaveLength(10);
  });
});
