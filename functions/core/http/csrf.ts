import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './env.ts';
import { httpErrors } from './errors.ts';
import { randomToken } from './random-token.ts';

export const CSRF_COOKIE = 'ldf_csrf';
export const CSRF_FIELD = 'csrf';

/** The cookie prefix browsers keep for cookies that are Secure, at Path=/ and with no Domain. */
export const HOST_COOKIE_PREFIX = '__Host-';

/**
 * How a session cookie is named and scoped for this request. Over HTTPS (one council per host, at
 * `/`) it is `__Host-<name>` at `/`: the browser then refuses the cookie from plain HTTP, from a
 * sibling subdomain or with a Domain, so nobody else can plant or overwrite it. Over plain HTTP (the
 * local host, which mounts each council under `/<id>/`) the prefix is impossible, so the cookie
 * keeps its plain name and the council's own path.
 *
 * @example
 * const cookie = sessionCookie(c, 'ldf_csrf', '/hackney');
 * // https://council.example/ → { name: '__Host-ldf_csrf', path: '/', secure: true, prefix: 'host' }
 * // http://localhost/hackney/ → { name: 'ldf_csrf', path: '/hackney', secure: false }
 */
export function sessionCookie(c: Context, name: string, basePath: string): { name: string; path: string; secure: boolean; prefix?: 'host' } {
  if (c.req.url.startsWith('https:')) return { name: `${HOST_COOKIE_PREFIX}${name}`, path: '/', secure: true, prefix: 'host' };
  return { name, path: basePath || '/', secure: false };
}

export interface CsrfOptions {
  /** The cookie's path: the council's base path, so one council's token is not sent to another. */
  cookiePath: string;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit token: a random value in a session cookie, repeated in a hidden field of every form.
 * Another site can make a browser send the cookie but cannot read it to fill in the field.
 */
export function csrfProtection(options: CsrfOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = sessionCookie(c, CSRF_COOKIE, options.cookiePath);
    // Over HTTPS only the prefixed cookie counts: a plain-named one may have been planted.
    const existing = getCookie(c, CSRF_COOKIE, cookie.prefix);
    const valid = existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing) ? existing : undefined;
    if (c.req.method === 'POST') {
      const contentType = c.req.header('content-type') ?? '';
      const body = /application\/x-www-form-urlencoded|multipart\/form-data/.test(contentType) ? await c.req.parseBody() : {};
      const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : '';
      if (!valid || !sameToken(valid, sent)) throw httpErrors.formRefused('CSRF token missing or wrong');
    }
    const token = valid ?? randomToken(24);
    if (!valid) {
      setCookie(c, CSRF_COOKIE, token, { path: cookie.path, httpOnly: true, sameSite: 'Lax', secure: cookie.secure, prefix: cookie.prefix });
    }
    c.set('csrfToken', token);
    await next();
  };
}
