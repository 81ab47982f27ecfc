import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankHolidays } from '../../functions/core/calendar/bank-holidays.ts';
import {
  collectionsBetween,
  missedReportEligibility,
  type BankHolidayPolicy,
  type CollectionRule,
  type ScheduleInput,
  type ScheduledCollection,
} from '../../functions/modules/bins/schedule.ts';

const ENGLAND_AND_WALES = bankHolidays('england-and-wales');
const SCOTLAND = bankHolidays('scotland');
const SLIP: BankHolidayPolicy = { policy: 'slip-rest-of-week' };
const NEXT_DAY: BankHolidayPolicy = { policy: 'next-day' };
const NO_CHANGE: BankHolidayPolicy = { policy: 'no-change' };

/** One weekly round per weekday, named after its usual day; `monday` is any Monday. */
function weekdayRounds(monday: string): CollectionRule[] {
  const day = Number(monday.slice(8, 10));
  return ['mon', 'tue', 'wed', 'thu', 'fri'].map((container, i) => ({
    container,
    everyWeeks: 1,
    firstDate: `${monday.slice(0, 8)}${String(day + i).padStart(2, '0')}`,
  }));
}

function input(rules: CollectionRule[], policy = SLIP, holidays = ENGLAND_AND_WALES): ScheduleInput {
  return { rules, policy, bankHolidays: holidays };
}

/** '2025-04-19 fri' per collection: the actual date and the round, easy to read in a failure. */
const summary = (collections: ScheduledCollection[]) => collections.map((c) => `${c.date} ${c.container}`);

describe('collectionsBetween: rounds', () => {
  it('repeats a weekly round every seven days', () => {
    const rules: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-06-02' }];

    const collections = collectionsBetween(input(rules), '2025-06-01', '2025-06-30');

    expect(summary(collections)).toEqual([
      '2025-06-02 refuse',
      '2025-06-09 refuse',
      '2025-06-16 refuse',
      '2025-06-23 refuse',
      '2025-06-30 refuse',
    ]);
  });

  it('alternates two fortnightly rounds week by week', () => {
    const rules: CollectionRule[] = [
      { container: 'refuse', everyWeeks: 2, firstDate: '2025-06-03' },
      { container: 'recycling', everyWeeks: 2, firstDate: '2025-06-10' },
    ];

    const collections = collectionsBetween(input(rules), '2025-06-01', '2025-07-06');

    expect(summary(collections)).toEqual([
      '2025-06-03 refuse',
      '2025-06-10 recycling',
      '2025-06-17 refuse',
      '2025-06-24 recycling',
      '2025-07-01 refuse',
    ]);
  });

  it('repeats a three-weekly round every 21 days', () => {
    const rules: CollectionRule[] = [{ container: 'garden', everyWeeks: 3, firstDate: '2025-07-04' }];

    const collections = collectionsBetween(input(rules, NO_CHANGE), '2025-07-01', '2025-09-30');

    expect(summary(collections)).toEqual([
      '2025-07-04 garden',
      '2025-07-25 garden',
      '2025-08-15 garden',
      '2025-09-05 garden',
      '2025-09-26 garden',
    ]);
  });

  it('repeats a four-weekly round every 28 days', () => {
    const rules: CollectionRule[] = [{ container: 'glass', everyWeeks: 4, firstDate: '2025-01-08' }];

    const collections = collectionsBetween(input(rules), '2025-02-01', '2025-04-30');

    expect(summary(collections)).toEqual(['2025-02-05 glass', '2025-03-05 glass', '2025-04-02 glass', '2025-04-30 glass']);
  });

  it('works out which week a round is on before its first date as well as after', () => {
    // 1 September is 12 weeks after 9 June and 13 weeks after 2 June: an even number of fortnights only from 9 June.
    const rules: CollectionRule[] = [{ container: 'recycling', everyWeeks: 2, firstDate: '2025-09-01' }];

    expect(summary(collectionsBetween(input(rules), '2025-06-01', '2025-06-30'))).toEqual([
      '2025-06-09 recycling',
      '2025-06-23 recycling',
    ]);
    expect(collectionsBetween(input(rules), '2025-06-02', '2025-06-02')).toEqual([]);
  });

  it('orders collections on the same day by rule order', () => {
    const rules: CollectionRule[] = [
      { container: 'refuse', everyWeeks: 1, firstDate: '2025-06-04' },
      { container: 'food', everyWeeks: 1, firstDate: '2025-06-04' },
    ];

    const collections = collectionsBetween(input(rules), '2025-06-04', '2025-06-04');

    expect(summary(collections)).toEqual(['2025-06-04 refuse', '2025-06-04 food']);
  });
});

describe('collectionsBetween: slip-rest-of-week', () => {
  it('moves Friday collections to Saturday after Good Friday', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-04-07')), '2025-04-14', '2025-04-20');

    expect(summary(collections)).toEqual([
      '2025-04-14 mon',
      '2025-04-15 tue',
      '2025-04-16 wed',
      '2025-04-17 thu',
      '2025-04-19 fri',
    ]);
    expect(collections[4]).toEqual({
      container: 'fri',
      date: '2025-04-19',
      usualDate: '2025-04-18',
      change: { kind: 'bank-holiday', holidays: [{ date: '2025-04-18', title: { en: 'Good Friday', cy: 'Gwener y Groglith' } }] },
    });
  });

  it('slips every collection in Easter Monday’s week by one day', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-04-07')), '2025-04-21', '2025-04-27');

    expect(summary(collections)).toEqual([
      '2025-04-22 mon',
      '2025-04-23 tue',
      '2025-04-24 wed',
      '2025-04-25 thu',
      '2025-04-26 fri',
    ]);
    expect(collections.map((c) => c.usualDate)).toEqual([
      '2025-04-21',
      '2025-04-22',
      '2025-04-23',
      '2025-04-24',
      '2025-04-25',
    ]);
  });

  it('slips by two days after both Christmas Day and Boxing Day, never landing on Boxing Day', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-12-01')), '2025-12-22', '2025-12-28');

    // Thursday's round cannot run on Boxing Day, so it steps over it to Saturday.
    expect(summary(collections)).toEqual([
      '2025-12-22 mon',
      '2025-12-23 tue',
      '2025-12-24 wed',
      '2025-12-27 thu',
      '2025-12-28 fri',
    ]);
    expect(collections[4].change).toEqual({
      kind: 'bank-holiday',
      holidays: [
        { date: '2025-12-25', title: { en: 'Christmas Day', cy: 'Dydd Nadolig' } },
        { date: '2025-12-26', title: { en: 'Boxing Day', cy: 'Dydd San Steffan' } },
      ],
    });
  });

  it('leaves the days before a bank holiday in its week alone', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-12-01')), '2025-12-22', '2025-12-24');

    expect(collections.every((c) => c.date === c.usualDate && c.change === undefined)).toBe(true);
    expect(collections).toHaveLength(3);
  });

  it('runs across the turn of the year with Boxing Day’s substitute and New Year’s Day in one week', () => {
    const collections = collectionsBetween(input(weekdayRounds('2026-12-07')), '2026-12-28', '2027-01-10');

    // Christmas Day 2026's Friday round slips to Saturday 26 December, outside the range, so it is left out.
    expect(summary(collections)).toEqual([
      '2026-12-29 mon',
      '2026-12-30 tue',
      '2026-12-31 wed',
      '2027-01-02 thu',
      '2027-01-03 fri',
      '2027-01-04 mon',
      '2027-01-05 tue',
      '2027-01-06 wed',
      '2027-01-07 thu',
      '2027-01-08 fri',
    ]);
  });

  it('includes a collection that moves into the range and leaves out one that moves out', () => {
    const rules: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-04-04' }];

    expect(summary(collectionsBetween(input(rules), '2025-04-19', '2025-04-20'))).toEqual(['2025-04-19 refuse']);
    expect(collectionsBetween(input(rules), '2025-04-18', '2025-04-18')).toEqual([]);
  });
});

describe('collectionsBetween: next-day and no-change', () => {
  const mondays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-07-07' }];

  it('moves the first Monday of August 2025 in Scotland but not under England’s list', () => {
    const scotland = collectionsBetween(input(mondays, NEXT_DAY, SCOTLAND), '2025-08-01', '2025-08-31');
    const england = collectionsBetween(input(mondays, NEXT_DAY, ENGLAND_AND_WALES), '2025-08-01', '2025-08-31');

    expect(summary(scotland)).toEqual(['2025-08-05 refuse', '2025-08-11 refuse', '2025-08-18 refuse', '2025-08-25 refuse']);
    expect(scotland[0].change).toEqual({
      kind: 'bank-holiday',
      holidays: [{ date: '2025-08-04', title: { en: 'Summer bank holiday', cy: 'Gŵyl banc yr haf' } }],
    });
    expect(summary(england)).toEqual(['2025-08-04 refuse', '2025-08-11 refuse', '2025-08-18 refuse', '2025-08-26 refuse']);
  });

  it('moves only the collection on the bank holiday, not the rest of the week', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-07-07'), NEXT_DAY, SCOTLAND), '2025-08-04', '2025-08-08');

    expect(summary(collections)).toEqual([
      '2025-08-05 mon',
      '2025-08-05 tue',
      '2025-08-06 wed',
      '2025-08-07 thu',
      '2025-08-08 fri',
    ]);
  });

  it('steps past consecutive bank holidays to the next free day', () => {
    // Scotland, New Year 2026: Thursday 1 and Friday 2 January are both holidays.
    const thursdays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-12-04' }];

    const collections = collectionsBetween(input(thursdays, NEXT_DAY, SCOTLAND), '2025-12-29', '2026-01-04');

    expect(summary(collections)).toEqual(['2026-01-03 refuse']);
    expect(collections[0].change).toMatchObject({
      kind: 'bank-holiday',
      holidays: [{ date: '2026-01-01' }, { date: '2026-01-02' }],
    });
  });

  it('collects on bank holidays as normal under no-change', () => {
    const collections = collectionsBetween(input(weekdayRounds('2025-04-07'), NO_CHANGE), '2025-04-18', '2025-04-21');

    expect(summary(collections)).toEqual(['2025-04-18 fri', '2025-04-21 mon']);
    expect(collections.every((c) => c.change === undefined)).toBe(true);
  });
});

describe('collectionsBetween: council changes', () => {
  const reason = { en: 'Collected early before the Easter weekend', cy: 'Casglu’n gynnar cyn penwythnos y Pasg' };

  it('lets a council’s changed day override the bank-holiday policy', () => {
    const changed: ScheduleInput = {
      ...input(weekdayRounds('2025-04-07')),
      changes: [{ date: '2025-04-18', moveTo: '2025-04-17', reason }],
    };

    const collections = collectionsBetween(changed, '2025-04-14', '2025-04-20');

    expect(summary(collections)).toEqual([
      '2025-04-14 mon',
      '2025-04-15 tue',
      '2025-04-16 wed',
      '2025-04-17 thu',
      '2025-04-17 fri',
    ]);
    expect(collections[4]).toEqual({
      container: 'fri',
      date: '2025-04-17',
      usualDate: '2025-04-18',
      change: { kind: 'council', reason },
    });
  });

  it('moves only the containers a change names', () => {
    const strike = { en: 'Industrial action' };
    const changed: ScheduleInput = {
      ...input([
        { container: 'refuse', everyWeeks: 1, firstDate: '2025-07-02' },
        { container: 'recycling', everyWeeks: 1, firstDate: '2025-07-02' },
      ]),
      changes: [{ date: '2025-07-16', moveTo: '2025-07-17', containers: ['recycling'], reason: strike }],
    };

    const collections = collectionsBetween(changed, '2025-07-14', '2025-07-20');

    expect(summary(collections)).toEqual(['2025-07-16 refuse', '2025-07-17 recycling']);
    expect(collections[0].change).toBeUndefined();
    expect(collections[1].change).toEqual({ kind: 'council', reason: strike });
  });

  it('finds a collection the council moved weeks into the range', () => {
    const changed: ScheduleInput = {
      ...input([{ container: 'glass', everyWeeks: 4, firstDate: '2025-01-08' }]),
      changes: [{ date: '2025-01-08', moveTo: '2025-02-01', reason: { en: 'Postponed because of snow' } }],
    };

    expect(collectionsBetween(changed, '2025-02-01', '2025-02-01')).toEqual([
      { container: 'glass', date: '2025-02-01', usualDate: '2025-01-08', change: { kind: 'council', reason: { en: 'Postponed because of snow' } } },
    ]);
    expect(collectionsBetween(changed, '2025-01-08', '2025-01-08')).toEqual([]);
  });
});

describe('collectionsBetween: clock changes', () => {
  // With the process clock in London, a local-time implementation would lose or repeat a day here.
  let originalTz: string | undefined;
  beforeAll(() => {
    originalTz = process.env.TZ;
    process.env.TZ = 'Europe/London';
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  it('keeps a weekly round on its day through the week the clocks go forward', () => {
    const sundays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-03-02' }];
    const mondays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-03-03' }];

    expect(summary(collectionsBetween(input(sundays), '2025-03-23', '2025-04-06'))).toEqual([
      '2025-03-23 refuse',
      '2025-03-30 refuse',
      '2025-04-06 refuse',
    ]);
    expect(summary(collectionsBetween(input(mondays), '2025-03-24', '2025-04-13'))).toEqual([
      '2025-03-24 refuse',
      '2025-03-31 refuse',
      '2025-04-07 refuse',
    ]);
  });

  it('keeps a fortnightly round on its day through the week the clocks go back', () => {
    const rules: CollectionRule[] = [{ container: 'recycling', everyWeeks: 2, firstDate: '2025-10-13' }];

    expect(summary(collectionsBetween(input(rules), '2025-10-13', '2025-11-24'))).toEqual([
      '2025-10-13 recycling',
      '2025-10-27 recycling',
      '2025-11-10 recycling',
      '2025-11-24 recycling',
    ]);
  });
});

describe('missedReportEligibility', () => {
  const tuesdays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-06-03' }];
  const eligibility = (rules: CollectionRule[], today: string, windowWorkingDays = 2, container = 'refuse') =>
    missedReportEligibility({ ...input(rules), container, today, windowWorkingDays });

  it('allows a report on the collection day', () => {
    const result = eligibility(tuesdays, '2025-06-10');

    expect(result).toEqual({
      allowed: true,
      collection: { container: 'refuse', date: '2025-06-10', usualDate: '2025-06-10' },
      deadline: '2025-06-12',
    });
  });

  it('allows a report on the deadline', () => {
    const result = eligibility(tuesdays, '2025-06-12');

    expect(result).toMatchObject({ allowed: true, collection: { date: '2025-06-10' }, deadline: '2025-06-12' });
  });

  it('closes the window the day after the deadline', () => {
    const result = eligibility(tuesdays, '2025-06-13');

    expect(result).toEqual({
      allowed: false,
      reason: 'window-closed',
      lastCollection: { container: 'refuse', date: '2025-06-10', usualDate: '2025-06-10' },
      deadline: '2025-06-12',
    });
  });

  it('stretches the window over a weekend and a bank holiday', () => {
    // Friday 2 May 2025; Monday 5 May is the early May bank holiday, so two working days run to Wednesday.
    const fridays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-05-02' }];

    expect(eligibility(fridays, '2025-05-07')).toMatchObject({ allowed: true, deadline: '2025-05-07' });
    expect(eligibility(fridays, '2025-05-08')).toMatchObject({
      allowed: false,
      reason: 'window-closed',
      lastCollection: { date: '2025-05-02' },
      deadline: '2025-05-07',
    });
  });

  it('counts the window from the actual date of a collection moved by a bank holiday', () => {
    // Easter Monday's round runs on Tuesday 22 April; one working day after that is Wednesday 23.
    const mondays: CollectionRule[] = [{ container: 'refuse', everyWeeks: 1, firstDate: '2025-04-07' }];

    expect(eligibility(mondays, '2025-04-21', 1)).toMatchObject({
      allowed: false,
      reason: 'window-closed',
      lastCollection: { date: '2025-04-14' },
    });
    expect(eligibility(mondays, '2025-04-23', 1)).toMatchObject({
      allowed: true,
      collection: { date: '2025-04-22', usualDate: '2025-04-21', change: { kind: 'bank-holiday' } },
      deadline: '2025-04-23',
    });
    expect(eligibility(mondays, '2025-04-24', 1)).toMatchObject({ allowed: false, reason: 'window-closed', deadline: '2025-04-23' });
  });

  it('reports not-yet-collected when the container has had no collection', () => {
    const result = eligibility(tuesdays, '2025-06-10', 2, 'garden');

    expect(result).toEqual({ allowed: false, reason: 'not-yet-collected' });
  });

  it('judges only the container asked about', () => {
    const rules: CollectionRule[] = [
      { container: 'refuse', everyWeeks: 2, firstDate: '2025-06-03' },
      { container: 'recycling', everyWeeks: 2, firstDate: '2025-06-10' },
    ];

    expect(eligibility(rules, '2025-06-11', 2, 'recycling')).toMatchObject({ allowed: true, collection: { container: 'recycling', date: '2025-06-10' } });
    expect(eligibility(rules, '2025-06-11', 2, 'refuse')).toMatchObject({ allowed: false, reason: 'window-closed', lastCollection: { date: '2025-06-03' } });
  });
});
