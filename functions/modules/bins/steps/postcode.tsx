import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import { Button, Input, type Errors } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import type { BinsJourney } from '../journey.ts';

/** The postcode form; also shown again, with its error, by the addresses page. */
export function postcodePage(journey: BinsJourney, c: AppContext, value: string, error?: string, status: 200 | 400 | 429 = 200) {
const { firstPostcode } = journey;
  const t = c.get('t');
  const errors: Errors = error ? { postcode: error } : {};
  return render(
    c,
    <Page c={c} title={t('bins.postcode.title')} errors={errors} backLink={c.get('paths').href('/')}>
      <form method="get" action={c.get('paths').href('/bins/addresses')} novalidate>
        <span class="govuk-caption-l">{t('bins.serviceName')}</span>
        <Input
          id="postcode"
          name="postcode"
          label={t('bins.postcode.label')}
          isPageHeading
          hint={t('common.postcode.hint', { example: firstPostcode })}
          error={error}
          errorPrefix={t('common.errorPrefix')}
          value={value}
          autocomplete="postal-code"
          spellcheck={false}
          classes="govuk-input--width-10"
        />
        <Button text={t('common.postcode.button')} />
      </form>
    </Page>,
    status,
  );
}

/** Find your bin day: the postcode. */
export function postcodeStep(journey: BinsJourney): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => postcodePage(journey, c, ''));
  return app;
}
