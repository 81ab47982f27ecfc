/**
 * The catalogue's dropped kerb form, as councils adopt it, through app.request(): every route (the
 * owner, a tenant with and without the owner's permission, a driveway too short for the council's
 * minimum, a classified road with and without planning permission), the sketch upload, check
 * answers and its Change links, sending, the confirmation, the email and the case; every question's
 * errors; save and return; the webhook to the council's system. Hackney (4.8 m minimum), Ceredigion
 * (5 m, and Welsh) and Highland (no planning reference asked) adopt it.
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

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/dropped-kerb';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const MB = 1024 * 1024;

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (councilId = 'hackney'): Promise<TestApp> => testApp(councilId, { endpoint: store.endpoint, now: NOW });

/** Presses Start now; answers the draft's base path. */
const start = (session: Session, prefix = '') => startForm(session, FORM, 'address', prefix);

/** A postcode and a property in it, from each council's gazetteer. */
const PROPERTY = {
  hackney: { postcode: 'E5 0LH', uprn: '10008200003', line: '58 Linscott Road, London, E5 0LH' },
  ceredigion: { postcode: 'SY23 1DE', uprn: '10009400001', line: '5 Ffordd y Môr, Aberystwyth, SY23 1DE' },
} as const;

/** Answers from the first page to the one named (not answering it): the owner, a 5.5 m driveway on an A road with planning applied for, no sketch. */
async function upTo(session: Session, base: string, stop: string, property: { postcode: string; uprn: string } = PROPERTY.hackney): Promise<void> {
  const steps: [string, Record<string, string> | null][] = [
    ['address', null],
    ['owner', { owner: 'yes' }],
    ['surface', { surface: 'block-paving' }],
    ['depth', { depth: '5.5' }],
    ['classified-road', { 'classified-road': 'yes' }],
    ['planning', { 'planning-permission': 'applied', 'planning-reference': '24/01234/FUL' }],
    ['sketch', {}],
    ['name', { 'name-first': 'Ann', 'name-last': 'Jones' }],
    ['contact', { email: 'ann@example.com', phone: '020 7946 0000' }],
  ];
  let location = `${base}/address`;
  for (const [i, [page, fields]] of steps.entries()) {
    if (page === stop) return;
    expect(location, `before ${page}`).toBe(`${base}/${page}`);
    location = fields ? await next(session, location, fields) : await answerAddress(session, location, property, { typed: property.postcode.toLowerCase() });
    if (i === steps.length - 1) expect(location).toBe(`${base}/check-answers`);
  }
  if (stop !== 'check-answers') throw new Error(`No page ${stop}`);
}

/** Checks an exit page: its heading, a line of its body, the back link, and that nothing later opens or sends. */
async function expectExit(app: TestApp, session: Session, base: string, exit: string, from: string, heading: string, body: string): Promise<void> {
  const res = await session.get(`${base}/exit/${exit}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain(`<h1 class="govuk-heading-l">${heading}</h1>`);
  expect(textOf(html)).toContain(body);
  expect(html).toContain(`href="${base}/${from}"`);
  expect((await session.get(`${base}/check-answers`)).headers.get('location')).toBe(`${base}/exit/${exit}`);
  expect((await session.post(`${base}/check-answers`, {})).headers.get('location')).toBe(`${base}/exit/${exit}`);
  expect(await countCases(app)).toBe(0);
}

describe('the owner’s permission', () => {
  it('a tenant without the owner’s written permission ends at the exit that says to ask for it', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'owner');
    expect(await next(session, `${base}/owner`, { owner: 'no' })).toBe(`${base}/landlord-permission`);
    const question = textOf(await (await session.get(`${base}/landlord-permission`)).text());
    expect(question).toContain('If you rent, the owner is usually your landlord or housing association.');

    expect(await next(session, `${base}/landlord-permission`, { 'landlord-permission': 'no' })).toBe(`${base}/exit/no-permission`);

    await expectExit(app, session, base, 'no-permission', 'landlord-permission', 'You need the owner&#39;s permission', 'If you have any questions, call us on 020 8356 3000.');
  });

  it('a tenant with permission goes on to the driveway, and the case says so', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'owner');
    await next(session, `${base}/owner`, { owner: 'no' });
    expect(await next(session, `${base}/landlord-permission`, { 'landlord-permission': 'yes' })).toBe(`${base}/surface`);
    expect(await next(session, `${base}/surface`, { surface: 'tarmac' })).toBe(`${base}/depth`);
    expect(await next(session, `${base}/depth`, { depth: '6' })).toBe(`${base}/classified-road`);
    // Not a classified road: no planning questions.
    expect(await next(session, `${base}/classified-road`, { 'classified-road': 'no' })).toBe(`${base}/sketch`);
    expect((await session.get(`${base}/planning`)).headers.get('location')).toBe(`${base}/sketch`);
    await next(session, `${base}/sketch`, {});
    await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
    expect(await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '020 7946 0000' })).toBe(`${base}/check-answers`);

    const reference = (await session.post(`${base}/check-answers`, {})).headers.get('location')!.split('/').pop()!;
    const answers = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['address', 'owner', 'landlord-permission', 'surface', 'depth', 'classified-road', 'name', 'email', 'phone']);
    expect(answers.find((a) => a.key === 'landlord-permission')).toMatchObject({ text: ['Yes'], value: 'yes' });
    expect(answers.find((a) => a.key === 'surface')).toMatchObject({ text: ['Tarmac or asphalt'], value: 'tarmac' });
  });
});

describe('the driveway’s depth', () => {
  it('below Hackney’s 4.8 metres ends at the exit that gives the minimum; 4.8 itself goes on', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'depth');
    const question = textOf(await (await session.get(`${base}/depth`)).text());
    expect(question).toContain('the driveway needs to be at least 4.8 metres deep');
    expect(question).toContain('metres');

    expect(await next(session, `${base}/depth`, { depth: '4.79' })).toBe(`${base}/exit/too-shallow`);
    await expectExit(app, session, base, 'too-shallow', 'depth', 'Your driveway is not deep enough for a dropped kerb', 'Your driveway needs to be at least 4.8 metres deep');

    expect(await next(session, `${base}/depth`, { depth: '4.8' })).toBe(`${base}/classified-road`);
  });

  it('4.9 metres is enough at Hackney but not at Ceredigion, whose minimum is 5 metres', async () => {
    const hackney = await fresh('hackney');
    const atHackney = new Session(hackney.app);
    const hackneyBase = await start(atHackney);
    await upTo(atHackney, hackneyBase, 'depth');
    expect(await next(atHackney, `${hackneyBase}/depth`, { depth: '4.9' })).toBe(`${hackneyBase}/classified-road`);

    const ceredigion = await fresh('ceredigion');
    const atCeredigion = new Session(ceredigion.app);
    const base = await start(atCeredigion);
    await upTo(atCeredigion, base, 'depth', PROPERTY.ceredigion);
    expect(await next(atCeredigion, `${base}/depth`, { depth: '4.9' })).toBe(`${base}/exit/too-shallow`);
    expect(textOf(await (await atCeredigion.get(`${base}/exit/too-shallow`)).text())).toContain('Your driveway needs to be at least 5 metres deep');
    const welsh = textOf(await (await atCeredigion.get(`/cy${base}/exit/too-shallow`)).text());
    expect(welsh).toContain('Nid yw eich dreif yn ddigon dwfn ar gyfer cwrb isel');
    expect(welsh).toContain('o leiaf 5 metr o ddyfnder');
  });
});

describe('a classified road', () => {
  it('without planning permission ends at the exit that names the council’s planning service', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'classified-road');
    // Hackney's own roads in the hint.
    expect(textOf(await (await session.get(`${base}/classified-road`)).text())).toContain('for example A10 or A107');
    expect(await next(session, `${base}/classified-road`, { 'classified-road': 'yes' })).toBe(`${base}/planning`);
    const planning = await (await session.get(`${base}/planning`)).text();
    expect(planning).toContain('<h1 class="govuk-heading-l">Planning permission</h1>');
    expect(textOf(planning)).toContain('Planning application reference (optional)');

    expect(await next(session, `${base}/planning`, { 'planning-permission': 'no', 'planning-reference': '' })).toBe(`${base}/exit/planning-needed`);

    await expectExit(app, session, base, 'planning-needed', 'planning', 'You need planning permission first', "Apply to London Borough of Hackney's planning service first.");
  });

  it('“I do not know” with no planning permission goes on: the council checks the road', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'classified-road');
    expect(await next(session, `${base}/classified-road`, { 'classified-road': 'not-sure' })).toBe(`${base}/planning`);
    expect(await next(session, `${base}/planning`, { 'planning-permission': 'no', 'planning-reference': '' })).toBe(`${base}/sketch`);
  });

  it('at Highland asks for planning permission but not its reference, and Highland’s roads are the example', async () => {
    const app = await fresh('highland');
    const session = new Session(app.app);
    const base = await start(session);
    const highland = app.council.addresses as { properties: { uprn: string; postcode: string }[] };
    await upTo(session, base, 'classified-road', highland.properties[0]);
    expect(textOf(await (await session.get(`${base}/classified-road`)).text())).toContain('for example A9 or B9161');
    await next(session, `${base}/classified-road`, { 'classified-road': 'yes' });
    const planning = await (await session.get(`${base}/planning`)).text();
    expect(textOf(planning)).toContain('Do you have planning permission for the dropped kerb?');
    expect(planning).not.toContain('planning-reference');
    expect(await next(session, `${base}/planning`, { 'planning-permission': 'granted' })).toBe(`${base}/sketch`);
  });
});

describe('sending a request', () => {
  it('with a photo of the driveway: check answers, a Change link, the confirmation, the email and the case', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'sketch');

    const sketchPage = await (await session.get(`${base}/sketch`)).text();
    expect(textOf(sketchPage)).toContain('it helps our inspector prepare for the visit');
    expect(sketchPage).toContain('accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"');
    const photo = phoneJpeg();
    const back = await upload(app, session, `${base}/sketch`, { bytes: photo, name: 'driveway.jpg', type: 'image/jpeg' });
    expect(back.headers.get('location')).toBe(`${base}/sketch`);
    expect(textOf(await (await session.get(`${base}/sketch`)).text())).toContain('You have uploaded driveway.jpg.');
    expect(await next(session, `${base}/sketch`, {})).toBe(`${base}/name`);
    expect(await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' })).toBe(`${base}/contact`);
    const contact = textOf(await (await session.get(`${base}/contact`)).text());
    expect(contact).toContain('Our inspector may call you to arrange a visit.');
    expect(await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '020 7946 0000' })).toBe(`${base}/check-answers`);

    const check = await (await session.get(`${base}/check-answers`)).text();
    const shown = textOf(check);
    for (const answer of [PROPERTY.hackney.line, 'Yes', 'Block paving', '5.5 metres', 'I have applied and I am waiting for a decision', '24/01234/FUL', 'driveway.jpg', 'Ann Jones', 'ann@example.com', '020 7946 0000']) {
      expect(shown).toContain(answer);
    }
    expect(shown).toMatch(/I understand that I must not drive over the pavement until the dropped kerb has been built\. Accept and send/);
    for (const page of ['address', 'owner', 'surface', 'depth', 'classified-road', 'planning', 'sketch', 'name', 'contact']) expect(check).toContain(`href="${base}/${page}?change=1"`);

    // Change the surface; then a depth too short from check answers ends at the exit, and a good one returns.
    expect(await next(session, `${base}/surface?change=1`, { surface: 'permeable' })).toBe(`${base}/check-answers`);
    expect(await next(session, `${base}/depth?change=1`, { depth: '3' })).toBe(`${base}/exit/too-shallow`);
    expect(await next(session, `${base}/depth?change=1`, { depth: '5.25' })).toBe(`${base}/check-answers`);

    const sent = await session.post(`${base}/check-answers`, {});
    expect(sent.status).toBe(303);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    expect(sent.headers.get('location')).toBe(`${FORM}/done/${reference}`);
    const done = textOf(await (await session.get(`${FORM}/done/${reference}`)).text());
    expect(done).toContain(`Your reference number ${reference}`);
    expect(done).toContain('An inspector will visit to check your driveway');
    expect(done).toContain('We aim to visit within 20 working days.');

    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', lang: 'en', template: 'form-confirmation', reference, subject: `Request a dropped kerb: form sent, reference ${reference}` });
    expect(email.body).toContain('If a dropped kerb can be built, we will send you a quote.');

    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored).toMatchObject({ service: 'forms', type: 'dropped-kerb', lang: 'en', submissionId: base.split('/').pop() });
    expect(stored.details).toEqual({ name: 'Ann Jones', email: 'ann@example.com', phone: '020 7946 0000', address: '58 Linscott Road, London', postcode: 'E5 0LH', uprn: PROPERTY.hackney.uprn });
    const answers = stored.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['address', 'owner', 'surface', 'depth', 'classified-road', 'planning-permission', 'planning-reference', 'sketch', 'name', 'email', 'phone']);
    expect(answers.find((a) => a.key === 'depth')).toMatchObject({ question: { en: 'How deep is your driveway?', cy: 'Pa mor ddwfn yw eich dreif?' }, text: ['5.25 metres'], value: 5.25 });
    expect(answers.find((a) => a.key === 'surface')).toMatchObject({ question: { en: 'What is the surface of your driveway?', cy: 'Beth yw arwyneb eich dreif?' }, value: 'permeable' });
    const sketch = answers.find((a) => a.key === 'sketch')!;
    const file = sketch.value as FileAnswer;
    expect(file).toMatchObject({ name: 'driveway.jpg', contentType: 'image/jpeg' });
    expect(sketch.text[0]).toMatch(/^driveway\.jpg \(/);
    const kept = (await app.files.read(file.fileId))!;
    for (const metadata of ['GPS', 'Zephyrcam', 'Acacia Avenue']) expect(contains(kept.body, metadata), metadata).toBe(false);
    // Three years: the quote, the works, and a year watching the new crossing.
    expect(stored.expiresAt).toBe(Date.parse(NOW) / 1000 + 1095 * 86_400);
    expect(await countCases(app)).toBe(1);
  });

  it('with a PDF sketch, replaced by another before sending', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'sketch');
    await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'plan-v1.pdf', type: 'application/pdf' });
    const second = new TextEncoder().encode('%PDF-1.4\n% the second plan\n%%EOF\n');
    expect((await upload(app, session, `${base}/sketch`, { bytes: second, name: 'plan-v2.pdf', type: 'application/pdf' })).headers.get('location')).toBe(`${base}/sketch`);
    const page = textOf(await (await session.get(`${base}/sketch`)).text());
    expect(page).toContain('You have uploaded plan-v2.pdf.');
    expect(page).toContain('Upload a different file');
    await next(session, `${base}/sketch`, {});
    await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
    await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '020 7946 0000' });
    const reference = (await session.post(`${base}/check-answers`, {})).headers.get('location')!.split('/').pop()!;
    const file = (await getCase(app.store, reference, new Date(NOW)))!.form!.answers.find((a) => a.key === 'sketch')!.value as FileAnswer;
    expect(file).toMatchObject({ name: 'plan-v2.pdf', contentType: 'application/pdf', bytes: second.length });
    expect((await app.files.read(file.fileId))?.body).toEqual(second);
  });
});

describe('errors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh();
  });

  /** A page, what is posted, the message, the field the error summary links to, and what the page keeps. */
  const CASES: [page: string, fields: Record<string, string>, message: string, href: string, kept?: string][] = [
    ['address', { 'address-postcode': 'not a postcode', 'address-action': 'find' }, 'Enter a full UK postcode', 'address-postcode', 'not a postcode'],
    ['address', { 'address-postcode': 'E5 9ZZ', 'address-action': 'find' }, 'We could not find any addresses for E5 9ZZ. Check the postcode, or enter the address manually', 'address-postcode', 'E5 9ZZ'],
    ['owner', {}, 'Select yes or no', 'owner'],
    ['landlord-permission', {}, 'Select yes or no', 'landlord-permission'],
    ['surface', {}, 'Select the surface of your driveway', 'surface'],
    ['surface', { surface: 'marble' }, 'Select the surface of your driveway', 'surface'],
    ['depth', { depth: '' }, 'Enter the depth of your driveway', 'depth'],
    ['depth', { depth: 'five' }, 'The depth of your driveway must be a number', 'depth', 'five'],
    ['depth', { depth: '51' }, 'The depth of your driveway must be between 0 metres and 50 metres', 'depth', '51'],
    ['depth', { depth: '-1' }, 'The depth of your driveway must be between 0 metres and 50 metres', 'depth', '-1'],
    ['classified-road', {}, 'Select if the property is on an A, B or C road', 'classified-road'],
    ['planning', { 'planning-permission': '', 'planning-reference': '24/01234/FUL' }, 'Select if you have planning permission for the dropped kerb', 'planning-permission', '24/01234/FUL'],
    ['planning', { 'planning-permission': 'applied', 'planning-reference': 'x'.repeat(31) }, 'Planning application reference must be 30 characters or less', 'planning-reference', 'x'.repeat(31)],
    ['name', { 'name-first': 'Ann', 'name-last': '' }, 'Enter a last name', 'name-last', 'Ann'],
    ['contact', { email: 'ann@example.com', phone: '' }, 'Enter a telephone number', 'phone', 'ann@example.com'],
    ['contact', { email: 'ann@', phone: '12' }, 'Enter an email address in the correct format, like name@example.com', 'email', 'ann@'],
  ];

  it.each(CASES)('%s: posting %j says “%s”, with the error summary and the answer kept', async (page, fields, message, href, kept) => {
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, page === 'landlord-permission' ? 'owner' : page);
    if (page === 'landlord-permission') await next(session, `${base}/owner`, { owner: 'no' });

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

  it('explains a file of the wrong type, an empty one and one over 10MB on the sketch page', async () => {
    const session = new Session(app.app);
    const base = await start(session);
    await upTo(session, base, 'sketch');

    for (const [file, message] of [
      [{ bytes: new TextEncoder().encode('GIF89a not allowed here'), name: 'driveway.gif', type: 'image/jpeg' }, 'The selected file must be a PDF, JPG or PNG'],
      [{ bytes: new Uint8Array(0), name: 'empty.jpg', type: 'image/jpeg' }, 'The selected file is empty'],
      [{ bytes: new Uint8Array([...PDF, ...new Uint8Array(10 * MB)]), name: 'big.pdf', type: 'application/pdf' }, 'The selected file must be smaller than 10MB'],
    ] as const) {
      const res = await upload(app, session, `${base}/sketch`, file);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/<title>Error: A sketch or photo of your driveway/);
      expect(errorSummary(html)).toContain(message);
      expect(html).toContain('href="#sketch"');
    }
    expect(textOf(await (await session.get(`${base}/sketch`)).text())).toContain('Continue without a file');
  });
});

describe('in Welsh at Ceredigion', () => {
  it('sends the request in Welsh: the case keeps both languages’ questions and the Welsh answers, and the email is Welsh', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const base = await start(session, '/cy');
    await upTo(session, base, 'sketch', PROPERTY.ceredigion);
    expect((await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'braslun.pdf', type: 'application/pdf' })).headers.get('location')).toBe(`${base}/sketch`);
    await next(session, `${base}/sketch`, {});
    await next(session, `${base}/name`, { 'name-first': 'Carys', 'name-last': 'Jones' });
    expect(await next(session, `${base}/contact`, { email: 'carys@example.com', phone: '01970 123456' })).toBe(`${base}/check-answers`);
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('Blociau palmant');
    expect(check).toContain('5.5 metr');
    expect(check).toContain('Rwyf wedi gwneud cais ac rwy’n aros am benderfyniad'.replace(/’/g, "'"));

    const res = await session.post(`${base}/check-answers`, {});
    const reference = res.headers.get('location')!.split('/').pop()!;
    expect(res.headers.get('location')).toBe(`/cy${FORM}/done/${reference}`);
    expect(textOf(await (await session.get(res.headers.get('location')!)).text())).toContain('Ein nod yw ymweld o fewn 20 diwrnod gwaith.');

    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored.lang).toBe('cy');
    expect(stored.form!.answers.find((a) => a.key === 'surface')).toMatchObject({
      question: { en: 'What is the surface of your driveway?', cy: 'Beth yw arwyneb eich dreif?' },
      text: ['Blociau palmant'],
      value: 'block-paving',
    });
    expect(stored.form!.answers.find((a) => a.key === 'classified-road')).toMatchObject({ text: ['Ydy'], value: 'yes' });
    expect((stored.form!.answers.find((a) => a.key === 'sketch')!.value as FileAnswer).name).toBe('braslun.pdf');
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'carys@example.com', lang: 'cy', subject: `Gwneud cais am gwrb isel: ffurflen wedi’i hanfon, cyfeirnod ${reference}` });
    expect(email.body).toContain('Bydd arolygydd yn ymweld i wirio eich dreif');
  });

  it('says a question’s errors in Welsh', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const base = await start(session, '/cy');
    await upTo(session, base, 'depth', PROPERTY.ceredigion);
    const res = await session.post(`${base}/depth`, { depth: 'pump' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Gwall: Dyfnder y dreif –/);
    expect(html).toContain('<h1 class="govuk-heading-l">Dyfnder y dreif</h1>');
    expect(html).toContain('<label class="govuk-label govuk-label--s" for="depth">Pa mor ddwfn yw eich dreif?</label>');
    expect(errorSummary(html)).toBe('Mae problem Rhaid i ddyfnder eich dreif fod yn rhif');
    expect(html).toContain('value="pump"');
  });
});

describe('save and come back later', () => {
  /** The path of the newest email's resume link. */
  const linkIn = (app: TestApp) => /http:\/\/localhost(\S+\/resume\/[A-Za-z0-9_-]+)/.exec(app.outbox.sent().at(-1)!.body)![1];

  it.each([
    ['English at Hackney', 'hackney', '', PROPERTY.hackney, 'Carry on with your form: Request a dropped kerb', 'until the end of Tuesday 9 June 2026', 'This link has expired or has already been used'],
    ['Welsh at Ceredigion', 'ceredigion', '/cy', PROPERTY.ceredigion, 'Parhau â’ch ffurflen: Gwneud cais am gwrb isel', 'hyd at ddiwedd dydd Mawrth 9 Mehefin 2026', 'Mae’r ddolen hon wedi dod i ben neu wedi cael ei defnyddio eisoes'],
  ] as const)('in %s: emails a link that carries on once in another browser, answers kept, and not after 28 days', async (_, councilId, prefix, property, subject, until, used) => {
    const app = await fresh(councilId);
    const session = new Session(app.app);
    const base = await start(session, prefix);
    await upTo(session, base, 'classified-road', property);
    expect(await next(session, `${base}/classified-road`, { 'classified-road': 'not-sure', save: '1' })).toBe(`${base}/save`);
    expect(await next(session, `${base}/save`, { email: 'ann@example.com' })).toBe(`${base}/save/sent`);
    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', template: 'form-resume-link', subject });
    expect(email.body).toContain(until);
    const link = linkIn(app);
    expect(link.startsWith(`${prefix}${FORM}/resume/`)).toBe(true);

    app.setNow('2026-05-20T18:00:00Z');
    const other = new Session(app.app);
    expect((await other.get(link)).status).toBe(200);
    expect(await next(other, link, {})).toBe(`${base}/planning`);
    expect(await (await other.get(`${base}/depth`)).text()).toContain('value="5.5"');
    expect(await (await other.get(`${base}/classified-road`)).text()).toMatch(/value="not-sure" checked|checked[^>]*value="not-sure"/);
    // The first browser no longer has the draft.
    expect((await session.get(`${base}/planning`)).status).toBe(404);

    const reused = await new Session(app.app).post(link, {});
    expect(reused.status).toBe(404);
    expect(textOf(await reused.text())).toContain(used);

    expect(await next(other, `${base}/save`, { email: 'ann@example.com' })).toBe(`${base}/save/sent`);
    const second = linkIn(app);
    // Saved on 20 May: 28 days is the end of 17 June.
    app.setNow('2026-06-18T00:00:00Z');
    const expired = await new Session(app.app).get(second);
    expect(expired.status).toBe(410);
    expect(textOf(await expired.text())).toContain(used);
  });
});

describe('the webhook to the council’s system', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterAll(() => receiver.close());

  async function send(app: ReturnType<typeof createCouncilApp>, prefix: string): Promise<string> {
    const session = new Session(app);
    const base = await start(session, prefix);
    await upTo(session, base, 'check-answers', PROPERTY.ceredigion);
    const res = await session.post(`${base}/check-answers`, {});
    expect(res.status).toBe(303);
    return res.headers.get('location')!.split('/').pop()!;
  }

  it('posts a Welsh request’s answers with the questions in Welsh, signed with the council’s key, when it is sent', async () => {
    receiver.requests.length = 0;
    receiver.reply = 202;
    const { app, store: appStore, secrets } = await webhookApp({ endpoint: store.endpoint, council: 'ceredigion', form: 'dropped-kerb', url: receiver.url, now: NOW });

    const reference = await send(app, '/cy');

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const key = await secrets.get('webhook-signing-key');
    expect(verifyWebhookSignature(request.body, request.headers['x-ldf-signature'] as string, key)).toBe(true);
    expect(verifyWebhookSignature(request.body, request.headers['x-ldf-signature'] as string, `${key}x`)).toBe(false);
    expect(request.headers['idempotency-key']).toBe(`ceredigion:${reference}`);
    const payload = JSON.parse(request.body) as WebhookPayload;
    expect(payload).toMatchObject({ formId: 'dropped-kerb', formVersion: 1, language: 'cy', reference, submittedAt: new Date(NOW).toISOString(), idempotencyKey: `ceredigion:${reference}` });
    expect(payload.answers.map((a) => a.key)).toEqual(['address', 'owner', 'surface', 'depth', 'classified-road', 'planning-permission', 'planning-reference', 'name', 'email', 'phone']);
    expect(payload.answers.find((a) => a.key === 'depth')).toMatchObject({ question: 'Pa mor ddwfn yw eich dreif?', value: 5.5 });
    expect(payload.answers.find((a) => a.key === 'address')).toMatchObject({ answer: PROPERTY.ceredigion.line, value: { uprn: PROPERTY.ceredigion.uprn } });
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ kind: 'webhook', status: 'delivered', attempts: 1, lastResult: 'HTTP 202' });
  });

  it('retries a failing receiver on the schedule (a 500, then no answer in time) until it is delivered, the same body and key each time', async () => {
    receiver.requests.length = 0;
    receiver.reply = 500;
    const { app, store: appStore, secrets, schedule } = await webhookApp({ endpoint: store.endpoint, council: 'ceredigion', form: 'dropped-kerb', url: receiver.url, now: NOW });

    const reference = await send(app, '');
    expect(await getCase(appStore, reference, new Date(NOW))).toBeDefined();
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'waiting', attempts: 1, lastResult: 'HTTP 500' });

    receiver.reply = 'hang';
    expect(await schedule('2026-05-12T09:01:00Z')).toMatchObject({ outputsRetrying: 1 });
    expect(receiver.requests).toHaveLength(2);
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'waiting', attempts: 2, lastResult: 'timeout' });

    receiver.reply = 200;
    // Backoff: not due at 2 minutes, due at 3.
    expect(await schedule('2026-05-12T09:02:00Z')).toMatchObject({ outputsDelivered: 0 });
    expect(await schedule('2026-05-12T09:03:00Z')).toMatchObject({ outputsDelivered: 1 });
    expect(receiver.requests).toHaveLength(3);
    expect((await outputsOf(appStore, reference))[0]).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: '2026-05-12T09:03:00.000Z' });
    await schedule('2026-05-13T09:00:00Z');
    expect(receiver.requests).toHaveLength(3);

    const key = await secrets.get('webhook-signing-key');
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual(Array(3).fill(`ceredigion:${reference}`));
    expect(receiver.requests.every((r) => verifyWebhookSignature(r.body, r.headers['x-ldf-signature'] as string, key))).toBe(true);
    expect((JSON.parse(receiver.requests[2].body) as WebhookPayload).answers.map((a) => a.key)).toContain('planning-reference');
  }, 20_000);
});
