/**
 * The embedded OpenID provider: a real one (oidc-provider), run by `npm start` and the tests on
 * loopback, so staff sign-in goes through the same redirect, code exchange and ID-token checks as
 * against a council's Entra ID or Google Workspace. It knows sample staff for every council whose file
 * says `provider: 'embedded'`: one per role, one from another organisation, one with no role. An `hd`
 * council's tokens are shaped like Google's: email, email_verified and hd, no roles or groups.
 *
 * A development tool: keys, sessions and codes live in memory and go when it stops.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { CouncilConfig } from '../config/council-schema.ts';
import { ROLES, type Role } from '../staff/auth/roles.ts';

/** A member of staff the embedded provider can sign in. */
export interface SampleStaff {
  /** The account id, which is also the `sub` claim. */
  accountId: string;
  councilId: string;
  name: string;
  email: string;
  /** What this account is for: a role it has, 'other-tenant' or 'no-role'. */
  kind: Role | 'other-tenant' | 'no-role';
  /** The claims in its ID token besides `sub`. */
  claims: Record<string, unknown>;
}

/** Another organisation's tenant and domain, for the sample that must be refused. */
export const OTHER_TENANT = { tid: '0f0e0d0c-0b0a-4909-8807-060504030201', hd: 'another-council.gov.uk' };

const SAMPLE_NAMES: Record<SampleStaff['kind'], string> = {
  viewer: 'Vic Viewer',
  officer: 'Olu Officer',
  supervisor: 'Sam Supervisor',
  admin: 'Ada Admin',
  care: 'Cai Care',
  'data-protection': 'Dara Data',
  'other-tenant': 'Otto Outsider',
  'no-role': 'Nia Norole',
};

type SignIn = NonNullable<CouncilConfig['staff']>['signIn'];

/**
 * The sample staff of one council, derived from its file: each role's account carries the first
 * claim value that the file maps to that role, so the samples follow the file as it changes.
 *
 * @example
 * sampleStaff(hackney).find((s) => s.kind === 'officer'); // { accountId: 'hackney-officer', claims: { tid, roles: ['LDF.Officer'], ... } }
 * sampleStaff(highland).find((s) => s.kind === 'officer'); // { email: 'olu.officer@highland.gov.uk', claims: { hd, email, email_verified: true, ... } }
 */
export function sampleStaff(council: CouncilConfig): SampleStaff[] {
  const signIn = council.staff?.signIn;
  if (!signIn || signIn.provider !== 'embedded') return [];
  const domain = signIn.tenant.claim === 'hd' ? signIn.tenant.value : council.contact.email.split('@')[1];
  const claimFor = (role: Role) => Object.entries(signIn.roles).find(([, roles]) => roles.includes(role))?.[0];
  const tenantClaims = (other: boolean) =>
    signIn.tenant.claim === 'tid' ? { tid: other ? OTHER_TENANT.tid : signIn.tenant.value } : { hd: other ? OTHER_TENANT.hd : signIn.tenant.value };
  const byEmail = signIn.roleClaim === 'email';
  // Google ID tokens carry email, email_verified and hd, and no roles or groups claim: an `hd`
  // council's samples look the same, so a file that expects groups from Google fails here too.
  const google = signIn.tenant.claim === 'hd';
  const make = (kind: SampleStaff['kind'], roleValues: string[], other = false): SampleStaff => {
    const mappedEmail = byEmail && !other ? roleValues[0] : undefined;
    const email = mappedEmail ?? `${kind}@${other ? OTHER_TENANT.hd : domain}`;
    const roleClaims = byEmail || google ? {} : { [signIn.roleClaim]: roleValues };
    return {
      accountId: `${council.id}-${kind}`,
      councilId: council.id,
      name: SAMPLE_NAMES[kind],
      email,
      kind,
      claims: { email, email_verified: true, name: SAMPLE_NAMES[kind], ...tenantClaims(other), ...roleClaims },
    };
  };
  const officerClaim = claimFor('officer') ?? Object.keys(signIn.roles)[0];
  const staff = ROLES.flatMap((role) => {
    const value = claimFor(role);
    if (!value) return [];
    // A duty social worker works cases as an officer and opens care cases: both claims (one email
    // mapped to both roles, for a council that maps by email).
    if (role === 'care' && !byEmail) return [make(role, [value, officerClaim])];
    return [make(role, [value])];
  });
  return [...staff, make('other-tenant', [officerClaim], true), make('no-role', [])];
}

/** One council's registration at the provider. */
export interface DevClient {
  councilId: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface OidcDevProviderOptions {
  councils: CouncilConfig[];
  clients: DevClient[];
  /** The loopback port; a free one when 0 or absent. */
  port?: number;
  /** How long ID tokens last (seconds); tests shorten it to prove expired tokens are refused. */
  idTokenTtlSeconds?: number;
}

export interface OidcDevProvider {
  /** `http://127.0.0.1:<port>`: the issuer, as its discovery document says it. */
  issuer: string;
  staff: SampleStaff[];
  close(): Promise<void>;
}

/** Grants, codes and sessions, in memory with their expiry (oidc-provider's own store warns it is for quick starts only). */
function memoryAdapter() {
  const items = new Map<string, { payload: AdapterPayload; expiresAt?: number }>();
  const sessionsByUid = new Map<string, string>();
  const byGrant = new Map<string, string[]>();
  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const key = this.key(id);
      items.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
      if (this.model === 'Session' && payload.uid) sessionsByUid.set(payload.uid, id);
      if (payload.grantId) byGrant.set(payload.grantId, [...(byGrant.get(payload.grantId) ?? []), key]);
    }
    async find(id: string) {
      const item = items.get(this.key(id));
      if (!item) return undefined;
      if (item.expiresAt && item.expiresAt < Date.now()) {
        items.delete(this.key(id));
        return undefined;
      }
      return item.payload;
    }
    async findByUid(uid: string) {
      const id = sessionsByUid.get(uid);
      return id ? this.find(id) : undefined;
    }
    async findByUserCode() {
      return undefined;
    }
    async consume(id: string) {
      const item = items.get(this.key(id));
      if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      items.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const key of byGrant.get(grantId) ?? []) items.delete(key);
      byGrant.delete(grantId);
    }
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The provider's own pages: plain HTML that works without JavaScript, labelled for screen readers. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Embedded sign-in (development)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0}fieldset{border:1px solid #888;padding:1rem}label{display:block;padding:.25rem 0}:focus{outline:3px solid #fd0}</style></head>
<body><main><p>Embedded OpenID provider: for development only.</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts the embedded provider on loopback with a client per council.
 *
 * @example
 * const idp = await startOidcDevProvider({ councils, clients: [{ councilId: 'hackney', clientId: 'ldf-hackney', clientSecret, redirectUri }] });
 * // idp.issuer → 'http://127.0.0.1:53211'
 */
export async function startOidcDevProvider(options: OidcDevProviderOptions): Promise<OidcDevProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const staff = options.councils.flatMap(sampleStaff);
  const accounts = new Map(staff.map((s) => [s.accountId, s]));
  const councilOfClient = new Map(options.clients.map((c) => [c.clientId, c.councilId]));
  const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig' };

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
    },
    // Entra ID puts tid and roles/groups in the ID token, Google puts hd (and no roles or groups) there: so do we.
    claims: { openid: ['sub', 'tid', 'hd', 'roles', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Staff do not consent to their own council's back office: the grant is made at sign-in.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    adapter: memoryAdapter(),
    ttl: { AccessToken: 600, IdToken: options.idTokenTtlSeconds ?? 3600, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
  };
  const provider = new Provider(issuer, configuration);
  const oidcCallback = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const councilId = councilOfClient.get(String(details.params.client_id));
    const choices = staff.filter((s) => s.councilId === councilId);
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const account = accounts.get(form.get('account') ?? '');
      if (!account || account.councilId !== councilId) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Choose someone to sign in as', '<p>Choose one of the sample staff.</p>'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && action === 'cancel') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Sign-in cancelled' }, { mergeWithLastSubmission: false });
      return;
    }
    const list = choices
      .map(
        (s, i) =>
          `<label><input type="radio" name="account" value="${escapeHtml(s.accountId)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(s.name)} – ${escapeHtml(s.email)} (${escapeHtml(s.kind)})</label>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
      page(
        `Sign in to ${councilId ?? 'the back office'}`,
        `<form method="post" action="/interaction/${escapeHtml(uid)}/login"><fieldset><legend>Sign in as</legend>${list}</fieldset><button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/cancel"><button type="submit">Cancel</button></form>`,
      ),
    );
  };

  handler = (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|cancel))?$/.exec((req.url ?? '').split('?')[0]);
    if (!match) {
      oidcCallback(req, res);
      return;
    }
    interaction(req, res, match[1], match[2]).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign-in expired', '<p>Start again from the back office.</p>'));
    });
  };

  return {
    issuer,
    staff,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
