import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { noStoreUnlessCached } from '../../core/http/no-store.ts';
import { binsJourney } from './journey.ts';
import { addressStep } from './steps/address.tsx';
import { calendarFeed } from './steps/calendar.ts';
import { missedConfirmationPage } from './steps/missed-confirmation.tsx';
import { missedContainerStep } from './steps/missed-container.tsx';
import { missedReportSteps } from './steps/missed-report.tsx';
import { postcodeStep } from './steps/postcode.tsx';
import { propertyPage } from './steps/property.tsx';

export { MAX_DETAILS_LENGTH } from './steps/missed-report.tsx';

/** The bins service: find your collection day, subscribe to it, report a missed collection. */
export function binsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const journey = binsJourney(council, deps);
  const app = new Hono<AppEnv>();
  // Pages here show an address, a household's collections or a report's answers: no cache keeps
  // them (a shared computer's back button, a proxy). The calendar feed sets its own caching.
  app.use(noStoreUnlessCached);
  for (const step of [postcodeStep, addressStep, propertyPage, calendarFeed, missedContainerStep, missedReportSteps, missedConfirmationPage]) {
    app.route('/', step(journey));
  }
  return app;
}
