import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Radios, type Errors } from '../../../../web/components.tsx';
import { handlerFor } from '../answers/answer-types.ts';
import { firstUnanswered, nextAfter } from '../definition/flow.ts';
import type { AnswerValue, FormDraft, FormPage, Question, ResolvedForm } from '../definition/types.ts';
import { fileQuestion, fileStep } from './file.tsx';
import { itemsOf, repeatable, type FormsJourney } from '../journey.tsx';

type Raw = Record<string, string | string[]>;

const handlerOf = handlerFor;

/** What a question page shows: the values held, or what was just sent (with its errors). */
interface Shown {
  values: Record<string, AnswerValue | undefined>;
  raw?: Raw;
  errors?: Errors;
}

/**
 * A question page (its title is the h1; one question without a title: its label is), an item of a
 * repeatable question, and the "add another" list. POSTs save and route; `?change=1` (from check
 * answers) goes back there, or on to a page the changed answer now needs.
 */
export function questionStep(journey: FormsJourney): Hono<AppEnv> {
  const { text, today, formOf, placeHref, loadDraft, save, resumeHref, pagesOpen, backFrom, answerContext, formBody, one, formPage } = journey;
  const app = new Hono<AppEnv>();
  const files = fileStep(journey);
  app.route('/', files.routes);

  const changing = (c: AppContext) => c.req.query('change') === '1';

  /** The page at the URL's `:pageId` when the resident may open it now; undefined otherwise (they go to where they are). */
  function openPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>): FormPage | undefined {
    const id = c.req.param('pageId');
    return pagesOpen(form, draft.data).find((p) => p.id === id);
  }

  /** Where a page's POST goes once it is answered. */
  function after(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, page: FormPage): string {
    // Still changing: a page the changed answer now needs returns to check answers once answered, too.
    if (changing(c)) return placeHref(c, form, draft, firstUnanswered(form, draft.data, today()), { change: true });
    return placeHref(c, form, draft, nextAfter(form, page, draft.data.answers, today()));
  }

  function visit(draft: Draft<FormDraft>, page: FormPage) {
    if (!draft.data.visited.includes(page.id)) draft.data.visited.push(page.id);
  }

  async function questionPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, page: FormPage, shown: Shown, back: string) {
    const t = c.get('t');
    const ctx = await answerContext(c, form, draft.data);
    const errors = shown.errors ?? {};
    // GOV.UK Forms: a page's title is its h1, then the guidance, then each question as its field's
    // label (the schema asks for a title when a one-question page has guidance); a page of one
    // question without a title has the question's label (or legend) as its h1.
    const asPageHeading = !page.title && page.questions.length === 1;
    const heading = text(c, page.title ?? page.questions[0].label);
    return formPage(
      c,
      form,
      heading,
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        {!asPageHeading && <h1 class="govuk-heading-l">{heading}</h1>}
        {page.guidance?.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
        {page.questions.map((q) => {
          const Fields = handlerOf(q).Fields;
          return (
            <>
              {q.guidance?.map((p) => <p class="govuk-body">{text(c, p)}</p>)}
              <Fields q={q} value={shown.values[q.key]} raw={shown.raw} errors={errors} ctx={ctx} asPageHeading={asPageHeading} idPrefix={q.key} />
            </>
          );
        })}
        <div class="govuk-button-group">
          <Button text={t('common.continue')} />
          {form.saveAndReturn && <Button text={t('forms.journey.saveLater')} name="save" value="1" secondary />}
        </div>
      </form>,
      { errors, back },
    );
  }

  /** Reads every question of the page; errors keyed by field, `again` when a question shows more (an address list). */
  async function readPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, page: FormPage, body: Raw) {
    const ctx = await answerContext(c, form, draft.data);
    const values: Record<string, AnswerValue | undefined> = {};
    const errors: Errors = {};
    let again = false;
    for (const q of page.questions) {
      const result = await handlerOf(q).read(q, body, ctx, q.key);
      if (result.kind === 'errors') Object.assign(errors, result.errors);
      else if (result.kind === 'again') again = true;
      else values[q.key] = result.value;
    }
    return { values, errors, again };
  }

  const saveLater = (body: Raw) => one(body.save) === '1';

  // A page of one or more questions (a repeatable one goes to its items).
  app.get('/:formId/d/:draftId/:pageId', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const page = openPage(c, form, draft);
    if (!page) return c.redirect(resumeHref(c, form, draft), 303);
    // `lost`: sending found its file gone (kept no more), so the resident is asked for it again.
    if (fileQuestion(page)) return files.page(c, form, draft, page, { change: changing(c), error: c.req.query('lost') === '1' ? c.get('t')('forms.journey.file.lost') : undefined });
    const q = repeatable(page);
    if (q) return c.redirect(itemsOf(draft.data, q).length > 0 ? placeHref(c, form, draft, { addAnother: page.id }, { change: changing(c) }) : placeHref(c, form, draft, { item: page.id, n: 0 }, { change: changing(c) }), 303);
    const values = Object.fromEntries(page.questions.map((x) => [x.key, draft.data.answers[x.key] as AnswerValue | undefined]));
    return questionPage(c, form, draft, page, { values }, changing(c) ? placeHref(c, form, draft, { checkAnswers: true }) : backFrom(c, form, draft, page.id));
  });

  app.post('/:formId/d/:draftId/:pageId', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const page = openPage(c, form, draft);
    if (!page) return c.redirect(resumeHref(c, form, draft), 303);
    if (repeatable(page)) return c.redirect(placeHref(c, form, draft, { page: page.id }, { change: changing(c) }), 303);
    const body = await formBody(c);
    if (fileQuestion(page)) return files.post(c, form, draft, page, { change: changing(c), saveLater: saveLater(body) });
    const { values, errors, again } = await readPage(c, form, draft, page, body);
    const complete = Object.keys(errors).length === 0 && !again;
    if (saveLater(body)) {
      // Saving for later keeps what is valid on the page and asks nothing more of it.
      for (const [key, value] of Object.entries(values)) if (value !== undefined) draft.data.answers[key] = value;
      await save(c, draft);
      return c.redirect(placeHref(c, form, draft, { save: true }), 303);
    }
    if (!complete) {
      const back = changing(c) ? placeHref(c, form, draft, { checkAnswers: true }) : backFrom(c, form, draft, page.id);
      return questionPage(c, form, draft, page, { values, raw: body, errors }, back);
    }
    for (const q of page.questions) {
      const value = values[q.key];
      if (value === undefined) delete draft.data.answers[q.key];
      else draft.data.answers[q.key] = value;
    }
    visit(draft, page);
    await save(c, draft);
    return c.redirect(after(c, form, draft, page), 303);
  });

  // "Add another": one item of a repeatable question per page, n from 0; n = the count adds one.
  async function itemOf(c: AppContext) {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const page = openPage(c, form, draft);
    const q = page && repeatable(page);
    const n = Number(c.req.param('n'));
    if (!page || !q) return { redirect: resumeHref(c, form, draft) } as const;
    const items = itemsOf(draft.data, q);
    if (n > items.length || n >= q.repeatable!.max) return { redirect: placeHref(c, form, draft, items.length > 0 ? { addAnother: page.id } : { item: page.id, n: 0 }) } as const;
    const back = items.length > 0 ? placeHref(c, form, draft, { addAnother: page.id }, { change: changing(c) }) : changing(c) ? placeHref(c, form, draft, { checkAnswers: true }) : backFrom(c, form, draft, page.id);
    return { form, draft, page, q, n, items, back } as const;
  }

  app.get('/:formId/d/:draftId/:pageId/:n{[0-9]+}', async (c) => {
    const found = await itemOf(c);
    if ('redirect' in found) return c.redirect(found.redirect!, 303);
    const { form, draft, page, q, n, items, back } = found;
    return questionPage(c, form, draft, page, { values: { [q.key]: items[n] } }, back);
  });

  app.post('/:formId/d/:draftId/:pageId/:n{[0-9]+}', async (c) => {
    const found = await itemOf(c);
    if ('redirect' in found) return c.redirect(found.redirect!, 303);
    const { form, draft, page, q, n, items, back } = found;
    const body = await formBody(c);
    const { values, errors, again } = await readPage(c, form, draft, page, body);
    const value = values[q.key];
    if (saveLater(body)) {
      if (value !== undefined) draft.data.answers[q.key] = items.toSpliced(n, 1, value);
      await save(c, draft);
      return c.redirect(placeHref(c, form, draft, { save: true }), 303);
    }
    if (Object.keys(errors).length > 0 || again) return questionPage(c, form, draft, page, { values, raw: body, errors }, back);
    if (value === undefined) {
      // An optional question left blank: nothing to add; with nothing added at all, the page is done.
      if (items.length > 0) return c.redirect(placeHref(c, form, draft, { addAnother: page.id }, { change: changing(c) }), 303);
      visit(draft, page);
      await save(c, draft);
      return c.redirect(after(c, form, draft, page), 303);
    }
    draft.data.answers[q.key] = items.toSpliced(n, 1, value);
    await save(c, draft);
    return c.redirect(placeHref(c, form, draft, { addAnother: page.id }, { change: changing(c) }), 303);
  });

  app.post('/:formId/d/:draftId/:pageId/:n{[0-9]+}/remove', async (c) => {
    const found = await itemOf(c);
    if ('redirect' in found) return c.redirect(found.redirect!, 303);
    const { form, draft, page, q, n, items } = found;
    if (n < items.length) {
      const left = items.toSpliced(n, 1);
      if (left.length > 0) draft.data.answers[q.key] = left;
      else delete draft.data.answers[q.key];
      await save(c, draft);
    }
    return c.redirect(placeHref(c, form, draft, { addAnother: page.id }, { change: changing(c) }), 303);
  });

  function addAnotherPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, page: FormPage, q: Question, error?: string) {
    const t = c.get('t');
    const items = itemsOf(draft.data, q);
    const max = q.repeatable!.max;
    const display = handlerOf(q).display;
    const label = text(c, q.label);
    // GOV.UK's add-another pattern: the heading says how many there are; the question is its caption.
    const heading = t(items.length === 1 ? 'forms.journey.addAnother.heading.one' : 'forms.journey.addAnother.heading.other', { n: items.length });
    const query = changing(c) ? '?change=1' : '';
    return formPage(
      c,
      form,
      heading,
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <span class="govuk-caption-l">{label}</span>
        <h1 class="govuk-heading-l">{heading}</h1>
        <dl class="govuk-summary-list">
          {items.map((item, n) => {
            const what = `${label} ${n + 1}`;
            return (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{t('forms.journey.addAnother.item', { n: n + 1 })}</dt>
                <dd class="govuk-summary-list__value">
                  {display(q, item, { lang: c.get('lang'), t }).map((line, i) => (
                    <>
                      {i > 0 && <br />}
                      {line}
                    </>
                  ))}
                </dd>
                <dd class="govuk-summary-list__actions">
                  <ul class="govuk-summary-list__actions-list">
                    <li class="govuk-summary-list__actions-list-item">
                      <a class="govuk-link" href={placeHref(c, form, draft, { item: page.id, n }, { change: changing(c) })}>
                        {t('common.change')}
                        <span class="govuk-visually-hidden"> {what}</span>
                      </a>
                    </li>
                    <li class="govuk-summary-list__actions-list-item">
                      {/* A button in this form, so that removing works without JavaScript. */}
                      <button type="submit" class="app-link-button govuk-link" formaction={`${placeHref(c, form, draft, { item: page.id, n })}/remove${query}`}>
                        {t('forms.journey.addAnother.remove')}
                        <span class="govuk-visually-hidden"> {what}</span>
                      </button>
                    </li>
                  </ul>
                </dd>
              </div>
            );
          })}
        </dl>
        {items.length < max ? (
          <Radios
            id="add-another"
            name="add-another"
            legend={t('forms.journey.addAnother.question')}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            items={[
              { value: 'yes', text: t('forms.journey.addAnother.yes') },
              { value: 'no', text: t('forms.journey.addAnother.no') },
            ]}
          />
        ) : (
          <p class="govuk-body">{t('forms.journey.addAnother.atMost', { max })}</p>
        )}
        <div class="govuk-button-group">
          <Button text={t('common.continue')} />
          {form.saveAndReturn && <Button text={t('forms.journey.saveLater')} name="save" value="1" secondary />}
        </div>
      </form>,
      { errors: error ? { 'add-another': error } : {}, back: changing(c) ? placeHref(c, form, draft, { checkAnswers: true }) : backFrom(c, form, draft, page.id) },
    );
  }

  async function listOf(c: AppContext) {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const page = openPage(c, form, draft);
    const q = page && repeatable(page);
    if (!page || !q) return { redirect: resumeHref(c, form, draft) } as const;
    if (itemsOf(draft.data, q).length === 0) return { redirect: placeHref(c, form, draft, { item: page.id, n: 0 }, { change: changing(c) }) } as const;
    return { form, draft, page, q } as const;
  }

  app.get('/:formId/d/:draftId/:pageId/add-another', async (c) => {
    const found = await listOf(c);
    if ('redirect' in found) return c.redirect(found.redirect!, 303);
    return addAnotherPage(c, found.form, found.draft, found.page, found.q);
  });

  app.post('/:formId/d/:draftId/:pageId/add-another', async (c) => {
    const found = await listOf(c);
    if ('redirect' in found) return c.redirect(found.redirect!, 303);
    const { form, draft, page, q } = found;
    const body = await formBody(c);
    if (saveLater(body)) return c.redirect(placeHref(c, form, draft, { save: true }), 303);
    const count = itemsOf(draft.data, q).length;
    const choice = count < q.repeatable!.max ? one(body['add-another']) : 'no';
    if (choice === 'yes') return c.redirect(placeHref(c, form, draft, { item: page.id, n: count }, { change: changing(c) }), 303);
    if (choice !== 'no') return addAnotherPage(c, form, draft, page, q, c.get('t')('forms.journey.addAnother.errorRequired'));
    visit(draft, page);
    await save(c, draft);
    return c.redirect(after(c, form, draft, page), 303);
  });

  return app;
}
