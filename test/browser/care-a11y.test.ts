/**
 * Every page of the care-needs-assessment form and each of its error states, checked with axe-core
 * for WCAG 2.2 AA in a real Chromium, in English at Hackney and in Welsh at Ceredigion (/cy/).
 *
 * One route that passes every question page (a professional asking for someone unable to decide,
 * who has an unpaid carer), the start page, the four exits (999, safeguarding, not agreed, not an
 * adult), check answers and the confirmation. Each question page is sent once empty (or, where
 * every answer is optional, too long), and "tell us more" once with one box too long: each error
 * state has "Error:" in its title, a summary whose links lead to fields, and an inline message a
 * screen reader reads with its field.
 */
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '../../functions/modules/index.ts';
import { CARE_FORM_ID, CEREDIGION_CY, fill, HACKNEY, markedAnswers, routeSteps, type CareSite, type Fields } from '../support/care.ts';
import { formatViolations, launchBrowser, navigate, startTestHost, WCAG_TAGS, type A11yViolation, type TestHost } from './support.ts';

const NOW = '2026-12-01T10:00:00Z';
/** Some sixty pages and checks on a busy 2-core machine. */
const FORM_TIMEOUT = 150_000;
// CARE_SCREENSHOTS=1 saves key pages to /tmp/care-*.png for a person to look at
const SHOTS = process.env.CARE_SCREENSHOTS === '1';
/** Error states photographed (to /tmp/care-*.png) for a person to look at. */
const SHOT_ERRORS = new Set(['your-details', 'capacity', 'needs', 'person-contact']);

declare global {
  interface Window {
    axe: typeof axe;
  }
}

/** Each page's error states: fields filled in before Continue is pressed; `{}` is the page sent empty. */
const ERRORS: Record<string, Fields[]> = {
  'what-you-want': [{}],
  'who-is-asking': [{}],
  professional: [{}],
  'your-details': [{}, { 'requester-name': 'Samira Haddad', 'requester-phone': '12', 'requester-email': 'samira.example.com' }],
  agreement: [{}],
  capacity: [{}, { 'capacity-explanation': 'x'.repeat(501), 'power-of-attorney': 'no' }],
  'person-name': [{}],
  'date-of-birth': [{}, { 'date-of-birth-day': '31', 'date-of-birth-month': '2', 'date-of-birth-year': '1950' }],
  'person-contact': [{}],
  'lives-with': [{}],
  language: [{}],
  interpreter: [{}],
  // Optional: only too long is an error
  'communication-needs': [{ 'communication-needs': 'x'.repeat(501) }],
  advocate: [{}],
  needs: [{}],
  'unpaid-carer': [{}],
  'carer-assessment': [{}],
  'carer-details': [{}],
  'health-conditions': [{ 'health-conditions': 'x'.repeat(1001) }],
  'gp-practice': [{ 'gp-practice': 'x'.repeat(201) }],
  'how-to-contact': [{}],
};

/** Answers that lead from a page to an exit, visited (and checked) before the page's real answers. */
const EXITS: Record<string, { fields: Fields; exit: string }[]> = {
  'what-you-want': [
    { fields: { 'what-you-want': 'danger' }, exit: 'immediate-danger' },
    { fields: { 'what-you-want': 'abuse' }, exit: 'safeguarding' },
  ],
  agreement: [{ fields: { agreement: 'no' }, exit: 'no-agreement' }],
  'date-of-birth': [{ fields: { 'date-of-birth-day': '1', 'date-of-birth-month': '6', 'date-of-birth-year': '2012' }, exit: 'not-an-adult' }],
};

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([startTestHost(NOW), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe.each([HACKNEY, CEREDIGION_CY])('The care needs assessment $name', (site: CareSite) => {
  const { m } = site;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    // axe-core in every page from the start (as forms-a11y and report-a11y do)
    await context.addInitScript({ content: axe.source });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  /** report-a11y's quicker axe run: the same axe-core and WCAG tags, with axe already in the page. */
  async function expectNoViolations(label: string): Promise<void> {
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

  async function shot(name: string): Promise<void> {
    if (SHOTS) await page.screenshot({ path: `/tmp/care-${name}.png`, fullPage: true });
  }

  async function press(name: string): Promise<number | undefined> {
    return (await navigate(page, () => page.getByRole('button', { name, exact: true }).and(page.locator('button')).first().click()))?.status();
  }

  /** The page in the browser: its status, language, one h1, and no violations. */
  async function open(path: string, label: string): Promise<void> {
    const response = await page.goto(`${host.baseUrl}${path}`);
    expect(response?.status(), `status of ${label}`).toBe(200);
    expect(new URL(page.url()).pathname, `${label} is where it was opened`).toBe(path);
    await expectPage(label);
  }

  async function expectPage(label: string): Promise<void> {
    expect(await page.getAttribute('html', 'lang'), label).toBe(site.lang);
    expect(await page.locator('h1').count(), `${label} has one h1`).toBe(1);
    await expectNoViolations(label);
  }

  /** The page now shows errors: status 400, "Error:" in its title, a summary whose links all lead to a field, each message read with its field. */
  async function expectErrorState(status: number | undefined, label: string): Promise<void> {
    expect(status, label).toBe(400);
    expect(await page.title(), label).toMatch(new RegExp(`^${m['common.errorPrefix']}: `));
    const links = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length, `${label}: error summary links`).toBeGreaterThan(0);
    for (const href of links) expect(await page.locator(`[id="${href.replace(/^#/, '')}"]`).count(), `${label}: ${href} is on the page`).toBe(1);
    expect(await page.locator('.govuk-error-message:not([aria-hidden="true"])').count(), `${label}: inline messages`).toBeGreaterThan(0);
    // Axe does not check this: a screen reader reads each error message with its field (or fieldset).
    // (govuk-frontend's live character count, hidden from screen readers, has its own spoken status.)
    const unread = await page.locator('.govuk-error-message:not([aria-hidden="true"])').evaluateAll((messages) =>
      messages.filter((message) => !message.id || !document.querySelector(`[aria-describedby~="${message.id}"]`)).map((message) => message.textContent?.trim() ?? ''),
    );
    expect(unread, `${label}: error messages no field is described by`).toEqual([]);
    await expectNoViolations(label);
  }

  it('has no accessibility violations on any page of a route through every question, the exits, or any error state', async () => {
    const form = `${site.prefix}/forms/${CARE_FORM_ID}`;
    await open(form, 'start page');
    expect(await press(m['forms.journey.start.button' as MessageKey])).toBe(200);
    const base = new URL(page.url()).pathname.replace(/\/what-you-want$/, '');
    const steps = routeSteps('professional', site, markedAnswers(`a11y-${site.council}`), { carer: true, unableToDecide: true });

    for (const step of steps) {
      const path = `${base}/${step.page}`;
      const label = step.page;
      await open(path, label);

      for (const error of ERRORS[step.page] ?? []) {
        if (Object.keys(error).length > 0) await page.goto(`${host.baseUrl}${path}`);
        await fill(page, error);
        await expectErrorState(await press(m['common.continue']), `${label}, ${Object.keys(error).length === 0 ? 'empty' : JSON.stringify(error).slice(0, 80)}`);
        if (SHOT_ERRORS.has(step.page) && Object.keys(error).length === 0) await shot(`${site.lang}-error-${step.page}`);
      }
      if (step.page === 'person-address') {
        // No postcode; then the list with none chosen; then entered by hand and left empty
        await expectErrorState(await press(m['forms.answers.address.find' as MessageKey]), `${label}, no postcode`);
        await page.locator('[name="person-address-postcode"]').fill(site.postcode);
        expect(await press(m['forms.answers.address.find' as MessageKey])).toBe(200);
        await expectNoViolations(`${label}, the list of addresses`);
        await expectErrorState(await press(m['common.continue']), `${label}, none chosen`);
        expect(await press(m['forms.answers.address.notInList' as MessageKey])).toBe(200);
        await expectNoViolations(`${label}, entered by hand`);
        await expectErrorState(await press(m['common.continue']), `${label}, entered by hand, empty`);
        await page.goto(`${host.baseUrl}${path}`);
        await page.locator('[name="person-address-postcode"]').fill(site.postcode);
        expect(await press(m['forms.answers.address.find' as MessageKey])).toBe(200);
        await page.locator('select[name="person-address-uprn"]').selectOption(site.uprn);
      }
      if (step.page === 'needs-details') {
        // Empty, then the first box too long and the second given
        await expectErrorState(await press(m['common.continue']), `${label}, empty`);
        const [firstBox, secondBox] = Object.keys(step.fields);
        await fill(page, { [firstBox]: 'x'.repeat(501), [secondBox]: String(step.fields[secondBox]) });
        const status = await press(m['common.continue']);
        // One error, for the box too long; the other box is kept
        expect(await page.locator('.govuk-error-summary a').count()).toBe(1);
        expect(await page.locator(`[name="${secondBox}"]`).inputValue()).toBe(step.fields[secondBox]);
        await expectErrorState(status, `${label}, too long`);
        await shot(`${site.lang}-error-needs-details-too-long`);
      }
      for (const { fields, exit } of EXITS[step.page] ?? []) {
        await page.goto(`${host.baseUrl}${path}`);
        await fill(page, fields);
        expect(await press(m['common.continue']), `${label} to ${exit}`).toBe(200);
        expect(new URL(page.url()).pathname).toBe(`${base}/exit/${exit}`);
        await expectPage(`the ${exit} exit`);
        await page.goto(`${host.baseUrl}${path}`);
      }

      if (step.page !== 'person-address') {
        if (new URL(page.url()).pathname !== path) await page.goto(`${host.baseUrl}${path}`);
      }
      await fill(page, step.fields);
      expect(await press(m['common.continue']), `continue from ${label}`).toBe(200);
    }

    expect(new URL(page.url()).pathname).toBe(`${base}/check-answers`);
    await expectPage('check answers');
    expect(await press(m['forms.journey.check.acceptAndSend' as MessageKey])).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${form}/done/[A-Z0-9]{4}-[A-Z0-9]{4}$`));
    await expectPage('confirmation');
  }, FORM_TIMEOUT);
});
