/**
 * The catalogue's assisted-bin-collection form as councils adopt it, through app.request(): every
 * route (living alone, with children only, with adults who can or cannot take the bins out, for a
 * short time or not), check answers and Change, sending (the confirmation, the email when an
 * address is given, the case with its special-category answer), every question's errors, the
 * councils' overrides, no save and return, and the webhook with its retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCouncilApp } from '../../functions/app.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { answerAddress, hmacSignature, next, pageText, Receiver, startForm, webhookApp } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/assisted-bin-collection';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (councilId: string) => testApp(councilId, { endpoint: store.endpoint, now: NOW });

/** Presses Start now; answers the draft's base path. */
const start = (session: Session, prefix = '') => startForm(session, FORM, 'household', prefix);

const REASON = 'I have arthritis in both hands and cannot grip the handle of the bin.';
const SPOT = 'Beside the back door, through the side gate.';

/** From the reason page to the name page, for a short time (with an end date) or not. */
async function needs(session: Session, base: string, temporary: boolean): Promise<void> {
  expect(await next(session, `${base}/reason`, { reason: REASON })).toBe(`${base}/collection-point`);
  expect(await next(session, `${base}/collection-point`, { 'collection-point': SPOT })).toBe(`${base}/temporary`);
  if (!temporary) {
    expect(await next(session, `${base}/temporary`, { temporary: 'no' })).toBe(`${base}/name`);
    return;
  }
  expect(await next(session, `${base}/temporary`, { temporary: 'yes' })).toBe(`${base}/end-date`);
  expect(await next(session, `${base}/end-date`, { 'end-date-day': '30', 'end-date-month': '11', 'end-date-year': '2026' })).toBe(`${base}/name`);
}

// 17 Sandringham Mews, Hackney
const HOME = { postcode: 'E8 2NS', uprn: '10008200011' };

/** From the name page to check answers. */
async function aboutYou(session: Session, base: string, contact: { phone: string; email: string }): Promise<void> {
  expect(await next(session, `${base}/name`, { 'name-first': 'Doreen', 'name-last': 'Okafor' })).toBe(`${base}/address`);
  expect(await answerAddress(session, `${base}/address`, HOME)).toBe(`${base}/contact`);
  expect(await next(session, `${base}/contact`, contact)).toBe(`${base}/check-answers`);
}

/** Sends the form from check answers; answers the reference. */
async function send(session: Session, base: string, prefix = ''): Promise<string> {
  const res = await session.post(`${base}/check-answers`, {});
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  const reference = location.split('/').pop()!;
  expect(location).toBe(`${prefix}${FORM}/done/${reference}`);
  return reference;
}

describe('assisted-bin-collection at Hackney', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh('hackney');
  });

  it('takes someone who lives alone through every page for a short-term need, and sends a case with every answer', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    expect(await next(session, `${base}/household`, { household: 'alone' })).toBe(`${base}/reason`);
    const reason = await pageText(session, `${base}/reason`);
    expect(reason).toContain('We only use this to decide whether you can have an assisted collection.');
    await needs(session, base, true);
    await aboutYou(session, base, { phone: '020 7946 0123', email: 'doreen@example.com' });

    const check = await (await session.get(`${base}/check-answers`)).text();
    const checkText = textOf(check);
    for (const shown of ['I live on my own', REASON, SPOT, 'Yes', '30 November 2026', 'Doreen Okafor', '17 Sandringham Mews', '020 7946 0123', 'doreen@example.com']) {
      expect(checkText).toContain(shown);
    }
    for (const page of ['household', 'reason', 'collection-point', 'temporary', 'end-date', 'name', 'address', 'contact']) expect(check).toContain(`href="${base}/${page}?change=1"`);
    expect(checkText).toContain(
      'Declaration I confirm that the information I have given is correct, and that nobody aged 16 or over who lives at the property is able to take the bins out. I will tell London Borough of Hackney if my circumstances change',
    );

    // Changed from check answers, an answer comes straight back to it.
    expect(await next(session, `${base}/collection-point?change=1`, { 'collection-point': 'In the front garden by the gate.' })).toBe(`${base}/check-answers`);

    const reference = await send(session, base);
    const done = await pageText(session, `${FORM}/done/${reference}`);
    expect(done).toContain(`Your reference number ${reference}`);
    expect(done).toContain('We have sent you a confirmation email.');
    expect(done).toContain('We will look at your application. We may call you to agree where the crew should collect your bins from.');
    expect(done).toContain('We aim to reply within 10 working days.');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored).toMatchObject({ service: 'forms', type: 'assisted-bin-collection', lang: 'en', submissionId: base.split('/').pop() });
    expect(stored!.details).toEqual({
      name: 'Doreen Okafor',
      email: 'doreen@example.com',
      phone: '020 7946 0123',
      address: '17 Sandringham Mews, London',
      postcode: 'E8 2NS',
      uprn: '10008200011',
    });
    expect(stored!.form).toMatchObject({ id: 'assisted-bin-collection', version: 1 });
    const answers = stored!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['household', 'reason', 'collection-point', 'temporary', 'end-date', 'name', 'address', 'phone', 'email']);
    // Health: special category, flagged as such, and sealed with the case's reference (opened here as care staff would).
    expect(answers.find((a) => a.key === 'reason')).toMatchObject({ text: [], value: null, specialCategory: true, sealed: expect.any(String) });
    const opened = await openCaseAnswers(app.cipher, answers, caseSealContext('hackney', reference, 'assisted-bin-collection'));
    expect(opened.find((a) => a.key === 'reason')).toEqual({
      key: 'reason',
      question: { en: 'Why are you not able to take your bins out?', cy: "Pam nad ydych yn gallu mynd â'ch biniau allan?" },
      text: [REASON],
      value: REASON,
      specialCategory: true,
    });
    expect(answers.find((a) => a.key === 'collection-point')).toMatchObject({ value: 'In the front garden by the gate.' });
    expect(answers.find((a) => a.key === 'end-date')).toMatchObject({ text: ['30 November 2026'], value: '2026-11-30' });
    expect(answers.find((a) => a.key === 'household')).toMatchObject({ text: ['I live on my own'], value: 'alone', question: { en: 'Who lives at the property?', cy: "Pwy sy'n byw yn yr eiddo?" } });
    expect(answers.filter((a) => a.specialCategory).map((a) => a.key)).toEqual(['reason']);
    // About three years, as the form says.
    expect(stored!.expiresAt).toBe(Date.parse(NOW) / 1000 + 1095 * 86_400);

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'doreen@example.com', lang: 'en', template: 'form-confirmation' });
    expect(email.subject).toBe(`Apply for an assisted bin collection: form sent, reference ${reference}`);
    expect(email.body).toContain('We may call you to agree where the crew should collect your bins from.');
    expect(email.body).toContain('We aim to reply within 10 working days.');
    expect(email.body).not.toContain('arthritis');
  });

  it('asks whether the adults at home can take the bins out, and turns the household away when one can', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    expect(await next(session, `${base}/household`, { household: 'with-adults' })).toBe(`${base}/others-able`);
    const question = await pageText(session, `${base}/others-able`);
    expect(question).toContain('Can any of the people aged 16 or over who live with you take the bins out?');
    expect(await next(session, `${base}/others-able`, { 'others-able': 'yes' })).toBe(`${base}/exit/someone-can-help`);
    const exit = await (await session.get(`${base}/exit/someone-can-help`)).text();
    expect(exit).toContain('<h1 class="govuk-heading-l">You cannot get an assisted bin collection</h1>');
    expect(textOf(exit)).toContain('Assisted collections are for homes where nobody aged 16 or over is able to take the bins out.');
    expect(textOf(exit)).toContain('call us on 020 8356 3000');
    expect(exit).toContain(`href="${base}/others-able"`);
    // Nothing after the exit can be opened or sent.
    expect((await session.get(`${base}/reason`)).headers.get('location')).toBe(`${base}/exit/someone-can-help`);
    expect((await session.post(`${base}/check-answers`, {})).headers.get('location')).toBe(`${base}/exit/someone-can-help`);
  });

  it('goes on when none of the adults can take the bins out, with no end date for a lasting need and no email', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'with-adults' });
    expect(await next(session, `${base}/others-able`, { 'others-able': 'no' })).toBe(`${base}/reason`);
    await needs(session, base, false);
    await aboutYou(session, base, { phone: '07700 900982', email: '' });
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('I live with other people aged 16 or over');
    expect(check).not.toContain('When will you stop needing assisted collections?');

    const before = app.outbox.sent().length;
    const reference = await send(session, base);
    expect(app.outbox.sent().slice(before).filter((m) => m.template === 'form-confirmation')).toEqual([]);
    const done = await pageText(session, `${FORM}/done/${reference}`);
    expect(done).toContain(`Your reference number ${reference}`);
    expect(done).not.toContain('We have sent you a confirmation email.');
    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.form!.answers.map((a) => a.key)).toEqual(['household', 'others-able', 'reason', 'collection-point', 'temporary', 'name', 'address', 'phone']);
    expect(stored!.form!.answers.find((a) => a.key === 'others-able')).toMatchObject({ text: ['No'], value: 'no' });
    expect(stored!.details).toEqual({ name: 'Doreen Okafor', phone: '07700 900 982', address: '17 Sandringham Mews, London', postcode: 'E8 2NS', uprn: '10008200011' });
    // No email address, no confirmation email.
    expect(app.outbox.sent().some((m) => m.reference === reference && m.template === 'form-confirmation')).toBe(false);
  });

  it('skips the adults’ question for a home with only children, and drops its answer when the household changes', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'with-adults' });
    await next(session, `${base}/others-able`, { 'others-able': 'no' });
    await needs(session, base, true);
    await aboutYou(session, base, { phone: '020 7946 0123', email: 'doreen@example.com' });
    expect(await next(session, `${base}/household?change=1`, { household: 'with-children' })).toBe(`${base}/check-answers`);
    // A lasting need after all: the end date goes.
    expect(await next(session, `${base}/temporary?change=1`, { temporary: 'no' })).toBe(`${base}/check-answers`);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('I live only with children under 16');
    expect(check).not.toContain('Can any of the people');
    expect(check).not.toContain('30 November 2026');
    const reference = await send(session, base);
    const keys = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers.map((a) => a.key);
    expect(keys).toEqual(['household', 'reason', 'collection-point', 'temporary', 'name', 'address', 'phone', 'email']);
  });

  it('asks for the end date when a lasting need becomes a short one, then returns to check answers', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'alone' });
    await needs(session, base, false);
    await aboutYou(session, base, { phone: '020 7946 0123', email: '' });
    expect(await next(session, `${base}/temporary?change=1`, { temporary: 'yes' })).toBe(`${base}/end-date?change=1`);
    expect(await next(session, `${base}/end-date?change=1`, { 'end-date-day': '13', 'end-date-month': '5', 'end-date-year': '2026' })).toBe(`${base}/check-answers`);
    expect(textOf(await (await session.get(`${base}/check-answers`)).text())).toContain('13 May 2026');
  });

  it('shows Hackney’s start page, which tells people in flats with shared bins not to apply', async () => {
    const text = await pageText(new Session(app.app), FORM);
    expect(text).toContain('Apply for an assisted bin collection');
    expect(text).toContain('If you live in a block of flats with shared bins, you do not need to apply: the crew empties them from the bin store.');
    expect(text).toContain('If you need help to fill in this form, call us on 020 8356 3000.');
    expect(text).toContain('Written by Local Digital Factory');
  });

  it('offers no save and return: no save button, and no save page', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    const html = await (await session.get(`${base}/household`)).text();
    expect(textOf(html)).not.toContain('Save and come back later');
    expect(html).not.toContain('name="save"');
    expect((await session.get(`${base}/save`)).status).toBe(404);
    expect((await session.post(`${base}/save`, { email: 'doreen@example.com' })).status).toBe(404);
  });
});

describe('assisted-bin-collection’s errors', () => {
  let app: TestApp;
  let session: Session;
  beforeAll(async () => {
    app = await fresh('hackney');
  });

  /** Posts the page and expects GOV.UK's error page: 400, `Error:` title, the summary linking to the field, the message. */
  async function refused(url: string, fields: Record<string, string>, expected: { title: string; href: string; message: string }): Promise<string> {
    const res = await session.post(url, fields);
    expect(res.status, url).toBe(400);
    const html = await res.text();
    expect(html).toContain(`<title>Error: ${expected.title} – London Borough of Hackney</title>`);
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain(`<a href="${expected.href}">${expected.message}</a>`);
    expect(textOf(html)).toContain(`Error: ${expected.message}`);
    return html;
  }

  it('asks who lives there and whether the adults can take the bins out', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await refused(`${base}/household`, {}, { title: 'Who lives at the property?', href: '#household', message: 'Select who lives at the property' });
    await next(session, `${base}/household`, { household: 'with-adults' });
    await refused(`${base}/others-able`, { 'others-able': 'maybe' }, { title: 'Can any of the people aged 16 or over who live with you take the bins out?', href: '#others-able', message: 'Select yes or no' });
  });

  it('asks for a reason and a place within their limits, keeping what was typed', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'alone' });
    await refused(`${base}/reason`, { reason: '   ' }, { title: 'Why you need help', href: '#reason', message: 'Enter the reason you are not able to take your bins out' });
    const long = `${'My hands hurt. '.repeat(66)}x`; // 991 characters
    const tooLong = `${long}0123456789`;
    const html = await refused(`${base}/reason`, { reason: tooLong }, { title: 'Why you need help', href: '#reason', message: 'The reason you are not able to take your bins out must be 1000 characters or less' });
    expect(html).toContain(tooLong);
    expect(await next(session, `${base}/reason`, { reason: tooLong.slice(0, 1000) })).toBe(`${base}/collection-point`);
    await refused(`${base}/collection-point`, { 'collection-point': '' }, { title: 'Where we collect your bins', href: '#collection-point', message: 'Enter where our crew should collect your bins from' });
    const spot = await refused(`${base}/collection-point`, { 'collection-point': 'x'.repeat(501) }, {
      title: 'Where we collect your bins',
      href: '#collection-point',
      message: 'Where our crew should collect your bins from must be 500 characters or less',
    });
    expect(spot).toContain('x'.repeat(501));
  });

  it('asks whether it is for a short time, and for a real end date from tomorrow to two years ahead', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'alone' });
    await next(session, `${base}/reason`, { reason: REASON });
    await next(session, `${base}/collection-point`, { 'collection-point': SPOT });
    await refused(`${base}/temporary`, {}, { title: 'Do you need assisted collections for a short time only?', href: '#temporary', message: 'Select yes or no' });
    await next(session, `${base}/temporary`, { temporary: 'yes' });
    const url = `${base}/end-date`;
    const title = 'When will you stop needing assisted collections?';
    await refused(url, { 'end-date-day': '', 'end-date-month': '', 'end-date-year': '' }, { title, href: '#end-date-day', message: 'Enter the date you will stop needing assisted collections' });
    const partial = await refused(url, { 'end-date-day': '', 'end-date-month': '9', 'end-date-year': '2026' }, { title, href: '#end-date-day', message: 'The date you will stop needing assisted collections must include a day' });
    expect(partial).toContain('value="9"');
    await refused(url, { 'end-date-day': '31', 'end-date-month': '6', 'end-date-year': '2026' }, { title, href: '#end-date-day', message: 'The date you will stop needing assisted collections must be a real date' });
    // Today is not after today; two years and a day is too far.
    await refused(url, { 'end-date-day': '12', 'end-date-month': '5', 'end-date-year': '2026' }, { title, href: '#end-date-day', message: 'The date you will stop needing assisted collections must be in the future' });
    await refused(url, { 'end-date-day': '12', 'end-date-month': '5', 'end-date-year': '2028' }, { title, href: '#end-date-day', message: 'The date you will stop needing assisted collections must be between 13 May 2026 and 11 May 2028' });
    expect(await next(session, url, { 'end-date-day': '11', 'end-date-month': '5', 'end-date-year': '2028' })).toBe(`${base}/name`);
  });

  it('asks for a name, an address, a phone number, and an email address only in the right format', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'alone' });
    await needs(session, base, false);
    await refused(`${base}/name`, { 'name-first': '', 'name-last': '' }, { title: 'What is your name?', href: '#name-first', message: 'Enter a first name' });
    const name = await refused(`${base}/name`, { 'name-first': 'Doreen', 'name-last': '' }, { title: 'What is your name?', href: '#name-last', message: 'Enter a last name' });
    expect(name).toContain('value="Doreen"');
    await next(session, `${base}/name`, { 'name-first': 'Doreen', 'name-last': 'Okafor' });
    const title = 'What is your address?';
    await refused(`${base}/address`, { 'address-postcode': '', 'address-action': 'find' }, { title, href: '#address-postcode', message: 'Enter a postcode' });
    await refused(`${base}/address`, { 'address-postcode': 'E8', 'address-action': 'find' }, { title, href: '#address-postcode', message: 'Enter a full UK postcode' });
    await refused(`${base}/address`, { 'address-postcode': 'SY23 1DE', 'address-action': 'find' }, {
      title,
      href: '#address-postcode',
      message: 'SY23 1DE is not in the London Borough of Hackney area. Check the postcode, or enter the address manually',
    });
    await refused(`${base}/address`, { 'address-mode': 'choose', 'address-postcode': 'E8 2NS', 'address-uprn': '' }, { title, href: '#address-uprn', message: 'Select an address' });
    await answerAddress(session, `${base}/address`, HOME);
    const contact = 'How can we contact you?';
    await refused(`${base}/contact`, { phone: '', email: '' }, { title: contact, href: '#phone', message: 'Enter a telephone number' });
    const phone = await refused(`${base}/contact`, { phone: '12', email: 'doreen@example.com' }, {
      title: contact,
      href: '#phone',
      message: 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    });
    expect(phone).toContain('value="doreen@example.com"');
    const email = await refused(`${base}/contact`, { phone: '020 7946 0123', email: 'doreen@' }, {
      title: contact,
      href: '#email',
      message: 'Enter an email address in the correct format, like name@example.com',
    });
    expect(email).toContain('value="020 7946 0123"');
  });
});

describe('assisted-bin-collection as each council tailors it', () => {
  it('shows the catalogue’s start page at South Cambridgeshire, without Hackney’s words about flats', async () => {
    const app = await fresh('south-cambridgeshire');
    const text = await pageText(new Session(app.app), FORM);
    expect(text).toContain('This service is free. It takes about 5 minutes to apply.');
    expect(text).toContain('If you need help to fill in this form, call us on 03450 450 500.');
    expect(text).not.toContain('block of flats');
  });

  it('shows Ceredigion’s hint about gulls where the crew collects, and the catalogue’s at Hackney', async () => {
    const ceredigion = await fresh('ceredigion');
    const session = new Session(ceredigion.app);
    const base = await start(session);
    await next(session, `${base}/household`, { household: 'alone' });
    await next(session, `${base}/reason`, { reason: REASON });
    const there = await pageText(session, `${base}/collection-point`);
    expect(there).toContain('For example, "in the porch" or "beside the back door". It must be somewhere the crew can reach safely without a key, out of reach of gulls and animals.');

    const hackney = await fresh('hackney');
    const other = new Session(hackney.app);
    const hackneyBase = await start(other);
    await next(other, `${hackneyBase}/household`, { household: 'alone' });
    await next(other, `${hackneyBase}/reason`, { reason: REASON });
    const here = await pageText(other, `${hackneyBase}/collection-point`);
    expect(here).toContain('For example, "beside the back door" or "in the bin store by the side gate".');
    expect(here).not.toContain('gulls');
  });
});

describe('assisted-bin-collection at Ceredigion, in Welsh', () => {
  it('runs in Welsh with Welsh errors, confirms and emails in Welsh, and keeps both languages’ questions in the case', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const startPage = textOf(await (await session.get(`/cy${FORM}`)).text());
    expect(startPage).toContain('Gwneud cais am gasgliad biniau â chymorth');
    const base = await start(session, '/cy');
    const missing = await session.post(`${base}/household`, {});
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('<title>Gwall: Pwy sy&#39;n byw yn yr eiddo? – Cyngor Sir Ceredigion</title>');
    expect(missingHtml).toContain('<a href="#household">Dewiswch pwy sy&#39;n byw yn yr eiddo</a>');
    expect(await next(session, `${base}/household`, { household: 'with-adults' })).toBe(`${base}/others-able`);
    const yesno = await session.post(`${base}/others-able`, {});
    expect(yesno.status).toBe(400);
    expect(await yesno.text()).toContain('<a href="#others-able">Dewiswch ‘Ie’ neu ‘Na’</a>');
    expect(await next(session, `${base}/others-able`, { 'others-able': 'yes' })).toBe(`${base}/exit/someone-can-help`);
    const exit = textOf(await (await session.get(`${base}/exit/someone-can-help`)).text());
    expect(exit).toContain('Ni allwch gael casgliad biniau â chymorth');
    expect(exit).toContain("Mae casgliadau â chymorth ar gyfer cartrefi lle nad oes neb 16 oed neu'n hŷn yn gallu mynd â'r biniau allan.");
    expect(await next(session, `${base}/others-able`, { 'others-able': 'no' })).toBe(`${base}/reason`);
    await next(session, `${base}/reason`, { reason: 'Mae gen i arthritis yn fy nwylo.' });
    await next(session, `${base}/collection-point`, { 'collection-point': 'Yn y portsh' });
    await next(session, `${base}/temporary`, { temporary: 'no' });
    await next(session, `${base}/name`, { 'name-first': 'Carys', 'name-last': 'Jones' });
    expect(await answerAddress(session, `${base}/address`, { postcode: 'SY23 1DE', uprn: '10009400001' })).toBe(`${base}/contact`);
    expect(await next(session, `${base}/contact`, { phone: '01970 123456', email: 'carys@example.com' })).toBe(`${base}/check-answers`);

    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain("Rwy'n byw gyda phobl eraill sy'n 16 oed neu'n hŷn");
    expect(check).toContain('Na');
    expect(check).toContain("Byddaf yn rhoi gwybod i'r cyngor os bydd fy amgylchiadau'n newid");
    const reference = await send(session, base, '/cy');
    const done = await pageText(session, `/cy${FORM}/done/${reference}`);
    expect(done).toContain('Byddwn yn edrych ar eich cais.');
    expect(done).toContain('Ein nod yw ateb o fewn 10 diwrnod gwaith.');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.lang).toBe('cy');
    expect(stored!.details).toMatchObject({ name: 'Carys Jones', email: 'carys@example.com', phone: '01970 123 456', postcode: 'SY23 1DE', uprn: '10009400001' });
    expect(stored!.form!.answers.find((a) => a.key === 'household')).toMatchObject({
      question: { en: 'Who lives at the property?', cy: "Pwy sy'n byw yn yr eiddo?" },
      text: ["Rwy'n byw gyda phobl eraill sy'n 16 oed neu'n hŷn"],
      value: 'with-adults',
    });
    const opened = await openCaseAnswers(app.cipher, stored!.form!.answers, caseSealContext('ceredigion', reference, 'assisted-bin-collection'));
    expect(opened.find((a) => a.key === 'reason')).toMatchObject({ specialCategory: true, value: 'Mae gen i arthritis yn fy nwylo.' });

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'carys@example.com', lang: 'cy', template: 'form-confirmation' });
    expect(email.subject).toBe(`Gwneud cais am gasgliad biniau â chymorth: ffurflen wedi’i hanfon, cyfeirnod ${reference}`);
    expect(email.body).toContain('Ein nod yw ateb o fewn 10 diwrnod gwaith.');
  });
});

/** An application through the pages, sent: its reference. */
async function sendApplication(app: ReturnType<typeof createCouncilApp>): Promise<string> {
  const session = new Session(app);
  const base = await start(session);
  await next(session, `${base}/household`, { household: 'alone' });
  await needs(session, base, true);
  await aboutYou(session, base, { phone: '020 7946 0123', email: 'doreen@example.com' });
  return send(session, base);
}

describe('assisted-bin-collection’s webhook', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());

  it('posts the sent application to the council’s system, signed with its webhook key, with an idempotency key', async () => {
    receiver.requests.length = 0;
    receiver.reply = 204;
    const w = await webhookApp({ endpoint: store.endpoint, council: 'hackney', form: 'assisted-bin-collection', url: receiver.url, now: NOW });

    const reference = await sendApplication(w.app);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-ldf-signature']).toBe(hmacSignature(request.body, await w.secrets.get('webhook-signing-key')));
    expect(request.headers['x-ldf-signature']).not.toBe(hmacSignature(request.body, 'another key'));
    expect(request.headers['idempotency-key']).toBe(`hackney:${reference}`);
    const payload = JSON.parse(request.body);
    expect(payload).toMatchObject({ formId: 'assisted-bin-collection', formVersion: 1, language: 'en', reference, submittedAt: new Date(NOW).toISOString() });
    expect(payload.answers.map((a: { key: string }) => a.key)).toEqual(['household', 'reason', 'collection-point', 'temporary', 'end-date', 'name', 'address', 'phone', 'email']);
    expect(payload.answers.find((a: { key: string }) => a.key === 'household')).toMatchObject({ question: 'Who lives at the property?', answer: 'I live on my own', value: 'alone' });
    // Special-category data never leaves the platform: withheld, with neither text nor value.
    expect(payload.answers.find((a: { key: string }) => a.key === 'reason')).toEqual({ key: 'reason', question: 'Why are you not able to take your bins out?', specialCategory: true, withheld: true });
    expect(request.body).not.toContain(REASON);
    expect(payload.answers.find((a: { key: string }) => a.key === 'end-date')).toMatchObject({ answer: '30 November 2026', value: '2026-11-30' });
  });

  it('retries a receiver that answers 500 on the schedule, the same body and key each time, until it answers 200, and keeps the case', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const w = await webhookApp({ endpoint: store.endpoint, council: 'hackney', form: 'assisted-bin-collection', url: receiver.url, now: NOW });

    const reference = await sendApplication(w.app);
    // The resident's application is made however the council's system answers.
    expect(receiver.requests).toHaveLength(1);
    const stored = await getCase(w.store, reference, new Date(NOW));
    expect(stored).toBeDefined();

    const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000);
    await w.schedule(at(0.5));
    expect(receiver.requests).toHaveLength(1);
    expect(await w.schedule(at(1))).toMatchObject({ outputsRetrying: 1, outputsDelivered: 0 });
    expect(receiver.requests).toHaveLength(2);
    expect(await w.schedule(at(30))).toMatchObject({ outputsRetrying: 1 });
    expect(receiver.requests).toHaveLength(3);
    receiver.reply = 200;
    expect(await w.schedule(at(120))).toMatchObject({ outputsDelivered: 1 });
    expect(receiver.requests).toHaveLength(4);
    await w.schedule(at(24 * 60));
    expect(receiver.requests).toHaveLength(4);

    const secret = await w.secrets.get('webhook-signing-key');
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(Array(4).fill(`hackney:${reference}`));
    for (const r of receiver.requests) expect(r.headers['x-ldf-signature']).toBe(hmacSignature(r.body, secret));
    expect(await getCase(w.store, reference, at(24 * 60))).toEqual(stored);
  });
});
