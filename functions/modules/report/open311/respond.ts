import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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
export type Open311Status = 400 | 403 | 404 | 413 | 429 | 500 | 503;

export class Open311Error extends Error {
  override name = 'Open311Error';
  readonly errors: ErrorItem[];
  constructor(
    readonly status: Open311Status,
    descriptions: string | string[],
    readonly headers: Record<string, string> = {},
  ) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join('; '));
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export function errorResponse(c: Context, format: Format, error: Open311Error): Response {
  const res = respond(c, format, error.status, 'errors', error.errors as unknown as XmlValue);
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
