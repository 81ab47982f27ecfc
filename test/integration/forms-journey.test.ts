import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { createStoreClient } from '../../functions/core/store/store.ts';
import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';
import type { FormDefinition } from '../../functions/modules/forms/definition/types.ts';
import { formsCaseTypes, formsHomeEntries, formsPrivacy, formsRetentionDays } from '../../functions/modules/forms/module-parts.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { translator } from '../../functions/core/i18n.ts';
import { council, embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';
import { switchableProxy } from '../support/switchable-proxy.ts';

const NOW = '2026-12-01T10:00:00Z';

/**
 * A form that uses every part of the journey: a one-question page, a titled page of two questions
 * with guidance, a route to an exit, a repeatable question, an optional page, an address, a
 * declaration, save and return. Ceredigion (bilingual, with a gazetteer) adopts it.
 */
const TEST_FORM: FormDefinition = defineForm({
  id: 'journey-test',
  version: 3,
  credit: { name: 'Test Council Digital', url: 'https://example.org/digital' },
  title: { en: 'Apply for a test permit', cy: 'Gwneud cais am drwydded prawf' },
  summary: { en: 'Apply for a permit to test things.', cy: 'Gwneud cais am drwydded i brofi pethau.' },
  start: [
    { en: 'Use this service to apply for a test permit.', cy: 'Defnyddiwch y gwasanaeth hwn i wneud cais am drwydded prawf.' },
    { en: 'It takes about 5 minutes.', cy: 'Mae’n cymryd tua 5 munud.' },
  ],
  pages: [
    { id: 'name', questions: [{ key: 'full-name', type: 'name', format: 'full', label: { en: 'What is your name?', cy: 'Beth yw eich enw?' }, contact: 'name' }] },
    {
      id: 'contact',
      title: { en: 'How can we contact you?', cy: 'Sut allwn ni gysylltu â chi?' },
      guidance: [{ en: 'We only use these to ask about your application.', cy: 'Dim ond i ofyn am eich cais y byddwn yn defnyddio’r rhain.' }],
      questions: [
        { key: 'email', type: 'email', label: { en: 'Email address', cy: 'Cyfeiriad e-bost' }, contact: 'email' },
        { key: 'phone', type: 'phone', label: { en: 'Phone number', cy: 'Rhif ffôn' }, contact: 'phone', optional: true },
      ],
    },
    {
      id: 'lives-here',
      questions: [{ key: 'lives-here', type: 'yesno', label: { en: 'Do you live in Ceredigion?', cy: 'Ydych chi’n byw yng Ngheredigion?' } }],
      routes: [{ when: { question: 'lives-here', op: 'equals', value: 'no' }, to: { exit: 'not-resident' } }],
    },
    { id: 'address', questions: [{ key: 'home-address', type: 'address', label: { en: 'What is your address?', cy: 'Beth yw eich cyfeiriad?' } }] },
    {
      id: 'children',
      questions: [
        {
          key: 'child',
          type: 'text',
          maxLength: 100,
          label: { en: 'Name of a child who lives with you', cy: 'Enw plentyn sy’n byw gyda chi' },
          hint: { en: 'Their full name', cy: 'Eu henw llawn' },
          repeatable: { max: 2 },
          specialCategory: true,
        },
      ],
    },
    {
      id: 'more',
      // A question with guidance has a page heading of its own (GOV.UK Forms; the schema asks for it).
      title: { en: 'Tell us more', cy: 'Dywedwch ragor wrthym' },
      questions: [
        {
          key: 'more',
          type: 'text',
          long: true,
          maxLength: 500,
          optional: true,
          label: { en: 'Anything else?', cy: 'Unrhyw beth arall?' },
          guidance: [{ en: 'Tell us anything that would help us decide.', cy: 'Dywedwch wrthym unrhyw beth a fyddai’n ein helpu i benderfynu.' }],
        },
      ],
    },
  ],
  exits: [{ id: 'not-resident', title: { en: 'You cannot apply', cy: 'Ni allwch wneud cais' }, body: [{ en: 'Only residents of the county can apply.', cy: 'Dim ond trigolion y sir all wneud cais.' }] }],
  declaration: [{ en: 'I confirm that the information I have given is true.', cy: 'Rwy’n cadarnhau bod yr wybodaeth a roddais yn wir.' }],
  confirmation: {
    whatHappensNext: [{ en: 'We will check your application.', cy: 'Byddwn yn gwirio eich cais.' }],
    responseTime: { en: 'We will reply within 10 working days.', cy: 'Byddwn yn ateb o fewn 10 diwrnod gwaith.' },
  },
  retentionDays: 400,
  saveAndReturn: { days: 28 },
});

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
  // Once the council files are loaded (and the catalogue checked against its folder), the test form
  // joins the catalogue, plain data, for this file only (each test file has its own modules), and
  // is the one form Ceredigion adopts.
  const ceredigion = await council('ceredigion');
  (CATALOGUE_FORMS as FormDefinition[]).push(TEST_FORM);
  (ceredigion.services as Record<string, unknown>).forms = { adopted: { 'journey-test': {} } };
});
afterAll(() => store.close());

async function fresh(extra: Partial<Parameters<typeof testApp>[1]> = {}): Promise<TestApp> {
  return testApp('ceredigion', { endpoint: store.endpoint, now: NOW, ...extra });
}

const FORM = '/forms/journey-test';

/** Presses Start now; answers the draft's base path. */
async function start(session: Session, prefix = ''): Promise<string> {
  const res = await session.post(`${prefix}${FORM}`, {});
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(new RegExp(`^${prefix}${FORM}/d/[A-Za-z0-9_-]{22}/name$`));
  return location.replace(/\/name$/, '');
}

const ANSWERS = {
  name: { 'full-name': 'Ann Jones' },
  contact: { email: 'ann@example.com', phone: '01970 123456' },
  livesHere: { 'lives-here': 'yes' },
  address: { 'home-address-mode': 'choose', 'home-address-postcode': 'SY23 1DE', 'home-address-uprn': '10009400001' },
};

/** Answers the address question: postcode, then the address from the list. */
async function answerAddress(session: Session, base: string): Promise<Response> {
  const found = await session.post(`${base}/address`, { 'home-address-postcode': 'sy231de', 'home-address-action': 'find' });
  expect(found.status).toBe(200);
  return session.post(`${base}/address`, ANSWERS.address);
}

/** Answers every page up to check answers. */
async function toCheck(session: Session, prefix = ''): Promise<string> {
  const base = await start(session, prefix);
  expect((await session.post(`${base}/name`, ANSWERS.name)).headers.get('location')).toBe(`${base}/contact`);
  expect((await session.post(`${base}/contact`, ANSWERS.contact)).headers.get('location')).toBe(`${base}/lives-here`);
  expect((await session.post(`${base}/lives-here`, ANSWERS.livesHere)).headers.get('location')).toBe(`${base}/address`);
  expect((await answerAddress(session, base)).headers.get('location')).toBe(`${base}/children`);
  expect((await session.post(`${base}/children/0`, { child: 'Bob Jones' })).headers.get('location')).toBe(`${base}/children/add-another`);
  expect((await session.post(`${base}/children/add-another`, { 'add-another': 'no' })).headers.get('location')).toBe(`${base}/more`);
  expect((await session.post(`${base}/more`, { more: '' })).headers.get('location')).toBe(`${base}/check-answers`);
  return base;
}

async function countCases(app: TestApp): Promise<number> {
  const { Items = [] } = await createStoreClient({ endpoint: store.endpoint }).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.filter((i) => i.pk.S!.startsWith('CASE#')).length;
}

describe('the start page', () => {
  it('shows the title, the start paragraphs, the credit and Start now', async () => {
    const app = await fresh();
    const res = await new Session(app.app).get(FORM);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 class="govuk-heading-l">Apply for a test permit</h1>');
    const text = textOf(html);
    expect(text).toContain('Use this service to apply for a test permit. It takes about 5 minutes.');
    expect(text).toContain('Written by Test Council Digital');
    expect(html).toContain('href="https://example.org/digital"');
    expect(html).toMatch(/<form method="post"[^>]*>[\s\S]*Start now/);
    expect(html).toContain('class="govuk-back-link"');
  });

  it('answers 404 for a form the council has not adopted', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    expect((await session.get('/forms/no-such-form')).status).toBe(404);
    expect((await session.post('/forms/no-such-form', {})).status).toBe(404);
    expect((await session.get('/forms/no-such-form/d/AAAAAAAAAAAAAAAAAAAAAA/name')).status).toBe(404);
  });

  it('makes a draft and goes to the first question', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    const page = await session.get(`${base}/name`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    // The only question: its label is the page's heading, and the title.
    expect(html).toMatch(/<h1[^>]*>\s*<label[^>]*>What is your name\?<\/label>/);
    expect(html).toContain('<title>What is your name? – Ceredigion County Council</title>');
    expect(html).toContain(`href="${FORM}"`);
    expect(textOf(html)).toContain('Save and come back later');
  });
});

describe('question pages', () => {
  it('explains a missing answer with the error summary and the inline message, keeping what was typed', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/name`, ANSWERS.name);
    const res = await session.post(`${base}/contact`, { email: 'not-an-email', phone: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: How can we contact you\? – /);
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain('href="#email"');
    expect(html).toContain('value="not-an-email"');
    expect(textOf(html)).toContain('Enter an email address in the correct format, like name@example.com');
  });

  it('shows a titled page of several questions with its guidance, each question with its own label', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/name`, ANSWERS.name);
    const html = await (await session.get(`${base}/contact`)).text();
    expect(html).toContain('<h1 class="govuk-heading-l">How can we contact you?</h1>');
    expect(textOf(html)).toContain('We only use these to ask about your application.');
    expect(textOf(html)).toContain('Email address');
    expect(textOf(html)).toContain('Phone number');
    expect(html).toContain(`href="${base}/name"`);
  });

  it('sends a page off the resident’s path, an unknown page or a later page to where they are', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/name`, ANSWERS.name);
    for (const path of ['more', 'no-such-page', 'children/0', 'children/add-another', 'exit/not-resident', 'check-answers', 'address/uploaded?key=x']) {
      const res = await session.get(`${base}/${path}`);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`${base}/contact`);
    }
    expect((await session.post(`${base}/more`, { more: 'x' })).headers.get('location')).toBe(`${base}/contact`);
  });

  it('shows a titled page’s heading, then the question’s guidance, then the question as the field’s label, once', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const html = await (await session.get(`${base}/more`)).text();
    expect(html).toContain('<title>Tell us more – Ceredigion County Council</title>');
    expect(html).toMatch(/<h1 class="govuk-heading-l">Tell us more<\/h1><p class="govuk-body">Tell us anything that would help us decide.<\/p><div class="govuk-form-group[^"]*"[^>]*><label class="govuk-label govuk-label--s" for="more">Anything else\? \(optional\)<\/label>/);
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html.split('</head>')[1].match(/Anything else\?/g)).toHaveLength(1);
    expect(html).toContain(`href="${base}/children/add-another"`);
  });

  it('makes a one-question page’s question its heading when the page has no title (GOV.UK’s label or legend as heading)', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const html = await (await session.get(`${base}/lives-here`)).text();
    expect(html).toContain('<title>Do you live in Ceredigion? – Ceredigion County Council</title>');
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Do you live in Ceredigion?</h1>');
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html.split('</head>')[1].match(/Do you live in Ceredigion\?/g)).toHaveLength(1);
  });

  it('says the answers are kept when the store cannot be reached on a question page', async () => {
    const proxy = await switchableProxy(store.endpoint);
    try {
      const app = await fresh({ storeEndpoint: proxy.endpoint });
      const session = new Session(app.app);
      const base = await start(session);
      proxy.down();
      const res = await session.post(`${base}/name`, ANSWERS.name);
      expect(res.status).toBe(503);
      expect(textOf(await res.text())).toContain('Your answers have been kept');
      proxy.up();
      expect((await session.post(`${base}/name`, ANSWERS.name)).headers.get('location')).toBe(`${base}/contact`);
    } finally {
      await proxy.close();
    }
  });

  it('answers 404 (never 500) for a draft that is not there, is another browser’s or is malformed', async () => {
    const app = await fresh();
    const base = await start(new Session(app.app));
    const stranger = new Session(app.app);
    for (const path of [`${base}/name`, `${FORM}/d/not-a-draft/name`, `${FORM}/d/AAAAAAAAAAAAAAAAAAAAAA/check-answers`]) {
      const res = await stranger.get(path);
      expect(res.status, path).toBe(404);
      expect(textOf(await res.text())).toContain('We could not find your answers');
    }
    expect((await stranger.post(`${base}/name`, ANSWERS.name)).status).toBe(404);
    expect((await stranger.post(`${base}/check-answers`, {})).status).toBe(404);
  });

  it('goes to the save page from "Save and come back later", keeping the valid answers', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    const res = await session.post(`${base}/name`, { ...ANSWERS.name, save: '1' });
    expect(res.headers.get('location')).toBe(`${base}/save`);
    expect((await session.get(`${base}/name`)).status).toBe(200);
    expect(await (await session.get(`${base}/name`)).text()).toContain('value="Ann Jones"');
  });
});

describe('routing and exit pages', () => {
  it('shows the exit page the answers lead to, with a back link, and nothing after it', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await start(session);
    await session.post(`${base}/name`, ANSWERS.name);
    await session.post(`${base}/contact`, ANSWERS.contact);
    const res = await session.post(`${base}/lives-here`, { 'lives-here': 'no' });
    expect(res.headers.get('location')).toBe(`${base}/exit/not-resident`);
    const html = await (await session.get(`${base}/exit/not-resident`)).text();
    expect(html).toContain('<h1 class="govuk-heading-l">You cannot apply</h1>');
    expect(textOf(html)).toContain('Only residents of the county can apply.');
    expect(html).toContain(`href="${base}/lives-here"`);
    expect((await session.get(`${base}/check-answers`)).headers.get('location')).toBe(`${base}/exit/not-resident`);
    expect((await session.get(`${base}/exit/no-such-exit`)).headers.get('location')).toBe(`${base}/exit/not-resident`);
    expect((await session.post(`${base}/check-answers`, {})).headers.get('location')).toBe(`${base}/exit/not-resident`);
    expect(await countCases(app)).toBe(0);
  });
});

describe('add another', () => {
  it('adds items up to the maximum, changes and removes them', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    expect((await session.get(`${base}/children`)).headers.get('location')).toBe(`${base}/children/add-another`);
    const list = await (await session.get(`${base}/children/add-another`)).text();
    expect(textOf(list)).toContain('Bob Jones');
    expect(textOf(list)).toContain('Do you need to add another?');
    // GOV.UK's add-another heading says how many; the question is its caption.
    expect(list).toMatch(/<span class="govuk-caption-l">Name of a child who lives with you<\/span>\s*<h1 class="govuk-heading-l">You have added 1 answer<\/h1>/);
    expect(list).toContain('<title>You have added 1 answer');
    expect(await (await session.get(`/cy${base}/children/add-another`)).text()).toMatch(/Enw plentyn sy’n byw gyda chi<\/span>\s*<h1 class="govuk-heading-l">Rydych wedi ychwanegu 1 ateb<\/h1>/);
    const missing = await session.post(`${base}/children/add-another`, {});
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain('Select yes if you need to add another');
    expect((await session.post(`${base}/children/add-another`, { 'add-another': 'yes' })).headers.get('location')).toBe(`${base}/children/1`);
    expect((await session.post(`${base}/children/1`, { child: 'Cat Jones' })).headers.get('location')).toBe(`${base}/children/add-another`);
    const full = textOf(await (await session.get(`${base}/children/add-another`)).text());
    expect(full).toContain('Cat Jones');
    expect(full).toContain('You have added 2 answers');
    expect(full).not.toContain('Do you need to add another?');
    expect(full).toContain('You have added the most you can (2).');
    // Past the maximum there is no item page.
    expect((await session.get(`${base}/children/2`)).headers.get('location')).toBe(`${base}/children/add-another`);
    expect((await session.post(`${base}/children/0`, { child: 'Robert Jones' })).headers.get('location')).toBe(`${base}/children/add-another`);
    expect((await session.post(`${base}/children/1/remove`, {})).headers.get('location')).toBe(`${base}/children/add-another`);
    const after = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(after).toContain('Robert Jones');
    expect(after).not.toContain('Cat Jones');
  });

  it('asks for the first item again once every item is removed', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    await session.post(`${base}/children/0/remove`, {});
    expect((await session.get(`${base}/children/add-another`)).headers.get('location')).toBe(`${base}/children/0`);
    expect((await session.get(`${base}/check-answers`)).headers.get('location')).toBe(`${base}/children`);
  });
});

describe('check your answers', () => {
  it('lists every answer with a Change link that returns to check answers', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const html = await (await session.get(`${base}/check-answers`)).text();
    const text = textOf(html);
    for (const shown of ['Ann Jones', 'ann@example.com', '01970 123 456', 'Yes', '5 Ffordd y Môr', 'Bob Jones', 'None given']) expect(text).toContain(shown);
    expect(html).toContain(`href="${base}/contact?change=1"`);
    expect(html).toContain(`href="${base}/children/add-another?change=1"`);
    // The hidden part of a Change link keeps the question's own capitals after its first letter.
    expect(html).toContain('<span class="govuk-visually-hidden"> do you live in Ceredigion?</span>');
    const changed = await session.post(`${base}/contact?change=1`, { email: 'ann.jones@example.com', phone: '' });
    expect(changed.headers.get('location')).toBe(`${base}/check-answers`);
    expect(textOf(await (await session.get(`${base}/check-answers`)).text())).toContain('ann.jones@example.com');
  });

  it('goes on to a page a changed answer now needs, and back to check answers after it', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    // "No" ends the form early; "yes" again finds every later answer kept.
    expect((await session.post(`${base}/lives-here?change=1`, { 'lives-here': 'no' })).headers.get('location')).toBe(`${base}/exit/not-resident`);
    expect((await session.post(`${base}/lives-here?change=1`, { 'lives-here': 'yes' })).headers.get('location')).toBe(`${base}/check-answers`);
  });

  it('shows the declaration above Accept and send', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const text = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(text).toMatch(/Declaration I confirm that the information I have given is true\. Accept and send/);
  });
});

describe('sending the form', () => {
  it('makes a case with every answer and the contact details, confirms it and emails the resident', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    const res = await session.post(`${base}/check-answers`, {});
    expect(res.status).toBe(303);
    const reference = res.headers.get('location')!.split('/').pop()!;
    expect(res.headers.get('location')).toBe(`${FORM}/done/${reference}`);

    const confirmation = textOf(await (await session.get(res.headers.get('location')!)).text());
    expect(confirmation).toContain('Form sent');
    expect(confirmation).toContain(`Your reference number ${reference}`);
    expect(confirmation).toContain('We have sent you a confirmation email.');
    expect(confirmation).toContain('What happens next We will check your application. We will reply within 10 working days.');

    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored).toMatchObject({ service: 'forms', type: 'journey-test', lang: 'en', submissionId: base.split('/').pop() });
    expect(stored!.details).toEqual({ name: 'Ann Jones', email: 'ann@example.com', phone: '01970 123 456', address: '5 Ffordd y Môr, Aberystwyth', postcode: 'SY23 1DE', uprn: '10009400001' });
    expect(stored!.form).toMatchObject({ id: 'journey-test', version: 3 });
    const answers = stored!.form!.answers;
    expect(answers.map((a) => a.key)).toEqual(['full-name', 'email', 'phone', 'lives-here', 'home-address', 'child']);
    // Special category: sealed with the case's reference (opened here as care staff would).
    expect(answers.find((a) => a.key === 'child')).toMatchObject({ text: [], value: null, specialCategory: true, sealed: expect.any(String) });
    const opened = await openCaseAnswers(app.cipher, answers, caseSealContext('ceredigion', reference, 'journey-test'));
    expect(opened.find((a) => a.key === 'child')).toEqual({
      key: 'child',
      question: { en: 'Name of a child who lives with you', cy: 'Enw plentyn sy’n byw gyda chi' },
      text: ['Bob Jones'],
      value: ['Bob Jones'],
      specialCategory: true,
    });
    expect(answers.find((a) => a.key === 'lives-here')).toMatchObject({ text: ['Yes'], value: 'yes' });
    expect(answers.find((a) => a.key === 'home-address')).toMatchObject({ text: ['5 Ffordd y Môr, Aberystwyth, SY23 1DE'], value: { uprn: '10009400001', postcode: 'SY23 1DE' } });
    // 400 days, as the form says.
    expect(stored!.expiresAt).toBe(Date.parse(NOW) / 1000 + 400 * 86_400);

    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: 'ann@example.com', reference, subject: `Apply for a test permit: form sent, reference ${reference}` });
    expect(email.body).toContain('We will check your application.');
    expect(email.body).toContain('We will reply within 10 working days.');
  });

  it('drops answers to pages the final answers route around', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    await session.post(`${base}/more?change=1`, { more: 'A note' });
    const reference = (await session.post(`${base}/check-answers`, {})).headers.get('location')!.split('/').pop()!;
    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.form!.answers.find((a) => a.key === 'more')).toMatchObject({ text: ['A note'] });
  });

  it('makes one case when the same draft is sent twice: the second finds the draft gone', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const base = await toCheck(session);
    expect((await session.post(`${base}/check-answers`, {})).status).toBe(303);
    const two = await session.post(`${base}/check-answers`, {});
    expect(two.status).toBe(404);
    expect(await countCases(app)).toBe(1);
  });

  it('keeps the answers through a store outage and then makes exactly one case', async () => {
    const proxy = await switchableProxy(store.endpoint);
    try {
      const app = await fresh({ storeEndpoint: proxy.endpoint });
      const session = new Session(app.app);
      const base = await toCheck(session);
      proxy.down();
      const failed = await session.post(`${base}/check-answers`, {});
      expect(failed.status).toBe(503);
      expect(textOf(await failed.text())).toContain('Your answers have been kept');
      proxy.up();
      expect((await session.get(`${base}/check-answers`)).status).toBe(200);
      expect((await session.post(`${base}/check-answers`, {})).status).toBe(303);
      expect(await countCases(app)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a send over the case limit with 429, answers kept', async () => {
    const app = await fresh({ caseCreationLimit: { max: 1, windowSeconds: 3600 } });
    const first = new Session(app.app);
    await first.post(`${await toCheck(first)}/check-answers`, {});
    const session = new Session(app.app);
    const base = await toCheck(session);
    const res = await session.post(`${base}/check-answers`, {});
    expect(res.status).toBe(429);
    expect(textOf(await res.text())).toContain('You have sent several requests in a short time');
    expect((await session.get(`${base}/check-answers`)).status).toBe(200);
  });

  it('does not show another form’s case or an unknown reference as this form’s confirmation', async () => {
    const app = await fresh();
    expect((await new Session(app.app).get(`${FORM}/done/ABCD-EFGH`)).status).toBe(404);
    expect((await new Session(app.app).get(`${FORM}/done/nonsense`)).status).toBe(404);
  });
});

describe('in Welsh', () => {
  it('runs the form in Welsh, keeps the Welsh answer text and emails in Welsh', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const startPage = await (await session.get(`/cy${FORM}`)).text();
    expect(startPage).toContain('<html lang="cy"');
    expect(textOf(startPage)).toContain('Ysgrifennwyd gan Test Council Digital');
    expect(textOf(startPage)).toContain('Dechrau nawr');
    const base = await toCheck(session, '/cy');
    const check = textOf(await (await session.get(`${base}/check-answers`)).text());
    expect(check).toContain('Gwiriwch eich atebion cyn anfon eich ffurflen');
    expect(check).toContain('Derbyn ac anfon');
    const res = await session.post(`${base}/check-answers`, {});
    const reference = res.headers.get('location')!.split('/').pop()!;
    expect(res.headers.get('location')).toBe(`/cy${FORM}/done/${reference}`);
    const done = textOf(await (await session.get(res.headers.get('location')!)).text());
    expect(done).toContain('Ffurflen wedi’i hanfon');
    expect(done).toContain('Byddwn yn ateb o fewn 10 diwrnod gwaith.');
    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.lang).toBe('cy');
    expect(stored!.form!.answers.find((a) => a.key === 'lives-here')!.text).toEqual(['Ie']);
    const [email] = app.outbox.sent();
    expect(email.subject).toBe(`Gwneud cais am drwydded prawf: ffurflen wedi’i hanfon, cyfeirnod ${reference}`);
    expect(email.body).toContain('Byddwn yn gwirio eich cais.');
  });
});

describe('the module’s parts', () => {
  it('lists the form on the council’s home page, linking to its start page, in each language', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const en = await (await session.get('/')).text();
    expect(en).toContain(`href="${FORM}"`);
    expect(textOf(en)).toContain('Apply for a test permit');
    const cy = await (await session.get('/cy')).text();
    expect(cy).toContain(`href="/cy${FORM}"`);
    expect(textOf(cy)).toContain('Gwneud cais am drwydded prawf');
  });

  it('lists each adopted form on the home page, as a case type and in the privacy notice, with the longest retention', async () => {
    const ceredigion = await council('ceredigion');
    const en = translator(MESSAGES.en);
    const cy = translator(MESSAGES.cy);
    expect(formsHomeEntries(ceredigion, cy, 'cy')).toEqual([{ name: 'Gwneud cais am drwydded prawf', description: 'Gwneud cais am drwydded i brofi pethau.', path: '/forms/journey-test' }]);
    expect(formsCaseTypes(ceredigion)).toEqual([{ id: 'journey-test', name: TEST_FORM.title }]);
    expect(formsPrivacy(ceredigion, en, 'en')).toEqual([expect.objectContaining({ service: 'Apply for a test permit', retentionDays: 400 })]);
    expect(formsPrivacy(ceredigion, cy, 'cy')[0].service).toBe('Gwneud cais am drwydded prawf');
    expect(formsRetentionDays(ceredigion)).toBe(400);
    expect(formsRetentionDays({ ...ceredigion, services: { ...ceredigion.services, forms: { adopted: {} } } })).toBe(0);
  });
});
