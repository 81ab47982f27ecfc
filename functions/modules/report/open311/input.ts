import type { Context } from 'hono';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import { MalformedBodyError, mediaTypeOf, readFormBody } from '../../../core/http/body.ts';
import { localise } from '../../../core/localised-text.ts';
import { serviceConfig } from '../../../core/service-config.ts';
import type { Category, ReportConfig } from '../config.ts';
import { checkPoint, neighbourForPostcode, type AttributeAnswers, type AttributeProblem } from '../reports.ts';
import { Open311Error, parseW3cDateTime } from './respond.ts';

/** A request's arguments: every value given for each name, in order. */
export type Params = Map<string, string[]>;

export function queryParams(c: Context): Params {
  const params: Params = new Map();
  for (const [name, value] of new URL(c.req.url).searchParams) params.set(name, [...(params.get(name) ?? []), value]);
  return params;
}

const FORM_HELP = 'send the arguments as application/x-www-form-urlencoded (or multipart/form-data)';

/**
 * A POST's form fields, url-encoded (as the spec sends them) or multipart; files are ignored. A body
 * that is not a readable form (another type, a broken multipart body, bad percent-escapes, bytes that
 * are not UTF-8, JSON under a form's type) is the sender's mistake: a 400, never a parser's 500.
 */
export async function formParams(c: Context): Promise<Params> {
  try {
    await readFormBody(c);
  } catch (error) {
    if (error instanceof MalformedBodyError) throw new Open311Error(400, `${error.message}: ${FORM_HELP}`);
    throw error;
  }
  // No argument name starts with { or [: such a "form" is JSON sent with a form's type, and read as
  // one it would lose every argument (and be refused as if its api_key were missing).
  if (mediaTypeOf(c) === 'application/x-www-form-urlencoded' && /^\s*[[{]/.test(new TextDecoder().decode(await c.req.arrayBuffer()))) {
    throw new Open311Error(400, `The body is JSON: ${FORM_HELP}`);
  }
  // readFormBody left the parsed form in Hono's cache: this does not parse again.
  const body = await c.req.parseBody({ all: true });
  const params: Params = new Map();
  for (const [name, value] of Object.entries(body)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (strings.length > 0) params.set(name, strings);
  }
  return params;
}

/**
 * An argument's value, trimmed; undefined when absent or empty, since the spec treats an empty
 * optional argument as one not given.
 */
export function one(params: Params, name: string): string | undefined {
  const value = params.get(name)?.[0]?.trim();
  return value ? value : undefined;
}

/** A comma-delimited argument (the spec's lists: service_request_id, service_code, status). */
export function list(params: Params, name: string): string[] | undefined {
  const values = (params.get(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length > 0 ? values : undefined;
}

/** The spec serves one jurisdiction here: the council. Another one named is not found. */
export function checkJurisdiction(council: CouncilConfig, params: Params): void {
  const jurisdiction = one(params, 'jurisdiction_id');
  if (jurisdiction !== undefined && jurisdiction !== council.id) {
    throw new Open311Error(404, `jurisdiction_id ${jurisdiction} was not found: this endpoint serves ${council.id} only`);
  }
}

const DAY_MS = 86_400_000;
/** The spec's limit on a date range, and its default: the most recent 90 days. */
export const MAX_RANGE_DAYS = 90;

/**
 * start_date and end_date: W3C date-times with a time zone. Either may be left out (the range then
 * runs 90 days from the one given, or is the latest 90 days); a range may not span more than 90 days.
 */
export function dateRange(params: Params, now: Date): { start: Date; end: Date } {
  const read = (name: string): Date | undefined => {
    const text = one(params, name);
    if (text === undefined) return undefined;
    const date = parseW3cDateTime(text);
    if (!date) throw new Open311Error(400, `${name} must be a date and time with a time zone, like 2026-01-31T09:00:00Z`);
    return date;
  };
  const givenStart = read('start_date');
  const givenEnd = read('end_date');
  const span = MAX_RANGE_DAYS * DAY_MS;
  const end = givenEnd ?? (givenStart ? new Date(givenStart.getTime() + span) : now);
  const start = givenStart ?? new Date(end.getTime() - span);
  if (start > end) throw new Open311Error(400, 'start_date must not be after end_date');
  if (end.getTime() - start.getTime() > span) throw new Open311Error(400, `start_date and end_date may not span more than ${MAX_RANGE_DAYS} days`);
  return { start, end };
}

/** Names that are an object's own machinery in JavaScript: never an attribute code (config codes cannot be these). */
const RESERVED_CODES = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/**
 * Reads attribute[code]=value and attribute[code][]=value (a multivaluelist's several values).
 * A code that names JavaScript's object machinery (attribute[__proto__]) is refused with a 400.
 */
export function attributeAnswers(params: Params): AttributeAnswers {
  const answers = new Map<string, string[]>();
  const refused: string[] = [];
  for (const [name, values] of params) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (!m) continue;
    if (RESERVED_CODES.has(m[1])) refused.push(`attribute[${m[1]}] is not an attribute of any service`);
    else answers.set(m[1], [...(answers.get(m[1]) ?? []), ...values]);
  }
  if (refused.length > 0) throw new Open311Error(400, refused);
  return Object.fromEntries([...answers].map(([code, values]) => [code, values.length === 1 ? values[0] : values]));
}

/**
 * The stored-time bounds of a range, at the precision the API prints (whole seconds): a thing shown
 * as 22:09:58Z is in a range ending 22:09:58Z though it was stored at 22:09:58.734Z, and one shown
 * as 22:09:58Z is not in a range starting 22:09:58.5Z.
 */
export function rangeBounds({ start, end }: { start: Date; end: Date }): { from: string; to: string } {
  const from = Math.ceil(start.getTime() / 1000) * 1000;
  const to = Math.floor(end.getTime() / 1000) * 1000 + 999;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Deepest a list may be paged: beyond it, a narrower date range is cheaper for everyone. */
export const MAX_LIST_DEPTH = 10_000;

/**
 * `page` (from 1) and `page_size` (at most the list cap, which is also the default). FixMyStreet's
 * own server takes only `max_requests`, a cap on one answer; it is read here as the page size when
 * page_size is not given, so its clients work unchanged.
 */
export function pagination(params: Params, maxResults: number): { page: number; pageSize: number } {
  const read = (name: string, max: number): number | undefined => {
    const text = one(params, name);
    if (text === undefined) return undefined;
    const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(n >= 1 && n <= max)) throw new Open311Error(400, `${name} must be a whole number from 1 to ${max.toLocaleString('en-GB')}`);
    return n;
  };
  const page = read('page', MAX_LIST_DEPTH) ?? 1;
  const pageSize = read('page_size', maxResults) ?? read('max_requests', maxResults) ?? maxResults;
  if ((page - 1) * pageSize >= MAX_LIST_DEPTH) {
    throw new Open311Error(400, `page ${page} of ${pageSize} is past the ${MAX_LIST_DEPTH.toLocaleString('en-GB')} newest requests of the range: narrow start_date and end_date instead`);
  }
  return { page, pageSize };
}

/** What is wrong with an attribute, in words naming it. */
export function describeAttributeProblem(category: Category, code: string, problem: AttributeProblem): string {
  const question = category.questions.find((q) => q.code === code);
  const name = `attribute[${code}]`;
  switch (problem) {
    case 'required':
      return `${name} is required for service_code ${category.code}`;
    case 'not-a-number':
      return `${name} must be a number`;
    case 'not-an-option': {
      const keys = question?.options?.map((o) => o.key).join(', ') ?? '';
      return question?.type === 'multivaluelist' ? `${name} values must each be one of: ${keys}` : `${name} must be one of: ${keys}`;
    }
    case 'too-long':
      return `${name} must be one value of at most 500 characters`;
  }
}

export interface Location {
  lat: number;
  long: number;
  address?: string;
  addressId?: string;
}

const COORDINATE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/i;

/** A postcode written somewhere in an address, tidied (upper case, one space). */
export function postcodeIn(text: string): string | undefined {
  const m = POSTCODE.exec(text);
  return m ? `${m[1]} ${m[2]}`.toUpperCase() : undefined;
}

function outsideArea(council: CouncilConfig, report: ReportConfig, neighbour: ReportConfig['neighbours'][number] | undefined, what: string): Open311Error {
  const councilName = localise(council.name, 'en');
  if (!neighbour) return new Open311Error(400, `${what} is outside ${councilName}'s area`);
  return new Open311Error(400, `${what} is outside ${councilName}'s area: it is in ${localise(neighbour.name, 'en')}'s area. Report it to them at ${neighbour.website}`);
}

function addressLines(property: { lines: string[]; postcode: string }): string {
  return [...property.lines, property.postcode].join(', ');
}

/**
 * The location the spec asks for: lat and long, or address_id (a UPRN in the council's gazetteer),
 * or address_string. Coordinates must be inside the council's area; when a neighbouring council
 * covers them, the error names it. An address_string alone is placed by the postcode or street
 * name in it, since every report needs a point on the map.
 */
export function readLocation(council: CouncilConfig, params: Params): Location {
  const report = serviceConfig(council, 'report');
  const latText = one(params, 'lat');
  const longText = one(params, 'long');
  const addressString = one(params, 'address_string');
  const addressId = one(params, 'address_id');

  let point: { lat: number; long: number } | undefined;
  if (latText !== undefined || longText !== undefined) {
    if (latText === undefined || longText === undefined) throw new Open311Error(400, 'lat and long must both be given');
    const lat = Number(latText);
    const long = Number(longText);
    const problems: string[] = [];
    if (!COORDINATE.test(latText) || !(lat >= -90 && lat <= 90)) problems.push('lat must be a latitude in degrees (WGS84), between -90 and 90');
    if (!COORDINATE.test(longText) || !(long >= -180 && long <= 180)) problems.push('long must be a longitude in degrees (WGS84), between -180 and 180');
    if (problems.length > 0) throw new Open311Error(400, problems);
    point = { lat, long };
  }

  let property: { uprn: string; lines: string[]; postcode: string; point?: readonly [number, number] } | undefined;
  if (addressId !== undefined) {
    const gazetteer = council.addresses?.provider === 'gazetteer' ? council.addresses.properties : [];
    property = gazetteer.find((p) => p.uprn === addressId);
    if (!property) throw new Open311Error(400, `address_id ${addressId} is not an address (UPRN) in ${localise(council.name, 'en')}'s area`);
    if (!point) {
      if (!property.point) throw new Open311Error(400, `address_id ${addressId} has no known position: send lat and long as well`);
      point = { long: property.point[0], lat: property.point[1] };
    }
  }

  if (!point && addressString !== undefined) point = placeAddress(council, report, addressString);
  if (!point) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id');

  const check = checkPoint(report, [point.long, point.lat]);
  if (!check.inside) throw outsideArea(council, report, check.neighbour, 'This location');

  return {
    ...point,
    address: addressString ?? (property ? addressLines(property) : undefined),
    addressId: property?.uprn,
  };
}

/** A point for a typed address: its postcode's first known property, else the longest street name in it. */
function placeAddress(council: CouncilConfig, report: ReportConfig, address: string): { lat: number; long: number } {
  const postcode = postcodeIn(address);
  if (postcode) {
    const gazetteer = council.addresses?.provider === 'gazetteer' ? council.addresses : undefined;
    const found = gazetteer?.properties.find((p) => p.postcode === postcode && p.point);
    if (found?.point) return { long: found.point[0], lat: found.point[1] };
    const district = postcode.split(' ')[0];
    if (!gazetteer?.postcodeDistricts.includes(district)) {
      const neighbour = neighbourForPostcode(report, postcode);
      if (neighbour) throw outsideArea(council, report, neighbour, `The postcode ${postcode}`);
    }
  }
  const lower = address.toLowerCase();
  const street = report.streets
    .filter((s) => lower.includes(s.name.toLowerCase()))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (street) return { long: street.point[0], lat: street.point[1] };
  throw new Open311Error(400, `address_string could not be placed in ${localise(council.name, 'en')}'s area: send lat and long, or an address_id`);
}
