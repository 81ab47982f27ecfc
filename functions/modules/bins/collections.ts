import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Property } from '../../core/address/address-lookup.ts';
import { bankHolidays, divisionFor } from '../../core/calendar/bank-holidays.ts';
import { addDays, type IsoDate } from '../../core/calendar/dates.ts';
import type { BinsConfig, Container } from './config.ts';
import {
  collectionsBetween,
  missedReportEligibility,
  type ReportEligibility,
  type ScheduledCollection,
  type ScheduleInput,
} from './schedule.ts';

/** The containers a property has: its round's, less subscription ones it does not pay for. */
export function propertyContainers(bins: BinsConfig, property: Property): Container[] {
  const round = bins.rounds.find((r) => r.id === property.round);
  if (!round) return [];
  const onRound = new Set(round.collections.map((r) => r.container));
  return bins.containers.filter((c) => onRound.has(c.id) && (!c.subscription || property.subscriptions.includes(c.id)));
}

/** The schedule for one property, ready for the engine. */
export function scheduleFor(council: CouncilConfig, bins: BinsConfig, property: Property): ScheduleInput {
  const round = bins.rounds.find((r) => r.id === property.round);
  const containers = new Set(propertyContainers(bins, property).map((c) => c.id));
  return {
    rules: (round?.collections ?? []).filter((r) => containers.has(r.container)),
    policy: bins.bankHolidays,
    bankHolidays: bankHolidays(divisionFor(council.nation)),
    changes: bins.changedCollections,
  };
}

export interface CollectionDay {
  date: IsoDate;
  collections: ScheduledCollection[];
}

/**
 * Collections from today for the council's look-ahead, grouped by day. The answer depends only on
 * the council's rules, the day, the property's round and its subscriptions, so it is kept for the
 * rest of the day and shared by every property on the same round: the bin-day page is served from
 * this instead of running the schedule engine on every view. Callers must not change what it returns.
 */
export function upcomingCollectionDays(council: CouncilConfig, bins: BinsConfig, property: Property, today: IsoDate, weeks = bins.lookAheadWeeks): readonly CollectionDay[] {
  let cache = dayCaches.get(bins);
  if (cache?.today !== today) {
    cache = { today, council, entries: new Map() };
    dayCaches.set(bins, cache);
  }
  const key = `${weeks}|${property.round ?? ''}|${[...property.subscriptions].sort().join(',')}`;
  let days = cache.council === council ? cache.entries.get(key) : undefined;
  if (!days) {
    days = computeCollectionDays(council, bins, property, today, weeks);
    // Rounds × subscription mixes are few; the cap only guards against a config that has many.
    if (cache.entries.size >= MAX_CACHED_SCHEDULES) cache.entries.clear();
    if (cache.council === council) cache.entries.set(key, days);
  }
  return days;
}

const MAX_CACHED_SCHEDULES = 1000;
/** Per council bins config (its rules never change while the app runs), the schedules of one day. */
const dayCaches = new WeakMap<BinsConfig, { today: IsoDate; council: CouncilConfig; entries: Map<string, readonly CollectionDay[]> }>();

function computeCollectionDays(council: CouncilConfig, bins: BinsConfig, property: Property, today: IsoDate, weeks: number): readonly CollectionDay[] {
  const collections = collectionsBetween(scheduleFor(council, bins, property), today, addDays(today, weeks * 7 - 1));
  const days: CollectionDay[] = [];
  for (const c of collections) {
    const last = days.at(-1);
    if (last?.date === c.date) last.collections.push(c);
    else days.push({ date: c.date, collections: [c] });
  }
  return Object.freeze(days.map((d) => Object.freeze({ date: d.date, collections: Object.freeze(d.collections.map((c) => Object.freeze(c))) as ScheduledCollection[] })));
}

/** The next collection of one container after today, if any in the next six weeks. */
export function nextCollection(council: CouncilConfig, bins: BinsConfig, property: Property, container: string, today: IsoDate): ScheduledCollection | undefined {
  return collectionsBetween(scheduleFor(council, bins, property), addDays(today, 1), addDays(today, 42)).find((c) => c.container === container);
}

/** Whether a missed collection of this container may be reported today. */
export function reportEligibility(council: CouncilConfig, bins: BinsConfig, property: Property, container: string, today: IsoDate): ReportEligibility {
  return missedReportEligibility({
    ...scheduleFor(council, bins, property),
    container,
    today,
    windowWorkingDays: bins.missedCollections.windowWorkingDays,
  });
}
