import { CASE_CHANNELS, isStateEnabled, isCaseState, type CaseChannel, type CaseState } from '../../core/cases/lifecycle.ts';
import type { StaffMessageKey } from '../messages/en.ts';

/** Who a case is assigned to, as the queue filters it: the member of staff looking, nobody, or either. */
export const ASSIGNED_CHOICES = ['anyone', 'me', 'unassigned'] as const;
export type AssignedChoice = (typeof ASSIGNED_CHOICES)[number];

/** A calendar day as GOV.UK's date input gives it, e.g. '2026-03-01'. */
export type Day = string;

/**
 * The queue's filters, as its GET form and its query string hold them (so a queue can be
 * bookmarked): every field optional, `assigned` defaulting to anyone.
 */
export interface QueueFilters {
  service?: string;
  /** A case type of `service` (a report's category code, "missed-collection"). */
  type?: string;
  state?: CaseState;
  assigned: AssignedChoice;
  channel?: CaseChannel;
  createdFrom?: Day;
  createdTo?: Day;
  changedFrom?: Day;
  changedTo?: Day;
}

/** The date filters, each one GOV.UK date input named `<param>-day`, `-month`, `-year`. */
export const DATE_FILTERS = [
  { key: 'createdFrom', param: 'created-from' },
  { key: 'createdTo', param: 'created-to' },
  { key: 'changedFrom', param: 'changed-from' },
  { key: 'changedTo', param: 'changed-to' },
] as const;
export type DateFilter = (typeof DATE_FILTERS)[number]['key'];

/** A case type the queue can filter by. `service:type` is its value in the query string. */
export interface CaseTypeChoice {
  service: string;
  type: string;
}

/** What the filters are checked against: the council's services, their types, and its states. */
export interface FilterContext {
  services: readonly string[];
  types: readonly CaseTypeChoice[];
  council: Parameters<typeof isStateEnabled>[0];
}

/** What a filter's problem says, by field: the form's element id → message key. */
export type FilterErrors = Partial<Record<string, StaffMessageKey>>;

export interface ParsedFilters {
  filters: QueueFilters;
  /** Problems, by the id of the field the error summary links to. */
  errors: FilterErrors;
  /** What the form showed, so a bad answer is kept as typed. */
  raw: Record<string, string>;
}

const param = (query: URLSearchParams, name: string) => (query.get(name) ?? '').trim();

/** The first input of a date, which the error summary links to. */
export const dateFieldId = (dateParam: string) => `${dateParam}-day`;

function parseDay(query: URLSearchParams, name: string): { day?: Day; error?: StaffMessageKey } {
  const parts = ['day', 'month', 'year'].map((p) => param(query, `${name}-${p}`));
  if (parts.every((p) => p === '')) return {};
  if (parts.some((p) => p === '')) return { error: 'staff.queue.error.dateIncomplete' };
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return { error: 'staff.queue.error.dateInvalid' };
  const [day, month, year] = parts.map(Number);
  if (parts[2].length !== 4 || year < 2000 || year > 2999) return { error: 'staff.queue.error.dateYear' };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return { error: 'staff.queue.error.dateInvalid' };
  return { day: date.toISOString().slice(0, 10) };
}

/**
 * The queue's filters from its query string. Anything not on the form's lists, or a date that is
 * not a real date, is an error for the page's error summary (never a 500), and the form shows what
 * was typed.
 *
 * @example
 * const { filters, errors } = parseFilters(new URL(c.req.url).searchParams, context);
 */
export function parseFilters(query: URLSearchParams, context: FilterContext): ParsedFilters {
  const errors: FilterErrors = {};
  const raw: Record<string, string> = {};
  for (const name of ['service', 'type', 'state', 'assigned', 'channel']) raw[name] = param(query, name);
  for (const d of DATE_FILTERS) for (const p of ['day', 'month', 'year']) raw[`${d.param}-${p}`] = param(query, `${d.param}-${p}`);

  const filters: QueueFilters = { assigned: 'anyone' };
  if (raw.service) {
    if (context.services.includes(raw.service)) filters.service = raw.service;
    else errors.service = 'staff.queue.error.service';
  }
  if (raw.type) {
    const [service, type] = raw.type.split(':');
    const known = context.types.some((t) => t.service === service && t.type === type);
    if (!known) errors.type = 'staff.queue.error.type';
    else if (filters.service && filters.service !== service) errors.type = 'staff.queue.error.typeOfService';
    else {
      filters.service = service;
      filters.type = type;
    }
  }
  if (raw.state) {
    if (isCaseState(raw.state) && isStateEnabled(context.council, raw.state)) filters.state = raw.state;
    else errors.state = 'staff.queue.error.state';
  }
  if (raw.assigned) {
    if ((ASSIGNED_CHOICES as readonly string[]).includes(raw.assigned)) filters.assigned = raw.assigned as AssignedChoice;
    else errors.assigned = 'staff.queue.error.assigned';
  }
  if (raw.channel) {
    if ((CASE_CHANNELS as readonly string[]).includes(raw.channel)) filters.channel = raw.channel as CaseChannel;
    else errors.channel = 'staff.queue.error.channel';
  }
  for (const d of DATE_FILTERS) {
    const { day, error } = parseDay(query, d.param);
    if (error) errors[dateFieldId(d.param)] = error;
    else if (day) filters[d.key] = day;
  }
  if (filters.createdFrom && filters.createdTo && filters.createdFrom > filters.createdTo) errors[dateFieldId('created-to')] = 'staff.queue.error.dateOrder';
  if (filters.changedFrom && filters.changedTo && filters.changedFrom > filters.changedTo) errors[dateFieldId('changed-to')] = 'staff.queue.error.dateOrder';
  return { filters, errors, raw };
}

/**
 * The query string of a set of filters, in the form's own parameters (parseFilters reads it back
 * to the same filters), without the defaults, so a bookmark or a page link stays short.
 *
 * @example
 * filtersQuery({ assigned: 'me', state: 'submitted' }); // 'state=submitted&assigned=me'
 */
export function filtersQuery(filters: QueueFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.service && !filters.type) q.set('service', filters.service);
  if (filters.type) q.set('type', `${filters.service}:${filters.type}`);
  if (filters.state) q.set('state', filters.state);
  if (filters.assigned !== 'anyone') q.set('assigned', filters.assigned);
  if (filters.channel) q.set('channel', filters.channel);
  for (const d of DATE_FILTERS) {
    const day = filters[d.key];
    if (!day) continue;
    const [y, m, dd] = day.split('-');
    q.set(`${d.param}-day`, String(Number(dd)));
    q.set(`${d.param}-month`, String(Number(m)));
    q.set(`${d.param}-year`, y);
  }
  return q;
}

/** Whether any filter narrows the queue. */
export function isFiltered(filters: QueueFilters): boolean {
  return filtersQuery(filters).size > 0;
}

/**
 * The instant a UK calendar day starts (Europe/London: GMT or BST), as an ISO string: the queue's
 * dates are the days officers mean, not UTC's.
 *
 * @example
 * londonDayStart('2026-07-01'); // '2026-06-30T23:00:00.000Z'
 */
export function londonDayStart(day: Day): string {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // London is UTC or UTC+1: its offset at that moment, read from Intl.
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(utcMidnight)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offsetHours = Number(/GMT([+-]\d+)/.exec(name ?? '')?.[1] ?? 0);
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000).toISOString();
}

/** The instant after a UK calendar day ends: the start of the next day. */
export function londonDayEnd(day: Day): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return londonDayStart(next.toISOString().slice(0, 10));
}
