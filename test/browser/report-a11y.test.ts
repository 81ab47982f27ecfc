/**
 * Every page of the report-a-problem journey and its error states, checked with axe-core for WCAG 2.2
 * AA in a real Chromium: in English on Hackney and in Welsh on Ceredigion.
 *
 * Each test builds the draft it needs by posting the journey's forms over HTTP from the browser's own
 * context (its cookies, its CSRF token), which is quick; it then opens the page it checks in the
 * browser and, for an error state, fills in and sends the page's real form.
 *
 * Hackney: Roads → Pothole (a notice, a required depth question), 17 Sandringham Mews in E8 2NS,
 * Islington's N5 next door, Mare Street in the street list. Ceredigion: Ffyrdd a phalmentydd → Twll yn
 * y ffordd, 31 Ffordd y Môr in SY23 1DE, Powys's SY20 and Pembrokeshire to the south-west, the
 * Aberystwyth / Aberaeron / Aberteifi streets. Both have fly-tipping with a required multi-value
 * question (what has been dumped).
 */
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { DEFAULT_STATE_LABELS } from '../../functions/core/cases/lifecycle.ts';
import { exifApp1, jfifApp0, jpeg } from '../support/images.ts';
import { formatViolations, launchBrowser, navigate, startTestHost, WCAG_TAGS, type A11yViolation, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';

declare global {
  interface Window {
    axe: typeof axe;
  }
}

type Step = 'category' | 'notice' | 'questions' | 'location' | 'postcode' | 'address' | 'street' | 'coordinates' | 'description' | 'photo' | 'contact' | 'check';

interface Journey {
  name: string;
  /** Where the council's pages in this language start, without a trailing slash. */
  prefix: string;
  messages: Record<MessageKey, string>;
  group: string;
  category: string;
  /** The category's answers that let the resident go on. */
  answers: Record<string, string>;
  /** The category's required question, and the multi-value one of fly-tipping. */
  questions: { depth: string; dumped: string };
  postcode: string;
  uprn: string;
  /** A postcode of a neighbouring council, and the neighbour's name as the error gives it. */
  neighbourPostcode: string;
  neighbourByPostcode: string;
  /** Matches more than one street, or at least one. */
  street: string;
  inside: { lat: string; long: string };
  /** A point in a neighbour's area, and the neighbour's name. */
  outside: { lat: string; long: string };
  neighbourByPoint: string;
  /** In the notices of categories that can be dangerous. */
  outOfHoursPhone: string;
}

const JOURNEYS: Journey[] = [
  {
    name: 'in English on Hackney',
    prefix: '/hackney',
    messages: en,
    group: 'roads',
    category: 'pothole',
    answers: { 'attribute-depth': 'over_10cm' },
    questions: { depth: 'How deep is the pothole?', dumped: 'What has been dumped?' },
    postcode: 'E8 2NS',
    uprn: '10008200011',
    neighbourPostcode: 'N5 1AA',
    neighbourByPostcode: 'Islington Council',
    street: 'mare',
    inside: { lat: '51.54497', long: '-0.05528' },
    outside: { lat: '51.5464', long: '-0.1043' },
    neighbourByPoint: 'Islington Council',
    outOfHoursPhone: '020 8356 2300',
  },
  {
    name: 'in Welsh on Ceredigion',
    prefix: '/ceredigion/cy',
    messages: cy,
    group: 'roads',
    category: 'pothole',
    answers: { 'attribute-depth': 'over_10cm' },
    questions: { depth: "Pa mor ddwfn yw'r twll?", dumped: "Beth sydd wedi'i ddympio?" },
    postcode: 'SY23 1DE',
    uprn: '10009400003',
    neighbourPostcode: 'SY20 8AA',
    neighbourByPostcode: 'Cyngor Sir Powys',
    street: 'aber',
    inside: { lat: '52.41548', long: '-4.08453' },
    // Haverfordwest
    outside: { lat: '51.8', long: '-4.97' },
    neighbourByPoint: 'Cyngor Sir Penfro',
    outOfHoursPhone: '01970 625277',
  },
];

let host: TestHost;
let browser: Browser;

/**
 * A browser context whose pages all have axe-core in them from the start. Sending axe's 550 kB source
 * into a page through Playwright takes about 0.2 s, and AxeBuilder does it twice a run; an init script
 * is sent once, and the browser runs it in each new page itself for much less.
 */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript({ content: axe.source });
  return context;
}

/**
 * support.ts's expectNoViolations, in about half the time: the same axe-core, the same WCAG tags, run
 * on the page as it is, but with axe already there (see newContext) and only violations collected.
 * (Checked to report the same violations as AxeBuilder on a page with some.)
 */
async function expectNoViolations(page: Page, label: string): Promise<void> {
  const run = () =>
    page.evaluate(async (tags) => {
      if (typeof window.axe !== 'object') return undefined;
      const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({ id, impact, help, helpUrl, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
    }, WCAG_TAGS);
  let violations = await run();
  if (!violations) {
    await page.evaluate(axe.source);
    violations = (await run())!;
  }
  if (violations.length > 0) {
    expect.fail(`${label} (${page.url()}) has ${violations.length} accessibility violation(s):\n${formatViolations(violations as A11yViolation[])}`);
  }
}

beforeAll(async () => {
  [host, browser] = await Promise.all([startTestHost(NOW), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe.each(JOURNEYS)('The report-a-problem journey $name', (journey) => {
  const m = journey.messages;
  const errorTitle = new RegExp(`^${m['common.errorPrefix']}: `);
  // One context and one page per language, reused by its tests in turn: each test makes its own draft
  // and opens the page it checks, so none depends on another.
  let context: BrowserContext;
  let steps: ReturnType<typeof stepsOn>;
  const url = (path: string) => `${host.baseUrl}${journey.prefix}${path}`;

  beforeAll(async () => {
    context = await newContext();
    steps = stepsOn(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
  });

  function stepsOn(page: Page) {
    // A <button> by its text: in Welsh the file input is labelled as the upload button is, and is a button too.
    const button = (key: MessageKey) => page.getByRole('button', { name: m[key], exact: true }).and(page.locator('button'));

    async function heading(): Promise<string> {
      return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
    }

    async function errorSummary(): Promise<string> {
      return (await page.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
    }

    /** Opens a page of the journey (a path under the prefix, or a draft's full path) and checks its status. */
    async function open(path: string, status = 200) {
      const response = await page.goto(path.startsWith(journey.prefix) ? `${host.baseUrl}${path}` : url(path));
      expect(response?.status(), `status of ${path}`).toBe(status);
    }

    /** Clicks a button (by its message) and waits for the page it leads to; returns its status. */
    async function press(key: MessageKey): Promise<number | undefined> {
      const response = await navigate(page, () => button(key).click());
      return response?.status();
    }

    /** The council's CSRF token, from the cookie the browser holds (set on the first page opened). */
    async function csrf(): Promise<string> {
      let cookie = (await context.cookies(url('/'))).find((c) => c.name === 'ldf_csrf');
      if (!cookie) {
        await page.request.get(url('/report'));
        cookie = (await context.cookies(url('/'))).find((c) => c.name === 'ldf_csrf');
      }
      return cookie!.value;
    }

    /** Posts a form as the browser would, with its cookies; expects the redirect to the next step and returns where to. */
    async function post(path: string, form: Record<string, string>): Promise<string> {
      const response = await page.request.post(`${host.baseUrl}${path}`, { form: { csrf: await csrf(), ...form }, maxRedirects: 0 });
      expect(response.status(), `POST ${path}: ${(await response.text()).slice(0, 200)}`).toBe(303);
      return new URL(response.headers().location!, host.baseUrl).pathname;
    }

    /**
     * A new draft with every step before `target` answered (the category's own ones given), by postcode
     * and address unless the target is another way to say where; returns the draft's path.
     */
    async function draftAt(target: Step, choice: { group: string; category: string; answers: Record<string, string> } = journey): Promise<string> {
      const first = await post(`${journey.prefix}/report`, { group: choice.group });
      const base = first.replace(/\/[a-z-]+$/, '');
      const answers: [Step, Record<string, string>][] = [
        ['category', { category: choice.category }],
        ['notice', {}],
        ['questions', choice.answers],
        ['location', { method: target === 'street' || target === 'coordinates' ? target : 'postcode' }],
        ['postcode', { postcode: journey.postcode }],
        ['address', { uprn: journey.uprn }],
        ['description', { description: 'A deep hole by the bus stop' }],
        ['photo', {}],
        ['contact', { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' }],
      ];
      for (const [step, form] of answers) {
        if (step === target) break;
        const next = await post(`${base}/${step}`, form);
        if (step === 'location' && next.endsWith(`/${target}`)) break;
      }
      return base;
    }

    /** A report sent through the check page over HTTP; returns its reference. */
    async function sentReport(): Promise<string> {
      const base = await draftAt('check');
      return (await post(`${base}/check`, {})).split('/').pop()!;
    }

    return { page, button, heading, errorSummary, open, press, draftAt, sentReport };
  }

  const onPage = (test: (on: ReturnType<typeof stepsOn>) => Promise<void>) => () => test(steps);

  // Each test opens one page and checks it, then sends its real form for each error state in turn.

  // ------------------------------------------------------------------------------ What and which

  it('the group page has no accessibility violations, nor its error', onPage(async ({ page, open, heading, press, errorSummary }) => {
    await open('/report');
    expect(await heading()).toBe(m['report.group.title']);
    expect(await page.locator('input[name="group"]').count()).toBeGreaterThan(1);
    await expectNoViolations(page, 'group page');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.group.errorRequired']);
    await expectNoViolations(page, 'group page, none chosen');
  }));

  it('the category page has no accessibility violations, nor its error', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('category')}/category`);
    expect(await heading()).toBe(m['report.category.title']);
    await expectNoViolations(page, 'category page');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.category.errorRequired']);
    await expectNoViolations(page, 'category page, none chosen');
  }));

  it('the category’s notice has no accessibility violations', onPage(async ({ page, open, draftAt }) => {
    await open(`${await draftAt('notice')}/notice`);
    expect(await page.locator('.govuk-warning-text').innerText()).toContain(journey.outOfHoursPhone);
    await expectNoViolations(page, 'notice page');
  }));

  it('the questions page has no accessibility violations, nor its error when a required answer is missing', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('questions')}/questions`);
    expect(await heading()).toBe(m['report.questions.title']);
    expect(await page.locator('input[type="radio"][name="attribute-depth"]').count()).toBe(3);
    await expectNoViolations(page, 'questions page');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await page.locator('.govuk-error-summary a[href="#attribute-depth"]').count()).toBe(1);
    expect(await errorSummary()).toContain(m['report.questions.errorRequired'].replace('{question}', journey.questions.depth));
    await expectNoViolations(page, 'questions page, required answer missing');
  }));

  it('a multi-value (checkboxes) question has no accessibility violations, nor its error when no box is ticked', onPage(async ({ page, open, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('questions', { group: 'street_cleaning', category: 'fly_tipping', answers: {} })}/questions`);
    expect(await page.locator('input[type="checkbox"][name="attribute-what"]').count()).toBeGreaterThan(2);
    await expectNoViolations(page, 'questions page with checkboxes');

    expect(await press('common.continue')).toBe(400);
    expect(await page.locator('.govuk-error-summary a[href="#attribute-what"]').count()).toBe(1);
    expect(await errorSummary()).toContain(m['report.questions.errorRequired'].replace('{question}', journey.questions.dumped));
    await expectNoViolations(page, 'questions page with checkboxes, required answer missing');
  }));

  // ------------------------------------------------------------------------------------- Where

  it('the choice of how to say where has no accessibility violations, nor its error', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('location')}/location`);
    expect(await heading()).toBe(m['report.location.title']);
    await expectNoViolations(page, 'location method page');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.location.errorRequired']);
    await expectNoViolations(page, 'location method page, none chosen');
  }));

  it('the postcode page has no accessibility violations, nor its errors: empty, not a postcode, a neighbour’s', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('postcode')}/postcode`);
    expect(await heading()).toBe(m['report.postcode.title']);
    await expectNoViolations(page, 'postcode page');

    for (const [typed, message] of [
      ['', m['common.postcode.errorRequired']],
      ['XYZ', m['common.postcode.errorInvalid'].split(',')[0]],
      [journey.neighbourPostcode, journey.neighbourByPostcode],
    ]) {
      await page.locator('#postcode').fill(typed);
      expect(await press('common.postcode.button')).toBe(400);
      expect(await page.title()).toMatch(errorTitle);
      expect(await page.locator('#postcode').inputValue()).toBe(typed);
      expect(await errorSummary()).toContain(message);
      await expectNoViolations(page, `postcode page, ${typed || 'empty'}`);
    }
  }));

  it('the address list has no accessibility violations, nor its error', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('address')}/address`);
    expect(await heading()).toBe(m['report.address.title']);
    expect(await page.locator('input[name="uprn"]').count()).toBeGreaterThan(1);
    await expectNoViolations(page, 'address list');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['common.address.errorRequired']);
    await expectNoViolations(page, 'address list, none chosen');
  }));

  it('the street search has no accessibility violations: empty, no match, the streets found, and none chosen', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('street')}/street`);
    expect(await heading()).toBe(m['report.street.title']);
    await expectNoViolations(page, 'street search');

    await page.locator('#street').fill('zzz');
    expect(await press('report.street.search')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.street.errorNone'].split('‘')[0]);
    await expectNoViolations(page, 'street search, no match');

    await page.locator('#street').fill(journey.street);
    expect(await press('report.street.search')).toBe(200);
    expect(await page.locator('input[name="usrn"]').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'street search results');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.street.errorChoose']);
    await expectNoViolations(page, 'street search results, none chosen');
  }));

  it('the coordinates page has no accessibility violations, nor its errors: not numbers, in a neighbour’s area', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('coordinates')}/coordinates`);
    expect(await heading()).toBe(m['report.coordinates.title']);
    await expectNoViolations(page, 'coordinates page');

    await page.locator('#lat').fill('north');
    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    const summary = await errorSummary();
    expect(summary).toContain(m['report.coordinates.errorLat'].split(',')[0]);
    expect(summary).toContain(m['report.coordinates.errorLongRequired']);
    await expectNoViolations(page, 'coordinates page, invalid');

    await page.locator('#lat').fill(journey.outside.lat);
    await page.locator('#long').fill(journey.outside.long);
    expect(await press('common.continue')).toBe(400);
    expect(await errorSummary()).toContain(journey.neighbourByPoint);
    await expectNoViolations(page, 'coordinates page, in a neighbour’s area');
  }));

  // ----------------------------------------------------------------------- Description and photo

  it('the description page has no accessibility violations, nor its errors: empty, too long', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('description')}/description`);
    expect(await heading()).toBe(m['report.description.title']);
    await expectNoViolations(page, 'description page');

    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.description.errorRequired']);
    await expectNoViolations(page, 'description page, empty');

    await page.locator('#description').fill('x'.repeat(2001));
    expect(await press('common.continue')).toBe(400);
    expect(await errorSummary()).toContain(m['report.description.errorTooLong'].replace('{max}', '2000'));
    await expectNoViolations(page, 'description page, too long');
  }));

  it('the photo page has no accessibility violations: empty, after a file that is not a photo, showing the photo uploaded', onPage(async ({ page, open, heading, press, button, errorSummary, draftAt }) => {
    await open(`${await draftAt('photo')}/photo`);
    expect(await heading()).toBe(m['report.photo.title']);
    // With JavaScript, govuk-frontend's file upload gives the field's id to its button and keeps the input (hidden) in the form.
    expect(await page.locator('input[type="file"]').count()).toBe(1);
    await expectNoViolations(page, 'photo page');

    // Through the real upload form: to the storage endpoint, and back to the journey.
    await page.locator('input[type="file"]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not a photo') });
    expect(await press('report.photo.upload')).toBe(400);
    expect(new URL(page.url()).pathname).toMatch(/\/photo-uploaded$/);
    expect(await page.title()).toMatch(errorTitle);
    expect(await errorSummary()).toContain(m['report.photo.errorType']);
    await expectNoViolations(page, 'photo page, not a photo');

    const photo = jpeg(jfifApp0(), exifApp1({ make: 'PhoneMaker', model: 'Model 9', gps: { lat: 51.545, lon: -0.055 } }));
    await page.locator('input[type="file"]').setInputFiles({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
    expect(await press('report.photo.upload')).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/\/photo$/);
    const image = page.locator('img.app-photo');
    expect(await image.getAttribute('alt')).toBe(m['report.photo.alt']);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    expect(await button('report.photo.remove').count()).toBe(1);
    await expectNoViolations(page, 'photo page with a photo');
  }));

  // ------------------------------------------------------------------------- Contact and check

  it('the contact details page has no accessibility violations, nor its errors', onPage(async ({ page, open, heading, press, errorSummary, draftAt }) => {
    await open(`${await draftAt('contact')}/contact`);
    expect(await heading()).toBe(m['report.contact.title']);
    await expectNoViolations(page, 'contact page');

    await page.locator('#email').fill('not an email');
    await page.locator('#phone').fill('call me');
    expect(await press('common.continue')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    const summary = await errorSummary();
    for (const key of ['report.contact.errorName', 'common.email.errorInvalid', 'report.contact.errorPhone'] as const) expect(summary).toContain(m[key]);
    await expectNoViolations(page, 'contact page, every field wrong');
  }));

  it('the check answers page and the confirmation have no accessibility violations', onPage(async ({ page, open, heading, press, draftAt }) => {
    await open(`${await draftAt('check')}/check`);
    expect(await heading()).toBe(m['report.check.title']);
    expect(await page.locator('.govuk-summary-list__row').count()).toBeGreaterThan(6);
    await expectNoViolations(page, 'check answers page');

    expect(await press('report.check.button')).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/\/report\/done\/[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect((await page.locator('.govuk-panel__title').innerText()).trim()).toBe(m['report.done.title']);
    await expectNoViolations(page, 'confirmation page');
  }));

  // ------------------------------------------------------------------------------- Tracking

  it('the track page has no accessibility violations: empty, its errors, and a report found with its status', onPage(async ({ page, open, heading, press, errorSummary, sentReport }) => {
    const reference = await sentReport();
    await open('/report/track');
    expect(await heading()).toBe(m['report.track.title']);
    await expectNoViolations(page, 'track page');

    for (const [typed, status, message] of [
      ['', 400, m['report.track.errorRequired']],
      ['ABC', 400, m['report.track.errorFormat']],
      ['ABCD-EFGH', 404, m['report.track.errorNotFound'].replace('{reference}', 'ABCD-EFGH')],
    ] as const) {
      await page.locator('#reference').fill(typed);
      expect(await press('report.track.button')).toBe(status);
      expect(await page.title()).toMatch(errorTitle);
      expect(await errorSummary()).toContain(message);
      await expectNoViolations(page, `track page, ${typed || 'empty'}`);
    }

    await page.locator('#reference').fill(reference.toLowerCase());
    expect(await press('report.track.button')).toBe(200);
    expect((await page.locator('main h2').first().innerText()).trim()).toBe(m['report.track.resultHeading'].replace('{reference}', reference));
    expect((await page.locator('.govuk-summary-list .govuk-tag').innerText()).trim()).toBe(DEFAULT_STATE_LABELS.submitted[m === en ? 'en' : 'cy']);
    await expectNoViolations(page, 'track page, report found');
  }));

  // --------------------------------------------------------------------------- Expired draft

  it('a draft that cannot be found (expired, or another browser’s) has no accessibility violations', onPage(async ({ draftAt }) => {
    const base = await draftAt('description');
    // A fresh context has no CSRF cookie, so the draft is not its own: the same page as an expired one.
    const stranger = await newContext();
    try {
      const page = await stranger.newPage();
      const response = await page.goto(`${host.baseUrl}${base}/description`);
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe(journey.prefix.endsWith('/cy') ? 'cy' : 'en');
      expect(await page.locator('main').innerText()).toContain(m['report.expired']);
      await expectNoViolations(page, 'draft not found');
    } finally {
      await stranger.close();
    }
  }));
});
