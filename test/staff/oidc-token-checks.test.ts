import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { documentClient, TABLE_KEYS } from '../../functions/core/store/store.ts';
import { OTHER_TENANT } from '../../functions/local/oidc-dev-provider.ts';
import { clearDiscoveryCache } from '../../functions/staff/auth/relying-party.ts';
import { council, embeddedStore, textOf } from '../support/harness.ts';
import { startRogueProvider, type Claims, type Misbehaviour, type RogueProvider } from './rogue-provider.ts';
import { devClients, StaffBrowser, staffTestCouncil, TestClock, type StaffTestCouncil } from './support.ts';

/*
 * The relying party's own checks of the ID token, reached with a provider that signs what it is told
 * to (test/staff/rogue-provider.ts). The embedded provider never issues such tokens, so without this
 * file a check could be switched off and every other staff test would still pass.
 */

const FIXED_NOW = Date.parse('2025-03-04T09:30:00Z');

let store: Awaited<ReturnType<typeof embeddedStore>>;
let rogue: RogueProvider;
let hackney: StaffTestCouncil;
let highland: StaffTestCouncil;
let otherClientId: string;
const clock = new TestClock();
const logged: string[] = [];
const previousLogLevel = process.env.LOG_LEVEL;

/** What the council's own officer's ID token carries: its tenant, and the claim value its file maps to 'officer'. */
function officerClaims(council: CouncilConfig): Claims {
  const signIn = council.staff!.signIn;
  const officer = Object.entries(signIn.roles).find(([, roles]) => roles.includes('officer'))![0];
  // A Google Workspace council maps verified email addresses, as Google's tokens carry no roles or groups.
  if (signIn.roleClaim === 'email') return { [signIn.tenant.claim]: signIn.tenant.value, email: officer, email_verified: true, name: 'Rory Rogue' };
  return { [signIn.tenant.claim]: signIn.tenant.value, [signIn.roleClaim]: [officer], email: `rogue-officer@${council.id}.example`, name: 'Rory Rogue' };
}

beforeAll(async () => {
  // Every level on, and every line kept, so that "logs no token" can see whatever the app writes.
  process.env.LOG_LEVEL = 'debug';
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const line = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (line.startsWith('{')) {
      logged.push(line);
      return true;
    }
    return write(chunk, ...(rest as [])) as boolean;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });

  // A fixed instant: the rogue provider signs with the app's clock, so iat and exp are this test's.
  clock.advance(FIXED_NOW - clock.read().getTime());
  store = await embeddedStore();
  const [hackneyClient, highlandClient] = await devClients(['hackney', 'highland']);
  otherClientId = highlandClient.clientId;
  rogue = await startRogueProvider({
    clock: clock.read,
    clients: [
      { ...hackneyClient, claims: officerClaims(await council('hackney')) },
      { ...highlandClient, claims: officerClaims(await council('highland')) },
    ],
  });
  // The embedded provider's path (provider 'embedded', an http issuer on loopback) is the only one
  // on which the relying party allows plain HTTP; the sample councils take it, here at the rogue.
  hackney = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: rogue.issuer, client: hackneyClient, clock });
  highland = await staffTestCouncil('highland', { endpoint: store.endpoint, issuer: rogue.issuer, client: highlandClient, clock });
});

afterEach(() => {
  // Each test starts from an honest provider, and discovers it afresh.
  rogue.misbehave({});
  clearDiscoveryCache();
});

afterAll(async () => {
  vi.restoreAllMocks();
  if (previousLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLogLevel;
  await rogue?.close();
  await store?.close();
});

async function staffSessions(council: StaffTestCouncil): Promise<number> {
  const { Items = [] } = await documentClient(council.store).send(
    new ScanCommand({
      TableName: council.store.tableName,
      FilterExpression: 'begins_with(#pk, :p)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':p': 'STAFFSESSION#' },
    }),
  );
  return Items.length;
}

/** Signs in through the rogue provider, which answers the code exchange as `misbehaviour` says. */
async function signInWith(council: StaffTestCouncil, misbehaviour: Misbehaviour) {
  const browser = new StaffBrowser(council);
  const callback = await browser.atIdp(await browser.startSignIn(), 'whoever');
  const exchanges = rogue.exchanges;
  const issued = rogue.issued.length;
  rogue.misbehave(misbehaviour);
  const res = await browser.callback(callback);
  return { browser, res, exchanged: rogue.exchanges - exchanges, token: rogue.issued[issued] };
}

async function expectNoSignIn(council: StaffTestCouncil, browser: StaffBrowser, res: Response, token: string | undefined, sessionsBefore: number) {
  expect(res.headers.getSetCookie().some((c) => /^(__Host-)?ldf_staff=/.test(c))).toBe(false);
  expect(browser.cookies.has('ldf_staff')).toBe(false);
  expect(await staffSessions(council)).toBe(sessionsBefore);
  const landing = await browser.get('/staff/');
  expect(landing.status).toBe(303);
  expect(landing.headers.get('location')).toMatch(/^\/staff\/sign-in\?returnTo=/);
  // Neither the token nor any part of it (a JWT's signature is its last part) is written anywhere.
  expect(token).toBeDefined();
  const [, payload, signature] = token!.split('.');
  for (const line of logged) {
    expect(line).not.toContain(token!);
    expect(line).not.toContain(payload);
    if (signature) expect(line).not.toContain(signature);
    expect(line).not.toContain('rogue-officer@');
  }
}

const other = () => otherClientId;

/** Each a token that differs from the honest one in one way the relying party must refuse. */
const REFUSED_TOKENS: [string, Misbehaviour][] = [
  ['whose audience is another council’s client id', { claims: (h) => ({ ...h, aud: other() }) }],
  ['whose audience adds another client, with no authorized party', { claims: (h) => ({ ...h, aud: [h.aud, other()] }) }],
  ['whose authorized party is another council’s client', { claims: (h) => ({ ...h, aud: [h.aud, other()], azp: other() }) }],
  ['with no audience', { claims: ({ aud: _aud, ...h }) => h }],
  ['whose issuer is the same server under another name', { claims: (h) => ({ ...h, iss: String(h.iss).replace('127.0.0.1', 'localhost') }) }],
  ['whose issuer differs from the discovered one by a trailing slash', { claims: (h) => ({ ...h, iss: `${String(h.iss)}/` }) }],
  ['signed by a key that is not in the provider’s JWKS', { key: 'unpublished' }],
  ['signed by another key under the published key’s id', { key: 'forged' }],
  ['that is not signed at all (alg none)', { key: 'none' }],
  ['whose nonce is not the one this sign-in sent', { claims: (h) => ({ ...h, nonce: 'a-nonce-from-another-sign-in' }) }],
  ['with no nonce', { claims: ({ nonce: _nonce, ...h }) => h }],
  ['that expired a minute ago by the app’s clock', { claims: (h) => ({ ...h, iat: Number(h.iat) - 360, exp: Number(h.iat) - 60 }) }],
  ['that is not valid until ten minutes from now', { claims: (h) => ({ ...h, nbf: Number(h.iat) + 600 }) }],
  ['with no subject', { claims: ({ sub: _sub, ...h }) => h }],
];

describe('the relying party checks the ID token itself', () => {
  it('signs in with the rogue provider’s honest token, so each refusal below is the one change it makes', async () => {
    const before = await staffSessions(hackney);

    const { browser, res, exchanged } = await signInWith(hackney, {});

    expect(exchanged).toBe(1);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/');
    expect(browser.cookies.has('ldf_staff')).toBe(true);
    expect(await staffSessions(hackney)).toBe(before + 1);
    expect((await browser.get('/staff/')).status).toBe(200);
  });

  it.each(REFUSED_TOKENS)('refuses a token %s, after the code exchange, with no session', async (_name, misbehaviour) => {
    const before = await staffSessions(hackney);

    const { browser, res, exchanged, token } = await signInWith(hackney, misbehaviour);

    expect(exchanged).toBe(1);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(textOf(await res.text())).toContain('Sign-in did not work');
    await expectNoSignIn(hackney, browser, res, token, before);
  });

  it('says the IdP is unavailable when its JWKS cannot be fetched to check the signature', async () => {
    const before = await staffSessions(hackney);

    const { browser, res, token } = await signInWith(hackney, { jwks: 'down' });

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(textOf(await res.text())).toContain('Sign-in is not available at the moment');
    await expectNoSignIn(hackney, browser, res, token, before);
  });

  it('refuses the sign-in when the IdP’s JWKS is not a key set', async () => {
    const before = await staffSessions(hackney);

    const { browser, res, token } = await signInWith(hackney, { jwks: 'garbage' });

    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Sign-in did not work');
    await expectNoSignIn(hackney, browser, res, token, before);
  });

  it('catches what the app logs, so the no-token checks above can see a leak', () => {
    const seen = logged.length;

    createLogger().info('canary', { token: 'x' });

    expect(logged.slice(seen).join('')).toContain('"message":"canary"');
  });
});

describe('the app checks the tenant on a token that passed the relying party', () => {
  const TENANT_CASES: [string, () => StaffTestCouncil, Misbehaviour][] = [
    ['an Entra ID token from another tenant', () => hackney, { claims: (h) => ({ ...h, tid: OTHER_TENANT.tid }) }],
    ['an Entra ID token with no tenant', () => hackney, { claims: ({ tid: _tid, ...h }) => h }],
    ['an Entra ID token whose tenant is a list holding the council’s', () => hackney, { claims: (h) => ({ ...h, tid: [h.tid] }) }],
    ['a Google Workspace token from another domain', () => highland, { claims: (h) => ({ ...h, hd: OTHER_TENANT.hd }) }],
    ['a Google Workspace token with no hosted domain (a personal account)', () => highland, { claims: ({ hd: _hd, ...h }) => h }],
  ];

  it.each(TENANT_CASES)('refuses %s with the tenant page, and no session', async (_name, target, misbehaviour) => {
    const council = target();
    const before = await staffSessions(council);

    const { browser, res, exchanged, token } = await signInWith(council, misbehaviour);

    expect(exchanged).toBe(1);
    expect(res.status).toBe(403);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(textOf(await res.text())).toContain('This account is not from this council');
    await expectNoSignIn(council, browser, res, token, before);
  });

  it('gives a Google-shaped token (email, email_verified, hd; no groups) the role its email address has in the council’s file, whatever its case', async () => {
    clock.sync();
    const { res, browser } = await signInWith(highland, { claims: (h) => ({ ...h, email: String(h.email).toUpperCase(), groups: undefined, roles: undefined }) });

    expect(res.status).toBe(303);
    const home = await browser.get('/staff/');
    expect(await home.text()).toContain('data-role="officer"');
  });

  it('gives no role to a Google-shaped token whose email address is not verified, even one the file maps', async () => {
    clock.sync();
    const before = await staffSessions(highland);

    const { res, browser, token } = await signInWith(highland, { claims: (h) => ({ ...h, email_verified: false }) });

    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain('You do not have access');
    await expectNoSignIn(highland, browser, res, token, before);
  });

  it('lets the other council’s honest Google Workspace token in, so the refusals above are the tenant’s', async () => {
    const { res, browser } = await signInWith(highland, {});

    expect(res.status).toBe(303);
    expect(browser.cookies.has('ldf_staff')).toBe(true);
  });
});
