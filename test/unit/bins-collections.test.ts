import { describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import type { Property } from '../../functions/core/address/address-lookup.ts';
import { addDays } from '../../functions/core/calendar/dates.ts';
import { scheduleFor, upcomingCollectionDays } from '../../functions/modules/bins/collections.ts';
import { binsConfigSchema, type BinsConfig } from '../../functions/modules/bins/config.ts';
import { collectionsBetween } from '../../functions/modules/bins/schedule.ts';

// upcomingCollectionDays keeps each day's answer per round and subscriptions (the bin-day page is
// served from it); these check a kept answer is only ever handed to a property it is right for.

const council = { id: 'testshire', nation: 'england' } as CouncilConfig;

function binsConfig(): BinsConfig {
  return binsConfigSchema.parse({
    containers: [
      { id: 'refuse', name: { en: 'Refuse' }, contents: { en: 'General waste' } },
      { id: 'garden', name: { en: 'Garden' }, contents: { en: 'Garden waste' }, subscription: true },
    ],
    rounds: [
      {
        id: 'monday',
        collections: [
          { container: 'refuse', everyWeeks: 1, firstDate: '2026-01-05' },
          { container: 'garden', everyWeeks: 2, firstDate: '2026-01-05' },
        ],
      },
      { id: 'thursday', collections: [{ container: 'refuse', everyWeeks: 1, firstDate: '2026-01-08' }] },
    ],
    bankHolidays: { policy: 'slip-rest-of-week' },
    missedCollections: { whatHappensNext: { en: 'We will come back.' } },
  });
}

const property = (uprn: string, round: string, subscriptions: string[] = []): Property => ({
  uprn,
  lines: [`${uprn} High Street`],
  postcode: 'AB1 2CD',
  round,
  subscriptions,
});

/** What the schedule engine says, worked out afresh, as "date container" lines. */
function fresh(bins: BinsConfig, p: Property, today: string): string[] {
  const to = addDays(today, bins.lookAheadWeeks * 7 - 1);
  return collectionsBetween(scheduleFor(council, bins, p), today, to).map((c) => `${c.date} ${c.container}`);
}

const lines = (days: ReturnType<typeof upcomingCollectionDays>) => days.flatMap((d) => d.collections.map((c) => `${c.date} ${c.container}`));

describe('upcomingCollectionDays', () => {
  it('gives a property on another round its own collections, not those of the round asked for before', () => {
    const bins = binsConfig();
    const today = '2026-03-02';

    const monday = upcomingCollectionDays(council, bins, property('1', 'monday'), today);
    const thursday = upcomingCollectionDays(council, bins, property('2', 'thursday'), today);

    expect(lines(monday)).toEqual(fresh(bins, property('1', 'monday'), today));
    expect(lines(thursday)).toEqual(fresh(bins, property('2', 'thursday'), today));
    expect(lines(thursday)[0]).toBe('2026-03-05 refuse');
  });

  it('shows a garden-waste subscriber its garden collections and a neighbour without one none', () => {
    const bins = binsConfig();
    const today = '2026-03-02';

    const subscriber = upcomingCollectionDays(council, bins, property('1', 'monday', ['garden']), today);
    const neighbour = upcomingCollectionDays(council, bins, property('2', 'monday'), today);

    expect(lines(subscriber)).toContain('2026-03-02 garden');
    expect(lines(neighbour).some((l) => l.endsWith('garden'))).toBe(false);
    expect(lines(neighbour)).toEqual(fresh(bins, property('2', 'monday'), today));
  });

  it('starts from the new day once the date has changed', () => {
    const bins = binsConfig();
    const p = property('1', 'monday');

    upcomingCollectionDays(council, bins, p, '2026-03-02');
    const tuesday = upcomingCollectionDays(council, bins, p, '2026-03-03');

    expect(tuesday[0].date).toBe('2026-03-09');
    expect(lines(tuesday)).toEqual(fresh(bins, p, '2026-03-03'));
  });

  it('keeps the look-ahead asked for apart from the default one', () => {
    const bins = binsConfig();
    const p = property('1', 'thursday');

    const page = upcomingCollectionDays(council, bins, p, '2026-03-02');
    const year = upcomingCollectionDays(council, bins, p, '2026-03-02', 52);

    expect(page).toHaveLength(bins.lookAheadWeeks);
    expect(year).toHaveLength(52);
  });

  it('hands back days a caller cannot change, so one page cannot alter the next', () => {
    const bins = binsConfig();
    const p = property('1', 'monday');
    const days = upcomingCollectionDays(council, bins, p, '2026-03-02');

    expect(() => (days as unknown[]).push({})).toThrow(TypeError);
    expect(() => (days[0].collections as unknown[]).pop()).toThrow(TypeError);
    expect(lines(upcomingCollectionDays(council, bins, p, '2026-03-02'))).toEqual(fresh(bins, p, '2026-03-02'));
  });
});
