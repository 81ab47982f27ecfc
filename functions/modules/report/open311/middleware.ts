import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, CouncilAppDeps } from '../../../core/http/env.ts';
import { createRateLimiter, takeForClient, type RateLimitOptions } from '../../../core/http/rate-limit.ts';
import { MAX_OPEN311_BODY_BYTES } from './limits.ts';
import { Open311Error } from './respond.ts';

/**
 * GETs need no key: each client may make `limit` of them per window, then gets a 429 error body.
 * Clients are told apart as the pages tell them apart (an IPv6 client by its /64); one whose address
 * is unknown is not counted, rather than sharing a single bucket that one busy client would empty for all.
 */
export function getRateLimit(deps: CouncilAppDeps, limit: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const limiter = createRateLimiter(limit);
  return async (c, next) => {
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !takeForClient(limiter, c, deps)) {
      throw new Open311Error(429, `Too many requests: at most ${limit.max} every ${limit.windowSeconds} seconds from one client. Try again later`, {
        'Retry-After': String(limit.windowSeconds),
      });
    }
    await next();
  };
}

/** Open311's own body limit, answered with its error body (the pages' limit is larger, and answers a page). */
export function open311BodyLimit(): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: MAX_OPEN311_BODY_BYTES,
    onError: () => {
      throw new Open311Error(413, `The request body is too large: send at most ${MAX_OPEN311_BODY_BYTES / 1024} KB`);
    },
  });
}
