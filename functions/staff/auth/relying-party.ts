import * as oidc from 'openid-client';

/** Where a council's staff sign in, resolved for this host (the embedded provider's address locally). */
export interface RelyingPartySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `<public base URL>/staff/callback`: registered at the IdP, built from config, never from the Host header. */
  redirectUri: string;
  /** Plain HTTP allowed: only for the embedded provider on loopback. */
  allowHttp: boolean;
}

/** The IdP could not be reached, timed out or failed on its side: say so, ask to try later. */
export class IdpUnavailableError extends Error {
  override name = 'IdpUnavailableError';
}

/** The IdP's answer did not pass a check (state, issuer, audience, nonce, expiry, signature…). */
export class SignInRejectedError extends Error {
  override name = 'SignInRejectedError';
}

/** Seconds allowed for each request to the IdP: a slow IdP gets its clear page, not the Lambda's timeout. */
const IDP_TIMEOUT_SECONDS = 5;
/** Discovery documents are kept this long per issuer, so most sign-ins make no discovery request. */
const DISCOVERY_TTL_MS = 60 * 60_000;

interface IssuerEntry {
  metadata: Promise<oidc.ServerMetadata>;
  fetchedAt: number;
  jwks?: oidc.ExportedJWKSCache;
}

const issuers = new Map<string, IssuerEntry>();

function isUnavailable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch failed: refused, reset, DNS
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  if (error instanceof oidc.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const cause = error.cause as { status?: number } | undefined;
    return (cause?.status ?? 500) >= 500;
  }
  return false;
}

/** Turns what openid-client throws into one of our two errors; anything else is ours and goes on as it is. */
function classify(error: unknown): Error {
  if (isUnavailable(error)) return new IdpUnavailableError('The identity provider could not be reached', { cause: error });
  if (error instanceof oidc.ClientError || error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return new SignInRejectedError(error.message, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The issuer's discovery document, from the cache when fresh; a failed discovery is not kept. */
function serverMetadata(settings: RelyingPartySettings): IssuerEntry {
  const cached = issuers.get(settings.issuer);
  if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached;
  const entry: IssuerEntry = {
    fetchedAt: Date.now(),
    metadata: oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, undefined, {
        timeout: IDP_TIMEOUT_SECONDS,
        execute: settings.allowHttp ? [oidc.allowInsecureRequests] : [],
      })
      // Discovery checks that the document's issuer is exactly the configured one.
      .then((config) => config.serverMetadata()),
  };
  entry.metadata.catch(() => {
    if (issuers.get(settings.issuer) === entry) issuers.delete(settings.issuer);
  });
  issuers.set(settings.issuer, entry);
  return entry;
}

/**
 * A client configuration for one request. Made fresh each time (it is cheap) because its clock is
 * the app's clock: the tokens' exp, iat and nbf are checked against `now`, so tests can move time.
 */
async function configuration(settings: RelyingPartySettings, now: Date): Promise<{ config: oidc.Configuration; entry: IssuerEntry }> {
  const entry = serverMetadata(settings);
  let metadata: oidc.ServerMetadata;
  try {
    metadata = await entry.metadata;
  } catch (error) {
    throw classify(error);
  }
  const config = new oidc.Configuration(
    metadata,
    settings.clientId,
    { [oidc.clockSkew]: Math.round((now.getTime() - Date.now()) / 1000) },
    oidc.ClientSecretBasic(settings.clientSecret),
  );
  config.timeout = IDP_TIMEOUT_SECONDS;
  if (settings.allowHttp) oidc.allowInsecureRequests(config);
  // openid-client does not check an ID token's signature by default (OIDC Core 3.1.3.7 lets TLS
  // stand in for it): check it against the issuer's JWKS, so a token that did not come from the
  // council's IdP's key is refused even if the token endpoint's answer could be tampered with.
  oidc.enableNonRepudiationChecks(config);
  if (entry.jwks) oidc.setJwksCache(config, entry.jwks);
  return { config, entry };
}

/** What the callback needs to check the answer; the caller keeps it server-side. */
export interface SignInRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Starts the authorization code flow with PKCE (S256), state and nonce.
 *
 * @example
 * const { url, state, nonce, codeVerifier } = await startSignIn(settings, deps.clock());
 * return c.redirect(url.href, 303);
 */
export async function startSignIn(settings: RelyingPartySettings, now: Date): Promise<SignInRequest> {
  const { config } = await configuration(settings, now);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Finishes the flow: checks the authorization response (state, and the issuer when the IdP says it),
 * exchanges the code (with the PKCE verifier and the client secret), and checks the ID token
 * (signature, issuer, audience, expiry, nonce). Returns its claims.
 *
 * @throws IdpUnavailableError when the IdP cannot be reached
 * @throws SignInRejectedError when any check fails
 */
export async function finishSignIn(
  settings: RelyingPartySettings,
  query: string,
  expected: { state: string; nonce: string; codeVerifier: string },
  now: Date,
): Promise<oidc.IDToken> {
  const { config, entry } = await configuration(settings, now);
  // The callback URL as registered, with the IdP's query: never the request's own Host.
  const callbackUrl = new URL(settings.redirectUri);
  callbackUrl.search = query;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    entry.jwks = oidc.getJwksCache(config) ?? entry.jwks;
    const claims = tokens.claims();
    if (!claims) throw new SignInRejectedError('No ID token');
    return claims;
  } catch (error) {
    if (error instanceof SignInRejectedError) throw error;
    throw classify(error);
  }
}

/** Forgets every cached discovery document (tests that restart an IdP on a new address). */
export function clearDiscoveryCache(): void {
  issuers.clear();
}
