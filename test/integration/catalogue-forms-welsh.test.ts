/**
 * Each catalogue form runs at Ceredigion, in Welsh, from Start now to the confirmation: every page
 * on the way shows the form's own Welsh text as its heading, and check answers, the confirmation
 * and the email are Welsh. (The engine's own routes and errors are tested with test forms; this
 * proves the catalogue's real forms and Ceredigion's tailoring work through it.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const ADDRESS = (key: string) => ({ [`${key}-mode`]: 'choose', [`${key}-postcode`]: 'SY23 1DE', [`${key}-uprn`]: '10009400001' });
const NAME = { 'name-first': 'Carys', 'name-last': 'Jones' };

/**
 * One page's answers and the Welsh heading (or its start) the page shows; no heading: the page is
 * not fetched (a file page needs the host's file storage, which the test app does not have).
 */
type Step = [page: string, heading: string | null, fields: Record<string, string>];

const JOURNEYS: Record<string, Step[]> = {
  'assisted-bin-collection': [
    ['household', "Pwy sy'n byw yn yr eiddo?", { household: 'with-adults' }],
    ['others-able', "A all unrhyw un o'r bobl 16 oed", { 'others-able': 'no' }],
    ['reason', "Pam nad ydych yn gallu mynd â'ch biniau allan?", { reason: 'Mae gen i arthritis yn fy nwylo.' }],
    ['collection-point', "O ble dylai ein criw gasglu eich biniau?", { 'collection-point': 'Yn y portsh' }],
    ['temporary', 'Oes angen casgliadau â chymorth arnoch am gyfnod byr yn unig?', { temporary: 'yes' }],
    ['end-date', 'Pryd na fydd angen casgliadau â chymorth arnoch mwyach?', { 'end-date-day': '1', 'end-date-month': '9', 'end-date-year': '2026' }],
    ['name', 'Beth yw eich enw?', NAME],
    ['address', 'Beth yw eich cyfeiriad?', ADDRESS('address')],
    ['contact', 'Sut gallwn ni gysylltu â chi?', { phone: '01970 123456', email: 'carys@example.com' }],
  ],
  'single-person-discount': [
    ['anyone-else', "A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo?", { 'anyone-else': 'no' }],
    ['account-number', 'Beth yw rhif eich cyfrif treth gyngor?', { 'account-number': '30012345' }],
    ['address', 'Beth yw cyfeiriad yr eiddo?', ADDRESS('address')],
    ['living-alone-from', 'Pryd wnaethoch chi ddechrau byw ar eich pen eich hun?', { 'living-alone-from-day': '1', 'living-alone-from-month': '3', 'living-alone-from-year': '2026' }],
    ['someone-moved-out', "A symudodd rhywun allan o'r eiddo?", { 'someone-moved-out': 'yes' }],
    // A repeatable question's page sends the resident on to its first item, /moved-out/0
    ['moved-out', "Beth yw enw'r person a symudodd allan?", { 'moved-out-first': 'Dafydd', 'moved-out-last': 'Jones' }],
    ['moved-out/add-another', 'Oes angen i chi ychwanegu', { 'add-another': 'no' }],
    ['forwarding-address', 'Beth yw eu cyfeiriad newydd?', {}],
    ['nino', 'Beth yw eich rhif Yswiriant Gwladol?', { nino: 'AB 12 34 56 C' }],
    ['evidence', null, {}],
    ['name', 'Beth yw eich enw?', NAME],
    ['contact', 'Sut gallwn ni gysylltu â chi?', { email: 'carys@example.com', phone: '' }],
  ],
  'dropped-kerb': [
    ['address', 'Beth yw cyfeiriad yr eiddo?', ADDRESS('address')],
    ['owner', "Ai chi sy'n berchen ar yr eiddo?", { owner: 'yes' }],
    ['surface', 'Beth yw arwyneb eich dreif?', { surface: 'block-paving' }],
    ['depth', 'Pa mor ddwfn yw eich dreif?', { depth: '5.5' }],
    ['classified-road', "A yw'r eiddo ar ffordd A, B neu C?", { 'classified-road': 'yes' }],
    ['planning', 'Caniatâd cynllunio', { 'planning-permission': 'applied', 'planning-reference': 'A26/0123' }],
    ['sketch', null, {}],
    ['name', 'Beth yw eich enw?', NAME],
    ['contact', 'Sut gallwn ni gysylltu â chi?', { email: 'carys@example.com', phone: '01970 123456' }],
  ],
  'new-bin-request': [
    ['address', 'Beth yw eich cyfeiriad?', ADDRESS('address')],
    ['reason', 'Pam mae angen bin neu flwch newydd arnoch?', { reason: 'stolen' }],
    ['reported', "Ydych chi wedi rhoi gwybod i'r heddlu amdano?", { reported: 'yes' }],
    ['crime-reference', "Beth yw'r cyfeirnod trosedd?", { 'crime-reference': 'DP-2026-0412' }],
    ['containers', 'Pa fagiau, blychau neu gadis sydd eu hangen arnoch?', { containers: 'green-box' }],
    ['name', 'Beth yw eich enw?', NAME],
    ['contact', 'Sut gallwn ni gysylltu â chi?', { email: 'carys@example.com', phone: '' }],
  ],
};

/** Posts a page, finding the address from its postcode first as a resident would. */
async function answer(session: Session, url: string, fields: Record<string, string>): Promise<Response> {
  const addressKey = Object.keys(fields).find((k) => k.endsWith('-uprn'))?.slice(0, -5);
  if (addressKey) {
    const found = await session.post(url, { [`${addressKey}-postcode`]: 'SY23 1DE', [`${addressKey}-action`]: 'find' });
    expect(found.status, url).toBe(200);
  }
  return session.post(url, fields);
}

describe.each(Object.entries(JOURNEYS))('%s at Ceredigion, in Welsh', (formId, steps) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp('ceredigion', { endpoint: store.endpoint, now: NOW });
  });

  it('runs from Start now to the confirmation, every page in Welsh, and emails in Welsh', async () => {
    const session = new Session(app.app);
    const startPage = await session.get(`/cy/forms/${formId}`);
    expect(startPage.status).toBe(200);
    const started = await session.post(`/cy/forms/${formId}`, {});
    expect(started.status).toBe(303);
    let location = started.headers.get('location')!;
    const base = location.replace(/\/[^/]+$/, '');
    expect(location).toBe(`${base}/${steps[0][0]}`);

    for (const [i, [page, heading, fields]] of steps.entries()) {
      expect(location, `before ${page}`).toBe(`${base}/${page}`);
      if (heading !== null) {
        let shown = await session.get(location);
        if (shown.status === 303 && shown.headers.get('location') === `${location}/0`) shown = await session.get((location = `${location}/0`));
        expect(shown.status, page).toBe(200);
        const html = await shown.text();
        expect(html, page).toContain('<html lang="cy"');
        expect(textOf(html.slice(html.indexOf('<h1'))), page).toContain(heading);
      }
      const res = await answer(session, location, fields);
      expect(res.status, `${page}: ${res.status === 400 ? textOf(await res.text()).slice(0, 400) : ''}`).toBe(303);
      location = res.headers.get('location')!;
      if (i === steps.length - 1) expect(location).toBe(`${base}/check-answers`);
    }

    const form = resolveForm(app.council, formId)!;
    const check = await session.get(location);
    expect(check.status).toBe(200);
    expect(textOf(await check.text())).toContain(form.declaration![0].cy!);
    const sent = await session.post(location, {});
    expect(sent.status).toBe(303);
    const done = await session.get(sent.headers.get('location')!);
    expect(done.status).toBe(200);
    const text = textOf(await done.text());
    expect(text).toContain(form.confirmation.whatHappensNext[0].cy!);
    expect(text).toContain(form.confirmation.responseTime!.cy!);
    expect(app.outbox.sent().at(-1)).toMatchObject({ to: 'carys@example.com', lang: 'cy', template: 'form-confirmation' });
  });
});
