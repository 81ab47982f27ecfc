import { isEmailAddress } from '../../../core/email-address.ts';
import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field } from './shared.ts';
import { QuestionInput } from './question-input.tsx';

type EmailQuestion = Extract<Question, { type: 'email' }>;

/** An email address (GOV.UK email address pattern): type email, autocomplete email, no spellcheck. */
export const emailHandler: AnswerHandler<EmailQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <QuestionInput q={q} ctx={ctx} errors={errs} raw={raw} idPrefix={idPrefix} asPageHeading={asPageHeading} value={value} type="email" autocomplete="email" spellcheck={false} />
    );
  },
  read(q, body, ctx, idPrefix) {
    const text = field(body, idPrefix);
    if (!text) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, ctx.t('forms.answers.email.required'));
    if (!isEmailAddress(text)) return errors(idPrefix, ctx.t('forms.answers.email.invalid'));
    return { kind: 'value', value: text };
  },
  display: (_q, value) => [value],
};
