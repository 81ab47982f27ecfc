import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Textarea } from '../../../../web/components.tsx';
import { MAX_DESCRIPTION_LENGTH } from '../report-answers.ts';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** What is wrong? */
export function descriptionStep(journey: ReportJourney): Hono<AppEnv> {
  const { stepHref, loadDraft, saveAndGo, form, one, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 6. What is wrong?
  function descriptionPage(c: AppContext, draft: Draft<ReportDraft>, value: string, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.description.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.description.title')}</h1>
        <Textarea id="description" name="description" label={t('report.description.label')} hint={t('report.description.hint', { max: MAX_DESCRIPTION_LENGTH })} error={error} errorPrefix={t('common.errorPrefix')} value={value} />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { description: error } : {}, back: stepHref(c, draft, draft.data.locationMethod === 'postcode' ? 'address' : draft.data.locationMethod ?? 'location') },
    );
  }

  app.get('/d/:id/description', async (c) => {
    const draft = await loadDraft(c);
    return descriptionPage(c, draft, draft.data.description ?? '');
  });
  app.post('/d/:id/description', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const value = one((await form(c)).description).replace(/\r\n/g, '\n');
    if (!value) return descriptionPage(c, draft, value, t('report.description.errorRequired'));
    if (value.length > MAX_DESCRIPTION_LENGTH) return descriptionPage(c, draft, value, t('report.description.errorTooLong', { max: MAX_DESCRIPTION_LENGTH }));
    draft.data.description = value;
    return saveAndGo(c, draft);
  });

  return app;
}
