import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { lazyRoutes } from '../../core/http/lazy-routes.ts';
import { noStoreUnlessCached } from '../../core/http/no-store.ts';
import { binsJourney } from './journey.ts';
import { addressStep } from './steps/address.tsx';
import { calendarFeed } from './steps/calendar.ts';
import { postcodeStep } from './steps/postcode.tsx';
import { propertyPage } from './steps/property.tsx';

/** The bins service: find your collection day, subscribe to it, report a missed collection. */
export function binsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const journey = binsJourney(council, deps);
  const app = new Hono<AppEnv>();
  // Pages here show an address, a household's collections or a report's answers: no cache keeps
  // them (a shared computer's back button, a proxy). The calendar feed sets its own caching.
  app.use(noStoreUnlessCached);
  // Finding your bin day is what most residents come for: those pages load at start.
  for (const step of [postcodeStep, addressStep, propertyPage, calendarFeed]) {
    app.route('/', step(journey));
  }
  // Whatever they do not answer goes to the missed-collection pages, loaded on their first request
  // with the same journey (its address look-ups and their limit are shared).
  app.route('/', lazyRoutes('bins', council, () => import('./missed-routes.tsx').then((m) => m.missedCollectionRoutes(journey))));
  return app;
}
