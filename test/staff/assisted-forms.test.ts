import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouncilApp } from '../../functions/app.ts';
import { listAuditForCase } from '../../functions/core/audit/audit-store.ts';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { adoptedForms } from '../../functions/modules/forms/definition/resolve.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, embeddedStore, Session, TEMPLATES, testApp, testCipher, textOf } from '../support/harness.ts';
import { devClients, StaffBrowser, startProvider, TEST_BASE_URL, TestClock } from './support.ts';

/**
 * Assisted digital for forms: a duty officer on the phone starts "make a report for a resident"
 * with one of the council's forms, goes through the resident's own pages of it, and sends it; the
 * case records the channel, "made by <officer> for <resident>", and the audit. And /forms, the
 * index of the council's adopted forms, in English and Welsh.
 */

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
const clock = new TestClock();
let hackney: { app: ReturnType<typeof createCouncilApp>; store: CouncilStore; outbox: OutboxNotifications };

beforeAll(async () => {
  store = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  const config = await council('hackney');
  const tableName = `test-assisted-forms-${process.pid}`;
  await ensureTable(createStoreClient({ endpoint: store.endpoint }), tableName);
  const table = { client: createStoreClient({ endpoint: store.endpoint, maxAttempts: 1 }), tableName };
  const outbox = new OutboxNotifications({ council: 'hackney', templates: TEMPLATES, clock: clock.read });
  const app = createCouncilApp(config, {
    store: table,
    notifications: outbox,
    secrets: new LocalSecrets({ values: { 'oidc-client-secret': clients[0].clientSecret } }),
    clock: clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: idp.issuer,
    exports: new DirectExportDelivery(),
    // The form's special-category answer (why the resident cannot take the bins out) is sealed.
    cipher: await testCipher(),
  });
  hackney = { app, store: table, outbox };
  clock.sync();
});

afterAll(async () => {
  await idp?.close();
  await store?.close();
});

const FORM = '/forms/assisted-bin-collection';

/** Hackney's assisted bin collection form through its resident pages, as the officer types the caller's answers; answers the reference. */
async function takeTheForm(browser: StaffBrowser | Session, email: string): Promise<string> {
  const go = async (url: string, fields: Record<string, string>) => {
    const res = await browser.post(url, fields);
    expect(res.status, `${url}: ${res.status === 303 ? '' : textOf(await res.text()).slice(0, 400)}`).toBe(303);
    return res.headers.get('location')!;
  };
  const first = await go(FORM, {});
  const base = first.replace(/\/household$/, '');
  expect(first).toBe(`${base}/household`);
  await go(`${base}/household`, { household: 'alone' });
  await go(`${base}/reason`, { reason: 'Arthritis in both hands: I cannot grip the bin.' });
  await go(`${base}/collection-point`, { 'collection-point': 'Beside the back door.' });
  await go(`${base}/temporary`, { temporary: 'no' });
  await go(`${base}/name`, { 'name-first': 'Doreen', 'name-last': 'Okafor' });
  expect((await browser.post(`${base}/address`, { 'address-postcode': 'E8 2NS', 'address-action': 'find' })).status).toBe(200);
  await go(`${base}/address`, { 'address-mode': 'choose', 'address-postcode': 'E8 2NS', 'address-uprn': '10008200011' });
  expect(await go(`${base}/contact`, { phone: '020 7946 0123', email })).toBe(`${base}/check-answers`);
  const sent = await go(`${base}/check-answers`, {});
  const reference = /\/done\/([A-Z0-9-]+)$/.exec(sent)?.[1];
  if (!reference) throw new Error(`Not sent: ${sent}`);
  return reference;
}

describe('assisted digital for forms', () => {
  let officer: StaffBrowser;
  beforeAll(async () => {
    officer = new StaffBrowser(hackney);
    expect((await officer.signIn('hackney-officer')).status).toBe(303);
  });

  it('offers each form the council adopts, by its title, beside the other services', async () => {
    const html = await (await officer.get('/staff/assisted')).text();
    const values = [...html.matchAll(/name="service" type="radio" value="([^"]+)"/g)].map((m) => m[1]);

    const forms = adoptedForms(await council('hackney'));
    expect(forms.map((f) => f.id)).toContain('care-needs-assessment');
    expect(values).toEqual(['report', 'bins', ...forms.map((f) => `forms/${f.id}`)]);
    for (const form of forms) expect(textOf(html)).toContain(form.title.en);
  });

  it('starts a form for a resident: the officer fills it through the resident pages, and the case has the channel, made by and the audit', async () => {
    const start = await officer.post('/staff/assisted', { service: 'forms/assisted-bin-collection', channel: 'phone', resident: 'Doreen Okafor' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe(FORM);
    const assisting = textOf(await (await officer.get('/staff/assisted')).text());
    expect(assisting).toContain('You are making a report or request (Apply for an assisted bin collection) for Doreen Okafor, by Phone.');

    const reference = await takeTheForm(officer, 'doreen@example.com');

    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found).toMatchObject({ service: 'forms', type: 'assisted-bin-collection', channel: 'phone' });
    expect(found.madeBy).toEqual({ staff: { sub: 'hackney-officer', name: expect.any(String) }, forResident: 'Doreen Okafor' });
    const audit = (await listAuditForCase(hackney.store, reference, { limit: 10 })).records;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'assisted-case', caseRef: reference, detail: 'phone', who: expect.objectContaining({ sub: 'hackney-officer' }) }));
    // The resident gets the form's own confirmation, at the address the officer typed.
    expect(hackney.outbox.sent().filter((m) => m.reference === reference)).toMatchObject([{ to: 'doreen@example.com' }]);
    const page = textOf(await (await officer.get(`/staff/cases/${reference}`)).text());
    expect(page).toMatch(/Made by .+ for Doreen Okafor/);
    // One marker, one case: the officer's next form is their own again.
    const next = await takeTheForm(officer, 'someone@example.com');
    expect(await getCase(hackney.store, next, clock.read())).toMatchObject({ channel: 'online', madeBy: undefined });
    expect(textOf(await (await officer.get('/staff/assisted')).text())).not.toContain('You are making a report');
  });

  it('takes a care request by phone through the care form: a duty social worker fills it for the caller, and the case is stamped and restricted to care staff', async () => {
    const duty = new StaffBrowser(hackney);
    expect((await duty.signIn('hackney-care')).status).toBe(303);
    const start = await duty.post('/staff/assisted', { service: 'forms/care-needs-assessment', channel: 'phone', resident: 'Doreen Okafor' });
    expect(start.headers.get('location')).toBe('/forms/care-needs-assessment');
    const go = async (url: string, fields: Record<string, string>) => {
      const res = await duty.post(url, fields);
      expect(res.status, `${url}: ${res.status === 303 ? '' : textOf(await res.text()).slice(0, 400)}`).toBe(303);
      return res.headers.get('location')!;
    };

    const base = (await go('/forms/care-needs-assessment', {})).replace(/\/what-you-want$/, '');
    await go(`${base}/what-you-want`, { 'what-you-want': 'assessment' });
    await go(`${base}/who-is-asking`, { 'who-is-asking': 'myself' });
    await go(`${base}/person-name`, { 'person-name': 'Doreen Okafor' });
    await go(`${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' });
    expect((await duty.post(`${base}/person-address`, { 'person-address-postcode': 'E8 2NS', 'person-address-action': 'find' })).status).toBe(200);
    await go(`${base}/person-address`, { 'person-address-mode': 'choose', 'person-address-postcode': 'E8 2NS', 'person-address-uprn': '10008200011' });
    await go(`${base}/person-contact`, { 'person-phone': '020 7946 0123', 'person-email': 'doreen@example.com' });
    await go(`${base}/lives-with`, { 'lives-with': 'alone' });
    await go(`${base}/language`, { 'preferred-language': 'English' });
    await go(`${base}/interpreter`, { interpreter: 'no' });
    await go(`${base}/communication-needs`, { 'communication-needs': '' });
    await go(`${base}/advocate`, { advocate: 'no' });
    await go(`${base}/needs`, { needs: 'personal-hygiene' });
    await go(`${base}/needs-details`, { 'needs-details-personal-hygiene': 'Cannot get in or out of the bath.' });
    await go(`${base}/unpaid-carer`, { 'unpaid-carer': 'no' });
    await go(`${base}/health-conditions`, { 'health-conditions': '' });
    await go(`${base}/gp-practice`, { 'gp-practice': '' });
    expect(await go(`${base}/how-to-contact`, { 'contact-method': 'phone', 'contact-time': 'Mornings' })).toBe(`${base}/check-answers`);
    const sent = await go(`${base}/check-answers`, {});
    const reference = sent.split('/').pop()!;

    const found = (await getCase(hackney.store, reference, clock.read()))!;
    expect(found).toMatchObject({ service: 'forms', type: 'care-needs-assessment', restrictedTo: 'care', channel: 'phone' });
    expect(found.madeBy).toEqual({ staff: { sub: 'hackney-care', name: expect.any(String) }, forResident: 'Doreen Okafor' });
    const audit = (await listAuditForCase(hackney.store, reference, { limit: 10 })).records;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'assisted-case', caseRef: reference, detail: 'phone' }));
  });

  it('refuses a form the council does not adopt, with the page’s error', async () => {
    const res = await officer.post('/staff/assisted', { service: 'forms/no-such-form', channel: 'phone', resident: 'Doreen Okafor' });

    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select what the resident wants to report');
  });

  it('stamps nothing on a form a resident sends themselves', async () => {
    const reference = await takeTheForm(new Session(hackney.app), 'resident@example.com');

    expect(await getCase(hackney.store, reference, clock.read())).toMatchObject({ channel: 'online', madeBy: undefined });
  });
});

describe('the /forms index', () => {
  it('lists every form the council adopts, each linking to its start page, in English and Welsh', async () => {
    const ceredigion = await testApp('ceredigion', { endpoint: store.endpoint, now: '2026-05-12T09:00:00Z' });
    const session = new Session(ceredigion.app);
    const forms = adoptedForms(ceredigion.council);
    expect(forms.length).toBeGreaterThan(1);

    const en = await session.get('/forms');
    const cy = await session.get('/cy/forms');

    expect(en.status).toBe(200);
    expect(cy.status).toBe(200);
    const enHtml = await en.text();
    const cyHtml = await cy.text();
    expect(enHtml).toContain('<h1 class="govuk-heading-l">Forms</h1>');
    expect(cyHtml).toMatch(/<html lang="cy"/);
    expect(cyHtml).toContain('<h1 class="govuk-heading-l">Ffurflenni</h1>');
    for (const form of forms) {
      expect(enHtml).toContain(`<a class="govuk-link" href="/forms/${form.id}">${escape(form.title.en)}</a>`);
      expect(cyHtml).toContain(`<a class="govuk-link" href="/cy/forms/${form.id}">${escape(form.title.cy!)}</a>`);
      expect(textOf(enHtml)).toContain(textOf(form.summary.en));
      expect(textOf(cyHtml)).toContain(textOf(form.summary.cy!));
    }
  });

  it('says so when the council adopts no form', async () => {
    const hackneyApp = await testApp('hackney', { endpoint: store.endpoint, now: '2026-05-12T09:00:00Z' });
    const none = { ...hackneyApp.council, services: { ...hackneyApp.council.services, forms: { ...hackneyApp.council.services.forms!, adopted: {} } } };
    const app = createCouncilApp(none, {
      store: hackneyApp.store,
      notifications: hackneyApp.outbox,
      secrets: new LocalSecrets(),
      clock: () => new Date('2026-05-12T09:00:00Z'),
      basePath: '',
      assetsDir: WEB_DIST,
      logger: createLogger(),
      clientIp: () => '127.0.0.1',
      exports: new DirectExportDelivery(),
    });

    const res = await app.request('/forms');

    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain('There are no forms to fill in online yet.');
  });
});

/** Text as the page writes it into HTML (hono/jsx escapes these). */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
