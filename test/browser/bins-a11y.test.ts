/**
 * Every page of the bins journey, its error states and the platform's own pages, checked with axe-core
 * for WCAG 2.2 AA in a real Chromium: in English on South Cambridgeshire and in Welsh on Ceredigion.
 *
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC. On that day:
 * - South Cambridgeshire, 3 Foxglove Way (UPRN 10033500001, round tuesday-a): the blue bin, green bin and
 *   food caddy are collected that day, so each may be reported; the black bin was last collected on
 *   24 November and its two-working-day window has closed.
 * - Ceredigion, 31 Ffordd y Môr (UPRN 10009400003, round tuesday-week-2): clear bags, the green box and
 *   the food caddy are collected that day; black bags were last collected on 17 November (window closed).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { checkA11y, expectNoViolations, launchBrowser, navigate, startTestHost, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';

interface Journey {
  name: string;
  /** Where the council's pages in this language start, without a trailing slash. */
  prefix: string;
  messages: Record<MessageKey, string>;
  postcode: string;
  /** In the council's postcode districts, but no address has it. */
  noAddresses: string;
  outOfArea: string;
  uprn: string;
  /** Collected today: reportable. */
  reportable: string;
  /** Also collected today; reported twice to reach the duplicate page. */
  reportedTwice: string;
  /** Last collected a week ago: its window has closed. */
  windowClosed: string;
  /** A container of the council that this address does not have. */
  notHere: string;
}

const JOURNEYS: Journey[] = [
  {
    name: 'in English on South Cambridgeshire',
    prefix: '/south-cambridgeshire',
    messages: en,
    postcode: 'CB23 6DW',
    noAddresses: 'CB23 9ZZ',
    outOfArea: 'SA1 1AA',
    uprn: '10033500001',
    reportable: 'blue-bin',
    reportedTwice: 'food-caddy',
    windowClosed: 'black-bin',
    notHere: 'no-such-bin',
  },
  {
    name: 'in Welsh on Ceredigion',
    prefix: '/ceredigion/cy',
    messages: cy,
    postcode: 'SY23 1DE',
    noAddresses: 'SY23 9ZZ',
    outOfArea: 'CB1 1AA',
    uprn: '10009400003',
    reportable: 'clear-bags',
    reportedTwice: 'food-caddy',
    windowClosed: 'black-bags',
    notHere: 'no-such-bin',
  },
];

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([startTestHost(NOW), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe.each(JOURNEYS)('The bins journey $name', (journey) => {
  const m = journey.messages;
  const errorTitle = new RegExp(`^${m['common.errorPrefix']}: `);
  // One context and one page per language, reused by its tests in turn: each test opens the page it
  // checks, so none depends on another; only the CSRF cookie carries over, as it would for a resident.
  let context: BrowserContext;
  let steps: ReturnType<typeof stepsOn>;
  const url = (path: string) => `${host.baseUrl}${journey.prefix}${path}`;

  beforeAll(async () => {
    context = await browser.newContext();
    steps = stepsOn(await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
  });

  /** The steps the tests take, on one page. */
  function stepsOn(page: Page) {
    const button = (key: MessageKey) => page.getByRole('button', { name: m[key], exact: true });

    async function open(path: string, status = 200) {
      const response = await page.goto(url(path));
      expect(response?.status(), `status of ${path}`).toBe(status);
    }

    async function heading(): Promise<string> {
      return (await page.locator('h1').innerText()).trim();
    }

    /** Sends the postcode form with `postcode` typed in; returns the response status. */
    async function searchPostcode(postcode: string): Promise<number | undefined> {
      await open('/bins');
      await page.locator('#postcode').fill(postcode);
      const response = await navigate(page, () => button('common.postcode.button').click());
      return response?.status();
    }

    /** Fills in the details page (opening it first) and continues; returns the response status. */
    async function sendDetails(container: string, answers: { more?: string; email?: string }): Promise<number | undefined> {
      await open(`/bins/property/${journey.uprn}/report/${container}`);
      await page.locator('#more').fill(answers.more ?? '');
      await page.locator('#email').fill(answers.email ?? '');
      const response = await navigate(page, () => button('common.continue').click());
      return response?.status();
    }

    /** Reports a missed collection through the form; ends on the confirmation or duplicate page. */
    async function report(container: string, email: string) {
      expect(await sendDetails(container, { email })).toBe(200);
      expect(await heading()).toBe(m['bins.report.check.title']);
      const response = await navigate(page, () => button('bins.report.check.button').click());
      expect(response?.status()).toBe(200);
    }

    return { page, button, open, heading, searchPostcode, sendDetails, report };
  }

  /** A test body, given the language's page and the steps to take on it. */
  const onPage = (test: (on: ReturnType<typeof stepsOn>) => Promise<void>) => () => test(steps);

  it('the council home page has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/');
    expect(await heading()).toBe(m['home.title']);
    await expectNoViolations(page, 'council home page');
  }));

  it('the accessibility statement has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/accessibility');
    expect(await heading()).toBe(m['accessibility.title']);
    await expectNoViolations(page, 'accessibility statement');
  }));

  it('the privacy notice has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/privacy');
    expect(await heading()).toBe(m['privacy.title']);
    await expectNoViolations(page, 'privacy notice');
  }));

  it('the cookies page has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/cookies');
    expect(await heading()).toBe(m['cookies.title']);
    await expectNoViolations(page, 'cookies page');
  }));

  it('the postcode page has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/bins');
    expect(await heading()).toBe(m['bins.postcode.label']);
    await expectNoViolations(page, 'postcode page');
  }));

  it('the postcode page has no accessibility violations when no postcode was entered', onPage(async ({ page, searchPostcode }) => {
    expect(await searchPostcode('')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['common.postcode.errorRequired']);
    await expectNoViolations(page, 'postcode page, no postcode');
  }));

  it('the postcode page has no accessibility violations when the postcode is not a postcode', onPage(async ({ page, searchPostcode }) => {
    expect(await searchPostcode('XYZ')).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await page.locator('#postcode').inputValue()).toBe('XYZ');
    await expectNoViolations(page, 'postcode page, invalid postcode');
  }));

  it('the postcode page has no accessibility violations when the postcode is outside the council area', onPage(async ({ page, searchPostcode }) => {
    expect(await searchPostcode(journey.outOfArea)).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(journey.outOfArea);
    await expectNoViolations(page, 'postcode page, out of area');
  }));

  it('the postcode page has no accessibility violations when no addresses have the postcode', onPage(async ({ page, searchPostcode }) => {
    expect(await searchPostcode(journey.noAddresses)).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(journey.noAddresses);
    await expectNoViolations(page, 'postcode page, no addresses');
  }));

  it('the address list has no accessibility violations', onPage(async ({ page, heading, searchPostcode }) => {
    expect(await searchPostcode(journey.postcode)).toBe(200);
    expect(await heading()).toBe(m['bins.address.title']);
    expect(await page.locator('input[name="uprn"]').count()).toBeGreaterThan(1);
    await expectNoViolations(page, 'address list');
  }));

  it('the address list has no accessibility violations when no address was chosen', onPage(async ({ page, button, searchPostcode }) => {
    expect(await searchPostcode(journey.postcode)).toBe(200);
    const response = await navigate(page, () => button('common.continue').click());
    expect(response?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['common.address.errorRequired']);
    await expectNoViolations(page, 'address list, none chosen');
  }));

  it('the bin collections page for an address has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open(`/bins/property/${journey.uprn}`);
    expect(await heading()).toBe(m['bins.property.title']);
    expect(await page.locator('table.govuk-table tbody tr').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'bin collections page');
  }));

  it('the choice of bin to report has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open(`/bins/property/${journey.uprn}/report`);
    expect(await heading()).toBe(m['bins.report.container.title']);
    await expectNoViolations(page, 'bin choice');
  }));

  it('the choice of bin to report has no accessibility violations when no bin was chosen', onPage(async ({ page, button, open }) => {
    await open(`/bins/property/${journey.uprn}/report`);
    const response = await navigate(page, () => button('common.continue').click());
    expect(response?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['bins.report.container.errorRequired']);
    await expectNoViolations(page, 'bin choice, none chosen');
  }));

  it('the page saying a collection cannot be reported because its window has closed has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open(`/bins/property/${journey.uprn}/report/${journey.windowClosed}`, 422);
    expect(await heading()).toBe(m['bins.report.notAllowed.title']);
    await expectNoViolations(page, 'cannot report: window closed');
  }));

  it('the page saying the address does not have that bin has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open(`/bins/property/${journey.uprn}/report/${journey.notHere}`, 422);
    expect(await heading()).toBe(m['bins.report.notAllowed.title']);
    await expectNoViolations(page, 'cannot report: not a bin here');
  }));

  it('the details page has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open(`/bins/property/${journey.uprn}/report/${journey.reportable}`);
    expect(await heading()).toBe(m['bins.report.details.title']);
    await expectNoViolations(page, 'details page');
  }));

  it('the details page has no accessibility violations when the email address is missing', onPage(async ({ page, sendDetails }) => {
    expect(await sendDetails(journey.reportable, { more: 'Left by the gate', email: '' })).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['common.email.errorRequired']);
    await expectNoViolations(page, 'details page, no email');
  }));

  it('the details page has no accessibility violations when the email address is not valid', onPage(async ({ page, sendDetails }) => {
    expect(await sendDetails(journey.reportable, { email: 'not-an-email' })).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['common.email.errorInvalid']);
    await expectNoViolations(page, 'details page, invalid email');
  }));

  it('the details page has no accessibility violations when the details are over 500 characters', onPage(async ({ page, sendDetails }) => {
    expect(await sendDetails(journey.reportable, { more: 'x'.repeat(501), email: 'resident@example.com' })).toBe(400);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(m['bins.report.details.errorMoreTooLong'].replace('{max}', '500'));
    await expectNoViolations(page, 'details page, details too long');
  }));

  it('the check answers page has no accessibility violations', onPage(async ({ page, heading, sendDetails }) => {
    expect(await sendDetails(journey.reportable, { more: 'Left by the gate', email: 'check@example.com' })).toBe(200);
    expect(await heading()).toBe(m['bins.report.check.title']);
    await expectNoViolations(page, 'check answers');
  }));

  it('the confirmation page has no accessibility violations', onPage(async ({ page, heading, report }) => {
    await report(journey.reportable, 'confirmation@example.com');
    expect(page.url()).not.toContain('duplicate');
    expect(await heading()).toBe(m['bins.report.confirmation.title']);
    await expectNoViolations(page, 'confirmation');
  }));

  it('the page saying the collection was already reported has no accessibility violations', onPage(async ({ page, heading, report }) => {
    await report(journey.reportedTwice, 'first@example.com');
    await report(journey.reportedTwice, 'second@example.com');
    expect(page.url()).toContain('?duplicate=1');
    expect(await heading()).toBe(m['bins.report.duplicate.title']);
    await expectNoViolations(page, 'already reported');
  }));

  it('the page not found has no accessibility violations', onPage(async ({ page, open, heading }) => {
    await open('/no-such-page', 404);
    expect(await heading()).toBe(m['error.notFound.title']);
    await expectNoViolations(page, 'page not found');
  }));
});

describe('The accessibility check itself', () => {
  it('finds violations on a page known to have them, so a pass above means something', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html><head><title>Broken</title></head><body><main><img src="data:,"><button></button></main></body></html>');
      const ids = (await checkA11y(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'button-name']));
    } finally {
      await context.close();
    }
  });
});

describe('The platform pages', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('the platform landing page has no accessibility violations', async () => {
    const response = await page.goto(`${host.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Councils on Local Digital Factory');
    await expectNoViolations(page, 'platform landing page');
  });

  it('the dev outbox has no accessibility violations once an email has been sent', async () => {
    // Sends one report of its own, so the outbox has an email whichever tests ran before.
    await page.goto(`${host.baseUrl}/south-cambridgeshire/bins/property/10033500001/report/green-bin`);
    await page.locator('#email').fill('outbox@example.com');
    await navigate(page, () => page.getByRole('button', { name: en['common.continue'], exact: true }).click());
    await navigate(page, () => page.getByRole('button', { name: en['bins.report.check.button'], exact: true }).click());
    expect(await page.locator('h1').innerText()).toBe(en['bins.report.confirmation.title']);

    const response = await page.goto(`${host.baseUrl}/_dev/outbox`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('outbox@example.com');
    await expectNoViolations(page, 'dev outbox');
  });
});
