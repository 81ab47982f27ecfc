import type { QueueFilters as CoreFilters } from '../../core/cases/queue.ts';
import { londonDayEnd, londonDayStart, type QueueFilters } from './filters.ts';

/** The last millisecond before an instant, as an ISO string: the queue's `to` bounds are inclusive. */
const justBefore = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString();

/**
 * The core queue's filters for the page's: "me" is the signed-in member of staff, and each date is
 * a whole UK day (from its start to its end in Europe/London), and the restricted cases the member
 * of staff may see are theirs (`visibleRestrictions(staff.roles)`): a queue or an export never
 * lists a care case to someone without the care role.
 *
 * @example
 * coreFilters({ assigned: 'me', createdFrom: '2026-03-01' }, staff.sub, []);
 * // { assigned: 'hackney-officer', created: { from: '2026-03-01T00:00:00.000Z' }, restrictedVisible: [] }
 */
export function coreFilters(filters: QueueFilters, staffSub: string, restrictedVisible: readonly string[]): CoreFilters {
  const range = (from?: string, to?: string) =>
    from || to ? { ...(from && { from: londonDayStart(from) }), ...(to && { to: justBefore(londonDayEnd(to)) }) } : undefined;
  return {
    ...(filters.service && { service: filters.service }),
    ...(filters.type && { type: filters.type }),
    ...(filters.state && { states: [filters.state] }),
    ...(filters.assigned === 'me' && { assigned: staffSub }),
    ...(filters.assigned === 'unassigned' && { assigned: 'unassigned' }),
    ...(filters.channel && { channels: [filters.channel] }),
    ...(range(filters.createdFrom, filters.createdTo) && { created: range(filters.createdFrom, filters.createdTo) }),
    ...(range(filters.changedFrom, filters.changedTo) && { changed: range(filters.changedFrom, filters.changedTo) }),
    restrictedVisible,
  };
}

/**
 * Where the queue's pages are: the core queue's cursor of this page and of each page before it, so
 * "Previous" works without the store reading backwards. Kept to the last MAX_TRAIL pages (a link
 * stays short); past that, the oldest page kept links to the first page.
 */
export interface PageTrail {
  /** Cursors of the pages before this one, oldest first ('' is the first page). */
  before: string[];
  /** This page's cursor ('' for the first page). */
  here: string;
  /** Whether older pages were dropped from `before`. */
  cut: boolean;
}

export const MAX_TRAIL = 20;
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,2000}$/;

/** A trail as its query-string value (opaque to the page). */
export function encodeTrail(trail: PageTrail): string {
  return Buffer.from(JSON.stringify([trail.cut ? 1 : 0, trail.here, ...trail.before])).toString('base64url');
}

/** The trail a query-string value holds; undefined when it is not one the queue made (the page says so). */
export function decodeTrail(value: string): PageTrail | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || parsed.length > MAX_TRAIL + 2) return undefined;
  const [cut, here, ...before] = parsed as unknown[];
  if (cut !== 0 && cut !== 1) return undefined;
  const cursors = [here, ...before];
  if (!cursors.every((c) => typeof c === 'string' && (c === '' || CURSOR_TEXT.test(c)))) return undefined;
  if (here === '') return undefined; // the first page has no trail
  return { cut: cut === 1, here: here as string, before: before as string[] };
}

/** The trail of the page after `trail` (the first page when undefined), whose cursor is `next`. */
export function nextTrail(trail: PageTrail | undefined, next: string): PageTrail {
  const before = [...(trail?.before ?? []), trail?.here ?? ''];
  const cut = (trail?.cut ?? false) || before.length > MAX_TRAIL;
  return { here: next, before: before.slice(-MAX_TRAIL), cut };
}

/** The trail of the page before (undefined: the first page), or 'first' when the trail was cut there. */
export function previousTrail(trail: PageTrail): PageTrail | undefined | 'first' {
  if (trail.before.length === 0) return trail.cut ? 'first' : undefined;
  const here = trail.before.at(-1)!;
  if (here === '') return undefined;
  return { here, before: trail.before.slice(0, -1), cut: trail.cut };
}
