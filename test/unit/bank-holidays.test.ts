import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAY_YEARS,
  BANK_HOLIDAYS_CONFIRMED_THROUGH,
  bankHolidayCoverage,
  bankHolidays,
  divisionFor,
  type BankHolidayDivision,
} from '../../functions/core/calendar/bank-holidays.ts';
import { addDays, dayOfWeek, type IsoDate } from '../../functions/core/calendar/dates.ts';

const DIVISIONS: BankHolidayDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];

const datesOf = (division: BankHolidayDivision) => bankHolidays(division).map((h) => h.date);

describe('bank holidays', () => {
  it.each(DIVISIONS)('lists %s in date order without duplicates', (division) => {
    const dates = datesOf(division);

    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
  });

  it.each(DIVISIONS)('puts every %s holiday on a weekday, weekend ones having substitute days', (division) => {
    const weekendDates = datesOf(division).filter((d) => dayOfWeek(d) > 5);

    expect(weekendDates).toEqual([]);
  });

  it.each(DIVISIONS)('covers each year from 2025 to 2028 in %s, and nothing else', (division) => {
    const years = new Set(datesOf(division).map((d) => Number(d.slice(0, 4))));

    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2025, last: 2028 });
    expect([...years]).toEqual([2025, 2026, 2027, 2028]);
  });

  it.each(DIVISIONS)('gives every %s holiday an English and a Welsh title', (division) => {
    for (const { title } of bankHolidays(division)) {
      expect(title.en.trim()).not.toBe('');
      expect(title.cy?.trim()).toBeTruthy();
    }
  });

  it('has the eight England and Wales holidays each year, with the 2026 and 2027 substitute days', () => {
    expect(datesOf('england-and-wales')).toEqual([
      '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
      '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
      '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
    ]);
  });

  it('gives Scotland 2 January, the first Monday of August and St Andrew’s Day, and England and Wales none of them', () => {
    const scottishOnly = [
      '2025-01-02', '2026-01-02', '2027-01-04', // 2 January; in 2027 the substitute for Saturday
      '2025-08-04', '2026-08-03', '2027-08-02', // first Monday of August
      '2025-12-01', '2026-11-30', '2027-11-30', // St Andrew’s Day; in 2025 the substitute for Sunday
    ];

    expect(datesOf('scotland')).toEqual(expect.arrayContaining(scottishOnly));
    expect(datesOf('england-and-wales').filter((d) => scottishOnly.includes(d))).toEqual([]);
  });

  it('leaves Easter Monday out of Scotland', () => {
    expect(datesOf('scotland')).not.toContain('2025-04-21');
    expect(datesOf('scotland')).toHaveLength(36);
  });

  it('gives Northern Ireland St Patrick’s Day and the Battle of the Boyne', () => {
    const ni = bankHolidays('northern-ireland');

    expect(ni.filter((h) => h.title.en === 'St Patrick’s Day').map((h) => h.date)).toEqual([
      '2025-03-17',
      '2026-03-17',
      '2027-03-17',
      '2028-03-17',
    ]);
    expect(ni.filter((h) => h.title.en.startsWith('Battle of the Boyne')).map((h) => h.date)).toEqual([
      '2025-07-14',
      '2026-07-13',
      '2027-07-12',
      '2028-07-12',
    ]);
    expect(datesOf('england-and-wales')).not.toContain('2025-03-17');
  });

  it('titles holidays in English and Welsh, marking substitute days', () => {
    const byDate = new Map(bankHolidays('england-and-wales').map((h) => [h.date, h.title]));

    expect(byDate.get('2025-04-18')).toEqual({ en: 'Good Friday', cy: 'Gwener y Groglith' });
    expect(byDate.get('2025-12-26')).toEqual({ en: 'Boxing Day', cy: 'Dydd San Steffan' });
    expect(byDate.get('2026-12-28')).toEqual({
      en: 'Boxing Day (substitute day)',
      cy: 'Dydd San Steffan (diwrnod amgen)',
    });
  });

  it('shares one list between England and Wales', () => {
    expect(divisionFor('england')).toBe('england-and-wales');
    expect(divisionFor('wales')).toBe('england-and-wales');
    expect(divisionFor('scotland')).toBe('scotland');
    expect(divisionFor('northern-ireland')).toBe('northern-ireland');
  });

  it('has 2028 as the statutory rules give it, from Easter Sunday on 16 April', () => {
    // Each rule written out independently of the table: a holiday at the weekend moves to the next
    // weekday not already a holiday (so a Saturday New Year pushes Scotland's 2 January to the 4th).
    const easter = '2028-04-16';
    // May and August both have 31 days.
    const mondays = (month: '05' | '08') => Array.from({ length: 31 }, (_, i) => `2028-${month}-${String(i + 1).padStart(2, '0')}`).filter((d) => dayOfWeek(d) === 1);
    const withSubstitutes = (days: IsoDate[]) => {
      const taken = new Set<IsoDate>();
      for (const d of days) {
        let day = d;
        while (dayOfWeek(day) > 5 || taken.has(day)) day = addDays(day, 1);
        taken.add(day);
      }
      return [...taken].sort();
    };
    const common = [addDays(easter, -2), mondays('05')[0], mondays('05').at(-1)!];
    const englandAndWales = withSubstitutes(['2028-01-01', addDays(easter, 1), ...common, mondays('08').at(-1)!, '2028-12-25', '2028-12-26']);
    const scotland = withSubstitutes(['2028-01-01', '2028-01-02', ...common, mondays('08')[0], '2028-11-30', '2028-12-25', '2028-12-26']);
    const northernIreland = withSubstitutes(['2028-01-01', '2028-03-17', addDays(easter, 1), ...common, '2028-07-12', mondays('08').at(-1)!, '2028-12-25', '2028-12-26']);
    const in2028 = (division: BankHolidayDivision) => datesOf(division).filter((d) => d.startsWith('2028-'));

    expect(in2028('england-and-wales')).toEqual(englandAndWales);
    expect(in2028('scotland')).toEqual(scotland);
    expect(in2028('northern-ireland')).toEqual(northernIreland);
  });

  it('says 2028 is computed from the rules, not confirmed by GOV.UK’s published list', () => {
    expect(BANK_HOLIDAYS_CONFIRMED_THROUGH).toBe(2027);
    expect(bankHolidayCoverage('2027-12-01', '2028-01-31')).toEqual({ covered: true, firstDay: '2025-01-01', lastDay: '2028-12-31', unconfirmedYears: [2028] });
    expect(bankHolidayCoverage('2026-12-01', '2027-11-30').unconfirmedYears).toEqual([]);
  });

  it('does not cover a range that runs past the last year of data, or starts before the first', () => {
    expect(bankHolidayCoverage('2028-06-01', '2029-05-30').covered).toBe(false);
    expect(bankHolidayCoverage('2024-12-01', '2025-01-31').covered).toBe(false);
    expect(bankHolidayCoverage('2028-12-01', '2028-12-31').covered).toBe(true);
  });
});
