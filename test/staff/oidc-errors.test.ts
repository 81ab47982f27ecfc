import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { devClients, StaffBrowser, staffTestCouncil, startProvider, TestClock, type StaffTestCouncil } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
/** Another provider with the same clients registered: an IdP the council did not name. */
let otherIdp: OidcDevProvider;
let hackney: StaffTestCouncil;
let clients: Awaited<ReturnType<typeof devClients>>;
const clock = new TestClock();

beforeAll(async () => {
  store = await embeddedStore();
  clients = await devClients(['hackney', 'highland']);
  // ID tokens last a minute here, so a test can outlive one.
  idp = await startProvider(['hackney', 'highland'], clients, { idTokenTtlSeconds: 60 });
  otherIdp = await startProvider(['hackney', 'highland'], clients);
  hackney = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock });
});

afterAll(async () => {
  await idp?.close();
  await otherIdp?.close();
  await store?.close();
});

async function expectRefused(res: Response, status: number, words: string) {
  expect(res.status).toBe(status);
  expect(res.headers.getSetCookie().some((c) => c.startsWith('ldf_staff='))).toBe(false);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(textOf(await res.text())).toContain(words);
}

describe('the ID token and the callback are checked', () => {
  it('refuses an issuer whose discovery document names another issuer', async () => {
    clock.sync();
    const misnamed = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer.replace('127.0.0.1', 'localhost'), client: clients[0], clock });

    const res = await new StaffBrowser(misnamed).post('/staff/sign-in', { returnTo: '/staff/' });

    await expectRefused(res, 400, 'Sign-in did not work');
  });

  it('refuses an answer from an IdP other than the council’s (mix-up), even with a valid code and state', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);
    const authorization = await browser.startSignIn();
    const elsewhere = new URL(`${authorization.pathname}${authorization.search}`, otherIdp.issuer);

    const callback = await browser.atIdp(elsewhere, 'hackney-officer');
    expect(callback.searchParams.get('iss')).toBe(otherIdp.issuer);

    await expectRefused(await browser.callback(callback), 400, 'Sign-in did not work');
  });

  it('refuses a code issued to another council’s client id', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);
    const authorization = await browser.startSignIn();
    authorization.searchParams.set('client_id', clients[1].clientId);

    const callback = await browser.atIdp(authorization, 'highland-officer');

    await expectRefused(await browser.callback(callback), 400, 'Sign-in did not work');
  });

  it('refuses an ID token that has expired by the app’s clock', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);
    const callback = await browser.atIdp(await browser.startSignIn(), 'hackney-officer');

    // The token is issued at the exchange and lasts 60 s (plus 30 s of tolerance); the app is 2 minutes on.
    clock.advance(120_000);

    await expectRefused(await browser.callback(callback), 400, 'Sign-in did not work');
  });

  it('takes the same callback only once, even with the sign-in cookie put back', async () => {
    clock.sync();
    const browser = new StaffBrowser(hackney);
    await browser.startSignIn();
    const state = browser.cookies.get('ldf_staff_signin')!;
    const callback = await browser.atIdp(new URL(browser.lastAuthorization!), 'hackney-officer');
    expect((await browser.callback(callback)).status).toBe(303);

    const replay = new StaffBrowser(hackney);
    replay.cookies.set('ldf_staff_signin', state);

    await expectRefused(await replay.callback(callback), 400, 'Sign-in did not work');
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    clock.sync();
    const victim = new StaffBrowser(hackney);
    const attacker = new StaffBrowser(hackney);
    const callback = await attacker.atIdp(await attacker.startSignIn(), 'hackney-officer');

    await expectRefused(await victim.callback(callback), 400, 'Sign-in did not work');
  });

  it('refuses an account from another tenant at the same IdP', async () => {
    clock.sync();

    const res = await new StaffBrowser(hackney).signIn('hackney-other-tenant');

    await expectRefused(res, 403, 'This account is not from this council');
  });

  it('tells someone with no role that they have no access', async () => {
    clock.sync();

    const res = await new StaffBrowser(hackney).signIn('hackney-no-role');

    await expectRefused(res, 403, 'You do not have access');
  });

  it('says so when the IdP cannot be reached for discovery', async () => {
    clock.sync();
    const gone = await startProvider(['hackney'], [clients[0]]);
    await gone.close();
    const council = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: gone.issuer, client: clients[0], clock });

    const res = await new StaffBrowser(council).post('/staff/sign-in', { returnTo: '/staff/' });

    expect(res.headers.get('retry-after')).toBe('60');
    await expectRefused(res, 503, 'Sign-in is not available at the moment');
  });

  it('says so when the IdP goes down between the sign-in page and the code exchange', async () => {
    clock.sync();
    const flaky = await startProvider(['hackney'], [clients[0]]);
    const council = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: flaky.issuer, client: clients[0], clock });
    const browser = new StaffBrowser(council);
    const callback = await browser.atIdp(await browser.startSignIn(), 'hackney-officer');
    await flaky.close();

    await expectRefused(await browser.callback(callback), 503, 'Sign-in is not available at the moment');
  });
});
