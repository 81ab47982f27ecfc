import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { devClients, StaffBrowser, staffTestCouncil, startProvider, TestClock, type StaffTestCouncil } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: StaffTestCouncil;
let highland: StaffTestCouncil;
const clock = new TestClock();

beforeAll(async () => {
  store = await embeddedStore();
  const clients = await devClients(['hackney', 'highland']);
  idp = await startProvider(['hackney', 'highland'], clients);
  hackney = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock });
  highland = await staffTestCouncil('highland', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[1], clock });
});

afterAll(async () => {
  await idp?.close();
  await store?.close();
});

describe('signing in through the embedded provider', () => {
  it('lets the sign-in form’s answer redirect to the identity provider (browsers apply form-action to the redirect)', async () => {
    const browser = new StaffBrowser(hackney);
    const page = await browser.get('/staff/sign-in');
    const csp = page.headers.get('content-security-policy') ?? '';
    const formAction = /form-action ([^;]+)/.exec(csp)?.[1].split(' ') ?? [];
    expect(formAction).toContain(new URL(idp.issuer).origin);
    expect(formAction).toContain("'self'");
  });

  it.each([
    ['hackney', 'viewer'],
    ['hackney', 'officer'],
    ['hackney', 'supervisor'],
    ['hackney', 'admin'],
    ['highland', 'viewer'],
    ['highland', 'officer'],
    ['highland', 'supervisor'],
    ['highland', 'admin'],
  ] as const)('signs a %s %s in and shows their role on the landing page', async (id, role) => {
    const target = id === 'hackney' ? hackney : highland;
    clock.sync();
    const browser = new StaffBrowser(target);

    const callback = await browser.signIn(`${id}-${role}`);

    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/staff/');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('ldf_staff='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const home = await browser.get('/staff/');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.headers.get('x-robots-tag')).toMatch(/noindex/);
    const html = await home.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain(`data-role="${role}"`);
    expect(textOf(html)).toContain(`@${id === 'highland' ? 'highland.gov.uk' : 'hackney.gov.uk'}`);
  });

  it('sends someone not signed in to the sign-in page, then back where they were going', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);

    const first = await browser.get('/staff/admin/staff');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/staff/sign-in?returnTo=%2Fstaff%2Fadmin%2Fstaff');
    const callback = await browser.signIn('hackney-admin', '/staff/admin/staff');

    expect(callback.headers.get('location')).toBe('/staff/admin/staff');
    expect((await browser.get('/staff/admin/staff')).status).toBe(200);
  });

  it('never sends anyone off the back office after signing in', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);

    const callback = await browser.signIn('hackney-officer', '//evil.example/staff');

    expect(callback.headers.get('location')).toBe('/staff/');
  });

  it('takes a new session id at each sign-in and ends the old one', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);
    await browser.signIn('hackney-officer');
    const first = browser.cookies.get('ldf_staff')!;

    await browser.signIn('hackney-officer');
    const second = browser.cookies.get('ldf_staff')!;

    expect(second).not.toBe(first);
    const stale = new StaffBrowser(hackney);
    stale.cookies.set('ldf_staff', first);
    expect((await stale.get('/staff/')).status).toBe(303);
  });
});
