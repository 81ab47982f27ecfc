import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { noStoreUnlessCached } from '../../core/http/no-store.ts';
import { StoreUnavailableError } from '../../core/store/store.ts';
import { Page, render } from '../../../web/layout.tsx';
import { formsJourney, SERVICE } from './journey.tsx';
import { saveReturnRoutes } from './save-return/save-routes.tsx';
import { checkAnswersStep } from './steps/check-answers.tsx';
import { confirmationStep } from './steps/confirmation.tsx';
import { exitStep } from './steps/exit.tsx';
import { indexStep } from './steps/index.tsx';
import { questionStep } from './steps/question.tsx';
import { startStep } from './steps/start.tsx';

/** The index of adopted forms at /forms, and every adopted form's pages, at /forms/<form-id>/…: one file per step. */
export function formsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const journey = formsJourney(council, deps);
  const app = new Hono<AppEnv>();
  // Question pages, check answers and the confirmation show a resident's answers: no cache keeps them.
  app.use(noStoreUnlessCached);

  // The answers so far live in the draft, in the store: when it cannot be reached, say they are safe.
  app.use('/:formId/d/*', async (c, next) => {
    await journey.loadOptionSources();
    await next();
    if (!(c.error instanceof StoreUnavailableError)) return;
    c.get('log').error('store unavailable during a form', { module: SERVICE });
    const t = c.get('t');
    c.res = await render(
      c,
      <Page c={c} title={t('error.unavailable.title')}>
        <h1 class="govuk-heading-l">{t('error.unavailable.title')}</h1>
        <p class="govuk-body">{t('forms.journey.unavailable')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href(c.req.path.replace(/^\/cy(?=\/)/, ''))}>
            {t('forms.journey.tryAgain')}
          </a>
        </p>
      </Page>,
      503,
    );
  });

  // The fixed parts of a draft's address (check-answers, exit/…, save) before `/:pageId`, which takes any.
  for (const step of [indexStep, startStep, confirmationStep, checkAnswersStep, exitStep, saveReturnRoutes, questionStep]) {
    app.route('/', step(journey));
  }
  return app;
}
