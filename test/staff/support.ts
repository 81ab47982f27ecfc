import { randomBytes } from 'node:crypto';
import { createCouncilApp } from '../../functions/app.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { DirectExportDelivery } from '../../functions/core/exports/direct-export-delivery.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { OutboxNotifications } from '../../functions/core/notifications/outbox-adapter.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, type CouncilStore } from '../../functions/core/store/store.ts';
import { startOidcDevProvider, type DevClient, type OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { WEB_DIST } from '../../web/build.ts';
import { council, TEMPLATES } from '../support/harness.ts';

/**
 * A fixed clock the tests move by hand. Tokens come from the embedded provider, which signs them
 * with the real time, so a test that signs in first sets the clock to the real time (`sync`), then
 * moves it on explicitly.
 */
export class TestClock {
  private now = TestClock.realNow();
  private static realNow() {
    return new Date(Math.floor(Date.now() / 1000) * 1000);
  }
  readonly read = () => new Date(this.now);
  sync(): void {
    this.now = TestClock.realNow();
  }
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface StaffTestCouncil {
  council: CouncilConfig;
  app: ReturnType<typeof createCouncilApp>;
  store: CouncilStore;
  client: DevClient;
}

let tables = 0;

/** The public base URL the tests' apps are reached at (app.request's own origin, no base path). */
export const TEST_BASE_URL = 'http://localhost';

/** Registrations at the embedded provider for the councils under test, each with a fresh secret. */
export async function devClients(ids: string[]): Promise<DevClient[]> {
  return Promise.all(
    ids.map(async (id) => {
      const config = await council(id);
      return { councilId: id, clientId: config.staff!.signIn.clientId, clientSecret: randomBytes(24).toString('base64url'), redirectUri: `${TEST_BASE_URL}/staff/callback` };
    }),
  );
}

/** A council app on its own table, signing staff in at `issuer` with the client's secret. */
export async function staffTestCouncil(
  id: string,
  options: { endpoint: string; issuer: string; client: DevClient; clock: TestClock; councilOverride?: (c: CouncilConfig) => CouncilConfig },
): Promise<StaffTestCouncil> {
  const base = await council(id);
  const config = options.councilOverride ? options.councilOverride(base) : base;
  const tableName = `test-staff-${id}-${process.pid}-${++tables}`;
  await ensureTable(createStoreClient({ endpoint: options.endpoint }), tableName);
  const store = { client: createStoreClient({ endpoint: options.endpoint, maxAttempts: 1 }), tableName };
  const app = createCouncilApp(config, {
    store,
    notifications: new OutboxNotifications({ council: id, templates: TEMPLATES, clock: options.clock.read }),
    secrets: new LocalSecrets({ values: { 'oidc-client-secret': options.client.clientSecret } }),
    clock: options.clock.read,
    basePath: '',
    assetsDir: WEB_DIST,
    logger: createLogger(),
    clientIp: () => '127.0.0.1',
    publicBaseUrl: TEST_BASE_URL,
    embeddedOidcIssuer: options.issuer,
    exports: new DirectExportDelivery(),
  });
  return { council: config, app, store, client: options.client };
}

/** Starts the embedded provider for the given councils. */
export async function startProvider(ids: string[], clients: DevClient[], options: { idTokenTtlSeconds?: number } = {}): Promise<OidcDevProvider> {
  const councils = await Promise.all(ids.map((id) => council(id)));
  return startOidcDevProvider({ councils, clients, idTokenTtlSeconds: options.idTokenTtlSeconds });
}

type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): Response {
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return res;
}

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * A browser for the staff pages: its own cookies at the council app (through app.request) and at
 * the embedded provider (over real HTTP), following the sign-in's redirects by hand so a test can
 * stop, tamper or replay at any step.
 */
export class StaffBrowser {
  readonly cookies: Jar = new Map();
  private readonly idpCookies: Jar = new Map();
  /** The authorization URL the last startSignIn was sent to. */
  lastAuthorization?: string;
  /** `prefix`: where the council is mounted ('/hackney' on the local host); paths below are the council's own. */
  constructor(
    private readonly target: Pick<StaffTestCouncil, 'app'>,
    private readonly prefix = '',
  ) {}

  async get(path: string): Promise<Response> {
    return this.getRaw(`${this.prefix}${path}`);
  }

  private async getRaw(path: string): Promise<Response> {
    return keep(this.cookies, await this.target.app.request(path, { headers: { cookie: cookieHeader(this.cookies) } }));
  }

  async post(path: string, fields: Record<string, string> = {}, options: { csrf?: string | null } = {}): Promise<Response> {
    if (!this.cookies.has('ldf_csrf')) await this.get('/staff/signed-out');
    const body = new URLSearchParams(fields);
    if (options.csrf !== null) body.set('csrf', options.csrf ?? this.cookies.get('ldf_csrf') ?? '');
    return keep(
      this.cookies,
      await this.target.app.request(`${this.prefix}${path}`, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(this.cookies) },
      }),
    );
  }

  /** Presses "Sign in" and returns where the app sends the browser: the IdP's authorization URL. */
  async startSignIn(returnTo = '/staff/'): Promise<URL> {
    const res = await this.post('/staff/sign-in', { returnTo });
    if (res.status !== 303) throw new Error(`Sign-in did not redirect (${res.status}): ${await res.text()}`);
    this.lastAuthorization = res.headers.get('location')!;
    return new URL(this.lastAuthorization);
  }

  private async idp(url: URL, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(this.idpCookies) } });
    return keep(this.idpCookies, res);
  }

  /**
   * Goes through the IdP: the authorization request, the account chooser, choosing `accountId`. Returns
   * the callback URL the IdP sends the browser back to (not yet visited).
   */
  async atIdp(authorizationUrl: URL, accountId: string): Promise<URL> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.idp(url);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, url);
        await res.arrayBuffer();
        if (next.href.startsWith(`${TEST_BASE_URL}/`)) return next;
        url = next;
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
      if (!action) throw new Error(`Unexpected page at the IdP (${res.status}): ${html.slice(0, 500)}`);
      const login = await this.idp(new URL(action, url), {
        method: 'POST',
        body: new URLSearchParams({ account: accountId }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await login.arrayBuffer();
      if (login.status !== 303 && login.status !== 302) throw new Error(`Login refused at the IdP (${login.status})`);
      url = new URL(login.headers.get('location')!, url);
    }
    throw new Error('Too many redirects at the IdP');
  }

  /** Visits the callback URL at the app. */
  async callback(callbackUrl: URL): Promise<Response> {
    return this.getRaw(`${callbackUrl.pathname}${callbackUrl.search}`);
  }

  /** The whole sign-in, ending on the callback's answer. */
  async signIn(accountId: string, returnTo = '/staff/'): Promise<Response> {
    return this.callback(await this.atIdp(await this.startSignIn(returnTo), accountId));
  }
}
