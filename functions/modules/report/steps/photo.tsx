import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, FileInput } from '../../../../web/components.tsx';
import { fileUploadTexts } from '../../../core/i18n.ts';
import type { ReportMessageKey } from '../messages/en.ts';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** A photo (optional), uploaded by the browser straight to storage. */
export function photoStep(journey: ReportJourney): Hono<AppEnv> {
  const { deps, stepHref, loadDraft, saveAndGo, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 7. A photo (optional): the browser uploads it straight to storage, which sends it back here.
  async function photoPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    const photos = deps.photos;
    if (!photos) throw new Error('Report a problem needs photo storage');
    const paths = c.get('paths');
    const origin = new URL(c.req.url).origin;
    const upload = await photos.uploadForm({ draftId: draft.id, redirectUrl: `${origin}${stepHref(c, draft, 'photo-uploaded')}`, now: deps.clock() });
    const current = draft.data.photos?.[0];
    return stepPage(
      c,
      draft,
      t('report.photo.title'),
      <>
        <h1 class="govuk-heading-l">{t('report.photo.title')}</h1>
        <p class="govuk-body">{t('report.photo.intro')}</p>
        {current && (
          <>
            <img class="app-photo" src={paths.href(`/report/photos/${current}`)} alt={t('report.photo.alt')} />
            <form method="post" action={stepHref(c, draft, 'photo-remove')} novalidate>
              <CsrfField token={c.get('csrfToken')} />
              <Button text={t('report.photo.remove')} secondary />
            </form>
          </>
        )}
        <form method="post" action={upload.action} enctype="multipart/form-data" novalidate>
          {Object.entries(upload.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
            <label class="govuk-label govuk-label--s" for="photo">
              {current ? t('report.photo.replaceLabel') : t('report.photo.label')}
            </label>
            <div id="photo-hint" class="govuk-hint">
              {t('report.photo.hint')}
            </div>
            {error && (
              <p id="photo-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">{t('common.errorPrefix')}:</span> {error}
              </p>
            )}
            <FileInput id="photo" name={upload.fileField} accept="image/jpeg,image/png" describedBy={error ? 'photo-hint photo-error' : 'photo-hint'} error={!!error} texts={fileUploadTexts(t)} />
          </div>
          <Button text={t('report.photo.upload')} secondary />
        </form>
        <form method="post" action={stepHref(c, draft, 'photo')} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Button text={current ? t('common.continue') : t('report.photo.skip')} />
        </form>
      </>,
      { errors: error ? { photo: error } : {}, back: stepHref(c, draft, 'description') },
    );
  }

  app.get('/d/:id/photo', async (c) => photoPage(c, await loadDraft(c)));
  app.post('/d/:id/photo', async (c) => {
    const draft = await loadDraft(c);
    draft.data.photos ??= [];
    return saveAndGo(c, draft);
  });
  app.post('/d/:id/photo-remove', async (c) => {
    const draft = await loadDraft(c);
    draft.data.photos = undefined;
    return saveAndGo(c, draft, 'photo');
  });
  app.get('/d/:id/photo-uploaded', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const key = c.req.query('key') ?? '';
    const result = await deps.photos!.ingest({ key, draftId: draft.id });
    if (!result.ok) {
      const message: Record<typeof result.problem, ReportMessageKey> = {
        missing: 'report.photo.errorMissing',
        'too-large': 'report.photo.errorTooLarge',
        'not-an-image': 'report.photo.errorType',
      };
      return photoPage(c, draft, t(message[result.problem]));
    }
    draft.data.photos = [result.photoId];
    return saveAndGo(c, draft, 'photo');
  });

  return app;
}
