import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { ROLES, type Role } from '../../functions/staff/auth/roles.ts';
import { embeddedStore } from '../support/harness.ts';
import { devClients, StaffBrowser, staffTestCouncil, startProvider, TestClock, type StaffTestCouncil } from './support.ts';

let store: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: StaffTestCouncil;
const clock = new TestClock();
const browsers = new Map<Role | 'anonymous', StaffBrowser>();

beforeAll(async () => {
  store = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  hackney = await staffTestCouncil('hackney', { endpoint: store.endpoint, issuer: idp.issuer, client: clients[0], clock });
  clock.sync();
  for (const role of ROLES) {
    const browser = new StaffBrowser(hackney);
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  browsers.set('anonymous', new StaffBrowser(hackney));
});

afterAll(async () => {
  await idp?.close();
  await store?.close();
});

type Who = Role | 'anonymous';
type Expected = Record<Who, number>;

/** Every staff route these pages add, with what each role gets: the page (200/303) or 403. */
const ROUTES: { method: 'GET' | 'POST'; path: string; expected: Expected }[] = [
  { method: 'GET', path: '/staff/', expected: { viewer: 200, officer: 200, supervisor: 200, admin: 200, anonymous: 303, care: 200, 'data-protection': 200 } },
  { method: 'GET', path: '/staff/sign-in', expected: { viewer: 303, officer: 303, supervisor: 303, admin: 303, anonymous: 200, care: 303, 'data-protection': 303 } },
  { method: 'GET', path: '/staff/signed-out', expected: { viewer: 200, officer: 200, supervisor: 200, admin: 200, anonymous: 200, care: 200, 'data-protection': 200 } },
  { method: 'GET', path: '/staff/admin/staff', expected: { viewer: 403, officer: 403, supervisor: 403, admin: 200, anonymous: 303, care: 403, 'data-protection': 403 } },
  { method: 'GET', path: '/staff/admin/staff/hackney-viewer', expected: { viewer: 403, officer: 403, supervisor: 403, admin: 200, anonymous: 303, care: 403, 'data-protection': 403 } },
  // Last, and admin last: it signs the viewer out everywhere.
  { method: 'POST', path: '/staff/admin/staff/hackney-viewer/sign-out-everywhere', expected: { anonymous: 403, viewer: 403, officer: 403, supervisor: 403, care: 403, 'data-protection': 403, admin: 303 } },
];

const cases = ROUTES.flatMap((route) => (Object.keys(route.expected) as Who[]).map((who) => ({ ...route, who, status: route.expected[who] })));

describe('each staff route × each role', () => {
  it.each(cases)('$method $path as $who → $status', async ({ method, path, who, status }) => {
    const browser = browsers.get(who)!;

    const res = method === 'GET' ? await browser.get(path) : await browser.post(path);

    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
  });
});
