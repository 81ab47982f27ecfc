import type { ErrorHandler } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { toHttpError } from '../../../core/http/errors.ts';
import { formatOfPath } from './paths.ts';
import { errorResponse } from './respond.ts';

/**
 * Every error under /open311/v2 as Open311's error body, in the format the path asked for. The
 * platform's toHttpError decides what an error answers (an Open311Error is an HttpError and answers
 * as it says; an unreachable store is a 503); this only writes it in Open311's form.
 */
export const open311OnError: ErrorHandler<AppEnv> = (error, c) => {
  const answer = toHttpError(error);
  if (!answer.expose) {
    // Ours to fix: logged with the route, never the raw path (it may hold a reference) or the input.
    const cause = answer === error ? answer.cause : error;
    c.get('log')?.error('open311: request failed', {
      status: answer.status,
      path: c.req.routePath,
      error: cause instanceof Error ? cause.name : String(cause),
      detail: cause instanceof Error && cause.cause !== undefined ? String(cause.cause) : undefined,
      stack: cause instanceof Error ? cause.stack : undefined,
    });
  }
  return errorResponse(c, formatOfPath(c), answer);
};
