import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { createLocalHost, localStaffSignIn, type LocalHost, type LocalStaffSignIn } from '../../functions/local/server.ts';
import { embeddedStore, textOf } from '../support/harness.ts';
import { StaffBrowser, TEST_BASE_URL } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let signIn: LocalStaffSignIn;
let host: LocalHost;

beforeAll(async () => {
  store = await embeddedStore();
  const councils = await loadCouncils();
  signIn = await localStaffSignIn(councils, TEST_BASE_URL, {});
  host = await createLocalHost({ councils, storeEndpoint: store.endpoint, staffSignIn: signIn });
});

afterAll(async () => {
  await signIn?.close();
  await store?.close();
});

describe('staff sign-in on the local host', () => {
  it('lists every sample council’s sample staff on the dev page', async () => {
    const res = await host.app.request('/_dev/staff');

    const text = textOf(await res.text());
    for (const email of ['officer@hackney.gov.uk', 'officer@ceredigion.gov.uk', 'officer@highland.gov.uk', 'officer@scambs.gov.uk']) expect(text).toContain(email);
    expect(text).toContain('Olu Officer');
    expect(text).toContain('olu.officer@highland.gov.uk');
    expect(text).toContain('another organisation (refused)');
  });

  it('signs an officer in to a council mounted under its id, with the redirect URI from the public base URL', async () => {
    const browser = new StaffBrowser({ app: host.app as never }, '/hackney');

    const authorization = await browser.startSignIn();
    expect(authorization.origin).toBe(signIn.issuer);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${TEST_BASE_URL}/hackney/staff/callback`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const callback = await browser.callback(await browser.atIdp(authorization, 'hackney-officer'));

    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/hackney/staff/');
    expect(callback.headers.getSetCookie().find((c) => c.startsWith('ldf_staff='))).toMatch(/Path=\/hackney/);
    expect(await (await browser.get('/staff/')).text()).toContain('data-role="officer"');
  });

  it('serves the back office in Welsh for a bilingual council', async () => {
    const browser = new StaffBrowser({ app: host.app as never }, '/ceredigion');
    await browser.callback(await browser.atIdp(await browser.startSignIn('/cy/staff/'), 'ceredigion-officer'));

    const res = await browser.get('/cy/staff/');

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="cy"');
    expect(textOf(html)).toContain('Swyddfa gefn');
  });
});
