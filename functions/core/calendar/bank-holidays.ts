import type { LocalisedText } from '../localised-text.ts';
import type { IsoDate } from './dates.ts';

/**
 * UK bank holidays, copied by hand from GOV.UK's published lists:
 *   English: https://www.gov.uk/bank-holidays.json
 *   Welsh:   https://www.gov.uk/gwyliau-banc.json
 * Kept as data (not computed from rules) because substitute days and one-off holidays are
 * announced, not derived. Extend the table, and BANK_HOLIDAY_YEARS, when GOV.UK publishes more years.
 *
 * 2028 is NOT from GOV.UK's list: when it was added (December 2026) no published 2028 list could be
 * found, so its dates are computed from the statutory rules and royal proclamations as they stand
 * (Easter Sunday 16 April 2028; New Year's Day on a Saturday, so substitute days on 3 and, in
 * Scotland, 4 January). A one-off holiday or a moved day would not be in it. When GOV.UK publishes
 * 2028, compare the rows and raise BANK_HOLIDAYS_CONFIRMED_THROUGH; `ldf council check` says so
 * meanwhile for any council whose bin pages reach into 2028.
 */

export type BankHolidayDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';
export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';

export interface BankHoliday {
  date: IsoDate;
  title: LocalisedText;
}

export const BANK_HOLIDAY_YEARS: { first: number; last: number } = { first: 2025, last: 2028 };

/** The last year whose rows were checked against GOV.UK's published list; later ones are computed (see above). */
export const BANK_HOLIDAYS_CONFIRMED_THROUGH = 2027;

const TITLES = {
  newYear: { en: 'New Year’s Day', cy: 'Dydd Calan' },
  secondJanuary: { en: '2nd January', cy: '2il o Ionawr' },
  stPatrick: { en: 'St Patrick’s Day', cy: 'Gŵyl Sant Padrig' },
  goodFriday: { en: 'Good Friday', cy: 'Gwener y Groglith' },
  easterMonday: { en: 'Easter Monday', cy: 'Llun y Pasg' },
  earlyMay: { en: 'Early May bank holiday', cy: 'Gŵyl banc dechrau Mai' },
  spring: { en: 'Spring bank holiday', cy: 'Gŵyl banc y gwanwyn' },
  boyne: { en: 'Battle of the Boyne (Orangemen’s Day)', cy: 'Brwydr y Boyne (Dydd yr Orenwyr)' },
  summer: { en: 'Summer bank holiday', cy: 'Gŵyl banc yr haf' },
  stAndrew: { en: 'St Andrew’s Day', cy: 'Gŵyl Andreas' },
  christmas: { en: 'Christmas Day', cy: 'Dydd Nadolig' },
  boxingDay: { en: 'Boxing Day', cy: 'Dydd San Steffan' },
} satisfies Record<string, Required<LocalisedText>>;

type TitleKey = keyof typeof TITLES;

/** [date, holiday, true when it is the weekday standing in for a holiday that fell at the weekend] */
type Row = [IsoDate, TitleKey, substitute?: true];

const TABLE: Record<BankHolidayDivision, Row[]> = {
  'england-and-wales': [
    ['2025-01-01', 'newYear'],
    ['2025-04-18', 'goodFriday'],
    ['2025-04-21', 'easterMonday'],
    ['2025-05-05', 'earlyMay'],
    ['2025-05-26', 'spring'],
    ['2025-08-25', 'summer'],
    ['2025-12-25', 'christmas'],
    ['2025-12-26', 'boxingDay'],
    ['2026-01-01', 'newYear'],
    ['2026-04-03', 'goodFriday'],
    ['2026-04-06', 'easterMonday'],
    ['2026-05-04', 'earlyMay'],
    ['2026-05-25', 'spring'],
    ['2026-08-31', 'summer'],
    ['2026-12-25', 'christmas'],
    ['2026-12-28', 'boxingDay', true],
    ['2027-01-01', 'newYear'],
    ['2027-03-26', 'goodFriday'],
    ['2027-03-29', 'easterMonday'],
    ['2027-05-03', 'earlyMay'],
    ['2027-05-31', 'spring'],
    ['2027-08-30', 'summer'],
    ['2027-12-27', 'christmas', true],
    ['2027-12-28', 'boxingDay', true],
    // 2028: computed from the rules, not yet confirmed by GOV.UK (see the top of this file)
    ['2028-01-03', 'newYear', true],
    ['2028-04-14', 'goodFriday'],
    ['2028-04-17', 'easterMonday'],
    ['2028-05-01', 'earlyMay'],
    ['2028-05-29', 'spring'],
    ['2028-08-28', 'summer'],
    ['2028-12-25', 'christmas'],
    ['2028-12-26', 'boxingDay'],
  ],
  scotland: [
    ['2025-01-01', 'newYear'],
    ['2025-01-02', 'secondJanuary'],
    ['2025-04-18', 'goodFriday'],
    ['2025-05-05', 'earlyMay'],
    ['2025-05-26', 'spring'],
    ['2025-08-04', 'summer'],
    ['2025-12-01', 'stAndrew', true],
    ['2025-12-25', 'christmas'],
    ['2025-12-26', 'boxingDay'],
    ['2026-01-01', 'newYear'],
    ['2026-01-02', 'secondJanuary'],
    ['2026-04-03', 'goodFriday'],
    ['2026-05-04', 'earlyMay'],
    ['2026-05-25', 'spring'],
    ['2026-08-03', 'summer'],
    ['2026-11-30', 'stAndrew'],
    ['2026-12-25', 'christmas'],
    ['2026-12-28', 'boxingDay', true],
    ['2027-01-01', 'newYear'],
    ['2027-01-04', 'secondJanuary', true],
    ['2027-03-26', 'goodFriday'],
    ['2027-05-03', 'earlyMay'],
    ['2027-05-31', 'spring'],
    ['2027-08-02', 'summer'],
    ['2027-11-30', 'stAndrew'],
    ['2027-12-27', 'christmas', true],
    ['2027-12-28', 'boxingDay', true],
    // 2028: computed from the rules, not yet confirmed by GOV.UK (see the top of this file)
    ['2028-01-03', 'newYear', true],
    ['2028-01-04', 'secondJanuary', true],
    ['2028-04-14', 'goodFriday'],
    ['2028-05-01', 'earlyMay'],
    ['2028-05-29', 'spring'],
    ['2028-08-07', 'summer'],
    ['2028-11-30', 'stAndrew'],
    ['2028-12-25', 'christmas'],
    ['2028-12-26', 'boxingDay'],
  ],
  'northern-ireland': [
    ['2025-01-01', 'newYear'],
    ['2025-03-17', 'stPatrick'],
    ['2025-04-18', 'goodFriday'],
    ['2025-04-21', 'easterMonday'],
    ['2025-05-05', 'earlyMay'],
    ['2025-05-26', 'spring'],
    ['2025-07-14', 'boyne', true],
    ['2025-08-25', 'summer'],
    ['2025-12-25', 'christmas'],
    ['2025-12-26', 'boxingDay'],
    ['2026-01-01', 'newYear'],
    ['2026-03-17', 'stPatrick'],
    ['2026-04-03', 'goodFriday'],
    ['2026-04-06', 'easterMonday'],
    ['2026-05-04', 'earlyMay'],
    ['2026-05-25', 'spring'],
    ['2026-07-13', 'boyne', true],
    ['2026-08-31', 'summer'],
    ['2026-12-25', 'christmas'],
    ['2026-12-28', 'boxingDay', true],
    ['2027-01-01', 'newYear'],
    ['2027-03-17', 'stPatrick'],
    ['2027-03-26', 'goodFriday'],
    ['2027-03-29', 'easterMonday'],
    ['2027-05-03', 'earlyMay'],
    ['2027-05-31', 'spring'],
    ['2027-07-12', 'boyne'],
    ['2027-08-30', 'summer'],
    ['2027-12-27', 'christmas', true],
    ['2027-12-28', 'boxingDay', true],
    // 2028: computed from the rules, not yet confirmed by GOV.UK (see the top of this file)
    ['2028-01-03', 'newYear', true],
    ['2028-03-17', 'stPatrick'],
    ['2028-04-14', 'goodFriday'],
    ['2028-04-17', 'easterMonday'],
    ['2028-05-01', 'earlyMay'],
    ['2028-05-29', 'spring'],
    ['2028-07-12', 'boyne'],
    ['2028-08-28', 'summer'],
    ['2028-12-25', 'christmas'],
    ['2028-12-26', 'boxingDay'],
  ],
};

function toBankHoliday([date, key, substitute]: Row): BankHoliday {
  const { en, cy } = TITLES[key];
  // GOV.UK shows substitute days as the holiday's own name with this suffix.
  return substitute
    ? { date, title: { en: `${en} (substitute day)`, cy: `${cy} (diwrnod amgen)` } }
    : { date, title: { en, cy } };
}

// Built once and frozen so callers cannot alter the shared lists.
const BY_DIVISION = Object.fromEntries(
  Object.entries(TABLE).map(([division, rows]) => [
    division,
    Object.freeze(
      rows
        .map(toBankHoliday)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((h) => Object.freeze({ date: h.date, title: Object.freeze(h.title) })),
    ),
  ]),
) as Record<BankHolidayDivision, readonly BankHoliday[]>;

/** England and Wales share one list; Scotland and Northern Ireland each have their own. */
export function divisionFor(nation: Nation): BankHolidayDivision {
  return nation === 'england' || nation === 'wales' ? 'england-and-wales' : nation;
}

/** The division's bank holidays for BANK_HOLIDAY_YEARS, sorted by date. */
export function bankHolidays(division: BankHolidayDivision): readonly BankHoliday[] {
  return BY_DIVISION[division];
}

export interface BankHolidayCoverage {
  /** Every day from `from` to `to` lies in BANK_HOLIDAY_YEARS. */
  covered: boolean;
  /** The first and last days the data covers. */
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** Years in the range whose dates are computed from the rules, not confirmed by GOV.UK's list. */
  unconfirmedYears: number[];
}

/**
 * Whether the bank-holiday data covers a range of days: a schedule shown for days past its end
 * would silently ignore the holidays there.
 *
 * @example
 * bankHolidayCoverage('2027-12-01', '2028-01-31') // { covered: true, unconfirmedYears: [2028], ... }
 */
export function bankHolidayCoverage(from: IsoDate, to: IsoDate): BankHolidayCoverage {
  const firstDay = `${BANK_HOLIDAY_YEARS.first}-01-01`;
  const lastDay = `${BANK_HOLIDAY_YEARS.last}-12-31`;
  const unconfirmedYears: number[] = [];
  const [fromYear, toYear] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  for (let y = Math.max(fromYear, BANK_HOLIDAYS_CONFIRMED_THROUGH + 1); y <= Math.min(toYear, BANK_HOLIDAY_YEARS.last); y++) unconfirmedYears.push(y);
  return { covered: from >= firstDay && to <= lastDay, firstDay, lastDay, unconfirmedYears };
}
