import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { noStoreUnlessCached } from '../../core/http/no-store.ts';
import { StoreUnavailableError } from '../../core/store/store.ts';
import { Page, render } from '../../../web/layout.tsx';
import { reportJourney, SERVICE } from './journey.tsx';
import { categoryStep } from './steps/category.tsx';
import { checkStep } from './steps/check.tsx';
import { confirmationPage } from './steps/confirmation.tsx';
import { contactStep } from './steps/contact.tsx';
import { descriptionStep } from './steps/description.tsx';
import { groupStep } from './steps/group.tsx';
import { locationCoordinatesStep } from './steps/location-coordinates.tsx';
import { locationPostcodeStep } from './steps/location-postcode.tsx';
import { locationStreetStep } from './steps/location-street.tsx';
import { locationStep } from './steps/location.tsx';
import { noticeStep } from './steps/notice.tsx';
import { photoStep } from './steps/photo.tsx';
import { photosRoute } from './steps/photos.tsx';
import { questionsStep } from './steps/questions.tsx';
import { trackPage } from './steps/track.tsx';

/** The report-a-problem journey, and tracking a report by its reference: one file per step. */
export function reportRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const journey = reportJourney(council, deps);
  const app = new Hono<AppEnv>();
  // The steps, the check page, the confirmation and tracking show a resident's answers or a report's
  // details: no cache keeps them. Photos set their own (public) caching.
  app.use(noStoreUnlessCached);

  // The answers so far live in the draft, in the store: when it cannot be reached, say they are safe.
  app.use('/d/*', async (c, next) => {
    await next();
    if (!(c.error instanceof StoreUnavailableError)) return;
    c.get('log').error('store unavailable during a report', { module: SERVICE });
    const t = c.get('t');
    c.res = await render(
      c,
      <Page c={c} title={t('error.unavailable.title')}>
        <h1 class="govuk-heading-l">{t('error.unavailable.title')}</h1>
        <p class="govuk-body">{t('report.unavailable')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href(c.req.path.replace(/^\/cy(?=\/)/, ''))}>
            {t('report.tryAgain')}
          </a>
        </p>
      </Page>,
      503,
    );
  });

  for (const step of [
    groupStep,
    categoryStep,
    noticeStep,
    questionsStep,
    locationStep,
    locationPostcodeStep,
    locationStreetStep,
    locationCoordinatesStep,
    descriptionStep,
    photoStep,
    contactStep,
    checkStep,
    confirmationPage,
    trackPage,
    photosRoute,
  ]) {
    app.route('/', step(journey));
  }
  return app;
}
