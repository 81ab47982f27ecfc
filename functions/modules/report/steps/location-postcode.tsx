import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import { addressLine, normalisePostcode, type Property } from '../../../core/address/address-lookup.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Input, Radios } from '../../../../web/components.tsx';
import { neighbourForPostcode } from '../report-answers.ts';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** The location by postcode, then the address. */
export function locationPostcodeStep(journey: ReportJourney): Hono<AppEnv> {
  const { config, addresses, lookupAllowed, examplePostcode, stepHref, loadDraft, saveAndGo, form, one, stepPage, outOfArea } = journey;
  const app = new Hono<AppEnv>();

  // 5a. By postcode, then the address
  function postcodePage(c: AppContext, draft: Draft<ReportDraft>, value: string, error?: string, status?: 429) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.postcode.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Input id="postcode" name="postcode" label={t('report.postcode.title')} isPageHeading hint={t('common.postcode.hint', { example: examplePostcode })} error={error} errorPrefix={t('common.errorPrefix')} value={value} autocomplete="postal-code" spellcheck={false} classes="govuk-input--width-10" />
        <Button text={t('common.postcode.button')} />
      </form>,
      { errors: error ? { postcode: error } : {}, back: stepHref(c, draft, 'location'), status },
    );
  }

  app.get('/d/:id/postcode', async (c) => {
    const draft = await loadDraft(c);
    return postcodePage(c, draft, draft.data.postcode ?? '');
  });
  app.post('/d/:id/postcode', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const typed = one((await form(c)).postcode).slice(0, 20);
    if (!typed) return postcodePage(c, draft, typed, t('common.postcode.errorRequired'));
    const postcode = normalisePostcode(typed);
    if (!postcode) return postcodePage(c, draft, typed, t('common.postcode.errorInvalid', { example: examplePostcode }));
    if (!lookupAllowed(c)) return postcodePage(c, draft, typed, t('common.postcode.errorRateLimited'), 429);
    const found = await addresses.byPostcode(postcode);
    if (found.outcome === 'out-of-area') return postcodePage(c, draft, typed, outOfArea(c, neighbourForPostcode(config, postcode)));
    if (found.outcome === 'no-addresses') return postcodePage(c, draft, typed, t('common.postcode.errorNoAddresses', { postcode }));
    draft.data = { ...draft.data, locationMethod: 'postcode', postcode, location: undefined };
    return saveAndGo(c, draft, 'address');
  });

  async function addressPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    const found = draft.data.postcode ? await addresses.byPostcode(draft.data.postcode) : undefined;
    if (!found || found.outcome !== 'found') return c.redirect(stepHref(c, draft, 'postcode'), 303);
    return stepPage(
      c,
      draft,
      t('report.address.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios id="uprn" name="uprn" legend={t('report.address.title')} isPageHeading hint={t('report.address.hint', { postcode: draft.data.postcode! })} error={error} errorPrefix={t('common.errorPrefix')} value={draft.data.location?.addressId} items={found.properties.map((p) => ({ value: p.uprn, text: p.lines.join(', ') }))} />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { uprn: error } : {}, back: stepHref(c, draft, 'postcode') },
    );
  }

  app.get('/d/:id/address', async (c) => addressPage(c, await loadDraft(c)));
  app.post('/d/:id/address', async (c) => {
    const draft = await loadDraft(c);
    const uprn = one((await form(c)).uprn);
    const property: Property | undefined = /^\d{1,12}$/.test(uprn) ? await addresses.byUprn(uprn) : undefined;
    if (!property || property.postcode !== draft.data.postcode || !property.point) return addressPage(c, draft, c.get('t')('common.address.errorRequired'));
    draft.data.location = { long: property.point[0], lat: property.point[1], address: addressLine(property), addressId: property.uprn };
    return saveAndGo(c, draft);
  });

  return app;
}
