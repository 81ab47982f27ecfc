/**
 * A misbehaving OpenID provider for the tests: a small real HTTP server on loopback that does the
 * protocol properly (discovery, JWKS, authorization code with PKCE, client_secret_basic at the token
 * endpoint) but signs whatever ID token a test asks for. The embedded provider (oidc-provider) never
 * issues a bad token, and refuses a cross-client code before the relying party sees a token at all:
 * this one lets a test reach the relying party's own ID-token checks (audience, issuer, signature,
 * nonce, expiry) and the app's tenant check.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type KeyLike } from 'jose';

export type Claims = Record<string, unknown>;

/** A client registered at the rogue provider, and the claims its honest ID token carries besides the protocol's. */
export interface RogueClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** e.g. `{ tid, roles: ['LDF.Officer'], email, name }` */
  claims: Claims;
}

/** How the next token endpoint answer misbehaves; the one after it is honest again. */
export interface Misbehaviour {
  /** The claims to sign, given the honest ones (iss, sub, aud, iat, exp, nonce and the client's claims). */
  claims?: (honest: Claims) => Claims;
  /**
   * The key it is signed with: 'published' (honest, in the JWKS), 'unpublished' (a key of its own
   * kid that the JWKS does not hold), 'forged' (another key under the published key's kid), or
   * 'none' (an unsecured JWT, `alg: none`).
   */
  key?: 'published' | 'unpublished' | 'forged' | 'none';
  /** The JWKS endpoint, until the next misbehave(): 'down' answers 503, 'garbage' a body that is not a JWKS. */
  jwks?: 'down' | 'garbage';
}

export interface RogueProvider {
  /** `http://127.0.0.1:<port>`: the issuer, as its discovery document says it. */
  issuer: string;
  /** Makes the next token endpoint answer misbehave. */
  misbehave(next: Misbehaviour): void;
  /** How many codes the token endpoint has exchanged (a refusal after one means the RP checked the token). */
  readonly exchanges: number;
  /** Every ID token it has handed out, so a test can look for them in logs. */
  readonly issued: readonly string[];
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  nonce?: string;
  codeChallenge: string;
}

async function signingKey(): Promise<{ privateKey: KeyLike; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' } };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** client_secret_basic: id and secret are form-urlencoded before base64 (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * Starts the rogue provider. Its clock is the app's (ID tokens' iat and exp are the test's fixed time).
 *
 * @example
 * const rogue = await startRogueProvider({ clock: clock.read, clients: [{ clientId: 'ldf-hackney', clientSecret, redirectUri, claims }] });
 * rogue.misbehave({ claims: (honest) => ({ ...honest, aud: 'ldf-highland' }) });
 */
export async function startRogueProvider(options: { clock: () => Date; clients: RogueClient[] }): Promise<RogueProvider> {
  const published = await signingKey();
  const unpublished = await signingKey();
  const forged = { ...(await signingKey()), kid: published.jwk.kid };
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const codes = new Map<string, PendingCode>();
  const issued: string[] = [];
  let exchanges = 0;
  let next: Misbehaviour = {};
  let jwks: Misbehaviour['jwks'];

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { error: 'server_error', error_description: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function idToken(pending: PendingCode, client: RogueClient): Promise<string> {
    const now = Math.floor(options.clock().getTime() / 1000);
    const honest: Claims = { iss: issuer, sub: `rogue-${client.clientId}`, aud: client.clientId, iat: now, exp: now + 300, ...(pending.nonce ? { nonce: pending.nonce } : {}), ...client.claims };
    const plan = next;
    next = {};
    const claims = plan.claims ? plan.claims(honest) : honest;
    switch (plan.key ?? 'published') {
      case 'none':
        return new UnsecuredJWT(claims).encode();
      case 'unpublished':
        return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: unpublished.jwk.kid }).sign(unpublished.privateKey);
      case 'forged':
        return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: forged.kid }).sign(forged.privateKey);
      case 'published':
        return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: published.jwk.kid }).sign(published.privateKey);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') {
      if (jwks === 'down') return json(res, 503, { error: 'temporarily_unavailable' });
      if (jwks === 'garbage') return json(res, 200, { keys: 'not a list' });
      return json(res, 200, { keys: [published.jwk] });
    }
    if (req.method === 'GET' && url.pathname === '/authorize') {
      // No login page: whoever asks is signed in at once, and sent back with a code and the state it gave.
      const q = url.searchParams;
      const client = clients.get(q.get('client_id') ?? '');
      if (!client || q.get('redirect_uri') !== client.redirectUri) return json(res, 400, { error: 'invalid_request' });
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return json(res, 400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { clientId: client.clientId, redirectUri: client.redirectUri, nonce: q.get('nonce') ?? undefined, codeChallenge: q.get('code_challenge')! });
      const back = new URL(client.redirectUri);
      back.searchParams.set('code', code);
      if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
      back.searchParams.set('iss', issuer);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = await readForm(req);
      const credentials = basicCredentials(req.headers.authorization);
      const client = credentials && clients.get(credentials.id);
      if (!client || client.clientSecret !== credentials.secret) return json(res, 401, { error: 'invalid_client' });
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code);
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (form.get('grant_type') !== 'authorization_code' || !pending || pending.clientId !== client.clientId || form.get('redirect_uri') !== pending.redirectUri || challenge !== pending.codeChallenge) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      exchanges += 1;
      const token = await idToken(pending, client);
      issued.push(token);
      return json(res, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, scope: 'openid email profile', id_token: token });
    }
    json(res, 404, { error: 'not_found' });
  }

  return {
    issuer,
    misbehave(plan) {
      next = plan;
      jwks = plan.jwks;
    },
    get exchanges() {
      return exchanges;
    },
    issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
