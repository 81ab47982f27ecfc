/**
 * The back office's data-rights pages and their error states, checked with axe-core for WCAG 2.2 AA
 * in a real Chromium, in English on Hackney and in Welsh on Ceredigion: the landing page's link, the
 * queue, a request's page, approving without the confirmation, refusing without a reason, the
 * decided request, the subject access search, its errors, its results and the printable export.
 * The data protection officer signs in through the embedded provider's account chooser.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestErasure } from '../../functions/core/data-rights/erasure.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import type { MessageKey } from '../../functions/modules/index.ts';
import { expectNoViolations, launchBrowser, navigate } from '../browser/support.ts';
import { sampleOf, seedReport, signedInContext, StaffTestClock, startStaffTestHost, textOf, type StaffTestHost } from '../browser/staff-support.ts';

const { en, cy } = MESSAGES;
const clock = new StaffTestClock();

let host: StaffTestHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([startStaffTestHost(clock), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const JOURNEYS = [
  { name: 'in English on Hackney', councilId: 'hackney', prefix: '/hackney', lang: 'en' as const, messages: en },
  { name: 'in Welsh on Ceredigion', councilId: 'ceredigion', prefix: '/ceredigion/cy', lang: 'cy' as const, messages: cy },
];

describe.each(JOURNEYS)('The data-rights pages $name', (journey) => {
  const m: Record<MessageKey, string> = journey.messages;
  const errorTitle = new RegExp(`^${m['common.errorPrefix']}: `);
  const url = (path: string) => `${host.baseUrl}${journey.prefix}${path}`;
  const email = `dara.subject.${journey.lang}@example.com`;
  let context: BrowserContext;
  let page: Page;
  let request: string;
  let refused: string;

  beforeAll(async () => {
    const council = host.councils.get(journey.councilId)!;
    const store = host.host.stores.get(journey.councilId)!;
    const secrets = host.secrets(journey.councilId);
    const report = await seedReport(host, journey.councilId, clock.read(), { lang: journey.lang, contact: { name: 'Dara Subject', email, phone: '020 7946 0999' } });
    request = (await requestErasure(store, secrets, council, { email, lang: journey.lang, references: [report] }, clock.read())).reference;
    refused = (await requestErasure(store, secrets, council, { email, lang: journey.lang, references: [report] }, new Date(clock.read().getTime() - 40 * 86_400_000))).reference;
    const signedIn = await signedInContext(browser, host, journey.prefix, sampleOf(host, journey.councilId, 'data-protection'), m['staff.signIn.button']);
    expect(signedIn.status).toBe(200);
    ({ context, page } = signedIn);
  });

  afterAll(async () => {
    await context?.close();
  });

  async function open(path: string, status = 200) {
    const response = await page.goto(url(path));
    expect(response?.status(), `status of ${path}`).toBe(status);
    expect(await page.getAttribute('html', 'lang')).toBe(journey.lang);
  }

  async function press(name: string): Promise<number | undefined> {
    const response = await navigate(page, () => page.getByRole('button', { name, exact: true }).click());
    return response?.status();
  }

  it('the landing page links to the section and has no accessibility violations', async () => {
    await open('/staff/');
    await expect(page.getByRole('link', { name: m['staff.dataRights.nav'], exact: true }).count()).resolves.toBe(1);
    await expectNoViolations(page, 'landing page (data protection)');
  });

  it('the queue, with an overdue request, has no accessibility violations', async () => {
    await open('/staff/data-rights');
    expect(await textOf(page, 'h1')).toBe(m['staff.dataRights.title']);
    expect(await page.locator('[data-tag="overdue"]').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'data-rights queue');
  });

  it('a request’s page has no accessibility violations', async () => {
    await open(`/staff/data-rights/${request}`);
    expect(await textOf(page, 'main')).toContain(email);
    await expectNoViolations(page, 'request page');
  });

  it('approving without the confirmation shows the error, with no accessibility violations', async () => {
    await open(`/staff/data-rights/${request}`);
    expect(await press(m['staff.dataRights.approve.button'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.dataRights.approve.errorConfirm']);
    await expectNoViolations(page, 'request page, approve not confirmed');
  });

  it('refusing without a reason shows the error, with no accessibility violations', async () => {
    await open(`/staff/data-rights/${request}`);
    expect(await press(m['staff.dataRights.refuse.button'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.dataRights.refuse.errorReason']);
    await expectNoViolations(page, 'request page, no reason');
  });

  it('a refused request, with its success banner, has no accessibility violations', async () => {
    await open(`/staff/data-rights/${refused}`);
    await page.getByLabel(m['staff.dataRights.refuse.reason'], { exact: true }).fill('The law requires us to keep this record.');
    expect(await press(m['staff.dataRights.refuse.button'])).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain(m['staff.dataRights.done.refused']);
    await expectNoViolations(page, 'request page, refused');
  });

  it('the subject access search has no accessibility violations', async () => {
    await open('/staff/data-rights/search');
    expect(await textOf(page, 'h1')).toBe(m['staff.dataRights.search.title']);
    await expectNoViolations(page, 'subject access search');
  });

  it('a search for an email address not in the correct format shows the error, with no accessibility violations', async () => {
    await open('/staff/data-rights/search');
    await page.getByLabel(m['staff.dataRights.search.email'], { exact: true }).fill('dara@');
    expect(await press(m['staff.dataRights.search.emailButton'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.dataRights.search.errorEmailInvalid']);
    await expectNoViolations(page, 'subject access search, bad email');
  });

  it('a search for a phone number with letters shows the error, with no accessibility violations', async () => {
    await open('/staff/data-rights/search');
    await page.getByLabel(m['staff.dataRights.search.phone'], { exact: true }).fill('call me');
    expect(await press(m['staff.dataRights.search.phoneButton'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.dataRights.search.errorPhoneInvalid']);
    await expectNoViolations(page, 'subject access search, bad phone');
  });

  it('the search’s results and the printable export have no accessibility violations', async () => {
    await open('/staff/data-rights/search');
    await page.getByLabel(m['staff.dataRights.search.email'], { exact: true }).fill(email);
    expect(await press(m['staff.dataRights.search.emailButton'])).toBe(200);
    expect(await page.locator('[data-testid="results"] tbody tr').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'subject access results');

    expect(await press(m['staff.dataRights.export.html'])).toBe(200);
    expect(await page.title()).toContain(m['staff.dataRights.export.title']);
    await expectNoViolations(page, 'subject access printable export');
  });
});
