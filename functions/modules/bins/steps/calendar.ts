import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import type { EventAttributes } from 'ics';
import { localise } from '../../../core/localised-text.ts';
import { propertyContainers, upcomingCollectionDays } from '../collections.ts';
import type { BinsJourney } from '../journey.ts';
import { packageExports } from '../../../core/load-package.ts';

/** A property's collections as an iCalendar feed, a year ahead. */
export function calendarFeed(journey: BinsJourney): Hono<AppEnv> {
  const { council, deps, bins, today, councilName, findProperty, changeNote } = journey;
  const app = new Hono<AppEnv>();

  app.get('/property/:uprn/calendar.ics', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const property = await findProperty(c.req.param('uprn'));
    const byId = new Map(propertyContainers(bins, property).map((k) => [k.id, k]));
    // A year ahead: calendar apps refresh the feed, so later changes still reach them.
    const days = upcomingCollectionDays(council, bins, property, today(), 52);
    const stamp = deps.clock();
    const events: EventAttributes[] = days.flatMap((day) =>
      day.collections.map((col) => {
        const [y, m, d] = col.date.split('-').map(Number);
        const end = new Date(Date.UTC(y, m - 1, d + 1));
        const container = byId.get(col.container);
        const note = changeNote(c, col);
        return {
          uid: `${property.uprn}-${col.container}-${col.usualDate}@${council.id}.bins.ldf`,
          title: t('bins.calendar.eventSummary', { name: container ? localise(container.name, lang) : col.container }),
          description: [container ? localise(container.contents, lang) : '', note ?? ''].filter(Boolean).join('. '),
          start: [y, m, d],
          end: [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()],
          // DTSTAMP from our clock, so feeds are reproducible (ics accepts it; its types omit it).
          timestamp: stamp.getTime(),
          transp: 'TRANSPARENT',
        } as EventAttributes;
      }),
    );
    // Loaded on demand: only calendar requests need it, so it stays out of the cold start.
    const { createEvents } = packageExports(await import('ics'));
    const { error, value } = createEvents(events, {
      productId: '-//Local Digital Factory//Bins//EN',
      method: 'PUBLISH',
      calName: t('bins.calendar.name', { council: councilName(c) }),
    });
    if (error || !value) throw error ?? new Error('Calendar could not be built');
    return c.body(value, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="bin-collections-${property.uprn}.ics"`,
      'Cache-Control': 'public, max-age=3600',
    });
  });

  return app;
}
