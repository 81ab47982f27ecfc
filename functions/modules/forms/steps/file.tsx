import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { MEGABYTE, type FileProblem } from '../../../core/files/port.ts';
import { Button, CsrfField, FileInput } from '../../../../web/components.tsx';
import { fileUploadTexts } from '../../../core/i18n.ts';
import { nextAfter } from '../definition/flow.ts';
import type { FileAnswer, FormDraft, FormPage, Question, ResolvedForm } from '../definition/types.ts';
import type { FormsMessageKey } from '../messages/en.ts';
import type { FormsJourney } from '../journey.tsx';

type FileQuestion = Extract<Question, { type: 'file' }>;

/** The file question of a page: such a question is on a page of its own. */
export function fileQuestion(page: FormPage): FileQuestion | undefined {
  const q = page.questions[0];
  return page.questions.length === 1 && q?.type === 'file' ? q : undefined;
}

const PROBLEMS: Record<FileProblem | 'required', FormsMessageKey> = {
  required: 'forms.journey.file.errorRequired',
  missing: 'forms.journey.file.errorRequired',
  empty: 'forms.journey.file.errorEmpty',
  'too-large': 'forms.journey.file.errorTooLarge',
  'wrong-type': 'forms.journey.file.errorType',
};

const KIND_NAMES = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG' } as const;

/**
 * A file question's page: the browser posts the file straight to storage (deps.files' upload form,
 * no JavaScript needed), which sends it back to `…/<page>/uploaded?key=…`; the file is checked and
 * held as pending, then kept when the form is sent. The page's own POST (Continue) goes on.
 */
export function fileStep(journey: FormsJourney) {
  const { deps, text, today, placeHref, loadDraft, save, resumeHref, pagesOpen, backFrom, formOf, formPage } = journey;
  const app = new Hono<AppEnv>();

  function storage() {
    const files = deps.files;
    if (!files) throw new Error('A form with a file question needs file storage');
    return files;
  }

  function problemText(c: AppContext, q: FileQuestion, problem: FileProblem | 'required'): string {
    const kinds = q.accept.map((k) => KIND_NAMES[k]);
    const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} ${c.get('t')('forms.journey.file.or')} ${kinds[kinds.length - 1]}` : kinds[0];
    return c.get('t')(PROBLEMS[problem], { max: q.maxMegabytes, kinds: list ?? '' });
  }

  async function page(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, formPageDef: FormPage, options: { error?: string; change: boolean }) {
    const t = c.get('t');
    const q = fileQuestion(formPageDef)!;
    const current = draft.data.answers[q.key] as FileAnswer | undefined;
    const origin = new URL(c.req.url).origin;
    const uploaded = `${placeHref(c, form, draft, { page: formPageDef.id })}/uploaded${options.change ? '?change=1' : ''}`;
    const upload = await storage().uploadForm({ draftId: draft.id, redirectUrl: `${origin}${uploaded}`, now: deps.clock(), maxBytes: q.maxMegabytes * MEGABYTE, accept: q.accept });
    const label = text(c, q.label);
    // As every other question's field: an optional one says so (GOV.UK), the page's title does not.
    const fieldLabel = q.optional ? `${label} ${t('common.optional')}` : label;
    const guidance = [...(formPageDef.guidance ?? []), ...(q.guidance ?? [])];
    // GOV.UK Forms: a page with a title (the schema asks for one when there is guidance) has it as
    // the h1, then the guidance, then the question as the field's label; without, the label is the h1.
    const title = formPageDef.title ? text(c, formPageDef.title) : undefined;
    const error = options.error;
    const describedBy = [q.hint ? `${q.key}-hint` : '', error ? `${q.key}-error` : ''].filter(Boolean).join(' ') || undefined;
    const continueAction = placeHref(c, form, draft, { page: formPageDef.id }, { change: options.change });
    return formPage(
      c,
      form,
      title ?? label,
      <>
        {title && <h1 class="govuk-heading-l">{title}</h1>}
        {guidance.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
        {current && (
          <p class="govuk-body" id={`${q.key}-current`}>
            {t('forms.journey.file.uploaded', { name: current.name })}
          </p>
        )}
        {current && q.optional && (
          // An optional file may be taken back, not only replaced.
          <form method="post" action={`${placeHref(c, form, draft, { page: formPageDef.id })}/remove-file${options.change ? '?change=1' : ''}`} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
              {t('forms.journey.file.remove', { name: current.name })}
            </button>
          </form>
        )}
        <form method="post" action={upload.action} enctype="multipart/form-data" novalidate>
          {Object.entries(upload.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
            {title ? (
              <label class="govuk-label govuk-label--s" for={q.key}>
                {current ? t('forms.journey.file.replace') : fieldLabel}
              </label>
            ) : (
              <h1 class="govuk-label-wrapper">
                <label class="govuk-label govuk-label--l" for={q.key}>
                  {fieldLabel}
                </label>
              </h1>
            )}
            {q.hint && (
              <div id={`${q.key}-hint`} class="govuk-hint">
                {text(c, q.hint)}
              </div>
            )}
            {error && (
              <p id={`${q.key}-error`} class="govuk-error-message">
                <span class="govuk-visually-hidden">{t('common.errorPrefix')}:</span> {error}
              </p>
            )}
            <FileInput id={q.key} name={upload.fileField} accept={upload.accept} describedBy={describedBy} error={!!error} texts={fileUploadTexts(t)} />
          </div>
          <Button text={t('forms.journey.file.upload')} secondary={!!current || q.optional === true} />
        </form>
        {(current || q.optional) && (
          <form method="post" action={continueAction} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <div class="govuk-button-group">
              <Button text={current ? t('common.continue') : t('forms.journey.file.skip')} />
              {form.saveAndReturn && <Button text={t('forms.journey.saveLater')} name="save" value="1" secondary />}
            </div>
          </form>
        )}
      </>,
      { errors: error ? { [q.key]: error } : {}, back: options.change ? placeHref(c, form, draft, { checkAnswers: true }) : backFrom(c, form, draft, formPageDef.id), status: error ? 400 : 200 },
    );
  }

  /** Continue from the page: with a file (or none, when optional) the page is done. */
  async function post(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, formPageDef: FormPage, options: { change: boolean; saveLater: boolean }) {
    const q = fileQuestion(formPageDef)!;
    if (options.saveLater) return c.redirect(placeHref(c, form, draft, { save: true }), 303);
    if (draft.data.answers[q.key] === undefined && !q.optional) return page(c, form, draft, formPageDef, { error: problemText(c, q, 'required'), change: options.change });
    if (!draft.data.visited.includes(formPageDef.id)) draft.data.visited.push(formPageDef.id);
    await save(c, draft);
    return c.redirect(options.change ? resumeHref(c, form, draft) : placeHref(c, form, draft, nextAfter(form, formPageDef, draft.data.answers, today())), 303);
  }

  // Taking back an optional file: the answer goes, and so does the file (pending, it would go in a day).
  app.post('/:formId/d/:draftId/:pageId/remove-file', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const formPageDef = pagesOpen(form, draft.data).find((p) => p.id === c.req.param('pageId'));
    const q = formPageDef && fileQuestion(formPageDef);
    if (!formPageDef || !q || !q.optional) return c.redirect(resumeHref(c, form, draft), 303);
    const current = draft.data.answers[q.key] as FileAnswer | undefined;
    if (current) {
      delete draft.data.answers[q.key];
      await save(c, draft);
      await storage().remove([current.fileId]);
    }
    return c.redirect(placeHref(c, form, draft, { page: formPageDef.id }, { change: c.req.query('change') === '1' }), 303);
  });

  // Storage sends the browser back here with the upload's key.
  app.get('/:formId/d/:draftId/:pageId/uploaded', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const formPageDef = pagesOpen(form, draft.data).find((p) => p.id === c.req.param('pageId'));
    const q = formPageDef && fileQuestion(formPageDef);
    if (!formPageDef || !q) return c.redirect(resumeHref(c, form, draft), 303);
    const change = c.req.query('change') === '1';
    const result = await storage().ingest({ key: c.req.query('key') ?? '', draftId: draft.id, accept: q.accept, maxBytes: q.maxMegabytes * MEGABYTE });
    if (!result.ok) return page(c, form, draft, formPageDef, { error: problemText(c, q, result.problem), change });
    const answer: FileAnswer = { fileId: result.fileId, name: result.name, contentType: result.contentType, bytes: result.bytes };
    draft.data.answers[q.key] = answer;
    await save(c, draft);
    return c.redirect(placeHref(c, form, draft, { page: formPageDef.id }, { change }), 303);
  });

  return { routes: app, page, post };
}
