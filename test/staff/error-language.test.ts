import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { devClients, StaffBrowser, staffTestCouncil, startProvider, TestClock, type StaffTestCouncil } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: StaffTestCouncil;
let ceredigion: StaffTestCouncil;
const clock = new TestClock();

beforeAll(async () => {
  store = await embeddedStore();
  const clients = await devClients(['hackney', 'ceredigion']);
  idp = await startProvider(['hackney', 'ceredigion'], clients);
  clock.sync();
  hackney = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock });
  ceredigion = await staffTestCouncil('ceredigion', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[1], clock });
});

afterAll(async () => {
  await idp?.close();
  await store?.close();
});

/** A page in the GOV.UK layout: the template's body class and header, and the page's language. */
function expectGovukPage(html: string, lang: 'en' | 'cy') {
  expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
  expect(html).toContain('govuk-template__body');
  expect(html).toContain('govuk-template__header');
  expect(html).toContain('govuk-footer');
}

describe('a staff URL that does not exist', () => {
  it.each([
    ['hackney', '/staff/no-such-page', 'en', 'Page not found'],
    ['ceredigion', '/staff/no-such-page', 'en', 'Page not found'],
    ['ceredigion', '/cy/staff/no-such-page', 'cy', 'Ni ellir dod o hyd i’r dudalen'],
  ] as const)('at %s %s gets the staff 404 page in the page’s language, not a plain-text 404', async (id, path, lang, title) => {
    const browser = new StaffBrowser(id === 'hackney' ? hackney : ceredigion);

    const res = await browser.get(path);
    const html = await res.text();

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).not.toBe('404 Not Found');
    expectGovukPage(html, lang);
    expect(textOf(html)).toContain(title);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a sign-in started in Welsh and refused after the callback', () => {
  it.each([
    ['ceredigion-no-role', 'Does gennych chi ddim mynediad'],
    ['ceredigion-other-tenant', 'Nid yw’r cyfrif hwn gan y cyngor hwn'],
  ])('answers %s in Welsh', async (account, title) => {
    clock.sync();
    const browser = new StaffBrowser(ceredigion);

    const res = await browser.signIn(account, '/cy/staff/');
    const html = await res.text();

    expect(res.status).toBe(403);
    expectGovukPage(html, 'cy');
    expect(textOf(html)).toContain(title);
  });

  it('answers the same refusal in English when the sign-in started in English', async () => {
    clock.sync();
    const browser = new StaffBrowser(ceredigion);

    const res = await browser.signIn('ceredigion-no-role', '/staff/');
    const html = await res.text();

    expect(res.status).toBe(403);
    expectGovukPage(html, 'en');
    expect(textOf(html)).toContain('You do not have access');
  });
});
