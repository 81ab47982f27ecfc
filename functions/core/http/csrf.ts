import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './env.ts';
import { HttpError } from './errors.ts';

export const CSRF_COOKIE = 'ldf_csrf';
export const CSRF_FIELD = 'csrf';

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
    const existing = getCookie(c, CSRF_COOKIE);
    const valid = existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing) ? existing : undefined;
    if (c.req.method === 'POST') {
      const contentType = c.req.header('content-type') ?? '';
      const body = /application\/x-www-form-urlencoded|multipart\/form-data/.test(contentType) ? await c.req.parseBody() : {};
      const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : '';
      if (!valid || !sameToken(valid, sent)) throw new HttpError(403, 'CSRF token missing or wrong', 'error.csrf');
    }
    const token = valid ?? randomBytes(24).toString('base64url');
    if (!valid) {
      setCookie(c, CSRF_COOKIE, token, {
        path: options.cookiePath || '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
      });
    }
    c.set('csrfToken', token);
    await next();
  };
}
