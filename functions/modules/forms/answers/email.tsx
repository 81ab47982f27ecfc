import { Input } from '../../../../web/components.tsx';
import { isEmailAddress } from '../../../core/email-address.ts';
import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field, hintOf, labelOf, shown } from './shared.ts';

type EmailQuestion = Extract<Question, { type: 'email' }>;

/** An email address (GOV.UK email address pattern): type email, autocomplete email, no spellcheck. */
export const emailHandler: AnswerHandler<EmailQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <Input
        id={idPrefix}
        name={idPrefix}
        type="email"
        label={labelOf(q, ctx)}
        isPageHeading={asPageHeading}
        hint={hintOf(q, ctx.lang)}
        error={errs[idPrefix]}
        errorPrefix={ctx.t('common.errorPrefix')}
        value={shown(raw, idPrefix, value)}
        autocomplete="email"
        spellcheck={false}
      />
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
