/**
 * The back office clicked through in a real Chromium, as council staff would: signing in through the
 * embedded OpenID provider's account chooser as each role, what each role sees, a case worked from
 * submitted to fixed with a public update (in Welsh on Ceredigion, from a report the resident made
 * in Welsh; in English on Hackney, without JavaScript), the resident's tracking page and email, and
 * signing out.
 *
 * The clock is fixed at the real time the file starts and moved by a minute between an officer's
 * actions (see StaffTestClock): the provider signs its tokens with the real time.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATE_LABELS } from '../../functions/core/cases/lifecycle.ts';
import type { SampleStaff } from '../../functions/local/oidc-dev-provider.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { type MessageKey } from '../../functions/modules/index.ts';
import { launchBrowser, navigate } from './support.ts';
import { sampleOf, seedReport, signedInContext, StaffTestClock, startStaffTestHost, textOf, type StaffTestHost } from './staff-support.ts';

const { en, cy } = MESSAGES;
const clock = new StaffTestClock();
/** A journey is a couple of dozen pages: room for a slow, busy machine. */
const JOURNEY_TIMEOUT = 90_000;

let host: StaffTestHost;
let browser: Browser;
/** Every context a test opened, closed at the end. */
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [host, browser] = await Promise.all([startStaffTestHost(clock), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await host?.close();
});

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Signs a council's sample member of staff in, in a context of their own. */
async function signIn(councilId: string, prefix: string, kind: SampleStaff['kind'], m: Record<MessageKey, string>, options: { javaScriptEnabled?: boolean } = {}) {
  const signedIn = await signedInContext(browser, host, prefix, sampleOf(host, councilId, kind), m['staff.signIn.button'], options);
  contexts.push(signedIn.context);
  return signedIn;
}

/** Clicks a button by its accessible name and waits for the page it leads to. */
async function press(page: Page, name: string) {
  return navigate(page, () => page.getByRole('button', { name, exact: true }).and(page.locator('button')).click());
}

/** The links of the landing page's "What you can do" list. */
async function sectionLinks(page: Page): Promise<string[]> {
  return (await page.locator('main ul.govuk-list:not([data-testid]) a').allInnerTexts()).map((s) => s.trim());
}

describe('Signing in through the embedded provider on Hackney', () => {
  const sections = {
    assisted: en['staff.assisted.nav'],
    audit: en['staff.audit.nav'],
    sessions: en['staff.admin.staff.nav'],
  };
  const roles: { kind: SampleStaff['kind']; sees: string[]; seesNot: string[] }[] = [
    { kind: 'viewer', sees: [], seesNot: [sections.assisted, sections.audit, sections.sessions] },
    { kind: 'officer', sees: [sections.assisted], seesNot: [sections.audit, sections.sessions] },
    { kind: 'supervisor', sees: [sections.assisted], seesNot: [sections.audit, sections.sessions] },
    { kind: 'admin', sees: [sections.audit, sections.sessions], seesNot: [sections.assisted] },
  ];

  it.each(roles)('a $kind chooses their account at the provider and lands on the back office, which names their role and what it may do', async ({ kind, sees, seesNot }) => {
    const staff = sampleOf(host, 'hackney', kind);

    const { page, status } = await signIn('hackney', '/hackney', kind, en);

    expect(status).toBe(200);
    expect(pathOf(page)).toBe('/hackney/staff/');
    expect(await textOf(page, 'h1')).toBe(en['staff.home.title']);
    expect(await page.locator('[data-testid="roles"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-role')))).toEqual([kind]);
    expect(await textOf(page, '[data-testid="roles"]')).toBe(en[`staff.role.${kind as 'viewer'}`]);
    expect(await textOf(page, '.app-staff-bar')).toContain(`${staff.name} (${staff.email})`);
    const links = await sectionLinks(page);
    for (const link of sees) expect(links).toContain(link);
    for (const link of seesNot) expect(links).not.toContain(link);
  });

  it('an account with no role in the back office is told it has no access', async () => {
    const { page, status } = await signIn('hackney', '/hackney', 'no-role', en);

    expect(status).toBe(403);
    expect(await textOf(page, 'h1')).toBe(en['staff.error.noAccess.title']);
    // Not signed in: going back to the back office asks for sign-in again.
    await page.goto(`${host.baseUrl}/hackney/staff/`);
    expect(pathOf(page)).toBe('/hackney/staff/sign-in');
  });

  it('an account from another organisation at the same provider is told it is not from this council', async () => {
    const { page, status } = await signIn('hackney', '/hackney', 'other-tenant', en);

    expect(status).toBe(403);
    expect(await textOf(page, 'h1')).toBe(en['staff.error.wrongTenant.title']);
    await page.goto(`${host.baseUrl}/hackney/staff/`);
    expect(pathOf(page)).toBe('/hackney/staff/sign-in');
  });

  it('a viewer sees a case without the resident’s details, an officer sees them', async () => {
    const reference = await seedReport(host, 'hackney', clock.read(), { contact: { name: 'Ann Resident', email: 'ann.viewed@example.com', phone: '020 7946 0001' } });
    const viewer = (await signIn('hackney', '/hackney', 'viewer', en)).page;
    const officer = (await signIn('hackney', '/hackney', 'officer', en)).page;

    expect((await viewer.goto(`${host.baseUrl}/hackney/staff/cases/${reference}`))?.status()).toBe(200);
    expect(await textOf(viewer, 'h1')).toBe(`Case ${reference}`);
    const seenByViewer = await textOf(viewer, 'main');
    expect(seenByViewer).toContain('A deep hole by the bus stop');
    expect(await textOf(viewer, '[data-testid="personal-withheld"]')).toBe(en['staff.case.withheld']);
    for (const personal of ['Ann Resident', 'ann.viewed@example.com', '020 7946 0001']) expect(seenByViewer).not.toContain(personal);
    // A viewer reads; the forms that change a case are not there.
    expect(await viewer.locator(`form[action$="/cases/${reference}/update"]`).count()).toBe(0);
    expect(await viewer.locator(`form[action$="/cases/${reference}/state"]`).count()).toBe(0);

    expect((await officer.goto(`${host.baseUrl}/hackney/staff/cases/${reference}`))?.status()).toBe(200);
    const seenByOfficer = await textOf(officer, 'main');
    for (const personal of ['Ann Resident', 'ann.viewed@example.com', '020 7946 0001']) expect(seenByOfficer).toContain(personal);
    expect(await officer.locator('[data-testid="personal-withheld"]').count()).toBe(0);
    expect(await officer.getByRole('button', { name: en['staff.case.update.button'], exact: true }).count()).toBe(1);
  });

  it('a member of staff signs out with the button on every page, and the back office asks them to sign in again', async () => {
    const { page } = await signIn('hackney', '/hackney', 'officer', en);

    const out = await press(page, en['staff.signOut.button']);

    expect(out?.status()).toBe(200);
    expect(pathOf(page)).toBe('/hackney/staff/signed-out');
    expect(await textOf(page, 'h1')).toBe(en['staff.signedOut.title']);
    await page.goto(`${host.baseUrl}/hackney/staff/`);
    expect(pathOf(page)).toBe('/hackney/staff/sign-in');
    expect(await page.context().cookies(`${host.baseUrl}/hackney/staff/`)).not.toContainEqual(expect.objectContaining({ name: 'ldf_staff' }));
  });
});

describe('Working a case', () => {
  it('a resident reports a pothole in Welsh on Ceredigion; an officer signed in in Welsh moves it to investigating, publishes a response template’s update and fixes it; the resident tracks it and is emailed in Welsh', async () => {
    // The resident, through the Welsh journey.
    const resident = await browser.newContext();
    contexts.push(resident);
    const r = await resident.newPage();
    await r.goto(`${host.baseUrl}/ceredigion/cy/report`);
    expect(await r.getAttribute('html', 'lang')).toBe('cy');
    await r.getByLabel('Ffyrdd a phalmentydd', { exact: true }).check();
    await press(r, cy['common.continue']);
    await r.getByLabel('Twll yn y ffordd', { exact: true }).check();
    await press(r, cy['common.continue']);
    expect(pathOf(r)).toMatch(/\/notice$/);
    await press(r, cy['common.continue']);
    expect(pathOf(r)).toMatch(/\/questions$/);
    await r.getByLabel('Mwy na 10cm', { exact: true }).check();
    await press(r, cy['common.continue']);
    await r.getByLabel(cy['report.location.byStreet'], { exact: true }).check();
    await press(r, cy['common.continue']);
    await r.getByLabel(cy['report.street.title'], { exact: true }).fill('aber');
    await press(r, cy['report.street.search']);
    await r.getByLabel('Stryd y Cei, Aberaeron', { exact: true }).check();
    await press(r, cy['common.continue']);
    await r.getByRole('textbox', { name: cy['report.description.label'] }).fill('Twll mawr ar bwys y cei.');
    await press(r, cy['common.continue']);
    await press(r, cy['report.photo.skip']);
    await r.getByLabel(cy['report.contact.name'], { exact: true }).fill('Gwen Preswylydd');
    await r.getByLabel(cy['common.email.label'], { exact: true }).fill('gwen@example.com');
    await press(r, cy['common.continue']);
    expect(pathOf(r)).toMatch(/\/check$/);
    await press(r, cy['report.check.button']);
    expect(await textOf(r, '.govuk-panel__title')).toBe(cy['report.done.title']);
    const reference = await textOf(r, '.govuk-panel__body strong');

    // The officer, in the Welsh back office.
    const { page } = await signIn('ceredigion', '/ceredigion/cy', 'officer', cy);
    expect(pathOf(page)).toBe('/ceredigion/cy/staff/');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    const casePath = `/ceredigion/cy/staff/cases/${reference}`;
    await page.goto(`${host.baseUrl}${casePath}`);
    expect(await textOf(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.submitted.cy);
    expect(await textOf(page, 'main')).toContain('Twll mawr ar bwys y cei.');
    expect(await textOf(page, 'main')).toContain('gwen@example.com');

    // Submitted → investigating, a minute after the report (each step a minute apart, so the history's order is theirs).
    clock.advance(60_000);
    await page.getByRole('group', { name: cy['staff.case.state.legend'] }).getByLabel(DEFAULT_STATE_LABELS.investigating.cy, { exact: true }).check();
    const moved = await press(page, cy['staff.case.state.button']);
    expect(moved?.status()).toBe(200);
    expect(`${pathOf(page)}${new URL(page.url()).search}`).toBe(`${casePath}?done=state`);
    expect(await textOf(page, '.govuk-notification-banner')).toContain(cy['staff.case.done.state']);
    expect(await textOf(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.investigating.cy);

    // A public update from a response template: its words in Welsh, the resident's language.
    clock.advance(60_000);
    await page.getByLabel(cy['staff.case.update.template'], { exact: true }).selectOption('pothole-inspecting');
    await press(page, cy['staff.case.update.useTemplate']);
    const update = page.getByLabel(cy['staff.case.update.text'], { exact: true });
    const welshText = 'Diolch. Bydd arolygydd yn edrych ar y twll yn y ffordd o fewn 5 diwrnod gwaith ac yn trefnu ei atgyweirio os oes angen.';
    expect(await update.inputValue()).toBe(welshText);
    const published = await press(page, cy['staff.case.update.button']);
    expect(published?.status()).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain(cy['staff.case.done.update']);
    expect(await textOf(page, '[data-testid="history"] [data-kind="update"]')).toContain(welshText);

    // Investigating → fixed.
    clock.advance(60_000);
    await page.getByRole('group', { name: cy['staff.case.state.legend'] }).getByLabel(DEFAULT_STATE_LABELS.fixed.cy, { exact: true }).check();
    await press(page, cy['staff.case.state.button']);
    expect(await textOf(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.fixed.cy);
    expect(await page.locator('[data-testid="history"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).toEqual(['state', 'update', 'state', 'created']);

    // The resident tracks the report through the tracking form.
    await r.goto(`${host.baseUrl}/ceredigion/cy/report/track`);
    await r.getByLabel(cy['report.track.title'], { exact: true }).fill(reference.toLowerCase());
    await press(r, cy['report.track.button']);
    expect(await textOf(r, 'main h2')).toBe(cy['report.track.resultHeading'].replace('{reference}', reference));
    expect(await textOf(r, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.fixed.cy);
    const tracked = await textOf(r, 'main');
    expect(tracked).toContain(welshText);
    expect(tracked).toContain(DEFAULT_STATE_LABELS.investigating.cy);
    expect(tracked).not.toContain('Gwen Preswylydd');

    // The update email, in Welsh, to the address the resident gave.
    const emails = host.host.outboxes.get('ceredigion')!.sent().filter((e) => e.reference === reference);
    expect(emails.map((e) => e.template)).toEqual(['problem-report-confirmation', 'report-case-update']);
    const updateEmail = emails.find((e) => e.template === 'report-case-update')!;
    expect(updateEmail).toMatchObject({ to: 'gwen@example.com', lang: 'cy', subject: `Diweddariad ar eich cais ${reference}` });
    expect(updateEmail.body).toContain(welshText);
    expect(updateEmail.body).toContain(`Statws: ${DEFAULT_STATE_LABELS.investigating.cy}`);
    // And on the dev outbox page.
    await r.goto(`${host.baseUrl}/_dev/outbox`);
    expect(await textOf(r, 'main')).toContain(`Diweddariad ar eich cais ${reference}`);
  }, JOURNEY_TIMEOUT);

  it('without JavaScript, an officer on Hackney publishes a response template’s update that fixes a case; the resident tracks it and is emailed in English', async () => {
    const reference = await seedReport(host, 'hackney', clock.read(), { contact: { name: 'Nat Noscript', email: 'nat@example.com' } });
    const { page, status } = await signIn('hackney', '/hackney', 'officer', en, { javaScriptEnabled: false });
    expect(status).toBe(200);
    const casePath = `/hackney/staff/cases/${reference}`;
    await page.goto(`${host.baseUrl}${casePath}`);
    expect(await page.evaluate(() => document.body.className)).not.toContain('govuk-frontend-supported');

    // An empty update is refused, with the error summary, and nothing is sent.
    const empty = await press(page, en['staff.case.update.button']);
    expect(empty?.status()).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(en['staff.case.error.text-required']);

    await page.getByLabel(en['staff.case.update.template'], { exact: true }).selectOption('pothole-fixed');
    await press(page, en['staff.case.update.useTemplate']);
    expect(await page.getByLabel(en['staff.case.update.text'], { exact: true }).inputValue()).toBe('The pothole has been repaired. Thank you for reporting it.');
    expect(await page.getByLabel(en['staff.case.update.state'], { exact: true }).inputValue()).toBe('fixed');
    const published = await press(page, en['staff.case.update.button']);
    expect(published?.status()).toBe(200);
    expect(`${pathOf(page)}${new URL(page.url()).search}`).toBe(`${casePath}?done=update`);
    expect(await textOf(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.fixed.en);

    const tracking = await page.goto(`${host.baseUrl}/hackney/report/track?reference=${reference}`);
    expect(tracking?.status()).toBe(200);
    expect(await textOf(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.fixed.en);
    expect(await textOf(page, 'main')).toContain('The pothole has been repaired. Thank you for reporting it.');

    const updates = host.host.outboxes.get('hackney')!.sent().filter((e) => e.reference === reference && e.template === 'report-case-update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ to: 'nat@example.com', lang: 'en', subject: `Update on your request ${reference}` });
    expect(updates[0].body).toContain(`Status: ${DEFAULT_STATE_LABELS.fixed.en}`);
  }, JOURNEY_TIMEOUT);
});

describe('The queue', () => {
  it('a supervisor on Hackney finds a case by its reference, filters the queue by state, moves cases with the bulk action and downloads the filtered export', async () => {
    const first = await seedReport(host, 'hackney', clock.read(), { description: 'Queue case one' });
    const second = await seedReport(host, 'hackney', clock.read(), { description: 'Queue case two' });
    const { page } = await signIn('hackney', '/hackney', 'supervisor', en);
    await navigate(page, () => page.getByRole('link', { name: en['staff.queue.nav'], exact: true }).click());
    expect(pathOf(page)).toBe('/hackney/staff/queue');
    for (const reference of [first, second]) expect(await page.locator(`[data-testid="queue"] tr[data-reference="${reference}"]`).count()).toBe(1);

    // A reference typed as it is read out on the phone goes straight to its case.
    await page.getByLabel(en['staff.queue.search.label'], { exact: true }).fill(first.toLowerCase().replace('-', ' '));
    await press(page, en['staff.queue.search.button']);
    expect(pathOf(page)).toBe(`/hackney/staff/cases/${first}`);

    // Both moved to "action scheduled" at once.
    clock.advance(60_000);
    await page.goto(`${host.baseUrl}/hackney/staff/queue`);
    for (const reference of [first, second]) await page.getByLabel(en['staff.queue.selectCase'].replace('{reference}', reference), { exact: true }).check();
    await page.getByLabel(en['staff.queue.bulk.state'], { exact: true }).selectOption('action-scheduled');
    expect((await press(page, en['staff.queue.bulk.button']))?.status()).toBe(200);
    expect(await textOf(page, '[data-testid="bulk-done"]')).toContain(en['staff.queue.bulk.done'].replace('{count}', '2'));

    await page.getByLabel(en['staff.queue.filter.state'], { exact: true }).selectOption('action-scheduled');
    await press(page, en['staff.queue.apply']);
    expect(new URL(page.url()).searchParams.get('state')).toBe('action-scheduled');
    const listed = await page.locator('[data-testid="queue"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-reference'), r.getAttribute('data-state')]));
    expect(listed.map(([reference]) => reference).sort()).toEqual([first, second].sort());
    expect(listed.every(([, state]) => state === 'action-scheduled')).toBe(true);

    // The export form posts the filters (with its CSRF token); the browser downloads the CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en['staff.queue.export'] }).click()]);
    expect(download.suggestedFilename()).toMatch(/^hackney-cases-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await streamText(await download.createReadStream());
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain(en['staff.export.col.reference']);
    expect(lines).toHaveLength(3);
    for (const reference of [first, second]) expect(csv).toContain(reference);
    expect(csv).toContain('ann@example.com');
  }, JOURNEY_TIMEOUT);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
