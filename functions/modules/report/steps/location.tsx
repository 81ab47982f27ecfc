import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Radios } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** Where is it? How the resident will say. */
export function locationStep(journey: ReportJourney): Hono<AppEnv> {
  const { stepHref, stepBeforeLocation, loadDraft, saveAndGo, form, one, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 5. Where is it? How the resident will say.
  function locationPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.location.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios
          id="method"
          name="method"
          legend={t('report.location.title')}
          isPageHeading
          error={error}
          errorPrefix={t('common.errorPrefix')}
          value={draft.data.locationMethod}
          items={[
            { value: 'postcode', text: t('report.location.byPostcode'), hint: t('report.location.byPostcodeHint') },
            { value: 'street', text: t('report.location.byStreet'), hint: t('report.location.byStreetHint') },
            { value: 'coordinates', text: t('report.location.byCoordinates'), hint: t('report.location.byCoordinatesHint') },
          ]}
        />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { method: error } : {}, back: stepHref(c, draft, stepBeforeLocation(draft.data)) },
    );
  }

  app.get('/d/:id/location', async (c) => locationPage(c, await loadDraft(c)));
  app.post('/d/:id/location', async (c) => {
    const draft = await loadDraft(c);
    const method = one((await form(c)).method);
    if (method !== 'postcode' && method !== 'street' && method !== 'coordinates') return locationPage(c, draft, c.get('t')('report.location.errorRequired'));
    draft.data = { ...draft.data, locationMethod: method, location: undefined, postcode: undefined, streetSearch: undefined };
    return saveAndGo(c, draft, method);
  });

  return app;
}
