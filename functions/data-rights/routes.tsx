import { Hono } from 'hono';
import type { CouncilConfig } from '../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../core/http/env.ts';
import { noStoreUnlessCached } from '../core/http/no-store.ts';
import type { DataRightsJourney } from './journey.tsx';
import { codeStep } from './steps/code.tsx';
import { deleteStep } from './steps/delete.tsx';
import { downloadStep } from './steps/download.tsx';
import { mediaStep } from './steps/media.tsx';
import { requestStep } from './steps/request.tsx';
import { requestsStep } from './steps/requests.tsx';
import { signOutStep } from './steps/sign-out.tsx';
import { startStep } from './steps/start.tsx';

/**
 * "Your requests and your data" (at /your-data): a resident proves an email address with a code,
 * then, for a short session in that browser, sees every request that address made at this council,
 * downloads it, and may ask for it to be deleted. Loaded on its first request (app.ts, lazyRoutes),
 * never on a resident's cold start. One file per page, as modules have.
 *
 * @example
 * lazyRoutes('your-data', council, () => import('./data-rights/routes.tsx').then((m) => m.dataRightsRoutes(council, deps)));
 */
export function dataRightsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const journey: DataRightsJourney = { council, deps };
  const app = new Hono<AppEnv>({ strict: false });
  // Every page shows an email address or a resident's requests: no cache keeps them (the schema sets its own).
  app.use(noStoreUnlessCached);
  for (const step of [startStep, codeStep, requestsStep, requestStep, downloadStep, mediaStep, deleteStep, signOutStep]) app.route('/', step(journey));
  return app;
}
