import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError, type ErrorStatus, type HttpErrorOptions } from '../../../core/http/errors.ts';
import { toXml, type XmlValue } from './xml.ts';

/** The formats a resource is asked for by its extension, e.g. services.xml. */
export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Element names for the items of each list, as the spec's XML examples name them. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

function itemName(list: string): string {
  const name = ITEM_NAMES[list];
  if (!name) throw new Error(`No item name for the list ${list}`);
  return name;
}

/** The body in either format; `root` names the XML root element (JSON has none). */
export function respond(c: Context, format: Format, status: ContentfulStatusCode, root: string, body: XmlValue): Response {
  const text = format === 'xml' ? toXml(root, body, itemName) : JSON.stringify(body);
  return c.body(text, status, { 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': 'no-store' });
}

/** One of Open311's errors: an HTTP status and what went wrong, in words for the integrator. */
export interface ErrorItem {
  code: number;
  description: string;
}

/**
 * A request Open311 refuses. The spec's statuses: 404 for what does not exist, 403 for a missing or
 * wrong api_key, 400 for anything else the request gets wrong; several errors may be returned at once.
 */
export type Open311Status = ErrorStatus;

/**
 * The page words each status would have, were an Open311 error ever shown as a page (they never
 * are: the API answers every path under it itself). A bad api_key is a request that could not be
 * used, so 403 takes the bad-request words; the CSRF words speak of cookies and forms.
 */
const KEYS: Record<Open311Status, Pick<HttpErrorOptions, 'titleKey' | 'bodyKey'>> = {
  400: { titleKey: 'error.badRequest.title', bodyKey: 'error.badRequest.body' },
  403: { titleKey: 'error.badRequest.title', bodyKey: 'error.badRequest.body' },
  404: { titleKey: 'error.notFound.title', bodyKey: 'error.notFound.body' },
  413: { titleKey: 'error.tooLarge.title', bodyKey: 'error.tooLarge.body' },
  429: { titleKey: 'error.rateLimited.title', bodyKey: 'error.rateLimited.body' },
  500: { titleKey: 'error.server.title', bodyKey: 'error.server.body' },
  503: { titleKey: 'error.unavailable.title', bodyKey: 'error.unavailable.body' },
};

/**
 * An HttpError that carries Open311's list of errors, each with the status as its code.
 *
 * @example
 * throw new Open311Error(400, ['lat must be a latitude', 'long must be a longitude']);
 * throw new Open311Error(429, 'Too many requests', { 'Retry-After': '60' });
 */
export class Open311Error extends HttpError {
  override name = 'Open311Error';
  readonly errors: ErrorItem[];
  constructor(status: Open311Status, descriptions: string | string[], headers: Record<string, string> = {}) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(status, list.join('; '), { ...KEYS[status], headers });
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

/**
 * Any HttpError as Open311's error body: an Open311Error's own list, another HttpError as one error
 * with its status and message; its headers (Retry-After, Allow) go with it.
 */
export function errorResponse(c: Context, format: Format, error: HttpError): Response {
  const errors: ErrorItem[] = error instanceof Open311Error ? error.errors : [{ code: error.status, description: error.message }];
  const res = respond(c, format, error.status, 'errors', errors as unknown as XmlValue);
  for (const [name, value] of Object.entries(error.headers)) res.headers.set(name, value);
  return res;
}

/** A date-time as the spec writes them (its "w3 format", e.g. 2010-01-01T00:00:00Z): UTC, to the second. */
export function w3cDateTime(value: Date | string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const W3C_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Reads a date-time in the W3C profile of ISO 8601 that the spec requires, time zone included
 * (Z or ±hh:mm); undefined when it is not one, or names a day or time that does not exist.
 */
export function parseW3cDateTime(text: string): Date | undefined {
  const m = W3C_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => (s === undefined ? undefined : Number(s))) as number[];
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, m[7] ? Math.floor(Number(m[7]) * 1000) : 0);
  if (new Date(local).getUTCDate() !== day) return undefined; // e.g. 30 February
  const sign = m[9] === '-' ? -1 : 1;
  return new Date(local - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}
