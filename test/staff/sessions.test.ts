import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditByStaff } from '../../functions/core/audit/audit-store.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { devClients, StaffBrowser, staffTestCouncil, startProvider, TestClock, type StaffTestCouncil } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: StaffTestCouncil;
let highland: StaffTestCouncil;
const clock = new TestClock();
const MINUTE = 60_000;

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

async function signedIn(target: StaffTestCouncil, account: string): Promise<StaffBrowser> {
  clock.sync();
  const browser = new StaffBrowser(target);
  expect((await browser.signIn(account)).status).toBe(303);
  return browser;
}

const isSignInRedirect = (res: Response) => res.status === 303 && res.headers.get('location')!.startsWith('/staff/sign-in');

describe('staff sessions', () => {
  it('ends a session left idle for longer than the council’s idle timeout (30 minutes)', async () => {
    const browser = await signedIn(hackney, 'hackney-officer');

    clock.advance(29 * MINUTE);
    expect((await browser.get('/staff/')).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await browser.get('/staff/')).status).toBe(200);
    clock.advance(31 * MINUTE);

    expect(isSignInRedirect(await browser.get('/staff/'))).toBe(true);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const browser = await signedIn(hackney, 'hackney-officer');

    // A request every 25 minutes up to 11 h 40 min, so it is never idle.
    for (let elapsed = 25; elapsed <= 700; elapsed += 25) {
      clock.advance(25 * MINUTE);
      expect((await browser.get('/staff/')).status, `after ${elapsed} minutes`).toBe(200);
    }
    clock.advance(25 * MINUTE);

    expect(isSignInRedirect(await browser.get('/staff/'))).toBe(true);
  });

  it('signs out: the session is ended, not just its cookie dropped', async () => {
    const browser = await signedIn(hackney, 'hackney-officer');
    const id = browser.cookies.get('ldf_staff')!;

    const res = await browser.post('/staff/sign-out');

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/signed-out');
    expect(browser.cookies.has('ldf_staff')).toBe(false);
    const kept = new StaffBrowser(hackney);
    kept.cookies.set('ldf_staff', id);
    expect(isSignInRedirect(await kept.get('/staff/'))).toBe(true);
  });

  it('does not sign out on a form without the CSRF token', async () => {
    const browser = await signedIn(hackney, 'hackney-officer');

    const res = await browser.post('/staff/sign-out', {}, { csrf: null });

    expect(res.status).toBe(403);
    expect((await browser.get('/staff/')).status).toBe(200);
  });

  it('lets an admin sign a member of staff out everywhere, ending their other sessions', async () => {
    const laptop = await signedIn(hackney, 'hackney-supervisor');
    const phone = await signedIn(hackney, 'hackney-supervisor');
    const admin = await signedIn(hackney, 'hackney-admin');

    const sessions = await admin.get('/staff/admin/staff/hackney-supervisor');
    expect(textOf(await sessions.text())).toContain('Sessions of Sam Supervisor');
    const res = await admin.post('/staff/admin/staff/hackney-supervisor/sign-out-everywhere');

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/admin/staff/hackney-supervisor?ended=2');
    expect(isSignInRedirect(await laptop.get('/staff/'))).toBe(true);
    expect(isSignInRedirect(await phone.get('/staff/'))).toBe(true);
    expect((await admin.get('/staff/')).status).toBe(200);
    const again = await admin.post('/staff/admin/staff/hackney-supervisor/sign-out-everywhere');
    expect(again.headers.get('location')).toBe('/staff/admin/staff/hackney-supervisor?ended=0');
  });

  it('audits each "sign out everywhere": who did it, to whom, how many sessions it ended', async () => {
    await signedIn(hackney, 'hackney-officer');
    const admin = await signedIn(hackney, 'hackney-admin');

    expect((await admin.post('/staff/admin/staff/hackney-officer/sign-out-everywhere')).status).toBe(303);

    const { records } = await listAuditByStaff(hackney.store, 'hackney-admin', { limit: 10 });
    expect(records.filter((r) => r.action === 'sessions-revoked' && r.detail?.includes('hackney-officer'))).toMatchObject([{ who: { kind: 'staff', sub: 'hackney-admin' }, detail: expect.stringMatching(/\(hackney-officer\): [1-9]/) }]);
    const page = textOf(await (await admin.get('/staff/audit/staff/hackney-admin')).text());
    expect(page).toContain('Signed a member of staff out everywhere');
  });

  it('keeps a session cookie from one council worthless at another, both ways', async () => {
    const atHackney = await signedIn(hackney, 'hackney-admin');
    const atHighland = await signedIn(highland, 'highland-admin');

    const carried = new StaffBrowser(highland);
    carried.cookies.set('ldf_staff', atHackney.cookies.get('ldf_staff')!);
    const back = new StaffBrowser(hackney);
    back.cookies.set('ldf_staff', atHighland.cookies.get('ldf_staff')!);

    expect(isSignInRedirect(await carried.get('/staff/admin/staff'))).toBe(true);
    expect(isSignInRedirect(await back.get('/staff/admin/staff'))).toBe(true);
  });

  it('over HTTPS takes only the __Host- cookie, and sets it Secure at /', async () => {
    const browser = await signedIn(hackney, 'hackney-officer');
    const id = browser.cookies.get('ldf_staff')!;

    const prefixed = await hackney.app.request('https://localhost/staff/', { headers: { cookie: `__Host-ldf_staff=${id}` } });
    const plain = await hackney.app.request('https://localhost/staff/', { headers: { cookie: `ldf_staff=${id}` } });

    expect(prefixed.status).toBe(200);
    expect(isSignInRedirect(plain)).toBe(true);
    const csrf = 'a'.repeat(36);
    const signIn = await hackney.app.request('https://localhost/staff/sign-in', {
      method: 'POST',
      body: `csrf=${csrf}&returnTo=%2Fstaff%2F`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-ldf_csrf=${csrf}` },
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.getSetCookie().find((c) => c.startsWith('__Host-ldf_staff_signin='))).toMatch(/Path=\/;.*Secure/);
  });
});
