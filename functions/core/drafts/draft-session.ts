import { randomBytes } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import { sessionCookie } from '../http/csrf.ts';
import type { AppContext } from '../http/env.ts';
import { draftOwner } from './draft-store.ts';

/** The browser's draft secret: its own cookie, so that nothing printed in a page can open a draft. */
export const DRAFT_COOKIE = 'ldf_draft';
const SECRET = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * The owner value of this browser's drafts, from its draft cookie. With `create`, a browser that
 * has none is given one (HttpOnly, so scripts cannot read it; never printed in a form, unlike the
 * CSRF token). Undefined when the browser has no draft cookie and none is made: it owns no draft.
 *
 * @example
 * const owner = draftOwnerOf(c, { create: true }); // starting a draft
 * const draft = await getDraft(store, id, 'report', draftOwnerOf(c) ?? '', now);
 */
export function draftOwnerOf(c: AppContext, options: { create?: boolean } = {}): string | undefined {
  const cookie = sessionCookie(c, DRAFT_COOKIE, c.get('deps').basePath);
  const sent = getCookie(c, DRAFT_COOKIE, cookie.prefix);
  if (sent && SECRET.test(sent)) return draftOwner(sent);
  if (!options.create) return undefined;
  const secret = randomBytes(24).toString('base64url');
  setCookie(c, DRAFT_COOKIE, secret, { path: cookie.path, httpOnly: true, sameSite: 'Lax', secure: cookie.secure, prefix: cookie.prefix });
  return draftOwner(secret);
}
