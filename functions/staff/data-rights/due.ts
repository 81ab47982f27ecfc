import { daysBetween, type IsoDate } from '../../core/calendar/dates.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';

/** A request due within this many days (the due day counted) is marked "due soon". */
export const DUE_SOON_DAYS = 7;

export type DueTag = 'overdue' | 'due-soon';

/**
 * How a request's due date stands today (the council's day, Europe/London): `overdue` once the
 * day has passed while it still waits for a decision, `due-soon` within DUE_SOON_DAYS of it (the
 * due day itself included). A decided request has no tag: it was answered, in time or not.
 *
 * @example
 * dueTag('2026-12-10', '2026-12-11', 'open'); // 'overdue'
 * dueTag('2026-12-10', '2026-12-03', 'open'); // 'due-soon'
 * dueTag('2026-12-10', '2026-12-02', 'open'); // undefined
 */
export function dueTag(due: IsoDate | undefined, today: IsoDate, status: StoredCase['status']): DueTag | undefined {
  if (!due || status !== 'open') return undefined;
  const left = daysBetween(today, due);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due-soon' : undefined;
}

/**
 * The queue's order: requests still waiting first, the soonest due at the top (the overdue ones,
 * then those due soon), then the decided ones, the most recently decided first.
 */
export function queueOrder(requests: StoredCase[], dueOf: (c: StoredCase) => IsoDate | undefined): StoredCase[] {
  const waiting = requests.filter((r) => r.status === 'open');
  const decided = requests.filter((r) => r.status !== 'open');
  // A request with no due date recorded (none should be) goes after those that have one.
  const key = (r: StoredCase) => dueOf(r) ?? '9999-12-31';
  waiting.sort((a, b) => key(a).localeCompare(key(b)) || a.createdAt.localeCompare(b.createdAt));
  decided.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return [...waiting, ...decided];
}
