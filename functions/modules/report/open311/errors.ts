import type { ErrorHandler } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { HttpError } from '../../../core/http/errors.ts';
import { StoreUnavailableError } from '../../../core/store/store.ts';
import { formatOfPath } from './paths.ts';
import { errorResponse, Open311Error } from './respond.ts';

/** Every error under /open311/v2 as Open311's error body, in the format the path asked for. */
export const open311OnError: ErrorHandler<AppEnv> = (error, c) => {
  const format = formatOfPath(c);
  if (error instanceof Open311Error) return errorResponse(c, format, error);
  const log = c.get('log');
  if (error instanceof StoreUnavailableError) {
    log?.error('open311: store unavailable', { path: c.req.path, error: String(error.cause) });
    return errorResponse(c, format, new Open311Error(503, 'The service is unavailable just now: try again in a few minutes', { 'Retry-After': '60' }));
  }
  if (error instanceof HttpError && error.expose) {
    const status = ([403, 404, 413, 429] as const).find((s) => s === error.status) ?? 400;
    return errorResponse(c, format, new Open311Error(status, error.message));
  }
  log?.error('open311: unhandled error', { path: c.req.path, error: error.name, stack: error.stack });
  return errorResponse(c, format, new Open311Error(500, 'Something went wrong on our side: the request was not completed'));
};
