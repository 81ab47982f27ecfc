import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { normalisePostcode } from '../../../core/address/address-lookup.ts';
import { Button, Radios } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import { postcodePage } from './postcode.tsx';
import type { BinsJourney } from '../journey.ts';

/** The addresses at the postcode, one to choose. */
export function addressStep(journey: BinsJourney): Hono<AppEnv> {
  const { lookupAllowed, council, addresses, firstPostcode, councilName } = journey;
  const app = new Hono<AppEnv>();

  app.get('/addresses', async (c) => {
    const t = c.get('t');
    const raw = (c.req.query('postcode') ?? '').slice(0, 20);
    const chosen = c.req.query('uprn');
    if (!raw.trim()) return postcodePage(journey, c, raw, t('common.postcode.errorRequired'), 400);
    const postcode = normalisePostcode(raw);
    if (!postcode) return postcodePage(journey, c, raw, t('common.postcode.errorInvalid', { example: firstPostcode }), 400);
    if (!lookupAllowed(c)) {
      return postcodePage(journey, c, raw, t('common.postcode.errorRateLimited'), 429);
    }
    const result = await addresses.byPostcode(postcode);
    if (result.outcome === 'out-of-area') {
      return postcodePage(journey, c, raw, t('bins.postcode.errorOutOfArea', { postcode, council: councilName(c) }), 400);
    }
    if (result.outcome === 'no-addresses') return postcodePage(journey, c, raw, t('common.postcode.errorNoAddresses', { postcode }), 400);
    if (chosen && result.properties.some((p) => p.uprn === chosen)) {
      return c.redirect(c.get('paths').href(`/bins/property/${chosen}`), 303);
    }
    // The form was sent without a choice (the hidden "choose" field says it was submitted).
    const error = c.req.query('choose') !== undefined ? t('common.address.errorRequired') : undefined;
    const count = result.properties.length;
    return render(
      c,
      <Page c={c} title={t('bins.address.title')} errors={error ? { uprn: error } : {}} backLink={c.get('paths').href('/bins')}>
        <span class="govuk-caption-l">{t('bins.serviceName')}</span>
        <form method="get" action={c.get('paths').href('/bins/addresses')} novalidate>
          <input type="hidden" name="postcode" value={postcode} />
          <input type="hidden" name="choose" value="1" />
          <Radios
            id="uprn"
            name="uprn"
            legend={t('bins.address.title')}
            isPageHeading
            hint={count === 1 ? t('bins.address.foundOne', { postcode }) : t('bins.address.found', { count, postcode })}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            items={result.properties.map((p) => ({ value: p.uprn, text: p.lines.join(', ') }))}
          />
          <Button text={t('common.continue')} />
        </form>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/bins')}>
            {t('bins.address.changePostcode')}
          </a>
        </p>
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('bins.address.notListed')}</span>
          </summary>
          <div class="govuk-details__text">{t('bins.address.notListedBody', { council: councilName(c), phone: council.contact.phone })}</div>
        </details>
      </Page>,
      error ? 400 : 200,
    );
  });

  return app;
}
