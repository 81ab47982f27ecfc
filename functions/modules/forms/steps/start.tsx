import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { createDraft } from '../../../core/drafts/draft-store.ts';
import { CsrfField } from '../../../../web/components.tsx';
import { firstUnanswered } from '../definition/flow.ts';
import type { FormDraft } from '../definition/types.ts';
import { type FormsJourney, SERVICE } from '../journey.tsx';

/** The start page: what the form is for, who wrote it, and "Start now", which makes the draft. */
export function startStep(journey: FormsJourney): Hono<AppEnv> {
  const { deps, text, owner, today, formOf, placeHref, formPage } = journey;
  const app = new Hono<AppEnv>();

  app.get('/:formId', (c) => {
    const t = c.get('t');
    const form = formOf(c);
    const title = text(c, form.title);
    return formPage(
      c,
      form,
      title,
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        {form.start.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
        {/* The law the council relies on for its nation (a form asking for special-category data names it): said before anyone starts. */}
        {form.lawfulBasis && (
          <>
            <h2 class="govuk-heading-m">{t('forms.journey.start.lawHeading')}</h2>
            {form.lawfulBasis.law && <p class="govuk-body">{t('forms.journey.start.law', { law: text(c, form.lawfulBasis.law) })}</p>}
            {form.lawfulBasis.article9 && <p class="govuk-body">{t('forms.journey.start.article9', { article9: text(c, form.lawfulBasis.article9) })}</p>}
            <p class="govuk-body">
              <a class="govuk-link" href={c.get('paths').href('/privacy')}>
                {t('forms.journey.start.privacyLink')}
              </a>
            </p>
          </>
        )}
        {/* A POST, so that following a link (or a crawler) makes no draft. */}
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button govuk-button--start" data-module="govuk-button" data-prevent-double-click="true">
            {t('forms.journey.start.button')}
            <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
            </svg>
          </button>
        </form>
        <p class="govuk-body-s">
          {t('forms.journey.start.credit')}{' '}
          {form.credit.url ? (
            <a class="govuk-link" href={form.credit.url}>
              {form.credit.name}
            </a>
          ) : (
            form.credit.name
          )}
        </p>
      </>,
      { back: c.get('paths').href('/'), caption: false },
    );
  });

  app.post('/:formId', async (c) => {
    const form = formOf(c);
    const data: FormDraft = { formId: form.id, version: form.version, answers: {}, visited: [] };
    const draft = await createDraft(deps.store, SERVICE, owner(c, { create: true }), data, deps.clock());
    return c.redirect(placeHref(c, form, draft, firstUnanswered(form, data, today())), 303);
  });

  return app;
}
