/**
 * Every page of the four catalogue forms and their error states, checked with axe-core for WCAG 2.2
 * AA in a real Chromium: in English on Hackney and in Welsh on Ceredigion (/cy/), both of which
 * adopt all four.
 *
 * Each test walks one form: it opens each page in the browser and checks it, sends the page's real
 * form for each error state (empty, or an invalid answer) and checks that too, then answers the page
 * by posting over HTTP from the browser's own context (its cookies, its CSRF token), which is quick.
 * On the way it visits one exit page per form, the address question in each of its modes, an
 * add-another page, a file upload page and its error, save and return (dropped kerb), check answers
 * and, once sent, the confirmation.
 */
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { formatViolations, launchBrowser, navigate, startTestHost, WCAG_TAGS, type A11yViolation, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';
/** A form is a few dozen pages and checks on a busy 2-core machine. */
const FORM_TIMEOUT = 120_000;

declare global {
  interface Window {
    axe: typeof axe;
  }
}

type Fields = Record<string, string>;

interface Step {
  page: string;
  /** The answers that carry the resident on; a function reads them from the page (the property's own bins). */
  fields: Fields | ((page: Page) => Promise<Fields>);
  /** Error states: fields (by name) filled in before Continue is pressed; `{}` is the page sent empty. */
  errors?: Fields[];
  /** Answers that lead to an exit page, posted (and the exit checked) before the real answers. */
  exit?: Fields;
}

interface Language {
  name: string;
  prefix: string;
  messages: Record<MessageKey, string>;
  postcode: string;
  uprn: string;
}

const LANGUAGES: Language[] = [
  { name: 'in English on Hackney', prefix: '/hackney', messages: en, postcode: 'E8 2NS', uprn: '10008200011' },
  { name: 'in Welsh on Ceredigion', prefix: '/ceredigion/cy', messages: cy, postcode: 'SY23 1DE', uprn: '10009400001' },
];

const NAME = { 'name-first': 'Carys', 'name-last': 'Jones' };
const EMPTY: Fields = {};

/** Each form's pages in order, with the answers that take the longest path (so every page is seen). */
const FORMS: Record<string, Step[]> = {
  'new-bin-request': [
    { page: 'address', fields: EMPTY /* answered through every mode by the address walk */ },
    { page: 'reason', fields: { reason: 'extra-capacity' }, errors: [EMPTY] },
    { page: 'household-size', fields: { 'household-size': '7' }, errors: [EMPTY, { 'household-size': 'lots' }, { 'household-size': '2.5' }], exit: { 'household-size': '2' } },
    { page: 'containers', fields: async (page) => ({ containers: (await page.locator('input[name="containers"]').first().getAttribute('value'))! }), errors: [EMPTY] },
    { page: 'name', fields: NAME, errors: [EMPTY] },
    { page: 'contact', fields: { email: 'carys@example.com', phone: '' }, errors: [EMPTY, { email: 'carys.example.com', phone: '12' }] },
  ],
  'assisted-bin-collection': [
    { page: 'household', fields: { household: 'with-adults' }, errors: [EMPTY] },
    { page: 'others-able', fields: { 'others-able': 'no' }, errors: [EMPTY], exit: { 'others-able': 'yes' } },
    { page: 'reason', fields: { reason: 'I have arthritis in both hands.' }, errors: [EMPTY, { reason: 'x'.repeat(1001) }] },
    { page: 'collection-point', fields: { 'collection-point': 'In the porch' }, errors: [EMPTY] },
    { page: 'temporary', fields: { temporary: 'yes' }, errors: [EMPTY] },
    {
      page: 'end-date',
      fields: { 'end-date-day': '1', 'end-date-month': '9', 'end-date-year': '2027' },
      errors: [EMPTY, { 'end-date-day': '31', 'end-date-month': '2', 'end-date-year': '2027' }, { 'end-date-day': '1', 'end-date-month': '1', 'end-date-year': '2026' }],
    },
    { page: 'name', fields: NAME, errors: [EMPTY] },
    { page: 'address', fields: EMPTY },
    { page: 'contact', fields: { phone: '01970 123456', email: '' }, errors: [EMPTY] },
  ],
  'single-person-discount': [
    { page: 'anyone-else', fields: { 'anyone-else': 'no' }, errors: [EMPTY], exit: { 'anyone-else': 'yes' } },
    { page: 'account-number', fields: { 'account-number': '30012345' }, errors: [EMPTY] },
    { page: 'address', fields: EMPTY },
    { page: 'living-alone-from', fields: { 'living-alone-from-day': '1', 'living-alone-from-month': '3', 'living-alone-from-year': '2026' }, errors: [EMPTY, { 'living-alone-from-day': '1', 'living-alone-from-month': '13', 'living-alone-from-year': '2026' }] },
    { page: 'someone-moved-out', fields: { 'someone-moved-out': 'yes' }, errors: [EMPTY] },
    { page: 'moved-out/0', fields: { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' }, errors: [EMPTY] },
    { page: 'moved-out/add-another', fields: { 'add-another': 'no' }, errors: [EMPTY] },
    { page: 'forwarding-address', fields: EMPTY },
    { page: 'nino', fields: { nino: 'AB 12 34 56 C' }, errors: [EMPTY, { nino: 'ABC' }] },
    { page: 'evidence', fields: EMPTY },
    { page: 'name', fields: NAME, errors: [EMPTY] },
    { page: 'contact', fields: { email: 'carys@example.com', phone: '' }, errors: [EMPTY] },
  ],
  'dropped-kerb': [
    { page: 'address', fields: EMPTY },
    { page: 'owner', fields: { owner: 'yes' }, errors: [EMPTY] },
    { page: 'surface', fields: { surface: 'block-paving' }, errors: [EMPTY] },
    { page: 'depth', fields: { depth: '6.5' }, errors: [EMPTY, { depth: 'deep' }, { depth: '51' }], exit: { depth: '2' } },
    { page: 'classified-road', fields: { 'classified-road': 'yes' }, errors: [EMPTY] },
    { page: 'planning', fields: { 'planning-permission': 'applied', 'planning-reference': 'A26/0123' }, errors: [EMPTY] },
    { page: 'sketch', fields: EMPTY },
    { page: 'name', fields: NAME, errors: [EMPTY] },
    { page: 'contact', fields: { email: 'carys@example.com', phone: '01970 123456' }, errors: [EMPTY] },
  ],
};

let host: TestHost;
let browser: Browser;

/** A browser context whose pages all have axe-core in them from the start (see report-a11y). */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript({ content: axe.source });
  return context;
}

/** report-a11y's quicker axe run: the same axe-core and WCAG tags, with axe already in the page. */
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

describe.each(LANGUAGES)('The catalogue forms $name', (language) => {
  const m = language.messages;
  const lang = language.prefix.endsWith('/cy') ? 'cy' : 'en';
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  /** A <button> by its text (a file input is a button too, and may share its name). */
  const button = (key: MessageKey) => page.getByRole('button', { name: m[key], exact: true }).and(page.locator('button'));

  async function press(key: MessageKey): Promise<number | undefined> {
    return (await navigate(page, () => button(key).first().click()))?.status();
  }

  async function open(path: string, label: string, status = 200): Promise<void> {
    const response = await page.goto(`${host.baseUrl}${path}`);
    expect(response?.status(), `status of ${label}`).toBe(status);
    expect(await page.getAttribute('html', 'lang'), label).toBe(lang);
    expect(await page.locator('h1').count(), `${label} has one h1`).toBe(1);
    await expectNoViolations(page, label);
  }

  /** The page now shows errors: status 400, "Error:" in its title, a summary whose links all lead to a field. */
  async function expectErrorState(status: number | undefined, label: string): Promise<void> {
    expect(status, label).toBe(400);
    expect(await page.title(), label).toMatch(new RegExp(`^${m['common.errorPrefix']}: `));
    const links = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length, `${label}: error summary links`).toBeGreaterThan(0);
    for (const href of links) expect(await page.locator(`[id="${href.replace(/^#/, '')}"]`).count(), `${label}: ${href} is on the page`).toBe(1);
    // Axe does not check this: a screen reader reads each error message with its field (or fieldset).
    // (govuk-frontend's live character count, hidden from screen readers, has its own spoken status.)
    const unread = await page.locator('.govuk-error-message:not([aria-hidden="true"])').evaluateAll((messages) =>
      messages
        .filter((message) => !message.id || !document.querySelector(`[aria-describedby~="${message.id}"]`))
        .map((message) => message.textContent?.trim() ?? ''),
    );
    expect(unread, `${label}: error messages no field is described by`).toEqual([]);
    await expectNoViolations(page, label);
  }

  async function csrf(): Promise<string> {
    const cookie = (await context.cookies(`${host.baseUrl}${language.prefix}/`)).find((c) => c.name === 'ldf_csrf');
    expect(cookie, 'the CSRF cookie').toBeDefined();
    return cookie!.value;
  }

  /** Posts a page's answers as the browser would; expects a redirect and returns where to. */
  async function post(path: string, form: Fields, status = 303): Promise<string> {
    const response = await page.request.post(`${host.baseUrl}${path}`, { form: { csrf: await csrf(), ...form }, maxRedirects: 0 });
    expect(response.status(), `POST ${path}: ${(await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600)}`).toBe(status);
    return status === 303 ? new URL(response.headers().location!, host.baseUrl).pathname : '';
  }

  async function answerAddress(path: string, key: string): Promise<string> {
    await post(path, { [`${key}-postcode`]: language.postcode, [`${key}-action`]: 'find' }, 200);
    return post(path, { [`${key}-mode`]: 'choose', [`${key}-postcode`]: language.postcode, [`${key}-uprn`]: language.uprn });
  }

  /** The address question in each mode, in the browser: postcode, its errors, the list, its error, manual, its errors. */
  async function walkAddress(key: string, label: string): Promise<void> {
    const findButton = () => page.getByRole('button', { name: m['forms.answers.address.find' as MessageKey], exact: true });
    expect(await findButton().count(), `${label}: find button`).toBe(1);
    await expectErrorState((await navigate(page, () => findButton().click()))?.status(), `${label}, no postcode`);
    await page.locator(`[name="${key}-postcode"]`).fill('XYZ');
    await expectErrorState((await navigate(page, () => findButton().click()))?.status(), `${label}, not a postcode`);
    await page.locator(`[name="${key}-postcode"]`).fill(language.postcode.toLowerCase().replace(' ', ''));
    expect((await navigate(page, () => findButton().click()))?.status(), `${label}: list`).toBe(200);
    expect(await page.locator(`select[name="${key}-uprn"] option`).count(), `${label}: addresses listed`).toBeGreaterThan(1);
    await expectNoViolations(page, `${label}, the list of addresses`);
    await expectErrorState(await press('common.continue'), `${label}, none chosen`);
    const manual = page.getByRole('button', { name: m['forms.answers.address.notInList' as MessageKey], exact: true });
    expect((await navigate(page, () => manual.click()))?.status(), `${label}: manual`).toBe(200);
    expect(await page.locator(`[name="${key}-line1"]`).count(), `${label}: manual fields`).toBe(1);
    await expectNoViolations(page, `${label}, entered by hand`);
    await expectErrorState(await press('common.continue'), `${label}, entered by hand, empty`);
  }

  it.each(Object.entries(FORMS))('every page of %s and its error states has no accessibility violations', async (formId, steps) => {
    const form = `${language.prefix}/forms/${formId}`;
    await open(form, `${formId} start page`);
    expect(await navigate(page, () => button('forms.journey.start.button' as MessageKey).click())).toBeTruthy();
    const base = new URL(page.url()).pathname.replace(/\/[^/]+$/, '');
    expect(new URL(page.url()).pathname, 'first page').toBe(`${base}/${steps[0].page.replace(/\/0$/, '')}`);

    let walkedAddress = false;
    for (const [i, step] of steps.entries()) {
      const label = `${formId} ${step.page}`;
      const path = `${base}/${step.page}`;
      await open(path, label);

      const isAddress = (await page.locator(`[name="${step.page}-action"]`).count()) > 0 || (await page.locator('[name$="-action"][value="find"]').count()) > 0;
      const isFile = (await page.locator('input[type="file"]').count()) > 0;
      if (isAddress) {
        const key = (await page.locator('[name$="-mode"]').first().getAttribute('name'))!.replace(/-mode$/, '');
        // Every mode once per language; an optional one (forwarding address) still needs a postcode to find
        if (!walkedAddress) {
          await walkAddress(key, label);
          walkedAddress = true;
          await page.goto(`${host.baseUrl}${path}`);
        }
      }
      if (isFile) {
        // Upload pressed with no file chosen: storage sends the browser back with nothing to keep
        await expectErrorState(await press('forms.journey.file.upload' as MessageKey), `${label}, no file chosen`);
      }
      for (const error of step.errors ?? []) {
        await page.goto(`${host.baseUrl}${path}`);
        for (const [name, value] of Object.entries(error)) await page.locator(`[name="${name}"]`).fill(value);
        await expectErrorState(await press('common.continue'), `${label}, ${JSON.stringify(error)}`);
      }
      if (step.exit) {
        const exit = await post(path, step.exit);
        expect(exit, `${label} leads to an exit`).toMatch(new RegExp(`^${base}/exit/[a-z-]+$`));
        await open(exit, `${formId} exit page`);
      }

      const fields = typeof step.fields === 'function' ? await step.fields(page) : step.fields;
      const key = isAddress ? (await page.locator('[name$="-mode"]').first().getAttribute('name'))!.replace(/-mode$/, '') : '';
      const optionalAddress = isAddress && step.page === 'forwarding-address';
      const next = isAddress && !optionalAddress ? await answerAddress(path, key) : isFile ? await post(path, {}) : await post(path, fields);
      const expected = i === steps.length - 1 ? 'check-answers' : steps[i + 1].page.replace(/\/0$/, '');
      expect(next, `after ${label}`).toMatch(new RegExp(`^${base}/${expected}(/0)?$`));

      if (formId === 'dropped-kerb' && step.page === 'surface') await saveAndReturn(path, formId);
    }

    await open(`${base}/check-answers`, `${formId} check answers`);
    expect(await page.locator('.govuk-summary-list__row').count()).toBeGreaterThan(4);
    const sent = await press(((await button('forms.journey.check.acceptAndSend' as MessageKey).count()) > 0 ? 'forms.journey.check.acceptAndSend' : 'forms.journey.check.send') as MessageKey);
    expect(sent).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${form}/done/[A-Z0-9]{4}-[A-Z0-9]{4}$`));
    expect(await page.locator('.govuk-panel__title').count()).toBe(1);
    await expectNoViolations(page, `${formId} confirmation`);
  }, FORM_TIMEOUT);

  /** From a question page: save (its error), sent, the link's page, and a link that no longer works. */
  async function saveAndReturn(path: string, formId: string): Promise<void> {
    const label = `${formId} save and return`;
    await page.goto(`${host.baseUrl}${path}`);
    expect(await press('forms.journey.saveLater' as MessageKey), label).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/\/save$/);
    await expectNoViolations(page, `${label}: the save page`);
    await expectErrorState(await press('forms.save.send' as MessageKey), `${label}: no email address`);
    await page.locator('[name="email"]').fill('carys.example.com');
    await expectErrorState(await press('forms.save.send' as MessageKey), `${label}: not an email address`);
    await page.locator('[name="email"]').fill('carys@example.com');
    expect(await press('forms.save.send' as MessageKey), label).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/\/save\/sent$/);
    await expectNoViolations(page, `${label}: link sent`);

    const outbox = await (await page.request.get(`${host.baseUrl}/_dev/outbox`)).text();
    const link = outbox.match(new RegExp(`${language.prefix.replace(/^\/[a-z-]+/, '')}/forms/${formId}/resume/[A-Za-z0-9_-]+`))?.[0];
    expect(link, 'the resume link in the email').toBeDefined();
    const council = language.prefix.match(/^\/[a-z-]+/)![0];
    await open(`${council}${link}`, `${label}: the link's page`);
    // Expired, used or never made: the same page, which offers the form again
    const gone = await page.goto(`${host.baseUrl}${council}${link!.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')}`);
    expect(gone?.status(), `${label}: a link that no longer works`).toBeGreaterThanOrEqual(400);
    expect((await page.locator('h1').innerText()).trim()).toBe(m['forms.save.expired.title' as MessageKey]);
    await expectNoViolations(page, `${label}: a link that no longer works`);
  }
});
