import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sessionCookie } from '../../core/http/csrf.ts';
import { HttpError } from '../../core/http/errors.ts';
import { STAFF_SESSION_DEFAULTS } from './session-limits.ts';
import type { StaffEnv } from '../env.ts';
import { can, type Permission } from './roles.ts';
import { readStaffSession, storeKeyId, type StaffSession, type StoreKey } from './sessions.ts';

/** The staff session cookie's name before its `__Host-` prefix (added over HTTPS). */
export const STAFF_COOKIE = 'ldf_staff';

export const staffErrors = {
  forbidden: () => new HttpError(403, 'Your role does not allow this', { titleKey: 'staff.error.forbidden.title', bodyKey: 'staff.error.forbidden.body' }),
  noAccess: () => new HttpError(403, 'No role in this back office', { titleKey: 'staff.error.noAccess.title', bodyKey: 'staff.error.noAccess.body' }),
  wrongTenant: () => new HttpError(403, 'Account from another tenant', { titleKey: 'staff.error.wrongTenant.title', bodyKey: 'staff.error.wrongTenant.body' }),
  signInFailed: (cause?: unknown) =>
    new HttpError(400, 'Sign-in could not be checked', { titleKey: 'staff.error.signInFailed.title', bodyKey: 'staff.error.signInFailed.body', cause }),
  expired: () => new HttpError(403, 'Not signed in', { titleKey: 'staff.error.signInFailed.title', bodyKey: 'staff.expired.body' }),
  idpDown: (cause?: unknown) =>
    new HttpError(503, 'Identity provider unavailable', { titleKey: 'staff.error.idpDown.title', bodyKey: 'staff.error.idpDown.body', headers: { 'Retry-After': '60' }, cause }),
  notConfigured: (cause?: unknown) =>
    new HttpError(503, 'Staff sign-in not configured on this host', { titleKey: 'staff.error.notConfigured.title', bodyKey: 'staff.error.notConfigured.body', cause }),
};

/** The council's session limits from its file. */
export function sessionLimits(c: Context<StaffEnv>) {
  return c.get('council').staff?.session ?? STAFF_SESSION_DEFAULTS;
}

/** The staff session cookie as this request should see it (`__Host-ldf_staff` over HTTPS). */
export function staffCookie(c: Context<StaffEnv>) {
  return sessionCookie(c, STAFF_COOKIE, c.get('deps').basePath);
}

/** The session the request's cookie names, if it is live; read once per request, with any items the page asked for. */
export async function currentSession(c: Context<StaffEnv>, alsoRead: StoreKey[] = []): Promise<StaffSession | undefined> {
  const cookie = staffCookie(c);
  // Over HTTPS only the prefixed cookie counts: a plain-named one may have been planted.
  const id = getCookie(c, STAFF_COOKIE, cookie.prefix);
  if (!id) return undefined;
  const { store, clock } = c.get('deps');
  const prefetched = new Map<string, Record<string, unknown>>();
  const session = await readStaffSession(store, c.get('council').id, id, clock(), sessionLimits(c), alsoRead, prefetched);
  if (session) {
    c.set('staffSessionId', id);
    c.set('prefetched', prefetched);
  }
  return session;
}

/** Staff pages' own paths: /staff/… or /cy/staff/…, nothing else, so a return-to can never leave the back office. */
const STAFF_PATH = /^\/(?:cy\/)?staff(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*\/?(?:\?[^#\s\\]*)?$/;

export function safeReturnTo(value: string | undefined): string {
  return value && STAFF_PATH.test(value) && !value.includes('//') ? value : '/staff/';
}

/**
 * Lets the request through only for a signed-in member of staff holding `permission`, and puts
 * them on the context as `c.get('staff')`. Someone not signed in is sent to sign in (a GET) or
 * refused (a POST: their form cannot be replayed after signing in); someone without the
 * permission gets the 403 page.
 *
 * @example
 * app.get('/cases', requirePermission('case:read'), (c) => ... c.get('staff').name ...);
 */
export function requirePermission(
  permission: Permission,
  /** Items the page will need, read with the session in one store request (see `prefetchedItem`). */
  options: { alsoRead?: StoreKey[] } = {},
): MiddlewareHandler<StaffEnv> & { permission: Permission } {
  const guard: MiddlewareHandler<StaffEnv> = async (c, next) => {
    const session = await currentSession(c, options.alsoRead);
    if (!session) {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw staffErrors.expired();
      const here = new URL(c.req.url);
      const returnTo = safeReturnTo(`${here.pathname}${here.search}`);
      const signIn = `${c.get('deps').basePath}${c.get('lang') === 'cy' ? '/cy' : ''}/staff/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
      return c.redirect(signIn, 303);
    }
    if (!can(session.roles, permission)) throw staffErrors.forbidden();
    c.set('staff', { sub: session.sub, email: session.email, name: session.name, roles: session.roles });
    await next();
  };
  // Named on the middleware, so a test can check that every staff route has a guard.
  return Object.assign(guard, { permission });
}

/**
 * An item the route asked `requirePermission` to read with the session: undefined when it is not
 * in the table, or when it was not asked for (read it yourself then).
 */
export function prefetchedItem(c: Context<StaffEnv>, key: StoreKey): { found: boolean; item?: Record<string, unknown> } {
  const prefetched = c.get('prefetched');
  if (!prefetched) return { found: false };
  return { found: true, item: prefetched.get(storeKeyId(key)) };
}
