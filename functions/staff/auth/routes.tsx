import '../messages/register.ts';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CsrfField, Hidden } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { sessionCookie } from '../../core/http/csrf.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { translator } from '../../core/i18n.ts';
import { localise } from '../../core/localised-text.ts';
import { MESSAGES } from '../../modules/index.ts';
import { SecretMissingError } from '../../core/secrets/port.ts';
import type { StaffEnv } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { currentSession, safeReturnTo, sessionLimits, staffCookie, staffErrors } from './guard.ts';
import { finishSignIn, IdpUnavailableError, SignInRejectedError, startSignIn, type RelyingPartySettings } from './relying-party.ts';
import { rolesForToken } from './roles.ts';
import { createStaffSession, deleteStaffSession } from './sessions.ts';
import { SIGN_IN_MINUTES, savePendingSignIn, takePendingSignIn } from './sign-in-state.ts';

/** The cookie tying a callback to the browser that started the sign-in; it holds only the state. */
export const SIGN_IN_COOKIE = 'ldf_staff_signin';

const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/** Where this council's staff sign in on this host; a host that cannot say gets the "not set up" page. */
async function settingsFor(council: CouncilConfig, deps: CouncilAppDeps): Promise<RelyingPartySettings> {
  const signIn = council.staff!.signIn;
  const issuer = signIn.provider === 'oidc' ? signIn.issuer : deps.embeddedOidcIssuer;
  if (!issuer || !deps.publicBaseUrl) throw staffErrors.notConfigured();
  let clientSecret: string;
  try {
    clientSecret = await deps.secrets.get('oidc-client-secret');
  } catch (error) {
    if (error instanceof SecretMissingError) throw staffErrors.notConfigured(error);
    throw httpErrors.unavailable('Secrets unavailable', error);
  }
  return {
    issuer,
    clientId: signIn.clientId,
    clientSecret,
    redirectUri: `${deps.publicBaseUrl}/staff/callback`,
    allowHttp: signIn.provider === 'embedded' && LOOPBACK_HTTP.test(issuer),
  };
}

const WELSH = translator(MESSAGES.cy);

/**
 * The callback's URL has no language (the IdP knows one redirect URI per council), so a sign-in
 * started in the Welsh back office is answered in Welsh from the callback on: its refusals (no
 * role, another organisation) were in English. The language link goes to sign-in, not back to a
 * callback that works once.
 */
function answerInLanguageOf(c: Context<StaffEnv>, council: CouncilConfig, returnTo: string): void {
  if (c.get('lang') === 'cy' || !council.languages.includes('cy') || !returnTo.startsWith('/cy/')) return;
  const { basePath } = c.get('deps');
  c.set('lang', 'cy');
  c.set('t', WELSH);
  c.set('paths', { ...c.get('paths'), href: (p: string) => `${basePath}/cy${p}`, inLanguage: (l) => `${basePath}${l === 'cy' ? '/cy' : ''}/staff/sign-in` });
}

function signInCookie(c: Context<StaffEnv>) {
  return sessionCookie(c, SIGN_IN_COOKIE, c.get('deps').basePath);
}

function idpError(error: unknown): Error {
  if (error instanceof IdpUnavailableError) return staffErrors.idpDown(error);
  if (error instanceof SignInRejectedError) return staffErrors.signInFailed(error);
  return error as Error;
}

/** Sign in, the IdP's callback, sign out. */
export function authRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  const signIn = council.staff!.signIn;

  app.get('/sign-in', async (c) => {
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    if (await currentSession(c)) return c.redirect(`${deps.basePath}${returnTo}`, 303);
    const t = c.get('t');
    const name = localise(council.name, c.get('lang'));
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.signIn.title')}>
        <span class="govuk-caption-l">{t('staff.caption')}</span>
        <h1 class="govuk-heading-l">{t('staff.signIn.title')}</h1>
        <p class="govuk-body">{t('staff.signIn.lead', { council: name })}</p>
        <form method="post" action={staffHref(c, '/sign-in')} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Hidden fields={{ returnTo }} />
          <button type="submit" class="govuk-button govuk-button--start" data-module="govuk-button">
            {t('staff.signIn.button')}
          </button>
        </form>
      </StaffPage>,
    );
  });

  // A POST, so that a link prefetcher or a crawler does not start sign-ins.
  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const returnTo = safeReturnTo(typeof body.returnTo === 'string' ? body.returnTo : undefined);
    const settings = await settingsFor(council, deps);
    const now = deps.clock();
    let request;
    try {
      request = await startSignIn(settings, now);
    } catch (error) {
      throw idpError(error);
    }
    await savePendingSignIn(deps.store, request.state, { nonce: request.nonce, codeVerifier: request.codeVerifier, returnTo, createdAt: now.toISOString() });
    const cookie = signInCookie(c);
    // Lax: the IdP sends the browser back with a top-level GET, which carries Lax cookies.
    setCookie(c, SIGN_IN_COOKIE, request.state, { path: cookie.path, httpOnly: true, sameSite: 'Lax', secure: cookie.secure, prefix: cookie.prefix, maxAge: SIGN_IN_MINUTES * 60 });
    return c.redirect(request.url.href, 303);
  });

  app.get('/callback', async (c) => {
    const cookie = signInCookie(c);
    const cookieState = getCookie(c, SIGN_IN_COOKIE, cookie.prefix);
    deleteCookie(c, SIGN_IN_COOKIE, { path: cookie.path, secure: cookie.secure, prefix: cookie.prefix });
    const state = c.req.query('state');
    // The state must be the one this browser was given, and it works once.
    if (!state || !cookieState || state !== cookieState) throw staffErrors.signInFailed();
    const now = deps.clock();
    const pending = await takePendingSignIn(deps.store, state, now);
    if (!pending) throw staffErrors.signInFailed();
    answerInLanguageOf(c, council, pending.returnTo);
    const settings = await settingsFor(council, deps);
    let claims;
    try {
      claims = await finishSignIn(settings, new URL(c.req.url).search, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier }, now);
    } catch (error) {
      throw idpError(error);
    }
    // An Entra ID or Google account from another organisation can be valid at the same IdP: only
    // this council's tenant or domain may sign in.
    if (claims[signIn.tenant.claim] !== signIn.tenant.value) throw staffErrors.wrongTenant();
    const roles = rolesForToken(claims, signIn);
    if (roles.length === 0) throw staffErrors.noAccess();
    const email = typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' ? claims.preferred_username : '';
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name : email || claims.sub;

    // Whatever session the browser had ends: signing in always takes a new id.
    const old = await currentSession(c);
    if (old) await deleteStaffSession(deps.store, c.get('staffSessionId'));
    const { id } = await createStaffSession(deps.store, council.id, { sub: claims.sub, email, name, roles }, now, sessionLimits(c));
    const session = staffCookie(c);
    setCookie(c, session.name.replace(/^__Host-/, ''), id, { path: session.path, httpOnly: true, sameSite: 'Lax', secure: session.secure, prefix: session.prefix });
    return c.redirect(`${deps.basePath}${pending.returnTo}`, 303);
  });

  app.post('/sign-out', async (c) => {
    const session = staffCookie(c);
    if (await currentSession(c)) await deleteStaffSession(deps.store, c.get('staffSessionId'));
    deleteCookie(c, session.name.replace(/^__Host-/, ''), { path: session.path, secure: session.secure, prefix: session.prefix });
    return c.redirect(staffHref(c, '/signed-out'), 303);
  });

  app.get('/signed-out', (c) => {
    const t = c.get('t');
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.signedOut.title')}>
        <h1 class="govuk-heading-l">{t('staff.signedOut.title')}</h1>
        <p class="govuk-body">{t('staff.signedOut.body')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={staffHref(c, '/sign-in')}>
            {t('staff.signIn.title')}
          </a>
        </p>
      </StaffPage>,
    );
  });

  return app;
}
