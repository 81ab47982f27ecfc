import type { BankHoliday } from '../../core/calendar/bank-holidays.ts';
import { addDays, addWorkingDays, dayOfWeek, daysBetween, startOfIsoWeek, type IsoDate } from '../../core/calendar/dates.ts';
import type { LocalisedText } from '../../core/localised-text.ts';

/**
 * The bin collection schedule engine: turns a council's collection rules, bank-holiday policy and
 * one-off changes into actual collection dates. Pure: no clock, no I/O.
 */

/** A collection happens on firstDate + k × 7 × everyWeeks days for every integer k, negative too. */
export interface CollectionRule {
  container: string;
  everyWeeks: 1 | 2 | 3 | 4;
  firstDate: IsoDate;
}

export type BankHolidayPolicy =
  /** Collections run on bank holidays as normal. */
  | { policy: 'no-change' }
  /**
   * A weekday bank holiday pushes that day's and the rest of its Monday–Sunday week's collections
   * one day later (two holidays on or before the day → two days later), e.g. Good Friday → Saturday.
   * A slipped collection never lands on a bank holiday: it moves past it.
   */
  | { policy: 'slip-rest-of-week' }
  /** Only a collection falling on a bank holiday moves, to the next day that is not a bank holiday. */
  | { policy: 'next-day' };

/** A council's own change: collections normally due on `date` (optionally only these containers) happen on `moveTo`. */
export interface ChangedCollection {
  date: IsoDate;
  moveTo: IsoDate;
  containers?: string[];
  reason: LocalisedText;
}

export type CollectionChange =
  | { kind: 'bank-holiday'; holidays: BankHoliday[] }
  | { kind: 'council'; reason: LocalisedText };

export interface ScheduledCollection {
  container: string;
  date: IsoDate;
  usualDate: IsoDate;
  change?: CollectionChange;
}

export interface ScheduleInput {
  rules: readonly CollectionRule[];
  policy: BankHolidayPolicy;
  bankHolidays: readonly BankHoliday[];
  changes?: readonly ChangedCollection[];
}

export type ReportEligibility =
  | { allowed: true; collection: ScheduledCollection; deadline: IsoDate }
  | { allowed: false; reason: 'not-yet-collected'; nextCollection?: ScheduledCollection }
  | { allowed: false; reason: 'window-closed'; lastCollection: ScheduledCollection; deadline: IsoDate };

// Bank-holiday moves shift a collection by a few days at most, so usual dates this far outside a
// requested range are scanned to catch collections moving into it. Council changes can move a
// collection any distance, so their dates are scanned explicitly.
const HOLIDAY_MOVE_MARGIN_DAYS = 14;
// Longer than the longest round (four-weekly) plus a bank-holiday slip.
const LOOK_BACK_DAYS = 42;
const LOOK_AHEAD_DAYS = 42;

type HolidayIndex = ReadonlyMap<IsoDate, BankHoliday>;

function periodDays(rule: CollectionRule): number {
  return 7 * rule.everyWeeks;
}

function isUsualDate(rule: CollectionRule, d: IsoDate): boolean {
  const offset = daysBetween(rule.firstDate, d) % periodDays(rule);
  return offset === 0; // -0 === 0, so dates before firstDate work too
}

/** The rule's usual dates in [from, to], counting k backwards from firstDate as well as forwards. */
function usualDatesBetween(rule: CollectionRule, from: IsoDate, to: IsoDate): IsoDate[] {
  const period = periodDays(rule);
  const firstK = Math.ceil(daysBetween(rule.firstDate, from) / period);
  const lastK = Math.floor(daysBetween(rule.firstDate, to) / period);
  const dates: IsoDate[] = [];
  for (let k = firstK; k <= lastK; k++) dates.push(addDays(rule.firstDate, k * period));
  return dates;
}

/** Where a collection usually due on `usual` actually happens, and why it moved. */
function resolve(
  input: ScheduleInput,
  holidays: HolidayIndex,
  container: string,
  usual: IsoDate,
): { date: IsoDate; change?: CollectionChange } {
  // A council's own change wins over the bank-holiday policy: it is the council's final word on that day.
  const councilChange = input.changes?.find(
    (c) => c.date === usual && (!c.containers || c.containers.includes(container)),
  );
  if (councilChange) return { date: councilChange.moveTo, change: { kind: 'council', reason: councilChange.reason } };

  switch (input.policy.policy) {
    case 'no-change':
      return { date: usual };

    case 'next-day': {
      const crossed: BankHoliday[] = [];
      let date = usual;
      for (let h = holidays.get(date); h; h = holidays.get(date)) {
        crossed.push(h);
        date = addDays(date, 1);
      }
      return crossed.length ? { date, change: { kind: 'bank-holiday', holidays: crossed } } : { date };
    }

    case 'slip-rest-of-week': {
      const monday = startOfIsoWeek(usual);
      const causes = [...holidays.values()].filter((h) => h.date >= monday && h.date <= usual);
      if (!causes.length) return { date: usual };
      // Each earlier holiday costs the crews a day, so the round moves one collecting day per
      // holiday; holidays it lands on are stepped over (Christmas Day's round skips Boxing Day).
      let date = usual;
      for (let remaining = causes.length; remaining > 0; ) {
        date = addDays(date, 1);
        const h = holidays.get(date);
        if (h) causes.push(h);
        else remaining--;
      }
      return { date, change: { kind: 'bank-holiday', holidays: causes } };
    }
  }
}

/**
 * Every collection whose actual date is in [from, to], sorted by date then by rule order.
 * Usual dates outside the range are considered too, since bank holidays and council changes move
 * collections into (and out of) it.
 */
export function collectionsBetween(input: ScheduleInput, from: IsoDate, to: IsoDate): ScheduledCollection[] {
  // Only weekday holidays affect collections; real bank holidays always are, this guards hand-made lists.
  const holidays: HolidayIndex = new Map(
    input.bankHolidays.filter((h) => dayOfWeek(h.date) <= 5).map((h) => [h.date, h]),
  );
  const found: { collection: ScheduledCollection; order: number }[] = [];

  input.rules.forEach((rule, order) => {
    const candidates = new Set(
      usualDatesBetween(rule, addDays(from, -HOLIDAY_MOVE_MARGIN_DAYS), addDays(to, HOLIDAY_MOVE_MARGIN_DAYS)),
    );
    for (const change of input.changes ?? []) if (isUsualDate(rule, change.date)) candidates.add(change.date);

    for (const usualDate of candidates) {
      const { date, change } = resolve(input, holidays, rule.container, usualDate);
      if (date < from || date > to) continue;
      found.push({ collection: { container: rule.container, date, usualDate, ...(change && { change }) }, order });
    }
  });

  return found
    .sort(
      (a, b) =>
        compare(a.collection.date, b.collection.date) ||
        a.order - b.order ||
        compare(a.collection.usualDate, b.collection.usualDate),
    )
    .map((f) => f.collection);
}

/**
 * Whether a missed collection of `container` may be reported today. A report is allowed from the
 * actual collection day until the end of `windowWorkingDays` working days after it (Mon–Fri, not a
 * bank holiday), judged against the most recent collection on or before today.
 */
export function missedReportEligibility(
  input: ScheduleInput & { container: string; today: IsoDate; windowWorkingDays: number },
): ReportEligibility {
  const { container, today, windowWorkingDays } = input;
  const own: ScheduleInput = { ...input, rules: input.rules.filter((r) => r.container === container) };

  const last = collectionsBetween(own, addDays(today, -LOOK_BACK_DAYS), today).at(-1);
  if (!last) {
    const next = collectionsBetween(own, addDays(today, 1), addDays(today, LOOK_AHEAD_DAYS))[0];
    return { allowed: false, reason: 'not-yet-collected', ...(next && { nextCollection: next }) };
  }

  const holidayDates = new Set(input.bankHolidays.map((h) => h.date));
  const deadline = addWorkingDays(last.date, windowWorkingDays, holidayDates);
  return today <= deadline
    ? { allowed: true, collection: last, deadline }
    : { allowed: false, reason: 'window-closed', lastCollection: last, deadline };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
