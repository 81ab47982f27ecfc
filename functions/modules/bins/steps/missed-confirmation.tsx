import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { getCase, type StoredCase } from '../../../core/cases/case-store.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n.ts';
import { localise } from '../../../core/localised-text.ts';
import { Panel } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import type { BinsJourney } from '../journey.ts';

/** The confirmation of a missed-collection report, or of its earlier duplicate. */
export function missedConfirmationPage(journey: BinsJourney): Hono<AppEnv> {
  const { deps, bins } = journey;
  const app = new Hono<AppEnv>();

  app.get('/report/:reference', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    const reference = normaliseReference(c.req.param('reference'));
    const found: StoredCase | undefined = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || found.service !== 'bins') throw httpErrors.notFound('Unknown report');
    const container = bins.containers.find((k) => k.id === found.details.container);
    const name = container ? localise(container.name, lang) : found.details.container;
    const backToBins = (
      <p class="govuk-body">
        <a class="govuk-link" href={paths.href(`/bins/property/${found.details.uprn}`)}>
          {t('bins.report.confirmation.backToBins')}
        </a>
      </p>
    );
    if (c.req.query('duplicate') !== undefined) {
      return render(
        c,
        <Page c={c} title={t('bins.report.duplicate.title')}>
          <h1 class="govuk-heading-l">{t('bins.report.duplicate.title')}</h1>
          <p class="govuk-body">{t('bins.report.duplicate.body', { container: name, date: formatDate(found.details.collectionDate, lang) })}</p>
          <div class="govuk-panel govuk-panel--confirmation">
            <h2 class="govuk-panel__title govuk-!-font-size-27">{t('bins.report.duplicate.reference')}</h2>
            <div class="govuk-panel__body">
              <strong>{found.reference}</strong>
            </div>
          </div>
          <h2 class="govuk-heading-m">{t('common.confirmation.nextHeading')}</h2>
          <p class="govuk-body">{localise(bins.missedCollections.whatHappensNext, lang)}</p>
          {backToBins}
        </Page>,
      );
    }
    return render(
      c,
      <Page c={c} title={t('bins.report.confirmation.title')}>
        <Panel title={t('bins.report.confirmation.title')}>
          {t('common.confirmation.reference')}
          <br />
          <strong>{found.reference}</strong>
        </Panel>
        <p class="govuk-body">{t('bins.report.confirmation.emailSent')}</p>
        <h2 class="govuk-heading-m">{t('common.confirmation.nextHeading')}</h2>
        <p class="govuk-body">{localise(bins.missedCollections.whatHappensNext, lang)}</p>
        {backToBins}
      </Page>,
    );
  });

  return app;
}
