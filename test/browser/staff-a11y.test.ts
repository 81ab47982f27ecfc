/**
 * Every page of the back office and its error states, checked with axe-core for WCAG 2.2 AA in a real
 * Chromium: in English on Hackney and in Welsh on Ceredigion. Staff sign in through the embedded
 * OpenID provider's account chooser, one browser context per role, reused by the tests in turn.
 *
 * The clock is fixed at the real time the file starts (see StaffTestClock): the provider signs its
 * tokens with the real time.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleStaff } from '../../functions/local/oidc-dev-provider.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { checkA11y, expectNoViolations, launchBrowser, navigate } from './support.ts';
import { sampleOf, seedReport, signedInContext, StaffTestClock, startStaffTestHost, textOf, type StaffTestHost } from './staff-support.ts';

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

interface Journey {
  name: string;
  councilId: string;
  /** Where the council's pages in this language start, without a trailing slash. */
  prefix: string;
  lang: 'en' | 'cy';
  messages: Record<MessageKey, string>;
}

const JOURNEYS: Journey[] = [
  { name: 'in English on Hackney', councilId: 'hackney', prefix: '/hackney', lang: 'en', messages: en },
  { name: 'in Welsh on Ceredigion', councilId: 'ceredigion', prefix: '/ceredigion/cy', lang: 'cy', messages: cy },
];

describe.each(JOURNEYS)('The back office $name', (journey) => {
  const m = journey.messages;
  const errorTitle = new RegExp(`^${m['common.errorPrefix']}: `);
  const url = (path: string) => `${host.baseUrl}${journey.prefix}${path}`;
  const signedIn = new Map<SampleStaff['kind'], Page>();
  const contexts: BrowserContext[] = [];
  let anonymous: Page;
  /** A case the resident made in this language, with their details. */
  let reference: string;

  beforeAll(async () => {
    reference = await seedReport(host, journey.councilId, clock.read(), { lang: journey.lang, contact: { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' } });
    const anonymousContext = await browser.newContext();
    contexts.push(anonymousContext);
    anonymous = await anonymousContext.newPage();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  /** The page of a member of staff of this kind, signed in the first time it is asked for. */
  async function as(kind: SampleStaff['kind']): Promise<Page> {
    const known = signedIn.get(kind);
    if (known) return known;
    const { context, page, status } = await signedInContext(browser, host, journey.prefix, sampleOf(host, journey.councilId, kind), m['staff.signIn.button']);
    contexts.push(context);
    expect(status, `signing in as the ${kind}`).toBe(200);
    signedIn.set(kind, page);
    return page;
  }

  async function open(page: Page, path: string, status = 200) {
    const response = await page.goto(url(path));
    expect(response?.status(), `status of ${path}`).toBe(status);
    expect(await page.getAttribute('html', 'lang')).toBe(journey.lang);
  }

  /** Presses a button by its accessible name; returns the status of the page it leads to. */
  async function press(page: Page, name: string, within?: string): Promise<number | undefined> {
    const scope = within ? page.locator(within) : page;
    const response = await navigate(page, () => scope.getByRole('button', { name, exact: true }).and(page.locator('button')).click());
    return response?.status();
  }

  const casePath = () => `/staff/cases/${reference}`;
  const form = (action: string) => `form[action$="/cases/${reference}/${action}"]`;

  it('the sign-in page has no accessibility violations', async () => {
    await open(anonymous, '/staff/sign-in');
    expect(await textOf(anonymous, 'h1')).toBe(m['staff.signIn.title']);
    await expectNoViolations(anonymous, 'sign-in page');
  });

  it('the signed-out page has no accessibility violations', async () => {
    await open(anonymous, '/staff/signed-out');
    expect(await textOf(anonymous, 'h1')).toBe(m['staff.signedOut.title']);
    await expectNoViolations(anonymous, 'signed-out page');
  });

  it('the landing page has no accessibility violations', async () => {
    for (const kind of ['officer', 'admin'] as const) {
      const page = await as(kind);
      await open(page, '/staff/');
      expect(await textOf(page, 'h1')).toBe(m['staff.home.title']);
      await expectNoViolations(page, `landing page (${kind})`);
    }
  });

  it('the case page an officer sees has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, casePath());
    expect(await textOf(page, 'main')).toContain('ann@example.com');
    await expectNoViolations(page, 'case page (officer)');
  });

  it('the case page a viewer sees, without the resident’s details, has no accessibility violations', async () => {
    const page = await as('viewer');
    await open(page, casePath());
    expect(await page.locator('[data-testid="personal-withheld"]').count()).toBe(1);
    await expectNoViolations(page, 'case page (viewer)');
  });

  it('the case page a supervisor sees, with the assign form, has no accessibility violations', async () => {
    const page = await as('supervisor');
    await open(page, casePath());
    expect(await page.locator(form('assign')).count()).toBe(1);
    await expectNoViolations(page, 'case page (supervisor)');
  });

  it('the case page with a response template chosen has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, casePath());
    await page.getByLabel(m['staff.case.update.template'], { exact: true }).selectOption('pothole-inspecting');
    expect(await press(page, m['staff.case.update.useTemplate'])).toBe(200);
    expect(await page.getByLabel(m['staff.case.update.text'], { exact: true }).inputValue()).not.toBe('');
    await expectNoViolations(page, 'case page, template chosen');
  });

  it('the case page has no accessibility violations when a public update is empty', async () => {
    const page = await as('officer');
    await open(page, casePath());
    expect(await press(page, m['staff.case.update.button'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.case.error.text-required']);
    await expectNoViolations(page, 'case page, empty update');
  });

  it('the case page has no accessibility violations when the state chosen is the one the case is in', async () => {
    const page = await as('officer');
    await open(page, casePath());
    expect(await press(page, m['staff.case.state.button'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.case.error.same-state']);
    await expectNoViolations(page, 'case page, same state');
  });

  it('the case page has no accessibility violations when an internal note is empty', async () => {
    const page = await as('officer');
    await open(page, casePath());
    expect(await press(page, m['staff.case.note.button'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.case.error.text-required']);
    await expectNoViolations(page, 'case page, empty note');
  });

  it('the case page has no accessibility violations when the duplicate’s reference is not a reference', async () => {
    const page = await as('officer');
    await open(page, casePath());
    await page.getByLabel(m['staff.case.duplicate.label'], { exact: true }).fill('not a reference');
    expect(await press(page, m['staff.case.duplicate.button'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.case.error.duplicate-format']);
    expect(await page.getByLabel(m['staff.case.duplicate.label'], { exact: true }).inputValue()).toBe('not a reference');
    await expectNoViolations(page, 'case page, bad duplicate reference');
  });

  it('the case page has no accessibility violations when the officer to assign is not one of the list', async () => {
    const page = await as('supervisor');
    await open(page, casePath());
    // A form sent with an officer who has since gone (or was never there).
    await page.locator('#assign-to').evaluate((select: HTMLSelectElement) => select.add(new Option('Gone', 'no-such-officer', true, true)));
    expect(await press(page, m['staff.case.assign.button'], form('assign'))).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.case.error.unknownOfficer']);
    await expectNoViolations(page, 'case page, unknown officer');
  });

  it('the case page’s success banner has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, casePath());
    await page.getByLabel(m['staff.case.note.text'], { exact: true }).fill('Checked on the map: on the main road.');
    expect(await press(page, m['staff.case.note.button'])).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain(m['staff.case.done.note']);
    await expectNoViolations(page, 'case page, success banner');
  });

  it('the page for a case that is not there has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, '/staff/cases/ZZZZ-ZZZZ', 404);
    await expectNoViolations(page, 'unknown case');
  });

  it('the page saying a role may not do something has no accessibility violations', async () => {
    const page = await as('viewer');
    await open(page, '/staff/audit', 403);
    expect(await textOf(page, 'h1')).toBe(m['staff.error.forbidden.title']);
    await expectNoViolations(page, 'forbidden page');
  });

  it('a staff page not found has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, '/staff/no-such-page', 404);
    await expectNoViolations(page, 'staff page not found');
  });

  it('the queue has no accessibility violations, as a viewer and as a supervisor with the bulk form and the export', async () => {
    for (const kind of ['viewer', 'supervisor'] as const) {
      const page = await as(kind);
      await open(page, '/staff/queue');
      expect(await textOf(page, 'h1')).toBe(m['staff.queue.title']);
      expect(await page.locator(`[data-testid="queue"] tr[data-reference="${reference}"]`).count()).toBe(1);
      expect(await page.locator('[data-testid="export-form"]').count()).toBe(kind === 'supervisor' ? 1 : 0);
      await expectNoViolations(page, `queue (${kind})`);
    }
  });

  it('the queue has no accessibility violations when a filter’s date is not a real date', async () => {
    const page = await as('viewer');
    await open(page, '/staff/queue');
    const from = page.getByRole('group', { name: m['staff.queue.filter.createdFrom'] });
    await from.getByLabel(m['staff.queue.date.day'], { exact: true }).fill('31');
    await from.getByLabel(m['staff.queue.date.month'], { exact: true }).fill('2');
    await from.getByLabel(m['staff.queue.date.year'], { exact: true }).fill('2026');
    expect(await press(page, m['staff.queue.apply'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.queue.error.dateInvalid']);
    await expectNoViolations(page, 'queue, date not real');
  });

  it('the queue’s search has no accessibility violations when nothing matches, and when the words are not something to search by', async () => {
    const page = await as('officer');
    await open(page, '/staff/queue');
    await page.getByLabel(m['staff.queue.search.label'], { exact: true }).fill('ZZ99 9ZZ');
    expect(await press(page, m['staff.queue.search.button'])).toBe(200);
    expect(await textOf(page, 'main h2')).toBe(m['staff.queue.search.none'].replace('{query}', 'ZZ99 9ZZ'));
    await expectNoViolations(page, 'queue search, no match');

    await page.getByLabel(m['staff.queue.search.label'], { exact: true }).fill('the big hole');
    expect(await press(page, m['staff.queue.search.button'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.queue.error.search']);
    await expectNoViolations(page, 'queue search, not searchable');
  });

  it('the queue has no accessibility violations when a bulk change has no case selected', async () => {
    const page = await as('supervisor');
    await open(page, '/staff/queue');
    await page.getByLabel(m['staff.queue.bulk.state'], { exact: true }).selectOption('investigating');
    expect(await press(page, m['staff.queue.bulk.button'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.queue.bulk.error.none']);
    await expectNoViolations(page, 'queue, bulk with none selected');
  });

  it('the queue’s success banner after a bulk change has no accessibility violations', async () => {
    const other = await seedReport(host, journey.councilId, clock.read(), { lang: journey.lang });
    const page = await as('supervisor');
    await open(page, '/staff/queue');
    await page.getByLabel(m['staff.queue.selectCase'].replace('{reference}', other), { exact: true }).check();
    await page.getByLabel(m['staff.queue.bulk.state'], { exact: true }).selectOption('in-progress');
    expect(await press(page, m['staff.queue.bulk.button'])).toBe(200);
    expect(await textOf(page, '[data-testid="bulk-done"]')).toContain(m['staff.queue.bulk.done'].replace('{count}', '1'));
    await expectNoViolations(page, 'queue, bulk done');
  });

  it('the page for a queue link that does not work has no accessibility violations', async () => {
    const page = await as('viewer');
    await open(page, '/staff/queue?page=not-a-page', 400);
    expect(await textOf(page, 'h1')).toBe(m['staff.queue.error.badCursor.title']);
    await expectNoViolations(page, 'queue, bad page link');
  });

  it('the page for an export whose filters are not valid has no accessibility violations', async () => {
    const page = await as('supervisor');
    await open(page, '/staff/queue');
    // The export starts from the queue's form (a POST); a filter that is not valid gets the error page.
    await page.locator('[data-testid="export-form"]').evaluate((form) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'state';
      input.value = 'no-such-state';
      form.appendChild(input);
    });
    const response = await navigate(page, () => page.locator('[data-testid="export-button"]').click());
    expect(response?.status()).toBe(400);
    expect(await textOf(page, 'h1')).toBe(m['staff.export.error.title']);
    await expectNoViolations(page, 'export, bad filters');
  });

  it('the assisted digital page has no accessibility violations', async () => {
    const page = await as('officer');
    await open(page, '/staff/assisted');
    expect(await textOf(page, 'h1')).toBe(m['staff.assisted.title']);
    await expectNoViolations(page, 'assisted digital');
  });

  it('the assisted digital page has no accessibility violations when nothing was chosen', async () => {
    const page = await as('officer');
    await open(page, '/staff/assisted');
    expect(await press(page, m['staff.assisted.button'])).toBe(400);
    expect(await page.title()).toMatch(errorTitle);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.assisted.errorResident']);
    await expectNoViolations(page, 'assisted digital, nothing chosen');
  });

  it('the assisted digital page has no accessibility violations while a report for a resident is under way, and once it is stopped', async () => {
    const page = await as('officer');
    await open(page, '/staff/assisted');
    await page.getByLabel(m['staff.assisted.service.report'], { exact: true }).check();
    await page.getByLabel(m['staff.channel.phone'], { exact: true }).check();
    await page.getByLabel(m['staff.assisted.resident'], { exact: true }).fill('Rhys Caller');
    await press(page, m['staff.assisted.button']);
    expect(new URL(page.url()).pathname).toBe(`${journey.prefix}/report`);

    await open(page, '/staff/assisted');
    expect(await textOf(page, '[data-testid="assisting"]')).toContain('Rhys Caller');
    await expectNoViolations(page, 'assisted digital, under way');
    expect(await press(page, m['staff.assisted.stop'])).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain(m['staff.assisted.stopped']);
    await expectNoViolations(page, 'assisted digital, stopped');
  });

  it('the audit page has no accessibility violations', async () => {
    const page = await as('admin');
    await open(page, '/staff/audit');
    expect(await textOf(page, 'h1')).toBe(m['staff.audit.title']);
    await expectNoViolations(page, 'audit');
  });

  it('the audit page has no accessibility violations when the reference is not a reference', async () => {
    const page = await as('admin');
    await open(page, '/staff/audit');
    await page.getByLabel(m['staff.audit.reference'], { exact: true }).fill('nonsense');
    expect(await press(page, m['staff.audit.show'])).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(m['staff.audit.errorReference']);
    await expectNoViolations(page, 'audit, bad reference');
  });

  it('the audit of a case has no accessibility violations', async () => {
    // Someone looked at the resident's details first, so the audit has a record.
    await open(await as('officer'), casePath());
    const page = await as('admin');
    await open(page, '/staff/audit');
    await page.getByLabel(m['staff.audit.reference'], { exact: true }).fill(reference);
    expect(await press(page, m['staff.audit.show'])).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`${journey.prefix}/staff/audit/cases/${reference}`);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'audit of a case');
  });

  it('the audit of a member of staff has no accessibility violations', async () => {
    await open(await as('officer'), casePath());
    const page = await as('admin');
    const officer = sampleOf(host, journey.councilId, 'officer');
    await open(page, '/staff/audit');
    await navigate(page, () => page.getByRole('link', { name: officer.name, exact: true }).click());
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'audit of a member of staff');
  });

  it('the list of staff who have signed in has no accessibility violations', async () => {
    const page = await as('admin');
    await open(page, '/staff/admin/staff');
    expect(await textOf(page, 'h1')).toBe(m['staff.admin.staff.title']);
    await expectNoViolations(page, 'staff list');
  });

  it('a member of staff’s sessions, and the banner once they are signed out everywhere, have no accessibility violations', async () => {
    // The supervisor's own page is not used after this test.
    await as('supervisor');
    const supervisor = sampleOf(host, journey.councilId, 'supervisor');
    const page = await as('admin');
    await open(page, '/staff/admin/staff');
    await navigate(page, () => page.getByRole('link', { name: supervisor.name, exact: true }).click());
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectNoViolations(page, 'sessions of a member of staff');

    expect(await press(page, m['staff.admin.sessions.signOutEverywhere'])).toBe(200);
    expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
    await expectNoViolations(page, 'signed out everywhere');
    signedIn.delete('supervisor');
  });

  it('the page for an account with no role has no accessibility violations', async () => {
    const { context, page, status } = await signedInContext(browser, host, journey.prefix, sampleOf(host, journey.councilId, 'no-role'), m['staff.signIn.button']);
    contexts.push(context);
    expect(status).toBe(403);
    expect(await textOf(page, 'h1')).toBe(m['staff.error.noAccess.title']);
    expect(await page.getAttribute('html', 'lang')).toBe(journey.lang);
    // The callback works once: the other language's link goes to that language's sign-in page.
    if (journey.lang === 'cy') expect(await page.locator('a[hreflang="en"]').getAttribute('href')).toBe('/ceredigion/staff/sign-in');
    await expectNoViolations(page, 'no access');
  });

  it('the page for an account from another organisation has no accessibility violations', async () => {
    const { context, page, status } = await signedInContext(browser, host, journey.prefix, sampleOf(host, journey.councilId, 'other-tenant'), m['staff.signIn.button']);
    contexts.push(context);
    expect(status).toBe(403);
    expect(await textOf(page, 'h1')).toBe(m['staff.error.wrongTenant.title']);
    await expectNoViolations(page, 'not this council');
  });
});

describe('The accessibility check itself', () => {
  it('finds violations on a page known to have them, so a pass above means something', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><form><select id="s"><option>A</option></select><input type="text"></form></main></body></html>');
      const ids = (await checkA11y(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['select-name', 'label']));
    } finally {
      await context.close();
    }
  });
});
