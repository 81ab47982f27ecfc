import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field, message } from './shared.ts';
import { QuestionInput } from './question-input.tsx';

type OrganisationQuestion = Extract<Question, { type: 'organisation' }>;

/** Longest organisation name kept (Companies House allows 160 characters; charities a little more). */
export const ORGANISATION_MAX = 200;

/** An organisation's name: one text input (GOV.UK text input), autocomplete "organization". */
export const organisationHandler: AnswerHandler<OrganisationQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <QuestionInput q={q} ctx={ctx} errors={errs} raw={raw} idPrefix={idPrefix} asPageHeading={asPageHeading} value={value} autocomplete="organization" />
    );
  },
  read(q, body, ctx, idPrefix) {
    const text = field(body, idPrefix);
    if (!text) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.enter'));
    if (text.length > ORGANISATION_MAX) return errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.tooLong', { max: ORGANISATION_MAX }));
    return { kind: 'value', value: text };
  },
  display: (_q, value) => [value],
};
