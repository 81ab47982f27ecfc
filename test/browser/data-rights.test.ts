/**
 * "Your requests and your data" in a real Chromium, at Ceredigion, with axe on every page and error
 * state: a resident proves her email address, sees the requests she made through the bins, report
 * and forms services, opens one, downloads the record as a page and as a JSON file, and asks for it
 * to be deleted; the data protection officer (Dara Data) approves in the back office, after which
 * the request holds no personal data and its public record (Open311) stays. In Welsh, and once with
 * JavaScript turned off. The host is the back office's test host (staff sign-in through the
 * embedded provider), so the clock is the real time, fixed when the file starts.
 *
 * DATA_RIGHTS_SCREENSHOTS=1 saves each page as a PNG in $TMPDIR/data-rights-screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, getCase } from '../../functions/core/cases/case-store.ts';
import { ANONYMISED_DESCRIPTION } from '../../functions/core/data-rights/anonymised.ts';
import { yourDataCy } from '../../functions/data-rights/messages/cy.ts';
import { yourDataEn } from '../../functions/data-rights/messages/en.ts';
import { ALL_MESSAGES } from '../../functions/modules/all-messages.ts';
import { answerAddress, next, startForm, upload } from '../support/forms.ts';
import { Session, uploadPhoto } from '../support/harness.ts';
import { jpeg } from '../support/images.ts';
import { answerPotholeToPhoto } from '../support/report-steps.ts';
import { checkA11y, formatViolations, launchBrowser, navigate } from './support.ts';
import { sampleOf, signedInContext, StaffTestClock, startStaffTestHost, type StaffTestHost } from './staff-support.ts';

const COUNCIL = 'ceredigion';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
/** A whole flow is a few dozen pages with axe on each: room for a slow, busy machine. */
const FLOW_TIMEOUT = 180_000;
const SCREENSHOTS = process.env.DATA_RIGHTS_SCREENSHOTS === '1' ? path.join(tmpdir(), 'data-rights-screenshots') : undefined;

const m = { en: { ...ALL_MESSAGES.en, ...yourDataEn } as Record<string, string>, cy: { ...ALL_MESSAGES.cy, ...yourDataCy } as Record<string, string> };

let clock: StaffTestClock;
let target: StaffTestHost;
let browser: Browser;

beforeAll(async () => {
  clock = new StaffTestClock();
  [target, browser] = await Promise.all([startStaffTestHost(clock), launchBrowser()]);
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await target?.close();
});

const store = () => target.host.stores.get(COUNCIL)!;
const outbox = () => target.host.outboxes.get(COUNCIL)!;

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].filter((x) => x[1] !== 'csrf').map((x) => [x[1], x[2].replace(/&amp;/g, '&')]));
}

interface Made {
  bins: string;
  report: string;
  form: string;
  /** The report's photo and the form's file, as storage holds them. */
  photo: string;
  file: string;
}

/**
 * The requests one address made: a missed collection as the bins module makes it (its journey needs
 * a collection on the day, and this clock is the real time), a pothole with a photo and a dropped
 * kerb request with a sketch through their journeys (plain requests, as the integration tests do).
 */
let seeded = 0;
async function makeRequests(email: string): Promise<Made> {
  const council = target.councils.get(COUNCIL)!;
  const now = clock.read();
  const bins = await createCase(
    store(),
    {
      service: 'bins',
      type: 'missed-collection',
      submissionId: `browser-data-rights-${process.pid}-${++seeded}`,
      details: { uprn: '10009400003', address: '31 Ffordd y Môr, Aberystwyth, SY23 1DE', container: 'clear-bags', collectionDate: now.toISOString().slice(0, 10), more: 'Left by the gate', email },
      lang: 'en',
      retentionDays: (council.services.bins as { missedCollections: { retentionDays: number } }).missedCollections.retentionDays,
    },
    now,
    target.secrets(COUNCIL),
  );

  // The whole local host, so paths carry the council's prefix as a browser's do.
  const session = new Session(target.host.app as unknown as ConstructorParameters<typeof Session>[0]);
  await session.get(`/${COUNCIL}/`);
  const p = `/${COUNCIL}`;
  const base = await answerPotholeToPhoto(session, { prefix: p, postcode: 'SY23 1DE' });
  const photoPage = await (await session.get(`${base}/photo`)).text();
  const upload1 = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(photoPage)!;
  const stored = await uploadPhoto(target.host.photos.get(COUNCIL)!, { action: upload1[1].replace(/&amp;/g, '&'), fields: hiddenFields(upload1[2]), fileField: 'file' }, { bytes: jpeg(), name: 'twll.jpg', type: 'image/jpeg' });
  const back = new URL(stored, target.baseUrl);
  await session.get(back.pathname + back.search);
  const photo = /src="[^"]*\/report\/photos\/([^"]+)"/.exec(await (await session.get(`${base}/photo`)).text())![1];
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Carys Jones', email, phone: '' });
  const sent = await session.post(`${base}/check`, {});
  expect(sent.status).toBe(303);
  const report = sent.headers.get('location')!.split('/').pop()!;

  const kerb = await startForm(session, `${p}/forms/dropped-kerb`, 'address');
  let at = await answerAddress(session, `${kerb}/address`, { postcode: 'SY23 1DE', uprn: '10009400001' });
  for (const fields of [{ owner: 'yes' }, { surface: 'block-paving' }, { depth: '5.5' }, { 'classified-road': 'no' }] as Record<string, string>[]) at = await next(session, at, fields);
  expect(at).toBe(`${kerb}/sketch`);
  await upload({ files: target.host.files.get(COUNCIL)! }, session, `${kerb}/sketch`, { bytes: PDF, name: 'braslun.pdf', type: 'application/pdf' });
  await next(session, `${kerb}/sketch`, {});
  await next(session, `${kerb}/name`, { 'name-first': 'Carys', 'name-last': 'Jones' });
  await next(session, `${kerb}/contact`, { email, phone: '01970 123456' });
  const done = await session.post(`${kerb}/check-answers`, {});
  expect(done.status).toBe(303);
  const form = done.headers.get('location')!.split('/').pop()!;
  const file = ((await getCase(store(), form, now))!.form!.answers.find((a) => a.key === 'sketch')!.value as { fileId: string }).fileId;
  return { bins: bins.case.reference, report, form, photo, file };
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** With DATA_RIGHTS_SCREENSHOTS, the page as it is now is saved as `name`.png. */
async function shoot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Axe finds nothing on the page as it is now (and the screenshot, when asked for). */
async function checkA11yAndShoot(page: Page, name: string): Promise<void> {
  expect(formatViolations(await checkA11y(page)), `${name}: ${page.url()}`).toBe('');
  await shoot(page, name);
}
const checkPage = checkA11yAndShoot;

/** Clicks a link or button by its accessible name and waits for the page it leads to. */
async function follow(page: Page, role: 'link' | 'button', name: string) {
  const target = role === 'button' ? page.getByRole('button', { name, exact: true }).and(page.locator('button')) : page.getByRole('link', { name, exact: true });
  return navigate(page, () => target.first().click());
}

/** The last code the outbox sent to an address. */
function codeFor(email: string): string {
  const sent = outbox().sent().filter((x) => x.to === email && x.template === 'data-rights-code');
  expect(sent.length).toBeGreaterThan(0);
  return /# (\d{6})/.exec(sent.at(-1)!.body)![1];
}

/**
 * The resident's flow in one language, from the council's home page to the request to delete: axe on
 * every page and error state along the way. Answers the request's reference.
 */
async function residentFlow(page: Page, lang: 'en' | 'cy', email: string, made: Made, options: { javaScript: boolean; shots: string }): Promise<string> {
  const t = m[lang];
  const prefix = `/${COUNCIL}${lang === 'cy' ? '/cy' : ''}`;
  // Axe runs as a script in the page, so without JavaScript the pass checks what it reads (the other passes run axe on the same pages).
  const checkPage = (p: Page, name: string) => (options.javaScript ? checkA11yAndShoot(p, `${options.shots}-${name}`) : shoot(p, `${options.shots}-${name}`));
  const shot = (name: string) => name;

  await page.goto(`${target.baseUrl}${prefix}/`);
  if (options.javaScript) expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
  await follow(page, 'link', t['home.yourData']);
  expect(pathOf(page)).toBe(`${prefix}/your-data`);
  expect(await text(page, 'h1')).toBe(t['yourData.title']);
  await checkPage(page, shot('start'));

  // Sent without an address: the error summary and the field's message, then an address.
  await follow(page, 'button', t['yourData.start.button']);
  expect(await page.title()).toMatch(lang === 'cy' ? /^Gwall: / : /^Error: /);
  expect(await text(page, '.govuk-error-summary__list')).toBe(t['common.email.errorRequired']);
  expect(await text(page, '#email-error')).toContain(t['common.email.errorRequired']);
  await checkPage(page, shot('start-error'));
  await page.getByLabel(t['common.email.label']).fill(email);
  await follow(page, 'button', t['yourData.start.button']);
  expect(pathOf(page)).toBe(`${prefix}/your-data/code`);
  expect(await text(page, 'h1')).toBe(t['yourData.code.title']);
  await checkPage(page, shot('code'));

  // A wrong code first, then the one emailed.
  const code = codeFor(email);
  await page.getByLabel(t['yourData.code.label']).fill(code === '000000' ? '111111' : '000000');
  await follow(page, 'button', t['yourData.code.button']);
  expect(await text(page, '.govuk-error-summary__list')).toBe(t['yourData.code.errorWrong'].replace('{tries}', '4'));
  await checkPage(page, shot('code-wrong'));
  await page.getByLabel(t['yourData.code.label']).fill(code);
  await follow(page, 'button', t['yourData.code.button']);
  expect(pathOf(page)).toBe(`${prefix}/your-data/requests`);
  expect(await text(page, 'h1')).toBe(t['yourData.requests.title']);
  const rows = await page.locator('table.govuk-table tbody tr').allInnerTexts();
  for (const ref of [made.bins, made.report, made.form]) expect(rows.some((r) => r.includes(ref)), ref).toBe(true);
  await checkPage(page, shot('requests'));

  // One request: what she told us and her photo, shown.
  await follow(page, 'link', made.report);
  expect(pathOf(page)).toBe(`${prefix}/your-data/requests/${made.report}`);
  expect(await text(page, 'main')).toContain('A deep hole by the bus stop');
  expect(await page.locator('main img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await checkPage(page, shot('request'));
  await follow(page, 'link', t['common.back']);

  // The record as a page, and as a file.
  await follow(page, 'link', t['yourData.requests.viewAll']);
  expect(pathOf(page)).toBe(`${prefix}/your-data/download`);
  for (const ref of [made.bins, made.report, made.form]) expect(await text(page, 'main')).toContain(ref);
  await checkPage(page, shot('download'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t['yourData.download.json'], exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^your-data-${COUNCIL}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const record = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(record).toMatchObject({ format: 'ldf-data-record', version: 1, language: lang, subject: { email } });
  expect(record.cases.map((x: { reference: string }) => x.reference).sort()).toEqual([made.bins, made.report, made.form].sort());
  await follow(page, 'link', t['common.back']);

  // Asking to delete: not confirmed, then confirmed.
  await follow(page, 'link', t['yourData.requests.deleteLink']);
  expect(pathOf(page)).toBe(`${prefix}/your-data/delete`);
  await checkPage(page, shot('delete'));
  await follow(page, 'button', t['yourData.delete.button']);
  expect(await text(page, '.govuk-error-summary__list')).toBe(t['yourData.delete.errorConfirm']);
  await checkPage(page, shot('delete-error'));
  await page.getByLabel(t['yourData.delete.confirm']).check();
  await follow(page, 'button', t['yourData.delete.button']);
  expect(pathOf(page)).toMatch(new RegExp(`^${prefix}/your-data/delete/received/[A-Z2-9-]+$`));
  expect(await text(page, 'h1')).toBe(t['yourData.received.title']);
  const reference = await text(page, '.govuk-panel__body strong');
  await checkPage(page, shot('received'));
  expect(outbox().sent().at(-1)).toMatchObject({ to: email, template: 'data-rights-request-received', lang, reference });
  return reference;
}

describe('a resident with JavaScript on, in English', () => {
  let context: BrowserContext;
  let page: Page;
  let made: Made;
  const email = 'carys@example.com';

  beforeAll(async () => {
    made = await makeRequests(email);
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  let reference: string;

  it('proves her address, sees her bins, report and form requests, downloads both formats and asks to delete', async () => {
    reference = await residentFlow(page, 'en', email, made, { javaScript: true, shots: 'en' });
    const request = (await getCase(store(), reference, clock.read()))!;
    expect(request).toMatchObject({ service: 'data-rights', type: 'erasure', restrictedTo: 'data-protection' });
    expect(request.details.references.split(' ').sort()).toEqual([made.bins, made.report, made.form].sort());

    await follow(page, 'link', yourDataEn['yourData.received.back']);
    await follow(page, 'button', yourDataEn['yourData.signOut.button']);
    expect(pathOf(page)).toBe(`/${COUNCIL}/your-data/signed-out`);
    await checkPage(page, 'en-signed-out');
  }, FLOW_TIMEOUT);

  it('the data protection officer approves: her cases keep no personal data, and their public record stays', async () => {
    const officer = sampleOf(target, COUNCIL, 'data-protection');
    expect(officer.name).toBe('Dara Data');
    const staff = await signedInContext(browser, target, `/${COUNCIL}`, officer, m.en['staff.signIn.button']);
    try {
      const p = staff.page;
      await p.goto(`${target.baseUrl}/${COUNCIL}/staff/data-rights`);
      expect(await text(p, 'h1')).toBe(m.en['staff.dataRights.title']);
      await checkPage(p, 'staff-queue');
      await follow(p, 'link', reference);
      expect(pathOf(p)).toBe(`/${COUNCIL}/staff/data-rights/${reference}`);
      for (const ref of [made.bins, made.report, made.form]) expect(await text(p, 'main')).toContain(ref);
      await checkPage(p, 'staff-request');
      await follow(p, 'button', m.en['staff.dataRights.approve.button']);
      expect(await text(p, '.govuk-error-summary__list')).toBe(m.en['staff.dataRights.approve.errorConfirm']);
      await checkPage(p, 'staff-request-error');
      await p.getByLabel(m.en['staff.dataRights.approve.confirm']).check();
      await follow(p, 'button', m.en['staff.dataRights.approve.button']);
      expect(await text(p, 'main')).toContain(m.en['staff.dataRights.done.approved'].replace('{count}', '3'));
      await checkPage(p, 'staff-approved');
    } finally {
      await staff.context.close();
    }

    // The cases: no name, address, email, words, photo or file; the reference, service, state and place kept.
    const now = clock.read();
    for (const ref of [made.bins, made.report, made.form]) {
      const found = (await getCase(store(), ref, now))!;
      expect(found.anonymisedAt, ref).toBeDefined();
      expect(JSON.stringify(found), ref).not.toContain(email);
      expect(JSON.stringify(found), ref).not.toContain('Carys');
      expect(found.contactKeys ?? {}, ref).toEqual({});
    }
    const report = (await getCase(store(), made.report, now))!;
    expect(JSON.stringify(report)).not.toContain('A deep hole by the bus stop');
    expect(report.public?.media ?? []).toEqual([]);
    expect(await target.host.photos.get(COUNCIL)!.read(made.photo)).toBeUndefined();
    expect(await target.host.files.get(COUNCIL)!.read(made.file)).toBeUndefined();
    expect(outbox().sent().at(-1)).toMatchObject({ to: email, template: 'data-rights-erased', reference });

    // Its public record (Open311) stays: the category, place and state, its words said to be removed.
    const open311 = await fetch(`${target.baseUrl}/${COUNCIL}/open311/v2/requests.json?service_request_id=${made.report}`);
    expect(open311.status).toBe(200);
    const [published] = await open311.json();
    expect(published).toMatchObject({ service_request_id: made.report, service_code: 'pothole', status: 'open', description: ANONYMISED_DESCRIPTION });
    expect(typeof published.lat).toBe('number');
    expect(published.media_url).toBeUndefined();

    // Proving her address again, she finds only her request to delete, now closed.
    await page.goto(`${target.baseUrl}/${COUNCIL}/your-data`);
    await page.getByLabel(m.en['common.email.label']).fill(email);
    await follow(page, 'button', yourDataEn['yourData.start.button']);
    await page.getByLabel(yourDataEn['yourData.code.label']).fill(codeFor(email));
    await follow(page, 'button', yourDataEn['yourData.code.button']);
    expect(pathOf(page)).toBe(`/${COUNCIL}/your-data/requests`);
    const rows = await page.locator('table.govuk-table tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(reference);
    // Nothing is left to ask to delete.
    expect(await page.getByRole('link', { name: yourDataEn['yourData.requests.deleteLink'] }).count()).toBe(0);
    await checkPage(page, 'en-requests-after');
    await follow(page, 'button', yourDataEn['yourData.signOut.button']);
  }, FLOW_TIMEOUT);

  it('a session that has ended sends her to the start page, which says so', async () => {
    // A session cookie the store no longer knows: what an expired one looks like to the pages.
    await context.addCookies([{ name: 'ldf_data', value: 'x'.repeat(43), url: `${target.baseUrl}/${COUNCIL}/`, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto(`${target.baseUrl}/${COUNCIL}/your-data/requests`);
    expect(pathOf(page)).toBe(`/${COUNCIL}/your-data`);
    expect(await text(page, '.govuk-notification-banner')).toContain(yourDataEn['yourData.start.ended']);
    await checkPage(page, 'en-session-ended');
  });

  it('asking for too many codes gives a clear page (429)', async () => {
    const limited = await browser.newContext();
    try {
      const p = await limited.newPage();
      let status: number | undefined;
      for (let i = 0; i < 4; i++) {
        await p.goto(`${target.baseUrl}/${COUNCIL}/your-data`);
        await p.getByLabel(m.en['common.email.label']).fill('often@example.com');
        status = (await follow(p, 'button', yourDataEn['yourData.start.button']))?.status();
      }
      expect(status).toBe(429);
      expect(await text(p, 'h1')).toBe(yourDataEn['yourData.limited.title']);
      await checkPage(p, 'en-limited');
    } finally {
      await limited.close();
    }
  }, FLOW_TIMEOUT);
});

describe('a resident in Welsh', () => {
  it('does the same in Welsh, and is emailed in Welsh', async () => {
    const email = 'nia@example.com';
    const made = await makeRequests(email);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await residentFlow(page, 'cy', email, made, { javaScript: true, shots: 'cy' });
      expect(outbox().sent().find((x) => x.to === email && x.template === 'data-rights-code')).toMatchObject({ lang: 'cy' });
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      await follow(page, 'link', yourDataCy['yourData.received.back']);
      await follow(page, 'button', yourDataCy['yourData.signOut.button']);
      await checkPage(page, 'cy-signed-out');
    } finally {
      await context.close();
    }
  }, FLOW_TIMEOUT);
});

describe('a resident with JavaScript off', () => {
  it('proves her address, downloads and asks to delete without any script', async () => {
    const email = 'gwen@example.com';
    const made = await makeRequests(email);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await residentFlow(page, 'en', email, made, { javaScript: false, shots: 'nojs' });
      expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')).catch(() => false)).toBe(false);
    } finally {
      await context.close();
    }
  }, FLOW_TIMEOUT);
});
