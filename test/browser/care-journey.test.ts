/**
 * The care-needs-assessment form filled in end to end in a real Chromium, as residents and
 * professionals would, through the real pages: each route (for yourself; for someone else who
 * agrees; for someone else unable to decide, with why and any lasting power of attorney; for
 * someone else who has not agreed, which ends at an exit; as a professional) to the confirmation
 * with its reference and the council's response time; the 999 and safeguarding exits first, with
 * the council's own numbers and no way on. In English at Hackney (England's outcomes), in Welsh at
 * Ceredigion (Wales' outcomes, one whole route and every exit), Highland's own list of needs, and
 * one whole route with JavaScript off. Each case sent is read back from the council's table: only
 * care staff may see it, and its raw item holds none of the special-category answers typed.
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import type { MessageKey } from '../../functions/modules/index.ts';
import {
  CARE_FORM_ID,
  CEREDIGION_CY,
  fill,
  HACKNEY,
  headingOf,
  HIGHLAND,
  markedAnswers,
  markedTexts,
  rawCase,
  routeSteps,
  type CareSite,
  type Route,
  type Step,
} from '../support/care.ts';
import { launchBrowser, navigate, startTestHost, type TestHost } from './support.ts';

const NOW = '2026-12-01T10:00:00Z';
/** The alphabet of case references: no 0/O, 1/I/L, so they can be read out on the phone. */
const REFERENCE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
const JOURNEY_TIMEOUT = 90_000;
// CARE_SCREENSHOTS=1 saves key pages to /tmp/care-*.png for a person to look at
const SHOTS = process.env.CARE_SCREENSHOTS === '1';

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([startTestHost(NOW), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const pathOf = (page: Page) => new URL(page.url()).pathname;
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
const heading = (page: Page) => text(page, 'h1');

/** A <button> by its text, pressed, and the page it leads to loaded; returns its status. */
async function press(page: Page, name: string): Promise<number | undefined> {
  return (await navigate(page, () => page.getByRole('button', { name, exact: true }).and(page.locator('button')).first().click()))?.status();
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `/tmp/care-${name}.png`, fullPage: true });
}

/** Opens the form's start page, checks it, presses Start now; answers the draft's base path. */
async function start(page: Page, site: CareSite, shotName?: string): Promise<string> {
  const form = `${site.prefix}/forms/${CARE_FORM_ID}`;
  expect((await page.goto(`${host.baseUrl}${form}`))?.status()).toBe(200);
  expect(await page.getAttribute('html', 'lang')).toBe(site.lang);
  expect(await heading(page)).toBe(site.lang === 'cy' ? 'Gofyn am asesiad o anghenion gofal a chymorth' : 'Ask for a care and support needs assessment');
  // The start page says where to go in danger, with the council's own safeguarding number
  expect(await text(page, 'main')).toContain(site.safeguardingPhone);
  if (shotName) await shot(page, shotName);
  expect(await press(page, site.m['forms.journey.start.button' as MessageKey])).toBe(200);
  expect(pathOf(page)).toMatch(new RegExp(`^${form}/d/[A-Za-z0-9_-]{22}/what-you-want$`));
  return pathOf(page).replace(/\/what-you-want$/, '');
}

/** The address question in the browser: the postcode typed as people do, found, and the property chosen. */
async function answerAddress(page: Page, site: CareSite, key: string): Promise<void> {
  await page.locator(`[name="${key}-postcode"]`).fill(site.postcode.toLowerCase().replace(' ', ''));
  expect(await press(page, site.m['forms.answers.address.find' as MessageKey])).toBe(200);
  await page.locator(`select[name="${key}-uprn"]`).selectOption(site.uprn);
}

/**
 * Answers each step's page in turn, checking the browser is on it with its heading; on the details
 * page, that there is a box for each need chosen and only those. Ends on check answers.
 */
async function walk(page: Page, site: CareSite, base: string, steps: Step[], shots: Record<string, string> = {}): Promise<void> {
  for (const step of steps) {
    expect(pathOf(page), `the page after ${step.page}'s previous`).toBe(`${base}/${step.page}`);
    expect(await heading(page), step.page).toBe(headingOf(step.page, site.lang));
    if (step.page === 'needs') {
      const offered = await text(page, 'main');
      for (const need of site.needs) expect(offered).toContain(need.text);
      for (const never of site.notOffered) expect(offered, `${site.council} does not offer "${never}"`).not.toContain(never);
    }
    if (step.page === 'needs-details') {
      const boxes = page.locator('main textarea');
      expect(await boxes.count(), 'a box per need chosen').toBe(site.needs.length);
      for (const need of site.needs) expect(await page.getByLabel(need.text, { exact: true }).evaluate((el) => el.tagName)).toBe('TEXTAREA');
    }
    if (step.page === 'person-address') await answerAddress(page, site, 'person-address');
    await fill(page, step.fields);
    if (shots[step.page]) await shot(page, shots[step.page]);
    expect(await press(page, site.m['common.continue']), `continue from ${step.page}`).toBe(200);
  }
  expect(pathOf(page)).toBe(`${base}/check-answers`);
  expect(await heading(page)).toBe(site.m['forms.journey.check.title' as MessageKey]);
}

/** Accepts and sends from check answers; checks the confirmation and answers the reference. */
async function send(page: Page, site: CareSite, shotName?: string): Promise<string> {
  expect(await press(page, site.m['forms.journey.check.acceptAndSend' as MessageKey])).toBe(200);
  expect(await text(page, '.govuk-panel__title')).toBe(site.m['forms.journey.done.title' as MessageKey]);
  const reference = await text(page, '.govuk-panel__body strong');
  expect(reference).toMatch(REFERENCE);
  expect(pathOf(page)).toBe(`${site.prefix}/forms/${CARE_FORM_ID}/done/${reference}`);
  expect(await text(page, 'main')).toContain(site.responseTime);
  if (shotName) await shot(page, shotName);
  return reference;
}

/** The case as it rests: restricted to care staff, no plaintext of what was typed into marked questions, which open to what was typed. */
async function expectSealedCase(site: CareSite, reference: string, marked: ReturnType<typeof markedAnswers>, expected: Record<string, unknown>): Promise<void> {
  const store = host.host.stores.get(site.council)!;
  const raw = await rawCase(store, reference);
  expect(raw, 'the case item').toBeDefined();
  const rawText = JSON.stringify(raw);
  for (const typed of markedTexts(marked)) expect(rawText, 'no special-category answer in the raw item').not.toContain(typed);
  const stored = (await getCase(store, reference, new Date(NOW)))!;
  expect(stored).toMatchObject({ service: 'forms', type: CARE_FORM_ID, restrictedTo: 'care' });
  const opened = await openCaseAnswers(host.host.ciphers.get(site.council)!, stored.form!.answers, caseSealContext(site.council, reference, CARE_FORM_ID));
  const values = Object.fromEntries(opened.map((a) => [a.key, a.value]));
  expect(values).toMatchObject(expected);
}

/** Exits leave the form: no question, no Continue, no Start, nothing to send. */
async function expectNoWayOn(page: Page, site: CareSite): Promise<void> {
  const main = page.locator('main');
  expect(await main.locator('input:not([type="hidden"]), textarea, select').count(), 'no questions on an exit').toBe(0);
  for (const key of ['common.continue', 'forms.journey.start.button', 'forms.journey.check.acceptAndSend'] as MessageKey[]) {
    expect(await page.getByRole('button', { name: site.m[key], exact: true }).count(), `no ${key} on an exit`).toBe(0);
  }
}

describe.each([HACKNEY, CEREDIGION_CY])('The 999 and safeguarding exits $name', (site) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('sends someone in danger to 999 before anything else is asked, with no way on to the request', async () => {
    const base = await start(page, site);
    await fill(page, { 'what-you-want': 'danger' });
    expect(await press(page, site.m['common.continue'])).toBe(200);
    expect(pathOf(page)).toBe(`${base}/exit/immediate-danger`);
    expect(await heading(page)).toBe(site.exitTitles.danger);
    const body = await text(page, 'main');
    expect(body).toContain('999');
    expect(body).toContain(site.safeguardingPhone);
    await expectNoWayOn(page, site);
    await shot(page, `${site.lang}-exit-999`);
    // Nothing further opens while the answer leads here
    await page.goto(`${host.baseUrl}${base}/who-is-asking`);
    expect(pathOf(page)).not.toBe(`${base}/who-is-asking`);
  });

  it('sends a worry about abuse or neglect to the council’s safeguarding numbers, in and out of hours, with no way on', async () => {
    const base = await start(page, site);
    await fill(page, { 'what-you-want': 'abuse' });
    expect(await press(page, site.m['common.continue'])).toBe(200);
    expect(pathOf(page)).toBe(`${base}/exit/safeguarding`);
    expect(await heading(page)).toBe(site.exitTitles.safeguarding);
    const body = await text(page, 'main');
    expect(body).toContain(site.safeguardingPhone);
    expect(body).toContain(site.outOfHoursPhone);
    expect(body).toContain('999');
    await expectNoWayOn(page, site);
    await shot(page, `${site.lang}-exit-safeguarding`);
    await page.goto(`${host.baseUrl}${base}/person-name`);
    expect(pathOf(page)).not.toBe(`${base}/person-name`);
  });

  it('stops someone asking for an adult who has not agreed at an exit that says to ask them first, with the numbers to call', async () => {
    const base = await start(page, site);
    const steps = routeSteps('someone-else', site, markedAnswers('no-agreement')).slice(0, 4);
    steps[3] = { page: 'agreement', fields: { agreement: 'no' } };
    await walkTo(page, site, base, steps);
    expect(pathOf(page)).toBe(`${base}/exit/no-agreement`);
    expect(await heading(page)).toBe(site.exitTitles.noAgreement);
    const body = await text(page, 'main');
    expect(body).toContain(site.contactPhone);
    expect(body).toContain(site.safeguardingPhone);
    await expectNoWayOn(page, site);
    await shot(page, `${site.lang}-exit-no-agreement`);
    // Nothing about the person is asked: their pages lead back to the exit
    await page.goto(`${host.baseUrl}${base}/person-name`);
    expect(pathOf(page)).toBe(`${base}/exit/no-agreement`);
    // Changing the answer to yes carries on to the person's name
    await page.goto(`${host.baseUrl}${base}/agreement`);
    await fill(page, { agreement: 'yes' });
    expect(await press(page, site.m['common.continue'])).toBe(200);
    expect(pathOf(page)).toBe(`${base}/person-name`);
  });
});

/** Answers steps, each from its own page, ending wherever the last answer leads. */
async function walkTo(page: Page, site: CareSite, base: string, steps: Step[]): Promise<void> {
  for (const step of steps) {
    expect(pathOf(page)).toBe(`${base}/${step.page}`);
    await fill(page, step.fields);
    expect(await press(page, site.m['common.continue']), `continue from ${step.page}`).toBe(200);
  }
}

interface Journey {
  route: Route;
  site: CareSite;
  carer?: boolean;
  javaScript?: boolean;
  /** Screenshots of pages by page id (before Continue), and of start, check answers and confirmation. */
  shots?: Record<string, string>;
  /** What check answers lists besides the marked answers. */
  listed: string[];
}

const JOURNEYS: (Journey & { name: string })[] = [
  {
    name: 'asks for themselves at Hackney, with an unpaid carer who may be offered an assessment',
    route: 'myself',
    site: HACKNEY,
    carer: true,
    shots: { start: 'en-start', needs: 'en-needs', 'needs-details': 'en-needs-details', 'check-answers': 'en-check-answers', done: 'en-confirmation' },
    listed: ['Myself', 'Doreen Okafor', '3 July 1941', 'doreen@example.com', 'They live alone', 'Personal hygiene', 'Using the home safely', 'Tunde Okafor', 'Phone call', 'Weekday mornings'],
  },
  {
    name: 'asks at Hackney for someone else who knows and agrees',
    route: 'someone-else',
    site: HACKNEY,
    listed: ['Someone else', 'Samira Haddad', '07700 900 123', 'samira@example.com', 'Doreen Okafor', 'Through me, the person filling in this form'],
  },
  {
    name: 'asks at Hackney for someone else who is unable to decide, saying why and that someone holds a lasting power of attorney',
    route: 'unable-to-decide',
    site: HACKNEY,
    shots: { capacity: 'en-capacity' },
    listed: ['Someone else', 'They are unable to decide', 'Samira Haddad', 'Doreen Okafor'],
  },
  {
    name: 'asks at Hackney as a professional, giving their organisation and role',
    route: 'professional',
    site: HACKNEY,
    shots: { professional: 'en-professional' },
    listed: ['Someone I work with as a professional', 'Homerton Community Nursing', 'District nurse', 'Samira Haddad', 'Doreen Okafor'],
  },
  {
    name: 'asks in Welsh at Ceredigion for someone else unable to decide, with a carer, among Wales’ outcomes',
    route: 'unable-to-decide',
    site: CEREDIGION_CY,
    carer: true,
    shots: {
      start: 'cy-start',
      'your-details': 'cy-your-details',
      capacity: 'cy-capacity',
      needs: 'cy-needs',
      'needs-details': 'cy-needs-details',
      'carer-assessment': 'cy-carer-assessment',
      'check-answers': 'cy-check-answers',
      done: 'cy-confirmation',
    },
    listed: ['Rhywun arall', "Nid ydynt yn gallu penderfynu", 'Samira Haddad', 'Doreen Okafor', 'Cyfathrebu', 'Tunde Okafor', 'Oes'],
  },
  {
    name: 'asks for themselves at Highland, among Highland’s own list of needs',
    route: 'myself',
    site: HIGHLAND,
    shots: { needs: 'highland-needs' },
    listed: ['Myself', 'Doreen Okafor', 'Staying safe from harm, abuse or neglect'],
  },
  {
    name: 'asks as a professional at Hackney with JavaScript off',
    route: 'professional',
    site: HACKNEY,
    javaScript: false,
    listed: ['Homerton Community Nursing', 'District nurse'],
  },
];

describe.each(JOURNEYS)('Someone $name', (journey) => {
  const { site } = journey;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: journey.javaScript ?? true });
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('goes through every page of the route, checks the answers and is sent a reference with the council’s response time; the case is care staff’s alone and sealed', async () => {
    const tag = `${site.council}-${journey.route}-${journey.javaScript === false ? 'nojs' : 'js'}`;
    const marked = markedAnswers(tag);
    const shots = journey.shots ?? {};
    const base = await start(page, site, shots.start);
    // With JavaScript off govuk-frontend never starts; on, it does
    expect(await page.locator('body.govuk-frontend-supported').count()).toBe(journey.javaScript === false ? 0 : 1);
    const steps = routeSteps(journey.route, site, marked, { carer: journey.carer });
    await walk(page, site, base, steps, shots);

    const answers = await text(page, '.govuk-summary-list');
    const listed = [...journey.listed, ...site.needs.map((n) => n.text), marked.language, marked.communication, ...marked.details, marked.health, marked.gp];
    if (journey.route === 'unable-to-decide') listed.push(marked.capacity);
    for (const shown of listed) expect(answers, 'check answers lists what was given').toContain(shown);
    expect(answers).toContain(site.postcode);
    // A professional's and someone else's own details are asked only of them
    if (journey.route === 'myself') expect(answers).not.toContain('Samira Haddad');
    if (journey.route !== 'professional') expect(answers).not.toContain('Homerton Community Nursing');
    if (journey.route !== 'unable-to-decide') expect(answers).not.toContain('Korsakoff');
    if (shots['check-answers']) await shot(page, shots['check-answers']);

    const reference = await send(page, site, shots.done);
    const expected: Record<string, unknown> = {
      'preferred-language': marked.language,
      'health-conditions': marked.health,
      'gp-practice': marked.gp,
      // In the list's order, not the order ticked
      needs: expect.arrayContaining(site.needs.map((n) => n.value)),
      'needs-details': Object.fromEntries(site.needs.map((n, i) => [n.value, marked.details[i]])),
    };
    if (journey.route === 'unable-to-decide') Object.assign(expected, { 'capacity-explanation': marked.capacity, 'power-of-attorney': 'yes' });
    if (journey.route === 'professional') Object.assign(expected, { organisation: 'Homerton Community Nursing', role: 'District nurse' });
    await expectSealedCase(site, reference, marked, expected);

    // The draft went with the form sent
    expect((await page.goto(`${host.baseUrl}${base}/person-name`))?.status()).toBe(404);
  }, JOURNEY_TIMEOUT);
});
