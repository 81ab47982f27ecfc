/**
 * A catalogue form filled in end to end in a real Chromium, as a resident would, through the real
 * pages: "Request a new or replacement bin or box" with JavaScript turned off on Hackney (so nothing
 * in it needs govuk-frontend's scripts), and the same form in Welsh on Ceredigion with JavaScript on.
 *
 * The path: the council's home page, the start page, the address found by postcode, the reason
 * (damaged), what is wrong (sent empty first: the error, then its correction), the property's bins,
 * the name (last name left out first), the contact details, check answers and a Change link back to
 * the name, Accept and send, the confirmation with its reference, and the confirmation email.
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { launchBrowser, navigate, startTestHost, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';
/** The alphabet of case references: no 0/O, 1/I/L, so they can be read out on the phone. */
const REFERENCE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
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

/** Clicks a link or button found by its accessible name and waits for the page it leads to; returns its status. */
async function follow(page: Page, role: 'link' | 'button', name: string): Promise<number | undefined> {
  // Only a <button> for a button: a file input is a button too
  const target = role === 'button' ? page.getByRole('button', { name, exact: true }).and(page.locator('button')) : page.getByRole('link', { name, exact: true });
  return (await navigate(page, () => target.click()))?.status();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

interface Resident {
  name: string;
  council: string;
  /** Where the council's pages in this language start. */
  prefix: string;
  m: Record<MessageKey, string>;
  javaScript: boolean;
  title: string;
  postcode: string;
  address: string;
  headings: { address: string; reason: string; damage: string; containers: string; name: string; contact: string };
  damaged: string;
  lid: string;
  /** The error when no box is ticked on the damage page. */
  damageRequired: string;
  emailLabel: string;
  whatHappensNext: string;
  responseTime: string;
  subject: string;
}

const RESIDENTS: Resident[] = [
  {
    name: 'In English on Hackney with JavaScript off',
    council: 'hackney',
    prefix: '/hackney',
    m: en,
    javaScript: false,
    title: 'Request a new or replacement bin or box',
    postcode: 'E8 2NS',
    address: '17 Sandringham Mews',
    headings: {
      address: 'What is your address?',
      reason: 'Why do you need a new bin or box?',
      damage: 'What is wrong with it?',
      containers: 'Which bins or boxes do you need?',
      name: 'What is your name?',
      contact: 'How can we contact you?',
    },
    damaged: 'It is damaged',
    lid: 'The lid is broken or missing',
    damageRequired: 'Select what is wrong with your bin or box',
    emailLabel: 'Email address',
    whatHappensNext: 'We will check your request and deliver your new bin or box.',
    responseTime: 'We aim to deliver within 10 working days.',
    subject: 'Request a new or replacement bin or box',
  },
  {
    name: 'In Welsh on Ceredigion with JavaScript on',
    council: 'ceredigion',
    prefix: '/ceredigion/cy',
    m: cy,
    javaScript: true,
    title: 'Gofyn am fin neu flwch newydd neu un newydd yn ei le',
    postcode: 'SY23 1DE',
    address: '',
    headings: {
      address: 'Beth yw eich cyfeiriad?',
      reason: 'Pam mae angen bin neu flwch newydd arnoch?',
      damage: "Beth sy'n bod arno?",
      containers: 'Pa fagiau, blychau neu gadis sydd eu hangen arnoch?',
      name: 'Beth yw eich enw?',
      contact: 'Sut gallwn ni gysylltu â chi?',
    },
    damaged: "Mae wedi'i ddifrodi",
    lid: "Mae'r caead wedi torri neu ar goll",
    damageRequired: "Dewiswch yr hyn sy'n bod ar eich bin neu eich blwch",
    emailLabel: 'Cyfeiriad e-bost',
    whatHappensNext: 'Byddwn yn gwirio eich cais ac yn danfon eich bin neu eich blwch newydd.',
    responseTime: 'Ein nod yw danfon o fewn 10 diwrnod gwaith.',
    subject: 'Gofyn am fin neu flwch newydd neu un newydd yn ei le',
  },
];

describe.each(RESIDENTS)('$name', (r) => {
  const { m } = r;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: r.javaScript });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('a resident asks for a new bin from the council home page, corrects two errors, changes an answer and is sent a reference', async () => {
    const heading = () => text(page, 'h1');
    const errorTitle = new RegExp(`^${m['common.errorPrefix']}: `);

    await page.goto(`${host.baseUrl}${r.prefix}/`);
    // With JavaScript off govuk-frontend never starts; on, it does
    expect(await page.locator('body.govuk-frontend-supported').count()).toBe(r.javaScript ? 1 : 0);

    // The home page lists the form; its start page says what it is for
    await follow(page, 'link', r.title);
    expect(pathOf(page)).toBe(`${r.prefix}/forms/new-bin-request`);
    expect(await heading()).toBe(r.title);
    expect(await follow(page, 'button', m['forms.journey.start.button' as MessageKey])).toBe(200);
    expect(pathOf(page)).toMatch(new RegExp(`^${r.prefix}/forms/new-bin-request/d/[A-Za-z0-9_-]{22}/address$`));
    const draft = pathOf(page).replace(/\/address$/, '');

    // The address: the postcode typed as people do, then the address from the list
    expect(await heading()).toBe(r.headings.address);
    await page.getByLabel(m['forms.answers.address.postcode' as MessageKey], { exact: true }).fill(r.postcode.toLowerCase().replace(' ', ''));
    expect(await follow(page, 'button', m['forms.answers.address.find' as MessageKey])).toBe(200);
    expect(pathOf(page)).toBe(`${draft}/address`);
    const list = page.getByLabel(m['forms.answers.address.select' as MessageKey], { exact: true });
    const options = await list.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    expect(options.length).toBeGreaterThan(1);
    const chosen = r.address ? options.find((o) => o.text.startsWith(r.address))! : options[1];
    expect(chosen, 'the address in the list').toBeDefined();
    await list.selectOption(chosen.value);
    expect(await follow(page, 'button', m['common.continue'])).toBe(200);

    expect(pathOf(page)).toBe(`${draft}/reason`);
    expect(await heading()).toBe(r.headings.reason);
    await page.getByLabel(r.damaged, { exact: true }).check();
    await follow(page, 'button', m['common.continue']);

    // Nothing ticked: the error, in the summary and by the question; then the correction
    expect(pathOf(page)).toBe(`${draft}/damage`);
    expect(await heading()).toBe(r.headings.damage);
    expect(await follow(page, 'button', m['common.continue'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await text(page, '.govuk-error-summary')).toContain(r.damageRequired);
    expect(await text(page, '.govuk-error-message')).toContain(r.damageRequired);
    if (r.javaScript) {
      // govuk-frontend moves focus to the error summary; without JavaScript the page works the same
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false)).toBe(true);
    }
    // The summary's link goes to the first box (an in-page link: no script needed)
    const summaryLink = page.locator('.govuk-error-summary a').first();
    const target = (await summaryLink.getAttribute('href'))!;
    expect(await page.locator(target).getAttribute('type')).toBe('checkbox');
    await page.getByLabel(r.lid, { exact: true }).check();
    expect(await follow(page, 'button', m['common.continue'])).toBe(200);

    // The property's own bins, from the council's bins
    expect(pathOf(page)).toBe(`${draft}/containers`);
    expect(await heading()).toBe(r.headings.containers);
    const firstBin = page.locator('input[name="containers"]').first();
    const bin = (await page.locator(`label[for="${await firstBin.getAttribute('id')}"]`).innerText()).trim();
    await firstBin.check();
    await follow(page, 'button', m['common.continue']);

    // The last name left out: its own error, the first name kept
    expect(pathOf(page)).toBe(`${draft}/name`);
    expect(await heading()).toBe(r.headings.name);
    await page.getByLabel(m['forms.answers.name.first' as MessageKey], { exact: true }).fill('Carys');
    expect(await follow(page, 'button', m['common.continue'])).toBe(400);
    expect(await text(page, '.govuk-error-summary')).toContain(m['forms.answers.name.lastRequired' as MessageKey]);
    expect(await page.getByLabel(m['forms.answers.name.first' as MessageKey], { exact: true }).inputValue()).toBe('Carys');
    await page.getByLabel(m['forms.answers.name.last' as MessageKey], { exact: true }).fill('Jonse');
    await follow(page, 'button', m['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/contact`);
    expect(await heading()).toBe(r.headings.contact);
    await page.getByLabel(r.emailLabel, { exact: true }).fill('carys@example.com');
    await follow(page, 'button', m['common.continue']);

    // Check answers, then Change the misspelt name: back to check answers with it put right
    expect(pathOf(page)).toBe(`${draft}/check-answers`);
    expect(await heading()).toBe(m['forms.journey.check.title' as MessageKey]);
    let answers = await text(page, '.govuk-summary-list');
    for (const shown of [r.damaged, r.lid, bin, 'Carys Jonse', 'carys@example.com', r.postcode]) expect(answers).toContain(shown);
    await follow(page, 'link', `${m['common.change']} ${r.headings.name.toLowerCase()}`);
    expect(pathOf(page)).toBe(`${draft}/name`);
    const last = page.getByLabel(m['forms.answers.name.last' as MessageKey], { exact: true });
    expect(await last.inputValue()).toBe('Jonse');
    await last.fill('Jones');
    await follow(page, 'button', m['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/check-answers`);
    answers = await text(page, '.govuk-summary-list');
    expect(answers).toContain('Carys Jones');
    expect(answers).not.toContain('Jonse');

    expect(await follow(page, 'button', m['forms.journey.check.acceptAndSend' as MessageKey])).toBe(200);
    expect(await text(page, '.govuk-panel__title')).toBe(m['forms.journey.done.title' as MessageKey]);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);
    expect(pathOf(page)).toBe(`${r.prefix}/forms/new-bin-request/done/${reference}`);
    const done = await text(page, 'main');
    expect(done).toContain(m['forms.journey.done.emailSent' as MessageKey]);
    expect(done).toContain(r.whatHappensNext);
    expect(done).toContain(r.responseTime);

    // The confirmation email, in the resident's language
    await page.goto(`${host.baseUrl}/_dev/outbox`);
    const email = page.locator('section', { hasText: reference });
    expect(await email.count()).toBe(1);
    const mail = (await email.innerText()).replace(/\s+/g, ' ');
    expect(mail).toContain('To carys@example.com');
    expect(mail).toContain(`Council ${r.council}`);
    expect(mail).toContain(r.subject);

    // Back from the confirmation: the draft is gone with the form sent, so its pages do not reopen it
    const again = await page.goto(`${host.baseUrl}${draft}/name`);
    expect(again?.status()).toBe(404);
  }, JOURNEY_TIMEOUT);
});
