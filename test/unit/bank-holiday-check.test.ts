import { describe, expect, it } from 'vitest';
import { binsHorizon, checkBankHolidays } from '../../functions/config/bank-holiday-check.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';

const councils: CouncilConfig[] = await loadCouncils();
const hackney = councils.find((c) => c.id === 'hackney')!;
const bins = councils.filter((c) => c.services.bins).map((c) => c.id);

describe('whether the bank-holiday data covers the bin pages', () => {
  it('looks as far ahead as the calendar feed (a year), and back over a missed collection’s window', () => {
    expect(binsHorizon(hackney, new Date('2026-12-01T09:00:00Z'))).toEqual({ from: '2026-10-06', to: '2027-11-29' });
  });

  it('passes while the data reaches a year ahead, with nothing to note before the computed year', () => {
    const check = checkBankHolidays(councils, new Date('2026-12-01T09:00:00Z'));

    expect(check).toEqual({ problems: [], notes: [] });
  });

  it('notes that 2028 is computed from the rules, not confirmed by GOV.UK, once the pages reach it', () => {
    const check = checkBankHolidays(councils, new Date('2027-03-01T09:00:00Z'));

    expect(check.problems).toEqual([]);
    expect(check.notes.map((n) => n.council)).toEqual(bins);
    expect(check.notes[0]).toMatchObject({
      path: 'services.bins',
      message: expect.stringContaining('bank holidays for 2028, which this council’s bin pages and calendar feed reach, are computed from the statutory rules and not yet confirmed by GOV.UK’s published list'),
    });
  });

  it('fails every bins council once the pages reach past the last year of data', () => {
    const check = checkBankHolidays(councils, new Date('2028-01-10T09:00:00Z'));

    expect(check.problems.map((p) => p.council)).toEqual(bins);
    expect(check.problems.find((p) => p.council === 'hackney')).toEqual({
      council: 'hackney',
      path: 'services.bins',
      message:
        'the bank-holiday data (functions/core/calendar/bank-holidays.ts) must cover this council’s bin pages and calendar feed to 2029-01-07, but it ends on 2028-12-31: add 2029 from GOV.UK’s list (https://www.gov.uk/bank-holidays.json)',
    });
  });

  it('ignores councils without the bins service', () => {
    const noBins = { ...hackney, services: {} } as CouncilConfig;

    expect(checkBankHolidays([noBins], new Date('2030-01-01T09:00:00Z'))).toEqual({ problems: [], notes: [] });
  });
});
