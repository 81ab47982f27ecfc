/**
 * The catalogue's new-bin-request form as councils adopt it, through app.request(): every route
 * (damaged, stolen with and without a police report, a new-build home, more room above and below
 * the household threshold), the bins offered from the property's own containers, check answers and
 * Change, sending (the confirmation, the email, the case), every question's errors, the councils'
 * overrides, no save and return, and the webhook with its retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCouncilApp } from '../../functions/app.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { answerAddress, hmacSignature, next, pageText, Receiver, startForm, webhookApp } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/new-bin-request';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (councilId: string) => testApp(councilId, { endpoint: store.endpoint, now: NOW });

/** Presses Start now; answers the draft's base path. */
const start = (session: Session, prefix = '') => startForm(session, FORM, 'address', prefix);

// 3 Foxglove Way pays for garden waste (a green bin); 7 Foxglove Way does not.
const SUBSCRIBER = { postcode: 'CB23 6DW', uprn: '10033500001' };
const NON_SUBSCRIBER = { postcode: 'CB23 6DW', uprn: '10033500002' };

/** Address and reason answered; where the reason leads. */
async function toReason(session: Session, reason: string, home = SUBSCRIBER): Promise<{ base: string; after: string }> {
  const base = await start(session);
  expect(await answerAddress(session, `${base}/address`, home)).toBe(`${base}/reason`);
  return { base, after: await next(session, `${base}/reason`, { reason }) };
}

/** From the bins page to check answers. */
async function finish(session: Session, base: string, containers: string[]): Promise<void> {
  expect(await next(session, `${base}/containers`, { containers })).toBe(`${base}/name`);
  expect(await next(session, `${base}/name`, { 'name-first': 'Priya', 'name-last': 'Shah' })).toBe(`${base}/contact`);
  expect(await next(session, `${base}/contact`, { email: 'priya@example.com', phone: '07700 900982' })).toBe(`${base}/check-answers`);
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

describe('new-bin-request at South Cambridgeshire', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh('south-cambridgeshire');
  });

  it('asks what is wrong with a damaged bin, offers the property’s own bins, and sends a case with every answer', async () => {
    const session = new Session(app.app);
    const { base, after } = await toReason(session, 'damaged');
    expect(after).toBe(`${base}/damage`);
    expect(await next(session, `${base}/damage`, { damage: ['lid', 'wheels'] })).toBe(`${base}/containers`);

    // A garden waste subscriber's bins: the round's and the green bin, with South Cambridgeshire's hint.
    const bins = await (await session.get(`${base}/containers`)).text();
    expect(bins).toMatch(/<h1[^>]*>\s*Which bins or boxes do you need\?/);
    const binsText = textOf(bins);
    for (const bin of ['Black bin', 'Blue bin', 'Green bin', 'Food caddy']) expect(binsText).toContain(bin);
    expect(binsText).toContain('Select all that apply. You can only have a green bin with a garden waste subscription.');
    await finish(session, base, ['black-bin', 'green-bin']);

    const check = await (await session.get(`${base}/check-answers`)).text();
    const checkText = textOf(check);
    for (const shown of ['3 Foxglove Way', 'It is damaged', 'The lid is broken or missing', 'A wheel or the axle is broken', 'Black bin', 'Green bin', 'Priya Shah', 'priya@example.com', '07700 900 982']) {
      expect(checkText).toContain(shown);
    }
    expect(checkText).not.toContain('green-bin');
    expect(checkText).toContain('I confirm that the information I have given is correct.');
    for (const page of ['address', 'reason', 'damage', 'containers', 'name', 'contact']) expect(check).toContain(`href="${base}/${page}?change=1"`);

    const reference = await send(session, base);
    const done = await pageText(session, `${FORM}/done/${reference}`);
    expect(done).toContain(`Your reference number ${reference}`);
    expect(done).toContain('We will check your request and deliver your new bin or box. You do not need to be at home.');
    expect(done).toContain('We aim to deliver within 10 working days.');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored).toMatchObject({ service: 'forms', type: 'new-bin-request', lang: 'en', submissionId: base.split('/').pop() });
    expect(stored!.details).toEqual({
      name: 'Priya Shah',
      email: 'priya@example.com',
      phone: '07700 900 982',
      address: '3 Foxglove Way, Cambourne, Cambridge',
      postcode: 'CB23 6DW',
      uprn: '10033500001',
    });
    expect(stored!.form).toMatchObject({ id: 'new-bin-request', version: 1 });
    const answers = stored!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['address', 'reason', 'damage', 'containers', 'name', 'email', 'phone']);
    expect(answers.find((a) => a.key === 'containers')).toEqual({
      key: 'containers',
      question: { en: 'Which bins or boxes do you need?', cy: 'Pa finiau neu flychau sydd eu hangen arnoch?' },
      text: ['Black bin, Green bin'],
      value: ['black-bin', 'green-bin'],
    });
    expect(answers.find((a) => a.key === 'damage')).toMatchObject({ value: ['lid', 'wheels'], question: { en: 'What is wrong with it?', cy: "Beth sy'n bod arno?" } });
    expect(answers.find((a) => a.key === 'reason')).toMatchObject({ text: ['It is damaged'], value: 'damaged' });
    // A year, as the form says.
    expect(stored!.expiresAt).toBe(Date.parse(NOW) / 1000 + 365 * 86_400);

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'priya@example.com', lang: 'en', template: 'form-confirmation' });
    expect(email.subject).toBe(`Request a new or replacement bin or box: form sent, reference ${reference}`);
    expect(email.body).toContain('We will check your request and deliver your new bin or box.');
    expect(email.body).toContain('We aim to deliver within 10 working days.');
  });

  it('offers no green bin to a home without a garden waste subscription, and refuses one posted anyway', async () => {
    const session = new Session(app.app);
    const { base } = await toReason(session, 'damaged', NON_SUBSCRIBER);
    await next(session, `${base}/damage`, { damage: ['split'] });
    const bins = textOf(await (await session.get(`${base}/containers`)).text());
    for (const bin of ['Black bin', 'Blue bin', 'Food caddy']) expect(bins).toContain(bin);
    expect(bins).not.toContain('Green bin');

    const res = await session.post(`${base}/containers`, { containers: ['green-bin'] });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Error: Select the bins or boxes you need');
  });

  it('asks for the crime reference when a stolen bin was reported to the police, and shows it to check', async () => {
    const session = new Session(app.app);
    const { base, after } = await toReason(session, 'stolen');
    expect(after).toBe(`${base}/reported`);
    const reported = await pageText(session, `${base}/reported`);
    expect(reported).toContain('Before you tell us a bin is missing, look along your street');
    expect(await next(session, `${base}/reported`, { reported: 'yes' })).toBe(`${base}/crime-reference`);
    expect(await next(session, `${base}/crime-reference`, { 'crime-reference': 'CB-26-04123' })).toBe(`${base}/containers`);
    await finish(session, base, ['blue-bin']);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('It has been stolen or is missing');
    expect(check).toContain('CB-26-04123');

    const reference = await send(session, base);
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['address', 'reason', 'reported', 'crime-reference', 'containers', 'name', 'email', 'phone']);
    expect(answers.find((a) => a.key === 'crime-reference')).toMatchObject({ text: ['CB-26-04123'], value: 'CB-26-04123' });
  });

  it('takes a reported theft without a crime reference yet', async () => {
    const session = new Session(app.app);
    const { base } = await toReason(session, 'stolen');
    await next(session, `${base}/reported`, { reported: 'yes' });
    expect(await next(session, `${base}/crime-reference`, { 'crime-reference': '' })).toBe(`${base}/containers`);
    await finish(session, base, ['food-caddy']);
    const reference = await send(session, base);
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.find((a) => a.key === 'reported')).toMatchObject({ value: 'yes' });
    expect(answers.find((a) => a.key === 'containers')).toMatchObject({ text: ['Food caddy'] });
  });

  it('goes straight to the bins when a missing bin was not reported, and drops a crime reference a changed answer routes around', async () => {
    const session = new Session(app.app);
    const { base } = await toReason(session, 'stolen');
    expect(await next(session, `${base}/reported`, { reported: 'no' })).toBe(`${base}/containers`);
    await finish(session, base, ['black-bin']);
    // Said yes after all, with a reference; then no again: the reference is off the path.
    expect(await next(session, `${base}/reported?change=1`, { reported: 'yes' })).toBe(`${base}/crime-reference?change=1`);
    expect(await next(session, `${base}/crime-reference?change=1`, { 'crime-reference': 'CB-1' })).toBe(`${base}/check-answers`);
    expect(await next(session, `${base}/reported?change=1`, { reported: 'no' })).toBe(`${base}/check-answers`);
    expect(textOf(await (await session.get(`${base}/check-answers`)).text())).not.toContain('CB-1');
    const reference = await send(session, base);
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['address', 'reason', 'reported', 'containers', 'name', 'email', 'phone']);
  });

  it('asks a new-build home’s moving-in date, from a year ago to 90 days ahead', async () => {
    const session = new Session(app.app);
    const { base, after } = await toReason(session, 'new-property');
    expect(after).toBe(`${base}/moved-in`);
    const tooLate = await session.post(`${base}/moved-in`, { 'moved-in-day': '11', 'moved-in-month': '8', 'moved-in-year': '2026' });
    expect(tooLate.status).toBe(400);
    expect(textOf(await tooLate.text())).toContain('must be between 12 May 2025 and 10 August 2026');
    const tooEarly = await session.post(`${base}/moved-in`, { 'moved-in-day': '11', 'moved-in-month': '5', 'moved-in-year': '2025' });
    expect(tooEarly.status).toBe(400);
    expect(await next(session, `${base}/moved-in`, { 'moved-in-day': '10', 'moved-in-month': '8', 'moved-in-year': '2026' })).toBe(`${base}/containers`);
    await finish(session, base, ['black-bin', 'blue-bin', 'food-caddy']);
    expect(textOf(await (await session.get(`${base}/check-answers`)).text())).toContain('10 August 2026');
    const reference = await send(session, base);
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.find((a) => a.key === 'moved-in')).toMatchObject({ text: ['10 August 2026'], value: '2026-08-10' });
    expect(answers.find((a) => a.key === 'containers')).toMatchObject({ text: ['Black bin, Blue bin, Food caddy'] });
  });

  it('turns away a household smaller than 6 wanting more room, with the exit page and the council’s number', async () => {
    const session = new Session(app.app);
    const { base, after } = await toReason(session, 'extra-capacity');
    expect(after).toBe(`${base}/household-size`);
    expect(await next(session, `${base}/household-size`, { 'household-size': '5' })).toBe(`${base}/exit/extra-not-eligible`);
    const exit = await (await session.get(`${base}/exit/extra-not-eligible`)).text();
    expect(exit).toContain('<h1 class="govuk-heading-l">You cannot have more room for your waste</h1>');
    expect(textOf(exit)).toContain('We give a larger or extra bin to households of 6 or more people.');
    expect(textOf(exit)).toContain('call us on 03450 450 500');
    expect(exit).toContain(`href="${base}/household-size"`);
    // Nothing can be sent from an exit.
    expect((await session.post(`${base}/check-answers`, {})).headers.get('location')).toBe(`${base}/exit/extra-not-eligible`);
  });

  it('lets a household of 6 ask for more room, and goes on to the bins', async () => {
    const session = new Session(app.app);
    const { base } = await toReason(session, 'extra-capacity');
    expect(await next(session, `${base}/household-size`, { 'household-size': '6' })).toBe(`${base}/containers`);
    await finish(session, base, ['black-bin']);
    const check = await (await session.get(`${base}/check-answers`)).text();
    expect(textOf(check)).toContain('My household needs more room for its waste');
    expect(check).toContain(`href="${base}/household-size?change=1"`);
    // Changed to fewer people, the form ends at the exit; back to 7, to check answers.
    expect(await next(session, `${base}/household-size?change=1`, { 'household-size': '2' })).toBe(`${base}/exit/extra-not-eligible`);
    expect(await next(session, `${base}/household-size?change=1`, { 'household-size': '7' })).toBe(`${base}/check-answers`);
    const reference = await send(session, base);
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.find((a) => a.key === 'household-size')).toMatchObject({ text: ['7'], value: 7 });
  });

  it('changes the reason from check answers, asking the new reason’s question and dropping the old one’s answer', async () => {
    const session = new Session(app.app);
    const { base } = await toReason(session, 'damaged');
    await next(session, `${base}/damage`, { damage: ['other'] });
    await finish(session, base, ['blue-bin']);
    // The page the new reason needs, then straight back to check answers.
    expect(await next(session, `${base}/reason?change=1`, { reason: 'stolen' })).toBe(`${base}/reported?change=1`);
    expect(await next(session, `${base}/reported?change=1`, { reported: 'no' })).toBe(`${base}/check-answers`);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('It has been stolen or is missing');
    expect(check).not.toContain('Something else');
    const reference = await send(session, base);
    expect((await getCase(app.store, reference, new Date(NOW)))!.form!.answers.map((a) => a.key)).not.toContain('damage');
  });

  it('offers no save and return: no save button, and no save page', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    const html = await (await session.get(`${base}/address`)).text();
    expect(textOf(html)).not.toContain('Save and come back later');
    expect(html).not.toContain('name="save"');
    expect((await session.get(`${base}/save`)).status).toBe(404);
  });
});

describe('new-bin-request’s errors', () => {
  let app: TestApp;
  let session: Session;
  beforeAll(async () => {
    app = await fresh('south-cambridgeshire');
  });

  /** Posts the page and expects GOV.UK's error page: 400, `Error:` title, the summary linking to the field, the message. */
  async function refused(url: string, fields: Record<string, string | string[]>, expected: { title: string; href: string; message: string }): Promise<string> {
    const res = await session.post(url, fields);
    expect(res.status, url).toBe(400);
    const html = await res.text();
    expect(html).toContain(`<title>Error: ${expected.title} – South Cambridgeshire District Council</title>`);
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toMatch(new RegExp(`<a href="${expected.href}"[^>]*>${expected.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a>`));
    expect(textOf(html)).toContain(`Error: ${expected.message}`);
    return html;
  }

  it('explains each address error: no postcode, not a postcode, outside the district, no address chosen', async () => {
    session = new Session(app.app);
    const base = await start(session);
    const title = 'What is your address?';
    await refused(`${base}/address`, { 'address-postcode': '', 'address-action': 'find' }, { title, href: '#address-postcode', message: 'Enter a postcode' });
    const invalid = await refused(`${base}/address`, { 'address-postcode': 'NOT A CODE', 'address-action': 'find' }, { title, href: '#address-postcode', message: 'Enter a full UK postcode' });
    expect(invalid).toContain('value="NOT A CODE"');
    await refused(`${base}/address`, { 'address-postcode': 'E5 0LH', 'address-action': 'find' }, {
      title,
      href: '#address-postcode',
      message: 'E5 0LH is not in the South Cambridgeshire District Council area. Check the postcode, or enter the address manually',
    });
    await refused(`${base}/address`, { 'address-mode': 'choose', 'address-postcode': 'CB23 6DW', 'address-uprn': '' }, { title, href: '#address-uprn', message: 'Select an address' });
  });

  it('explains each manual address error, keeping what was typed', async () => {
    session = new Session(app.app);
    const base = await start(session);
    const html = await refused(
      `${base}/address`,
      { 'address-mode': 'manual', 'address-line1': '', 'address-line2': 'Lower Cambourne', 'address-town': '', 'address-postcode': 'nope' },
      { title: 'What is your address?', href: '#address-line1', message: 'Enter address line 1, typically the building and street' },
    );
    const text = textOf(html);
    expect(text).toContain('Enter town or city');
    expect(text).toContain('Enter a real postcode');
    expect(html).toContain('value="Lower Cambourne"');
  });

  it('asks for a reason, what is wrong, whether it was reported, and a short crime reference', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await answerAddress(session, `${base}/address`, SUBSCRIBER);
    await refused(`${base}/reason`, {}, { title: 'Why do you need a new bin or box?', href: '#reason', message: 'Select why you need a new bin or box' });
    await next(session, `${base}/reason`, { reason: 'damaged' });
    await refused(`${base}/damage`, {}, { title: 'What is wrong with it?', href: '#damage', message: 'Select what is wrong with your bin or box' });
    await next(session, `${base}/reason?change=1`, { reason: 'stolen' });
    await refused(`${base}/reported`, {}, { title: 'A missing or stolen bin', href: '#reported', message: 'Select yes or no' });
    await next(session, `${base}/reported`, { reported: 'yes' });
    const long = 'X'.repeat(31);
    const html = await refused(`${base}/crime-reference`, { 'crime-reference': long }, {
      title: 'What is the crime reference number?',
      href: '#crime-reference',
      message: 'The crime reference number must be 30 characters or less',
    });
    expect(html).toContain(`value="${long}"`);
  });

  it('asks for a real moving-in date in the window', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await answerAddress(session, `${base}/address`, SUBSCRIBER);
    await next(session, `${base}/reason`, { reason: 'new-property' });
    const url = `${base}/moved-in`;
    const title = 'When did you move in?';
    await refused(url, { 'moved-in-day': '', 'moved-in-month': '', 'moved-in-year': '' }, { title, href: '#moved-in-day', message: 'Enter the date you moved in' });
    const partial = await refused(url, { 'moved-in-day': '3', 'moved-in-month': '', 'moved-in-year': '2026' }, { title, href: '#moved-in-month', message: 'The date you moved in must include a month' });
    expect(partial).toContain('value="3"');
    expect(partial).toContain('value="2026"');
    await refused(url, { 'moved-in-day': '31', 'moved-in-month': '2', 'moved-in-year': '2026' }, { title, href: '#moved-in-day', message: 'The date you moved in must be a real date' });
    await refused(url, { 'moved-in-day': '1', 'moved-in-month': '1', 'moved-in-year': '2027' }, { title, href: '#moved-in-day', message: 'The date you moved in must be between 12 May 2025 and 10 August 2026' });
  });

  it('asks for a whole number of people from 1 to 30', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await answerAddress(session, `${base}/address`, SUBSCRIBER);
    await next(session, `${base}/reason`, { reason: 'extra-capacity' });
    const url = `${base}/household-size`;
    const title = 'How many people live at the property?';
    await refused(url, { 'household-size': '' }, { title, href: '#household-size', message: 'Enter the number of people who live at the property' });
    const words = await refused(url, { 'household-size': 'six' }, { title, href: '#household-size', message: 'The number of people who live at the property must be a number' });
    expect(words).toContain('value="six"');
    await refused(url, { 'household-size': '6.5' }, { title, href: '#household-size', message: 'The number of people who live at the property must be a whole number' });
    await refused(url, { 'household-size': '0' }, { title, href: '#household-size', message: 'The number of people who live at the property must be between 1 and 30' });
    await refused(url, { 'household-size': '31' }, { title, href: '#household-size', message: 'The number of people who live at the property must be between 1 and 30' });
  });

  it('asks for a bin, a name and a valid email, and checks an optional phone number when given', async () => {
    session = new Session(app.app);
    const base = await start(session);
    await answerAddress(session, `${base}/address`, SUBSCRIBER);
    await next(session, `${base}/reason`, { reason: 'stolen' });
    await next(session, `${base}/reported`, { reported: 'no' });
    await refused(`${base}/containers`, {}, { title: 'Which bins or boxes do you need?', href: '#containers', message: 'Select the bins or boxes you need' });
    await next(session, `${base}/containers`, { containers: ['black-bin'] });
    const name = await refused(`${base}/name`, { 'name-first': 'Priya', 'name-last': '' }, { title: 'What is your name?', href: '#name-last', message: 'Enter a last name' });
    expect(name).toContain('value="Priya"');
    await refused(`${base}/name`, { 'name-first': '', 'name-last': 'Shah' }, { title: 'What is your name?', href: '#name-first', message: 'Enter a first name' });
    await next(session, `${base}/name`, { 'name-first': 'Priya', 'name-last': 'Shah' });
    const title = 'How can we contact you?';
    await refused(`${base}/contact`, { email: '', phone: '' }, { title, href: '#email', message: 'Enter an email address' });
    const bad = await refused(`${base}/contact`, { email: 'priya.example.com', phone: '' }, { title, href: '#email', message: 'Enter an email address in the correct format, like name@example.com' });
    expect(bad).toContain('value="priya.example.com"');
    const phone = await refused(`${base}/contact`, { email: 'priya@example.com', phone: 'call me' }, {
      title,
      href: '#phone',
      message: 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    });
    expect(phone).toContain('value="priya@example.com"');
    // The phone number is optional.
    expect(await next(session, `${base}/contact`, { email: 'priya@example.com', phone: '' })).toBe(`${base}/check-answers`);
  });
});

describe('new-bin-request as each council tailors it', () => {
  it('shows South Cambridgeshire’s green bin hint there and the catalogue’s at Hackney', async () => {
    const hackney = await fresh('hackney');
    const session = new Session(hackney.app);
    const base = await start(session);
    expect(await answerAddress(session, `${base}/address`, { postcode: 'E8 2NS', uprn: '10008200011' })).toBe(`${base}/reason`);
    await next(session, `${base}/reason`, { reason: 'stolen' });
    await next(session, `${base}/reported`, { reported: 'no' });
    const bins = textOf(await (await session.get(`${base}/containers`)).text());
    expect(bins).toContain('Select all that apply.');
    expect(bins).not.toContain('garden waste subscription');
  });

  it('gives more room to a household of 5 at Highland, whose threshold is 5, and says so on the exit page', async () => {
    const highland = await fresh('highland');
    const session = new Session(highland.app);
    const base = await start(session);
    expect(await answerAddress(session, `${base}/address`, { postcode: 'IV3 5PS', uprn: '13000700001' })).toBe(`${base}/reason`);
    await next(session, `${base}/reason`, { reason: 'extra-capacity' });
    expect(await next(session, `${base}/household-size`, { 'household-size': '5' })).toBe(`${base}/containers`);
    expect(await next(session, `${base}/household-size?change=1`, { 'household-size': '4' })).toBe(`${base}/exit/extra-not-eligible`);
    const exit = textOf(await (await session.get(`${base}/exit/extra-not-eligible`)).text());
    expect(exit).toContain('households of 5 or more people');
    expect(exit).toContain('call us on 01349 886606');
  });
});

describe('new-bin-request at Ceredigion, in Welsh', () => {
  it('asks for bags, boxes or caddies, confirms and emails in Welsh, and keeps both languages’ questions in the case', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const base = await start(session, '/cy');
    expect(await answerAddress(session, `${base}/address`, { postcode: 'SY23 1DE', uprn: '10009400001' })).toBe(`${base}/reason`);
    expect(await next(session, `${base}/reason`, { reason: 'damaged' })).toBe(`${base}/damage`);
    const missing = await session.post(`${base}/damage`, {});
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('<title>Gwall: Beth sy&#39;n bod arno? – Cyngor Sir Ceredigion</title>');
    expect(missingHtml).toContain('<a href="#damage">Dewiswch yr hyn sy&#39;n bod ar eich bin neu eich blwch</a>');
    expect(await next(session, `${base}/damage`, { damage: ['split'] })).toBe(`${base}/containers`);
    const bins = await (await session.get(`${base}/containers`)).text();
    expect(bins).toContain('<html lang="cy"');
    expect(textOf(bins.slice(bins.indexOf('<h1')))).toContain('Pa fagiau, blychau neu gadis sydd eu hangen arnoch?');
    const values = [...bins.matchAll(/name="containers" type="checkbox" value="([^"]+)"/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(0);
    expect(await next(session, `${base}/containers`, { containers: [values[0]] })).toBe(`${base}/name`);
    await next(session, `${base}/name`, { 'name-first': 'Carys', 'name-last': 'Jones' });
    expect(await next(session, `${base}/contact`, { email: 'carys@example.com', phone: '' })).toBe(`${base}/check-answers`);

    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain("Mae wedi'i ddifrodi");
    expect(check).toContain('Mae wedi hollti neu gracio');
    expect(check).toContain("Rwy'n cadarnhau bod yr wybodaeth a roddais yn gywir.");
    const reference = await send(session, base, '/cy');
    const done = await pageText(session, `/cy${FORM}/done/${reference}`);
    expect(done).toContain('Byddwn yn gwirio eich cais ac yn danfon eich bin neu eich blwch newydd.');
    expect(done).toContain('Ein nod yw danfon o fewn 10 diwrnod gwaith.');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.lang).toBe('cy');
    expect(stored!.details).toMatchObject({ name: 'Carys Jones', email: 'carys@example.com', postcode: 'SY23 1DE', uprn: '10009400001' });
    const containers = stored!.form!.answers.find((a) => a.key === 'containers')!;
    expect(containers.question).toEqual({ en: 'Which bags, boxes or caddies do you need?', cy: 'Pa fagiau, blychau neu gadis sydd eu hangen arnoch?' });
    expect(containers.value).toEqual([values[0]]);
    expect(stored!.form!.answers.find((a) => a.key === 'reason')).toMatchObject({ text: ["Mae wedi'i ddifrodi"], question: { en: 'Why do you need a new bin or box?' } });

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'carys@example.com', lang: 'cy', template: 'form-confirmation' });
    expect(email.subject).toContain(`cyfeirnod ${reference}`);
    expect(email.body).toContain('Ein nod yw danfon o fewn 10 diwrnod gwaith.');
  });
});

/** A stolen-bin request through the pages, sent: its reference. */
async function sendStolenBin(app: ReturnType<typeof createCouncilApp>): Promise<string> {
  const session = new Session(app);
  const { base } = await toReason(session, 'stolen');
  await next(session, `${base}/reported`, { reported: 'yes' });
  await next(session, `${base}/crime-reference`, { 'crime-reference': 'CB-26-04123' });
  await finish(session, base, ['black-bin', 'food-caddy']);
  return send(session, base);
}

describe('new-bin-request’s webhook', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());

  it('posts the sent form to the council’s system, signed with its webhook key, with an idempotency key', async () => {
    receiver.requests.length = 0;
    receiver.reply = 200;
    const w = await webhookApp({ endpoint: store.endpoint, council: 'south-cambridgeshire', form: 'new-bin-request', url: receiver.url, now: NOW });

    const reference = await sendStolenBin(w.app);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-ldf-signature']).toBe(hmacSignature(request.body, await w.secrets.get('webhook-signing-key')));
    expect(request.headers['idempotency-key']).toBe(`south-cambridgeshire:${reference}`);
    const payload = JSON.parse(request.body);
    expect(payload).toMatchObject({ formId: 'new-bin-request', formVersion: 1, language: 'en', reference, submittedAt: new Date(NOW).toISOString() });
    expect(payload.answers.map((a: { key: string }) => a.key)).toEqual(['address', 'reason', 'reported', 'crime-reference', 'containers', 'name', 'email', 'phone']);
    expect(payload.answers.find((a: { key: string }) => a.key === 'containers')).toMatchObject({
      question: 'Which bins or boxes do you need?',
      answer: 'Black bin, Food caddy',
      value: ['black-bin', 'food-caddy'],
    });
    expect(payload.answers.find((a: { key: string }) => a.key === 'crime-reference')).toMatchObject({ answer: 'CB-26-04123', value: 'CB-26-04123' });
  });

  it('retries a receiver that answers 500 on the schedule, the same body and key each time, until it answers 200, and keeps the case', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const w = await webhookApp({ endpoint: store.endpoint, council: 'south-cambridgeshire', form: 'new-bin-request', url: receiver.url, now: NOW });

    const reference = await sendStolenBin(w.app);
    // The resident's send is not held up by the council's system.
    expect(receiver.requests).toHaveLength(1);
    const stored = await getCase(w.store, reference, new Date(NOW));
    expect(stored).toBeDefined();

    // Not due within the first minute.
    const soon = new Date(Date.parse(NOW) + 30_000);
    await w.schedule(soon);
    expect(receiver.requests).toHaveLength(1);
    // A minute on: tried again, still failing.
    const minute = new Date(Date.parse(NOW) + 60_000);
    expect(await w.schedule(minute)).toMatchObject({ outputsRetrying: 1, outputsDelivered: 0 });
    expect(receiver.requests).toHaveLength(2);
    // An hour on, the receiver is back: delivered, and not sent again after that.
    receiver.reply = 200;
    const hour = new Date(Date.parse(NOW) + 3_600_000);
    expect(await w.schedule(hour)).toMatchObject({ outputsDelivered: 1 });
    expect(receiver.requests).toHaveLength(3);
    await w.schedule(new Date(Date.parse(NOW) + 86_400_000));
    expect(receiver.requests).toHaveLength(3);

    const secret = await w.secrets.get('webhook-signing-key');
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(Array(3).fill(`south-cambridgeshire:${reference}`));
    for (const r of receiver.requests) expect(r.headers['x-ldf-signature']).toBe(hmacSignature(r.body, secret));
    expect(JSON.parse(receiver.requests[2].body).reference).toBe(reference);
    expect(await getCase(w.store, reference, new Date(Date.parse(NOW) + 86_400_000))).toEqual(stored);
  });
});
