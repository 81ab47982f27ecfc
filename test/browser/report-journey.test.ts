/**
 * The report-a-problem journey clicked through in a real Chromium, as a resident would: with JavaScript
 * (govuk-frontend initialised) on Hackney, uploading a photo through the upload form; with JavaScript
 * turned off; and in Welsh on Ceredigion.
 *
 * The clock is fixed at Tuesday 1 December 2026, 10:00 UTC. Hackney: Roads → Pothole (a notice, a
 * required depth question), 17 Sandringham Mews in E8 2NS, Mare Street at 51.54497, -0.05528.
 * Ceredigion: Glanhau strydoedd → Tipio anghyfreithlon (a notice, a required multi-value question),
 * Stryd y Cei in Aberaeron found by searching "aber".
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { DEFAULT_STATE_LABELS } from '../../functions/core/cases/lifecycle.ts';
import { contains, exifApp1, jfifApp0, jpeg } from '../support/images.ts';
import { launchBrowser, navigate, startTestHost, type TestHost } from './support.ts';

const { en, cy } = MESSAGES;

const NOW = '2026-12-01T10:00:00Z';
/** The alphabet of case references: no 0/O, 1/I/L, so they can be read out on the phone. */
const REFERENCE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
/** A whole journey is a couple of dozen pages: room for a slow, busy machine. */
const JOURNEY_TIMEOUT = 90_000;

let host: TestHost;
let browser: Browser;
let photoDir: string;
/** A photo as a phone takes it, on disk for the file input: camera and GPS in its Exif. */
let photoFile: string;

beforeAll(async () => {
  [host, browser, photoDir] = await Promise.all([startTestHost(NOW), launchBrowser(), mkdtemp(path.join(tmpdir(), 'report-journey-'))]);
  photoFile = path.join(photoDir, 'pothole.jpg');
  await writeFile(photoFile, jpeg(jfifApp0(), exifApp1({ make: 'PhoneMaker', model: 'Model 9', dateTime: '2026:12:01 09:12:00', gps: { lat: 51.5492, lon: -0.0717 }, orientation: 6 })));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (photoDir) await rm(photoDir, { recursive: true, force: true });
});

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Clicks a link or button found by its accessible name and waits for the page it leads to. */
async function follow(page: Page, role: 'link' | 'button', name: string) {
  // Only a <button> for a button: a file input is a button too, and may have the same name.
  const target = role === 'button' ? page.getByRole('button', { name, exact: true }).and(page.locator('button')) : page.getByRole('link', { name, exact: true });
  return navigate(page, () => target.click());
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** The email in the dev outbox carrying this reference: its subject and its whole text. */
async function outboxEmail(page: Page, reference: string): Promise<{ subject: string; text: string }> {
  const response = await page.goto(`${host.baseUrl}/_dev/outbox`);
  expect(response?.status()).toBe(200);
  const email = page.locator('section', { hasText: reference });
  expect(await email.count()).toBe(1);
  return { subject: (await email.locator('h2').innerText()).trim(), text: (await email.innerText()).replace(/\s+/g, ' ') };
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

  it('a resident reports a pothole from the council home page with a photo, changes the description on the way, is emailed the reference and tracks the report', async () => {
    await page.goto(`${host.baseUrl}/hackney/`);
    expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);

    // The home page lists the service.
    await follow(page, 'link', en['report.serviceName']);
    expect(pathOf(page)).toBe('/hackney/report');
    expect(await text(page, 'h1')).toBe(en['report.group.title']);
    expect(await page.locator('[data-module="govuk-button"][data-govuk-button-init]').count()).toBe(1);

    await page.getByLabel('Roads, pavements and parking', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toMatch(/^\/hackney\/report\/d\/[^/]+\/category$/);
    const draft = pathOf(page).replace(/\/category$/, '');
    expect(await text(page, 'h1')).toBe(en['report.category.title']);

    await page.getByLabel('Pothole', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/notice`);
    expect(await text(page, 'h1')).toBe('Pothole');
    expect(await text(page, '.govuk-warning-text')).toContain('If this is dangerous, call us now on 020 8356 2300.');

    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/questions`);
    expect(await text(page, 'h1')).toBe(en['report.questions.title']);
    await page.getByLabel('More than 10cm', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/location`);
    expect(await text(page, 'h1')).toBe(en['report.location.title']);
    await page.getByLabel(en['report.location.byPostcode'], { exact: true }).check();
    await follow(page, 'button', en['common.continue']);

    // The postcode typed as people do: lower case, no space.
    expect(pathOf(page)).toBe(`${draft}/postcode`);
    await page.getByLabel(en['report.postcode.title'], { exact: true }).pressSequentially('e82ns');
    await follow(page, 'button', en['common.postcode.button']);
    expect(pathOf(page)).toBe(`${draft}/address`);
    expect(await text(page, 'h1')).toBe(en['report.address.title']);
    expect(await text(page, '#uprn-hint')).toContain('E8 2NS');
    await page.getByLabel('17 Sandringham Mews, London', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/description`);
    expect(await text(page, 'h1')).toBe(en['report.description.title']);
    await page.getByRole('textbox', { name: en['report.description.label'] }).fill('A deep hole by the bus stop');
    await follow(page, 'button', en['common.continue']);

    // The photo goes straight to storage (here the local host's stand-in for S3), which sends the
    // browser back to the journey; the photo is then shown, without its location and camera details.
    expect(pathOf(page)).toBe(`${draft}/photo`);
    expect(await text(page, 'h1')).toBe(en['report.photo.title']);
    expect(await page.locator('img.app-photo').count()).toBe(0);
    // The label names govuk-frontend's "Choose file" button; the file goes into the (hidden) input it drives.
    expect(await page.getByLabel(en['report.photo.label'], { exact: true }).count()).toBe(1);
    await page.locator('input[type="file"]').setInputFiles(photoFile);
    const uploaded = await follow(page, 'button', en['report.photo.upload']);
    expect(uploaded?.status()).toBe(200);
    expect(pathOf(page)).toBe(`${draft}/photo`);
    const photo = page.locator('img.app-photo');
    expect(await photo.getAttribute('alt')).toBe(en['report.photo.alt']);
    // The 40 × 8 image loads, upright: its orientation (6, a quarter turn) is the one Exif detail kept.
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? `${img.naturalWidth}x${img.naturalHeight}` : 'loading'))).toBe('8x40');
    const shown = await page.request.get(new URL((await photo.getAttribute('src'))!, page.url()).href);
    expect(shown.headers()['content-type']).toBe('image/jpeg');
    const bytes = new Uint8Array(await shown.body());
    const original = new Uint8Array(await readFile(photoFile));
    expect(contains(original, 'PhoneMaker') && contains(original, Uint8Array.of(0x25, 0x88, 0x04, 0x00))).toBe(true);
    for (const detail of ['PhoneMaker', 'Model 9', '2026:12:01']) expect(contains(bytes, detail), detail).toBe(false);
    // No GPS IFD pointer (tag 0x8825, little-endian) is left.
    expect(contains(bytes, Uint8Array.of(0x25, 0x88, 0x04, 0x00))).toBe(false);
    expect(await page.getByLabel(en['report.photo.replaceLabel'], { exact: true }).count()).toBe(1);
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/contact`);
    expect(await text(page, 'h1')).toBe(en['report.contact.title']);
    await page.getByLabel(en['report.contact.name'], { exact: true }).fill('Ann Resident');
    await page.getByLabel(en['common.email.label'], { exact: true }).fill('ann@example.com');
    await page.getByLabel(`${en['report.contact.phone']} ${en['common.optional']}`, { exact: true }).fill('020 7946 0000');
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/check`);
    expect(await text(page, 'h1')).toBe(en['report.check.title']);
    const answers = await text(page, '.govuk-summary-list');
    for (const shownAnswer of ['Problem Pothole', 'How deep is the pothole? More than 10cm', '17 Sandringham Mews', 'Description A deep hole by the bus stop', 'Photo Photo added', 'Full name Ann Resident', 'Email address ann@example.com', 'Phone number 020 7946 0000']) {
      expect(answers).toContain(shownAnswer);
    }

    // "Change" goes back to the description with the answer kept, and on to the check page again.
    await follow(page, 'link', 'Change description');
    expect(pathOf(page)).toBe(`${draft}/description`);
    const description = page.getByRole('textbox', { name: en['report.description.label'] });
    expect(await description.inputValue()).toBe('A deep hole by the bus stop');
    await description.fill('A deep hole by the bus stop, on the left as you face the shops');
    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/check`);
    expect(await text(page, '.govuk-summary-list')).toContain('Description A deep hole by the bus stop, on the left as you face the shops');
    expect(await text(page, '.govuk-summary-list')).toContain('Photo Photo added');

    const sent = await follow(page, 'button', en['report.check.button']);
    expect(sent?.status()).toBe(200);
    expect(await text(page, '.govuk-panel__title')).toBe(en['report.done.title']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);
    expect(pathOf(page)).toBe(`/hackney/report/done/${reference}`);
    expect(await text(page, 'main')).toContain('We aim to inspect potholes');

    const mail = await outboxEmail(page, reference);
    expect(mail.subject).toBe(`Problem reported: ${reference}`);
    expect(mail.text).toContain('To ann@example.com');
    expect(mail.text).toContain('Council hackney');
    expect(mail.text).toContain(`Reference ${reference}`);

    // Back on the confirmation, its link shows the report's status.
    await page.goBack();
    await follow(page, 'link', en['report.done.track']);
    expect(pathOf(page)).toBe('/hackney/report/track');
    expect(await text(page, 'main h2')).toBe(`Report ${reference}`);
    expect(await text(page, '.govuk-summary-list .govuk-tag')).toBe(DEFAULT_STATE_LABELS.submitted.en);
    expect(await text(page, '.govuk-summary-list')).toContain('Problem Pothole');
    expect(await text(page, 'main')).not.toContain('Ann Resident');
  }, JOURNEY_TIMEOUT);

  it('a resident reports fly-tipping in Welsh on Ceredigion, finding the street by name, and is emailed in Welsh', async () => {
    await page.goto(`${host.baseUrl}/ceredigion/cy/`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');

    await follow(page, 'link', cy['report.serviceName']);
    expect(pathOf(page)).toBe('/ceredigion/cy/report');
    expect(await text(page, 'h1')).toBe(cy['report.group.title']);
    await page.getByLabel('Glanhau strydoedd', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toMatch(/^\/ceredigion\/cy\/report\/d\/[^/]+\/category$/);
    const draft = pathOf(page).replace(/\/category$/, '');
    expect(await text(page, 'h1')).toBe(cy['report.category.title']);
    await page.getByLabel('Tipio anghyfreithlon', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/notice`);
    expect(await text(page, 'h1')).toBe('Tipio anghyfreithlon');
    expect(await text(page, '.govuk-warning-text')).toContain("Peidiwch â chyffwrdd â'r sbwriel");
    await follow(page, 'button', cy['common.continue']);

    // A question with several answers.
    expect(pathOf(page)).toBe(`${draft}/questions`);
    await page.getByLabel('Dodrefn neu fatresi', { exact: true }).check();
    await page.getByLabel('Teiars', { exact: true }).check();
    await page.getByLabel('Llond fan fach', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/location`);
    await page.getByLabel(cy['report.location.byStreet'], { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/street`);
    expect(await text(page, 'h1')).toBe(cy['report.street.title']);
    await page.getByLabel(cy['report.street.title'], { exact: true }).fill('aber');
    await follow(page, 'button', cy['report.street.search']);
    expect(pathOf(page)).toBe(`${draft}/street`);
    expect(await page.locator('input[name="usrn"]').count()).toBe(3);
    await page.getByLabel('Stryd y Cei, Aberaeron', { exact: true }).check();
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/description`);
    expect(await text(page, 'h1')).toBe(cy['report.description.title']);
    await page.getByRole('textbox', { name: cy['report.description.label'] }).fill('Hen soffa a phedwar teiar ger y cei.');
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/photo`);
    await follow(page, 'button', cy['report.photo.skip']);

    expect(pathOf(page)).toBe(`${draft}/contact`);
    await page.getByLabel(cy['report.contact.name'], { exact: true }).fill('Gwen Preswylydd');
    await page.getByLabel(cy['common.email.label'], { exact: true }).fill('preswylydd@example.com');
    await follow(page, 'button', cy['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/check`);
    expect(await text(page, 'h1')).toBe(cy['report.check.title']);
    const answers = await text(page, '.govuk-summary-list');
    expect(answers).toContain('Problem Tipio anghyfreithlon');
    expect(answers).toContain('Dodrefn neu fatresi, Teiars');
    expect(answers).toContain('Lleoliad Stryd y Cei, Aberaeron');
    expect(answers).toContain('Cyfeiriad e-bost preswylydd@example.com');

    await follow(page, 'button', cy['report.check.button']);
    expect(await text(page, '.govuk-panel__title')).toBe(cy['report.done.title']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);
    expect(pathOf(page)).toBe(`/ceredigion/cy/report/done/${reference}`);

    const mail = await outboxEmail(page, reference);
    expect(mail.subject).toMatch(/^Problem wedi/);
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain('To preswylydd@example.com');
    expect(mail.text).toContain('Language cy');
  }, JOURNEY_TIMEOUT);
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

  it('a resident reports a pothole by latitude and longitude, without a photo, and reaches the confirmation', async () => {
    await page.goto(`${host.baseUrl}/hackney/`);
    expect(await page.evaluate(() => document.body.className)).not.toContain('govuk-frontend-supported');

    await follow(page, 'link', en['report.serviceName']);
    await page.getByLabel('Roads, pavements and parking', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    const draft = pathOf(page).replace(/\/category$/, '');
    await page.getByLabel('Pothole', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/notice`);
    await follow(page, 'button', en['common.continue']);

    // An error on the way is shown without JavaScript too.
    expect(pathOf(page)).toBe(`${draft}/questions`);
    const missing = await follow(page, 'button', en['common.continue']);
    expect(missing?.status()).toBe(400);
    expect(await text(page, '.govuk-error-summary')).toContain('Answer ‘How deep is the pothole?’');
    await page.getByLabel('5cm to 10cm', { exact: true }).check();
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/location`);
    await page.getByLabel(en['report.location.byCoordinates'], { exact: true }).check();
    await follow(page, 'button', en['common.continue']);
    expect(pathOf(page)).toBe(`${draft}/coordinates`);
    expect(await text(page, 'h1')).toBe(en['report.coordinates.title']);
    await page.getByLabel(en['report.coordinates.lat'], { exact: true }).fill('51.54497');
    await page.getByLabel(en['report.coordinates.long'], { exact: true }).fill('-0.05528');
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/description`);
    await page.getByRole('textbox', { name: en['report.description.label'] }).fill('A pothole in the middle of the road outside the Town Hall');
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/photo`);
    await follow(page, 'button', en['report.photo.skip']);

    expect(pathOf(page)).toBe(`${draft}/contact`);
    await page.getByLabel(en['report.contact.name'], { exact: true }).fill('No Script');
    await page.getByLabel(en['common.email.label'], { exact: true }).fill('no-javascript@example.com');
    await follow(page, 'button', en['common.continue']);

    expect(pathOf(page)).toBe(`${draft}/check`);
    const answers = await text(page, '.govuk-summary-list');
    expect(answers).toContain('How deep is the pothole? 5cm to 10cm');
    expect(answers).toContain('Location 51.54497, -0.05528');
    expect(answers).toContain(`Photo ${en['common.check.none']}`);

    const sent = await follow(page, 'button', en['report.check.button']);
    expect(sent?.status()).toBe(200);
    expect(await text(page, '.govuk-panel__title')).toBe(en['report.done.title']);
    const reference = await text(page, '.govuk-panel__body strong');
    expect(reference).toMatch(REFERENCE);
    expect(pathOf(page)).toBe(`/hackney/report/done/${reference}`);
    expect((await outboxEmail(page, reference)).text).toContain('To no-javascript@example.com');
  }, JOURNEY_TIMEOUT);
});
