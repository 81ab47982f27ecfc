import type { MessageKey } from '../i18n.ts';
import { StoreUnavailableError } from '../store/store.ts';

/** The statuses the platform answers with when something is wrong. */
export type ErrorStatus = 400 | 403 | 404 | 413 | 429 | 500 | 503;

export interface HttpErrorOptions {
  /** The page's heading and text, as message keys; a resident reads these in their language. */
  titleKey: MessageKey;
  bodyKey: MessageKey;
  /** Headers the answer carries, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error that maps to an HTTP answer. Its `message` is English for developers and
 * integrators (API bodies carry it); pages show `titleKey` and `bodyKey` in the resident's language.
 * Whatever the status, it says what to show: the handlers that render errors have no status cases.
 *
 * @example
 * throw new HttpError(404, 'No such draft', { titleKey: 'error.notFound.title', bodyKey: 'report.expired' });
 * throw httpErrors.notFound('Unknown report'); // the usual words for a status
 */
export class HttpError extends Error {
  override name = 'HttpError';
  /** Whether the message may be shown: true for the client's mistakes, false for ours. */
  readonly expose: boolean;
  readonly titleKey: MessageKey;
  readonly bodyKey: MessageKey;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ErrorStatus,
    message: string,
    options: HttpErrorOptions,
  ) {
    super(message, { cause: options.cause });
    this.expose = status < 500;
    this.titleKey = options.titleKey;
    this.bodyKey = options.bodyKey;
    this.headers = options.headers ?? {};
  }
}

/** The usual errors, with the usual words. */
export const httpErrors = {
  badRequest: (message: string) => new HttpError(400, message, { titleKey: 'error.badRequest.title', bodyKey: 'error.badRequest.body' }),
  /** A form sent without its CSRF token, or with another's. */
  formRefused: (message: string) => new HttpError(403, message, { titleKey: 'error.csrf.title', bodyKey: 'error.csrf.body' }),
  notFound: (message: string, bodyKey: MessageKey = 'error.notFound.body') => new HttpError(404, message, { titleKey: 'error.notFound.title', bodyKey }),
  tooLarge: (message: string) => new HttpError(413, message, { titleKey: 'error.tooLarge.title', bodyKey: 'error.tooLarge.body' }),
  rateLimited: (message: string, retryAfterSeconds = 60) =>
    new HttpError(429, message, { titleKey: 'error.rateLimited.title', bodyKey: 'error.rateLimited.body', headers: { 'Retry-After': String(retryAfterSeconds) } }),
  unavailable: (message: string, cause?: unknown) =>
    new HttpError(503, message, { titleKey: 'error.unavailable.title', bodyKey: 'error.unavailable.body', headers: { 'Retry-After': '60' }, cause }),
  server: (message: string, cause?: unknown) => new HttpError(500, message, { titleKey: 'error.server.title', bodyKey: 'error.server.body', cause }),
};

/**
 * Any error as the answer it becomes: the one place that decides. HttpErrors answer as they say; a
 * store that cannot be reached is a 503 (the resident's answers are kept); anything else is our
 * fault, a 500 whose message is never shown.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) return httpErrors.unavailable('The service is unavailable just now: try again in a few minutes', error);
  return httpErrors.server('Something went wrong on our side: the request was not completed', error);
}
