import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Input, Radios, type Errors } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** The location by street name. */
export function locationStreetStep(journey: ReportJourney): Hono<AppEnv> {
  const { config, stepHref, loadDraft, saveAndGo, form, one, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 5b. By street name
  function streetPage(c: AppContext, draft: Draft<ReportDraft>, search: string, errors: Errors = {}) {
    const t = c.get('t');
    const q = search.toLowerCase();
    const matches = q.length >= 2 ? config.streets.filter((s) => `${s.name} ${s.locality}`.toLowerCase().includes(q)) : [];
    return stepPage(
      c,
      draft,
      t('report.street.title'),
      <>
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="action" value="search" />
          <Input id="street" name="street" label={t('report.street.title')} isPageHeading hint={t('report.street.hint')} error={errors.street} errorPrefix={t('common.errorPrefix')} value={search} spellcheck={false} />
          <Button text={t('report.street.search')} secondary={matches.length > 0} />
        </form>
        {matches.length > 0 && (
          <form method="post" novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <input type="hidden" name="action" value="choose" />
            <input type="hidden" name="street" value={search} />
            <Radios id="usrn" name="usrn" legend={t('report.street.choose')} error={errors.usrn} errorPrefix={t('common.errorPrefix')} value={draft.data.location?.addressId} items={matches.map((s) => ({ value: s.usrn, text: `${s.name}, ${s.locality}` }))} />
            <Button text={t('common.continue')} />
          </form>
        )}
      </>,
      { errors, back: stepHref(c, draft, 'location') },
    );
  }

  app.get('/d/:id/street', async (c) => {
    const draft = await loadDraft(c);
    return streetPage(c, draft, draft.data.streetSearch ?? '');
  });
  app.post('/d/:id/street', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const body = await form(c);
    const search = one(body.street).slice(0, 100);
    if (one(body.action) === 'choose') {
      const street = config.streets.find((s) => s.usrn === one(body.usrn));
      if (!street) return streetPage(c, draft, search, { usrn: t('report.street.errorChoose') });
      draft.data.location = { long: street.point[0], lat: street.point[1], address: `${street.name}, ${street.locality}` };
      return saveAndGo(c, draft);
    }
    if (search.length < 2) return streetPage(c, draft, search, { street: t('report.street.errorRequired') });
    if (!config.streets.some((s) => `${s.name} ${s.locality}`.toLowerCase().includes(search.toLowerCase()))) {
      return streetPage(c, draft, search, { street: t('report.street.errorNone', { search }) });
    }
    draft.data = { ...draft.data, locationMethod: 'street', streetSearch: search };
    return saveAndGo(c, draft, 'street');
  });

  return app;
}
