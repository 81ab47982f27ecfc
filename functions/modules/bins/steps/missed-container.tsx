import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import { addressLine, type Property } from '../../../core/address/address-lookup.ts';
import { localise } from '../../../core/localised-text.ts';
import { Button, Radios } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import { propertyContainers } from '../collections.ts';
import type { BinsJourney } from '../journey.ts';

/** Report a missed collection: which container. */
export function missedContainerStep(journey: BinsJourney): Hono<AppEnv> {
  const { bins, lookUpProperty, findContainer } = journey;
  const app = new Hono<AppEnv>();

  function containerChoicePage(c: AppContext, property: Property, error?: string) {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    return render(
      c,
      <Page c={c} title={t('bins.report.container.title')} errors={error ? { container: error } : {}} backLink={paths.href(`/bins/property/${property.uprn}`)}>
        <span class="govuk-caption-l">{addressLine(property)}</span>
        <form method="get" action={paths.href(`/bins/property/${property.uprn}/report`)} novalidate>
          <input type="hidden" name="choose" value="1" />
          <Radios
            id="container"
            name="container"
            legend={t('bins.report.container.title')}
            isPageHeading
            hint={t('bins.report.container.hint')}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            items={propertyContainers(bins, property).map((k) => ({ value: k.id, text: localise(k.name, lang), hint: localise(k.contents, lang) }))}
          />
          <Button text={t('common.continue')} />
        </form>
      </Page>,
      error ? 400 : 200,
    );
  }

  app.get('/property/:uprn/report', async (c) => {
    const property = await lookUpProperty(c, c.req.param('uprn'));
    const chosen = c.req.query('container');
    if (chosen && findContainer(property, chosen)) {
      return c.redirect(c.get('paths').href(`/bins/property/${property.uprn}/report/${chosen}`), 303);
    }
    const submitted = c.req.query('choose') !== undefined;
    return containerChoicePage(c, property, submitted ? c.get('t')('bins.report.container.errorRequired') : undefined);
  });

  return app;
}
