/**
 * The missed-collection journey clicked through in a real Chromium, as a resident would: with JavaScript
 * (govuk-frontend initialised), in Welsh, and with JavaScript turned off; and the language switch.
 *
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC: the blue bin at 3 and 7 Foxglove Way
 * (South Cambridgeshire, round tuesday-a) and the clear bags at 31 Ffordd y Môr (Ceredigion, round
 * tuesday-week-2) are collected that day, so a missed collection of each may be reported.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { launchBrowser, navigate, startTestHost, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';
/** The alphabet of case references: no 0/O, 1/I/L, so they can be read out on the phone. */
const REFERENCE = /^[A-HJ-KMNP-Z2-9]{4}-[A-HJ-KMNP-Z2-9]{4}$/;
/** A whole journey is a couple of dozen pages: room for a slow, busy machine. */
const JOURNEY_TIMEOUT = 90_000;

let host: TestHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([startTestHost(NOW), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Clicks a link or button found by its accessible name and waits for the page it leads to. */
async function follow(page: Page, role: 'link' | 'button', name: string) {
  return navigate(page, () => page.getByRole(role, { name, exact: true }).click());
}

/** The email in the dev outbox carrying this reference, as text. */
async function outboxEmail(page: Page, reference: string): Promise<string> {
  const response = await page.goto(`${host.baseUrl}/_dev/outbox`);
  expect(response?.status()).toBe(200);
  const email = page.locator('section', { hasText: reference });
  expect(await email.count()).toBe(1);
  return (await email.innerText()).replace(/\s+/g, ' ');
}

describe('With JavaScript on', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('a resident reports a missed blue bin collection from the council home page, changing their email on the way, and is emailed the reference', async () => {
    await page.goto(`${host.baseUrl}/south-cambridgeshire/`);
    expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);

    // The home page lists the service.
    await follow(page, 'link', en['bins.serviceName']);
    expect(new URL(page.url()).pathname).toBe('/south-cambridgeshire/bins');
    expect(await text(page, 'h1')).toBe(en['bins.postcode.label']);
    // govuk-frontend's JavaScript has initialised the page's components.
    expect(await page.locator('[data-module="govuk-button"][data-govuk-button-init]').count()).toBe(1);
    expect(await page.locator('[data-module="govuk-skip-link"][data-govuk-skip-link-init]').count()).toBe(1);

    // Sending no postcode shows the error summary, which govuk-frontend focuses.
    const empty = await follow(page, 'button', en['common.postcode.button']);
    expect(empty?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary[data-govuk-error-summary-init]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);

    // The postcode typed as people do: lower case, no space.
    await page.getByLabel(en['bins.postcode.label']).fill('');
    await page.getByLabel(en['bins.postcode.label']).pressSequentially('cb236dw');
    const addresses = await follow(page, 'button', en['common.postcode.button']);
    expect(addresses?.status()).toBe(200);
    expect(await text(page, 'h1')).toBe(en['bins.address.title']);
    expect(await text(page, '#uprn-hint')).toBe('4 addresses found for CB23 6DW.');

    await page.getByLabel('3 Foxglove Way, Cambourne, Cambridge', { exact: true }).check();
    const property = await follow(page, 'button', en['common.continue']);
    expect(property?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/south-cambridgeshire/bins/property/10033500001');
    expect(await text(page, 'h1')).toBe(en['bins.property.title']);
    expect(await text(page, '.govuk-caption-l')).toBe('3 Foxglove Way, Cambourne, Cambridge, CB23 6DW');

    // The bins this address has, and when they are collected.
    const containers = (await page.locator('main ul.govuk-list--bullet li').allInnerTexts()).map((s) => s.trim());
    expect(containers).toEqual([
      'Black bin: General waste',
      'Blue bin: Recycling: paper, card, plastic bottles, tins, cans and glass',
      'Green bin: Garden waste You subscribe to this collection.',
      'Food caddy: Food waste',
    ]);
    const firstRow = page.locator('table.govuk-table tbody tr').first();
    expect(await firstRow.locator('th').innerText()).toMatch(/^Tuesday 1 December 2026/);
    expect(await firstRow.locator('th .govuk-tag').innerText()).toBe(en['bins.property.today']);
    expect((await firstRow.locator('td li').allInnerTexts()).map((s) => s.trim())).toEqual(['Blue bin', 'Green bin', 'Food caddy']);
    expect((await page.locator('table.govuk-table tbody tr').nth(1).locator('th').innerText()).trim()).toBe('Tuesday 8 December 2026');

    // The calendar feed is a real iCalendar file.
    const calendarHref = await page.getByRole('link', { name: en['bins.property.calendarLink'] }).getAttribute('href');
    expect(calendarHref).toBe('/south-cambridgeshire/bins/property/10033500001/calendar.ics');
    const calendar = await page.request.get(new URL(calendarHref!, page.url()).href);
    expect(calendar.status()).toBe(200);
    expect(calendar.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');

    await follow(page, 'link', en['bins.property.reportLink']);
    expect(await text(page, 'h1')).toBe(en['bins.report.container.title']);
    await page.getByLabel('Blue bin', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(new URL(page.url()).pathname).toBe('/south-cambridgeshire/bins/property/10033500001/report/blue-bin');
    expect(await text(page, 'h1')).toBe(en['bins.report.details.title']);
    expect(await text(page, '.govuk-inset-text')).toBe('Your Blue bin was due to be collected on Tuesday 1 December 2026.');

    await page.getByLabel(`${en['bins.report.details.moreLabel']} ${en['common.optional']}`).fill('The bin was out by the gate from 6am.');
    await page.getByLabel(en['common.email.label']).fill('first.try@example.com');
    await follow(page, 'button', en['common.continue']);
    expect(await text(page, 'h1')).toBe(en['bins.report.check.title']);
    const answers = await text(page, '.govuk-summary-list');
    expect(answers).toContain('Address 3 Foxglove Way, Cambourne, Cambridge, CB23 6DW');
    expect(answers).toContain('Bin Blue bin');
    expect(answers).toContain('Collection day Tuesday 1 December 2026');
    expect(answers).toContain('Details The bin was out by the gate from 6am.');
    expect(answers).toContain('Email address first.try@example.com');

    // "Change" goes back to the details with the answers kept.
    await follow(page, 'button', 'Change email address');
    expect(await text(page, 'h1')).toBe(en['bins.report.details.title']);
    expect(await page.getByLabel(`${en['bins.report.details.moreLabel']} ${en['common.optional']}`).inputValue()).toBe('The bin was out by the gate from 6am.');
    const email = page.getByLabel(en['common.email.label']);
    expect(await email.inputValue()).toBe('first.try@example.com');
    await email.fill('resident@example.com');
    await follow(page, 'button', en['common.continue']);
    expect(await text(page, 'h1')).toBe(en['bins.report.check.title']);
    expect(await text(page, '.govuk-summary-list')).toContain('Email address resident@example.com');
    expect(await text(page, '.govuk-summary-list')).not.toContain('first.try@example.com');

    const sent = await follow(page, 'button', en['bins.report.check.button']);
    expect(sent?.status()).toBe(200);
    expect(page.url()).not.toContain('duplicate');
    expect(await text(page, 'h1')).toBe(en['bins.report.confirmation.title']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);

    const mail = await outboxEmail(page, reference);
    expect(mail).toContain(`Missed collection reported: ${reference}`);
    expect(mail).toContain('To resident@example.com');
    expect(mail).toContain(`Reference ${reference}`);
    expect(mail).toContain('Bin: Blue bin');
    expect(mail).toContain('Collection due: Tuesday 1 December 2026');
  }, JOURNEY_TIMEOUT);

  it('a resident reports missed clear bags in Welsh on Ceredigion and is emailed in Welsh', async () => {
    await page.goto(`${host.baseUrl}/ceredigion/cy/`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await text(page, 'h1')).toBe(cy['home.title']);

    await follow(page, 'link', cy['bins.serviceName']);
    expect(new URL(page.url()).pathname).toBe('/ceredigion/cy/bins');
    expect(await text(page, 'h1')).toBe(cy['bins.postcode.label']);
    await page.getByLabel(cy['bins.postcode.label']).pressSequentially('sy231de');
    await follow(page, 'button', cy['common.postcode.button']);
    expect(await text(page, 'h1')).toBe(cy['bins.address.title']);
    expect(await text(page, '#uprn-hint')).toBe('Wedi dod o hyd i 3 cyfeiriad ar gyfer SY23 1DE.');

    await page.getByLabel('31 Ffordd y Môr, Aberystwyth', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);
    expect(new URL(page.url()).pathname).toBe('/ceredigion/cy/bins/property/10009400003');
    expect(await text(page, 'h1')).toBe(cy['bins.property.title']);
    expect(await text(page, 'main h2')).toBe(cy['bins.property.containersHeading']);
    const containers = (await page.locator('main ul.govuk-list--bullet li').allInnerTexts()).map((s) => s.trim());
    expect(containers).toContain('Bagiau clir: Ailgylchu cymysg: papur, cardfwrdd, poteli plastig, tuniau a chaniau');
    const firstRow = page.locator('table.govuk-table tbody tr').first();
    expect(await firstRow.locator('th').innerText()).toMatch(/^Dydd Mawrth 1 Rhagfyr 2026/);
    expect(await firstRow.locator('th .govuk-tag').innerText()).toBe(cy['bins.property.today']);

    await follow(page, 'link', cy['bins.property.reportLink']);
    expect(await text(page, 'h1')).toBe(cy['bins.report.container.title']);
    await page.getByLabel('Bagiau clir', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);
    expect(new URL(page.url()).pathname).toBe('/ceredigion/cy/bins/property/10009400003/report/clear-bags');
    expect(await text(page, 'h1')).toBe(cy['bins.report.details.title']);

    await page.getByLabel(`${cy['bins.report.details.moreLabel']} ${cy['common.optional']}`).fill('Roedd y bagiau wrth y giât.');
    await page.getByLabel(cy['common.email.label']).fill('preswylydd@example.com');
    await follow(page, 'button', cy['common.continue']);
    expect(await text(page, 'h1')).toBe(cy['bins.report.check.title']);
    const answers = await text(page, '.govuk-summary-list');
    expect(answers).toContain('Bin Bagiau clir');
    expect(answers).toContain('Cyfeiriad e-bost preswylydd@example.com');

    await follow(page, 'button', cy['bins.report.check.button']);
    expect(await text(page, 'h1')).toBe(cy['bins.report.confirmation.title']);
    expect(await text(page, '.govuk-panel__body')).toContain(cy['common.confirmation.reference']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);

    const mail = await outboxEmail(page, reference);
    const subject = await page.locator('section', { hasText: reference }).locator('h2').innerText();
    expect(subject).toMatch(/^Casgliad/);
    expect(subject).toContain(reference);
    expect(mail).toContain('To preswylydd@example.com');
    expect(mail).toContain('Language cy');
    expect(mail).toContain('Bin: Bagiau clir');
    expect(mail).toContain('Rydym wedi cael eich adroddiad am gasgliad a fethwyd.');
  }, JOURNEY_TIMEOUT);

  it('the language switch on a Ceredigion bins page shows the same page in Welsh, query kept, and back in English', async () => {
    await page.goto(`${host.baseUrl}/ceredigion/bins/addresses?postcode=SY23+1DE`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, 'h1')).toBe(en['bins.address.title']);

    const toWelsh = await follow(page, 'link', 'Cymraeg');
    expect(toWelsh?.status()).toBe(200);
    const welsh = new URL(page.url());
    expect(welsh.pathname).toBe('/ceredigion/cy/bins/addresses');
    expect(welsh.searchParams.get('postcode')).toBe('SY23 1DE');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await text(page, 'h1')).toBe(cy['bins.address.title']);
    expect(await page.locator('input[name="uprn"]').count()).toBe(3);

    const toEnglish = await follow(page, 'link', 'English');
    expect(toEnglish?.status()).toBe(200);
    const english = new URL(page.url());
    expect(english.pathname).toBe('/ceredigion/bins/addresses');
    expect(english.searchParams.get('postcode')).toBe('SY23 1DE');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, 'h1')).toBe(en['bins.address.title']);
  });
});

describe('With JavaScript off', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('a resident reports a missed blue bin collection and reaches the confirmation', async () => {
    await page.goto(`${host.baseUrl}/south-cambridgeshire/`);
    expect(await page.evaluate(() => document.body.className)).not.toContain('govuk-frontend-supported');

    await follow(page, 'link', en['bins.serviceName']);
    await page.getByLabel(en['bins.postcode.label']).fill('cb236dw');
    await follow(page, 'button', en['common.postcode.button']);
    expect(await text(page, 'h1')).toBe(en['bins.address.title']);

    await page.getByLabel('7 Foxglove Way, Cambourne, Cambridge', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(new URL(page.url()).pathname).toBe('/south-cambridgeshire/bins/property/10033500002');
    expect(await text(page, 'h1')).toBe(en['bins.property.title']);

    await follow(page, 'link', en['bins.property.reportLink']);
    await page.getByLabel('Blue bin', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(await text(page, 'h1')).toBe(en['bins.report.details.title']);

    // An error on the way is shown without JavaScript too.
    await page.getByLabel(en['common.email.label']).fill('not an email');
    const invalid = await follow(page, 'button', en['common.continue']);
    expect(invalid?.status()).toBe(400);
    expect(await text(page, '.govuk-error-summary')).toContain(en['common.email.errorInvalid']);

    await page.getByLabel(en['common.email.label']).fill('no-js@example.com');
    await follow(page, 'button', en['common.continue']);
    expect(await text(page, 'h1')).toBe(en['bins.report.check.title']);

    await follow(page, 'button', 'Change email address');
    expect(await page.getByLabel(en['common.email.label']).inputValue()).toBe('no-js@example.com');
    await page.getByLabel(en['common.email.label']).fill('no-javascript@example.com');
    await follow(page, 'button', en['common.continue']);
    expect(await text(page, '.govuk-summary-list')).toContain('Email address no-javascript@example.com');

    const sent = await follow(page, 'button', en['bins.report.check.button']);
    expect(sent?.status()).toBe(200);
    expect(page.url()).not.toContain('duplicate');
    expect(await text(page, 'h1')).toBe(en['bins.report.confirmation.title']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);
    expect(await outboxEmail(page, reference)).toContain('To no-javascript@example.com');
  }, JOURNEY_TIMEOUT);
});
