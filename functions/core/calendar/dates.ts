/**
 * Pure helpers for calendar dates written as 'YYYY-MM-DD'.
 *
 * Arithmetic runs on UTC midnights of date-only values: UTC has no daylight saving, so adding
 * days can never be thrown off by the BST clock changes. Only `todayIn` and `endOfDayIn` touch
 * a real time zone, because they translate between instants and local calendar days.
 */

export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Accepts only a real calendar date in 'YYYY-MM-DD' form (so 2025-02-30 is rejected, not rolled over). */
export function parseIsoDate(s: string): IsoDate | undefined {
  const match = ISO_DATE.exec(s);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return s;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtcMs(toUtcMs(d) + n * DAY_MS);
}

/** b − a in whole days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(d: IsoDate): number {
  return new Date(toUtcMs(d)).getUTCDay() || 7;
}

/** The Monday of d's Monday–Sunday week. */
export function startOfIsoWeek(d: IsoDate): IsoDate {
  return addDays(d, 1 - dayOfWeek(d));
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23', // 'h23' so midnight is 00, never 24
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar date that `now` falls on in the zone (a late-evening UTC instant may already be tomorrow in BST). */
export function todayIn(now: Date, timeZone = 'Europe/London'): IsoDate {
  // Every page asks, and Intl's formatToParts is slow: the last answer holds until its local midnight.
  const t = now.getTime();
  const known = lastDays.get(timeZone);
  if (known && t >= known.from && t < known.until) return known.date;
  const p = zonedParts(now, timeZone);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  lastDays.set(timeZone, { date, from: endOfDayIn(addDays(date, -1), timeZone).getTime() + 1, until: endOfDayIn(date, timeZone).getTime() + 1 });
  return date;
}

const lastDays = new Map<string, { date: IsoDate; from: number; until: number }>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const wallClockAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/** The last instant (…59.999) of local day d: one millisecond before the next local midnight. */
export function endOfDayIn(d: IsoDate, timeZone = 'Europe/London'): Date {
  const nextMidnightAsUtc = toUtcMs(addDays(d, 1));
  // First guess uses the offset at UTC midnight; the second pass corrects it in case the offset
  // differs at the real local midnight (the day a clock change happens).
  const guess = nextMidnightAsUtc - zoneOffsetMs(nextMidnightAsUtc, timeZone);
  const nextMidnight = nextMidnightAsUtc - zoneOffsetMs(guess, timeZone);
  return new Date(nextMidnight - 1);
}

export function isWorkingDay(d: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return dayOfWeek(d) <= 5 && !holidays.has(d);
}

/** The nth working day after d (n = 0 gives d itself, whether or not it is a working day). */
export function addWorkingDays(d: IsoDate, n: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  let current = d;
  for (let remaining = n; remaining > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) remaining--;
  }
  return current;
}
