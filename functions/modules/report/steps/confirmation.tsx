import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { Panel } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import { type ReportJourney, SERVICE } from '../journey.tsx';

/** The confirmation, with the reference. */
export function confirmationPage(journey: ReportJourney): Hono<AppEnv> {
  const { deps, config, categories, text } = journey;
  const app = new Hono<AppEnv>();

  // 10. Confirmation
  app.get('/done/:reference', async (c) => {
    const t = c.get('t');
    const reference = normaliseReference(c.req.param('reference'));
    // The case store loads with the first report looked up, not on a report page's cold start.
    const found = reference ? await (await import('../../../core/cases/case-store.ts')).getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || found.service !== SERVICE) throw httpErrors.notFound('Unknown report');
    const category = categories.get(found.type)?.category;
    return render(
      c,
      <Page c={c} title={t('report.done.title')}>
        <Panel title={t('report.done.title')}>
          {t('common.confirmation.reference')}
          <br />
          <strong>{found.reference}</strong>
        </Panel>
        <p class="govuk-body">{t('report.done.emailSent')}</p>
        <h2 class="govuk-heading-m">{t('common.confirmation.nextHeading')}</h2>
        {category && <p class="govuk-body">{text(c, category.responseTime)}</p>}
        <p class="govuk-body">{text(c, config.whatHappensNext)}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href(`/report/track?reference=${found.reference}`)}>
            {t('report.done.track')}
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/report')}>
            {t('report.done.another')}
          </a>
        </p>
      </Page>,
    );
  });

  return app;
}
