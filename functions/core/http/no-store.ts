import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Marks a module's pages `Cache-Control: no-store` unless a route chose its own caching (a public
 * photo, a calendar feed): pages with personal data (an address, contact details, a report's
 * answers) must not stay in the browser's history cache or a shared proxy.
 *
 * @example
 * app.use(noStoreUnlessCached); // first, in the module's routes factory
 */
export const noStoreUnlessCached: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // Set on the response itself: c.header() after next() makes Hono copy the whole response.
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};
