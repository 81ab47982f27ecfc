import { Radios } from '../../../../web/components.tsx';
import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field, hintOf, labelOf, shown } from './shared.ts';

type YesNoQuestion = Extract<Question, { type: 'yesno' }>;

/** Yes or no: two inline radios (GOV.UK radios). */
export const yesnoHandler: AnswerHandler<YesNoQuestion, 'yes' | 'no'> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <Radios
        id={idPrefix}
        name={idPrefix}
        legend={labelOf(q, ctx)}
        isPageHeading={asPageHeading}
        hint={hintOf(q, ctx.lang)}
        error={errs[idPrefix]}
        errorPrefix={ctx.t('common.errorPrefix')}
        inline
        items={[
          { value: 'yes', text: ctx.t('forms.answers.yes') },
          { value: 'no', text: ctx.t('forms.answers.no') },
        ]}
        value={shown(raw, idPrefix, value)}
      />
    );
  },
  read(q, body, ctx, idPrefix) {
    const v = field(body, idPrefix);
    if (v === 'yes' || v === 'no') return { kind: 'value', value: v };
    return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, ctx.t('forms.answers.yesno.required'));
  },
  display: (_q, value, ctx) => [ctx.t(value === 'yes' ? 'forms.answers.yes' : 'forms.answers.no')],
};
