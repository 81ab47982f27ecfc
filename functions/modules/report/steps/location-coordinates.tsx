import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Input, type Errors } from '../../../../web/components.tsx';
import { checkPoint } from '../report-answers.ts';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** The location by latitude and longitude. */
export function locationCoordinatesStep(journey: ReportJourney): Hono<AppEnv> {
  const { config, stepHref, loadDraft, saveAndGo, form, one, stepPage, outOfArea } = journey;
  const app = new Hono<AppEnv>();

  // 5c. By latitude and longitude
  function coordinatesPage(c: AppContext, draft: Draft<ReportDraft>, values: { lat: string; long: string }, errors: Errors = {}) {
    const t = c.get('t');
    // An example from inside the area: a known street, else a corner of the boundary.
    const [long, lat] = config.streets[0]?.point ?? config.boundary[0];
    return stepPage(
      c,
      draft,
      t('report.coordinates.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.coordinates.title')}</h1>
        <p class="govuk-body">{t('report.coordinates.hint')}</p>
        <Input id="lat" name="lat" label={t('report.coordinates.lat')} hint={t('report.coordinates.example', { value: lat.toFixed(5) })} error={errors.lat} errorPrefix={t('common.errorPrefix')} value={values.lat} spellcheck={false} classes="govuk-input--width-10" />
        <Input id="long" name="long" label={t('report.coordinates.long')} hint={t('report.coordinates.example', { value: long.toFixed(5) })} error={errors.long} errorPrefix={t('common.errorPrefix')} value={values.long} spellcheck={false} classes="govuk-input--width-10" />
        <Button text={t('common.continue')} />
      </form>,
      { errors, back: stepHref(c, draft, 'location') },
    );
  }

  app.get('/d/:id/coordinates', async (c) => {
    const draft = await loadDraft(c);
    const l = draft.data.location;
    return coordinatesPage(c, draft, { lat: l ? String(l.lat) : '', long: l ? String(l.long) : '' });
  });
  app.post('/d/:id/coordinates', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const body = await form(c);
    const values = { lat: one(body.lat).slice(0, 20), long: one(body.long).slice(0, 20) };
    const lat = Number(values.lat);
    const long = Number(values.long);
    const errors: Errors = {};
    if (!values.lat) errors.lat = t('report.coordinates.errorLatRequired');
    else if (!/^-?\d+(\.\d+)?$/.test(values.lat) || lat < -90 || lat > 90) errors.lat = t('report.coordinates.errorLat');
    if (!values.long) errors.long = t('report.coordinates.errorLongRequired');
    else if (!/^-?\d+(\.\d+)?$/.test(values.long) || long < -180 || long > 180) errors.long = t('report.coordinates.errorLong');
    if (Object.keys(errors).length > 0) return coordinatesPage(c, draft, values, errors);
    const inArea = checkPoint(config, [long, lat]);
    if (!inArea.inside) return coordinatesPage(c, draft, values, { lat: outOfArea(c, inArea.neighbour) });
    draft.data = { ...draft.data, locationMethod: 'coordinates', location: { lat, long } };
    return saveAndGo(c, draft);
  });

  return app;
}
