import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, Checkboxes, CsrfField, Input, Radios, Textarea, type Errors } from '../../../../web/components.tsx';
import type { ReportMessageKey } from '../messages/en.ts';
import type { Category } from '../config.ts';
import { checkAttributes, keepAnswers, type AttributeAnswers, type AttributeProblem } from '../report-answers.ts';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

const ATTRIBUTE_MESSAGES: Record<AttributeProblem, ReportMessageKey> = {
  required: 'report.questions.errorRequired',
  'not-a-number': 'report.questions.errorNumber',
  'not-an-option': 'report.questions.errorOption',
  'too-long': 'report.questions.errorTooLong',
};

/** The category's own questions. */
export function questionsStep(journey: ReportJourney): Hono<AppEnv> {
  const { text, stepHref, categoryOf, loadDraft, saveAndGo, form, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 4. The category's questions
  function questionsPage(c: AppContext, draft: Draft<ReportDraft>, category: Category, answers: AttributeAnswers, errors: Errors = {}) {
    const t = c.get('t');
    const optional = (required: boolean) => (required ? '' : ` ${t('common.optional')}`);
    return stepPage(
      c,
      draft,
      t('report.questions.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.questions.title')}</h1>
        <p class="govuk-body">{text(c, category.name)}</p>
        {category.questions.map((q) => {
          const id = `attribute-${q.code}`;
          const common = { id, error: errors[id], errorPrefix: t('common.errorPrefix'), hint: q.hint ? text(c, q.hint) : undefined };
          const value = answers[q.code];
          if (q.type === 'singlevaluelist') {
            return (
              <Radios {...common} name={id} legend={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : undefined} items={q.options!.map((o) => ({ value: o.key, text: text(c, o.name) }))} />
            );
          }
          if (q.type === 'multivaluelist') {
            return (
              <Checkboxes {...common} name={id} legend={`${text(c, q.question)}${optional(q.required)}`} values={Array.isArray(value) ? value : value ? [value] : []} items={q.options!.map((o) => ({ value: o.key, text: text(c, o.name) }))} />
            );
          }
          if (q.type === 'text') return <Textarea {...common} name={id} label={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : ''} rows={3} />;
          return (
            <Input {...common} name={id} label={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : ''} inputmode={q.type === 'number' ? 'numeric' : undefined} classes={q.type === 'number' ? 'govuk-input--width-5' : undefined} />
          );
        })}
        <Button text={t('common.continue')} />
      </form>,
      { errors, back: stepHref(c, draft, category.notice ? 'notice' : 'category') },
    );
  }

  app.get('/d/:id/questions', async (c) => {
    const draft = await loadDraft(c);
    const category = categoryOf(draft.data);
    if (!category) return c.redirect(stepHref(c, draft, 'category'), 303);
    return questionsPage(c, draft, category, draft.data.attributes ?? {});
  });
  app.post('/d/:id/questions', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const category = categoryOf(draft.data);
    if (!category) return c.redirect(stepHref(c, draft, 'category'), 303);
    const body = await form(c);
    const raw: AttributeAnswers = {};
    for (const q of category.questions) {
      const v = body[`attribute-${q.code}`];
      if (v !== undefined) raw[q.code] = v;
    }
    const problems = checkAttributes(category, raw);
    if (Object.keys(problems).length > 0) {
      const errors: Errors = {};
      for (const q of category.questions) if (problems[q.code]) errors[`attribute-${q.code}`] = t(ATTRIBUTE_MESSAGES[problems[q.code]], { question: text(c, q.question) });
      return questionsPage(c, draft, category, raw, errors);
    }
    draft.data.attributes = keepAnswers(category, raw);
    return saveAndGo(c, draft);
  });

  return app;
}
