import { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.ts';
import type { BinsJourney } from './journey.ts';
import { missedConfirmationPage } from './steps/missed-confirmation.tsx';
import { missedContainerStep } from './steps/missed-container.tsx';
import { missedReportSteps } from './steps/missed-report.tsx';

export { MAX_DETAILS_LENGTH } from './steps/missed-report.tsx';

/**
 * Reporting a missed collection: which container, the details and check, the confirmation. Loaded
 * on the first request for one of them (routes.tsx), so the bin-day page's cold start never
 * evaluates the case store, notifications or the assisted-digital stamp.
 */
export function missedCollectionRoutes(journey: BinsJourney): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const step of [missedContainerStep, missedReportSteps, missedConfirmationPage]) {
    app.route('/', step(journey));
  }
  return app;
}
