import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  dayOfWeek,
  daysBetween,
  endOfDayIn,
  isWorkingDay,
  parseIsoDate,
  startOfIsoWeek,
  todayIn,
} from '../../functions/core/calendar/dates.ts';

// Run the arithmetic with the process clock in London, so any slip into local-time Date methods
// would show up as a lost or doubled day around the clock changes.
let originalTz: string | undefined;
beforeAll(() => {
  originalTz = process.env.TZ;
  process.env.TZ = 'Europe/London';
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('parseIsoDate', () => {
  it('accepts real calendar dates, including 29 February in a leap year', () => {
    expect(parseIsoDate('2025-06-30')).toBe('2025-06-30');
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2025-12-31')).toBe('2025-12-31');
  });

  it('rejects dates that do not exist rather than rolling them over', () => {
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2025-02-30')).toBeUndefined();
    expect(parseIsoDate('2025-04-31')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
    expect(parseIsoDate('2025-00-10')).toBeUndefined();
    expect(parseIsoDate('2025-01-00')).toBeUndefined();
  });

  it('rejects anything not written exactly as YYYY-MM-DD', () => {
    expect(parseIsoDate('2025-1-5')).toBeUndefined();
    expect(parseIsoDate('2025-01-05T00:00:00Z')).toBeUndefined();
    expect(parseIsoDate(' 2025-01-05')).toBeUndefined();
    expect(parseIsoDate('05/01/2025')).toBeUndefined();
    expect(parseIsoDate('')).toBeUndefined();
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('moves exactly one calendar day per day across the spring clock change', () => {
    expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2025-03-31', -2)).toBe('2025-03-29');
    expect(daysBetween('2025-03-29', '2025-04-01')).toBe(3);
  });

  it('moves exactly one calendar day per day across the autumn clock change', () => {
    expect(addDays('2025-10-25', 1)).toBe('2025-10-26');
    expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
    expect(addDays('2025-10-20', 14)).toBe('2025-11-03');
    expect(daysBetween('2025-10-20', '2025-11-03')).toBe(14);
  });

  it('gives a negative count when the second date is earlier', () => {
    expect(daysBetween('2026-01-10', '2025-12-28')).toBe(-13);
  });
});

describe('dayOfWeek and startOfIsoWeek', () => {
  it('numbers days the ISO way, Monday 1 to Sunday 7', () => {
    expect(dayOfWeek('2025-06-02')).toBe(1);
    expect(dayOfWeek('2025-06-06')).toBe(5);
    expect(dayOfWeek('2025-06-08')).toBe(7);
    expect(dayOfWeek('2025-03-30')).toBe(7);
  });

  it('finds the Monday of the week, across a year end', () => {
    expect(startOfIsoWeek('2025-06-08')).toBe('2025-06-02');
    expect(startOfIsoWeek('2025-06-02')).toBe('2025-06-02');
    expect(startOfIsoWeek('2026-01-01')).toBe('2025-12-29');
  });
});

describe('todayIn', () => {
  it('is already tomorrow in London late on a BST evening', () => {
    expect(todayIn(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    expect(todayIn(new Date('2025-06-30T23:00:00Z'))).toBe('2025-07-01');
    expect(todayIn(new Date('2025-06-30T22:59:59Z'))).toBe('2025-06-30');
  });

  it('follows UTC near midnight in GMT', () => {
    expect(todayIn(new Date('2025-01-15T23:59:59Z'))).toBe('2025-01-15');
    expect(todayIn(new Date('2025-01-16T00:00:00Z'))).toBe('2025-01-16');
  });

  it('uses the zone it is given', () => {
    expect(todayIn(new Date('2025-06-30T23:30:00Z'), 'UTC')).toBe('2025-06-30');
    expect(todayIn(new Date('2025-06-30T23:30:00Z'), 'America/New_York')).toBe('2025-06-30');
  });

  // todayIn remembers its last answer until the local midnight; these walk across that edge.
  it('changes at the first millisecond of the local day, after being asked a millisecond before', () => {
    expect(todayIn(new Date('2025-07-01T22:59:59.999Z'))).toBe('2025-07-01');
    expect(todayIn(new Date('2025-07-01T23:00:00.000Z'))).toBe('2025-07-02');
    expect(todayIn(new Date('2025-07-01T22:59:59.999Z'))).toBe('2025-07-01');
  });

  it('gets the clock-change days right one after another', () => {
    expect(todayIn(new Date('2025-03-30T00:30:00Z'))).toBe('2025-03-30');
    expect(todayIn(new Date('2025-03-30T22:59:59.999Z'))).toBe('2025-03-30');
    expect(todayIn(new Date('2025-03-30T23:00:00Z'))).toBe('2025-03-31');
    expect(todayIn(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26');
    expect(todayIn(new Date('2025-10-26T23:59:59.999Z'))).toBe('2025-10-26');
    expect(todayIn(new Date('2025-10-27T00:00:00Z'))).toBe('2025-10-27');
  });

  it('answers each zone for itself when zones are asked in turn about the same instant', () => {
    const instant = new Date('2025-06-30T23:30:00Z');
    expect(todayIn(instant)).toBe('2025-07-01');
    expect(todayIn(instant, 'America/New_York')).toBe('2025-06-30');
    expect(todayIn(instant, 'Pacific/Kiritimati')).toBe('2025-07-01');
    expect(todayIn(instant)).toBe('2025-07-01');
    expect(todayIn(new Date('2025-07-01T03:59:59Z'), 'America/New_York')).toBe('2025-06-30');
    expect(todayIn(new Date('2025-07-01T04:00:00Z'), 'America/New_York')).toBe('2025-07-01');
  });
});

describe('endOfDayIn', () => {
  it('ends a BST day at 22:59:59.999 UTC', () => {
    expect(endOfDayIn('2025-07-01').toISOString()).toBe('2025-07-01T22:59:59.999Z');
  });

  it('ends a GMT day at 23:59:59.999 UTC', () => {
    expect(endOfDayIn('2025-01-15').toISOString()).toBe('2025-01-15T23:59:59.999Z');
  });

  it('ends the clock-change days correctly', () => {
    // The clocks go forward at 01:00 UTC on 30 March, so that evening is already BST.
    expect(endOfDayIn('2025-03-30').toISOString()).toBe('2025-03-30T22:59:59.999Z');
    expect(endOfDayIn('2025-03-29').toISOString()).toBe('2025-03-29T23:59:59.999Z');
    // They go back at 01:00 UTC on 26 October, so that evening is GMT again.
    expect(endOfDayIn('2025-10-25').toISOString()).toBe('2025-10-25T22:59:59.999Z');
    expect(endOfDayIn('2025-10-26').toISOString()).toBe('2025-10-26T23:59:59.999Z');
  });

  it('uses the offset in force at the local midnight, not at UTC midnight', () => {
    // Sydney leaves daylight saving (+11 → +10) at 16:00 UTC on 5 April 2025, between the two midnights.
    expect(endOfDayIn('2025-04-05', 'Australia/Sydney').toISOString()).toBe('2025-04-05T12:59:59.999Z');
  });

  it('is the last instant of the day: one millisecond later is the next day', () => {
    const end = endOfDayIn('2025-07-01');

    expect(todayIn(end)).toBe('2025-07-01');
    expect(todayIn(new Date(end.getTime() + 1))).toBe('2025-07-02');
  });
});

describe('working days', () => {
  // Easter 2025 in England and Wales: Good Friday 18 April, Easter Monday 21 April.
  const easter = new Set(['2025-04-18', '2025-04-21']);

  it('counts Monday to Friday, except bank holidays', () => {
    expect(isWorkingDay('2025-04-17', easter)).toBe(true);
    expect(isWorkingDay('2025-04-18', easter)).toBe(false);
    expect(isWorkingDay('2025-04-19', easter)).toBe(false);
    expect(isWorkingDay('2025-04-20', easter)).toBe(false);
    expect(isWorkingDay('2025-04-21', easter)).toBe(false);
    expect(isWorkingDay('2025-04-22', easter)).toBe(true);
  });

  it('steps over a bank holiday weekend', () => {
    expect(addWorkingDays('2025-04-17', 1, easter)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-16', 2, easter)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-17', 3, easter)).toBe('2025-04-24');
  });

  it('counts from a weekend day to the next working days', () => {
    expect(addWorkingDays('2025-04-19', 1, easter)).toBe('2025-04-22');
    expect(addWorkingDays('2025-06-07', 1, new Set())).toBe('2025-06-09');
  });

  it('returns the same day for zero working days', () => {
    expect(addWorkingDays('2025-04-18', 0, easter)).toBe('2025-04-18');
  });
});
