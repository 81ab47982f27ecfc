/**
 * Whether the bank-holiday data reaches as far as each bins council's pages look. Past its end the
 * schedule would quietly treat every day as ordinary, so a collection on Christmas Day would show
 * as usual.
 */
import { BANK_HOLIDAY_YEARS, bankHolidayCoverage } from '../core/calendar/bank-holidays.ts';
import { addDays, todayIn } from '../core/calendar/dates.ts';
import type { CouncilConfig } from './council-schema.ts';
import type { CouncilProblem } from './cross-council-checks.ts';

// How far the bins module looks from today (functions/modules/bins): the calendar feed a year
// ahead (52 weeks, routes.tsx), the page lookAheadWeeks, the next collection and a missed
// collection's look-ahead six weeks (collections.ts, schedule.ts). Back: a missed collection's six
// weeks plus the schedule's 14-day margin for holiday moves.
const CALENDAR_FEED_DAYS = 52 * 7;
const NEXT_COLLECTION_DAYS = 42;
const LOOK_BACK_DAYS = 42 + 14;

const SOURCE = 'functions/core/calendar/bank-holidays.ts';

/** The days from which to which a bins council's pages and feed need bank holidays, seen at `now`. */
export function binsHorizon(council: CouncilConfig, now: Date): { from: string; to: string } | undefined {
  const bins = council.services.bins;
  if (!bins) return undefined;
  const today = todayIn(now);
  const ahead = Math.max(CALENDAR_FEED_DAYS, bins.lookAheadWeeks * 7, NEXT_COLLECTION_DAYS + 1);
  return { from: addDays(today, -LOOK_BACK_DAYS), to: addDays(today, ahead - 1) };
}

export interface BankHolidayCheck {
  /** Councils whose bin pages reach past the data: `ldf council check` fails, the local host warns. */
  problems: CouncilProblem[];
  /** Councils whose pages reach years computed from the rules but not confirmed by GOV.UK's list. */
  notes: CouncilProblem[];
}

/**
 * Checks each bins council's horizon at `now` against the bank-holiday data.
 *
 * @example
 * checkBankHolidays(councils, new Date('2028-06-01T09:00:00Z')).problems
 * // [{ council: 'hackney', path: 'services.bins', message: 'the bank-holiday data … ends on 2028-12-31 …' }]
 */
export function checkBankHolidays(councils: readonly CouncilConfig[], now: Date): BankHolidayCheck {
  const problems: CouncilProblem[] = [];
  const notes: CouncilProblem[] = [];
  for (const council of councils) {
    const horizon = binsHorizon(council, now);
    if (!horizon) continue;
    const coverage = bankHolidayCoverage(horizon.from, horizon.to);
    if (!coverage.covered) {
      const missing = horizon.to > coverage.lastDay ? `to ${horizon.to}, but it ends on ${coverage.lastDay}` : `from ${horizon.from}, but it starts on ${coverage.firstDay}`;
      const next = BANK_HOLIDAY_YEARS.last + 1;
      problems.push({
        council: council.id,
        path: 'services.bins',
        message:
          `the bank-holiday data (${SOURCE}) must cover this council’s bin pages and calendar feed ${missing}: ` +
          (horizon.to > coverage.lastDay ? `add ${next} from GOV.UK’s list (https://www.gov.uk/bank-holidays.json)` : 'is the clock right?'),
      });
    }
    if (coverage.unconfirmedYears.length > 0) {
      const years = coverage.unconfirmedYears.join(', ');
      notes.push({
        council: council.id,
        path: 'services.bins',
        message: `bank holidays for ${years}, which this council’s bin pages and calendar feed reach, are computed from the statutory rules and not yet confirmed by GOV.UK’s published list (${SOURCE})`,
      });
    }
  }
  return { problems, notes };
}
