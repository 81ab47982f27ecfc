import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field, hintOf } from './shared.ts';
import { QuestionInput } from './question-input.tsx';

type NinoQuestion = Extract<Question, { type: 'nino' }>;

// HMRC's rules: the first letter is not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V;
// BG, GB, KN, NK, NT, TN and ZZ are never issued; the suffix is A to D.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/**
 * A National Insurance number as stored: upper case, no spaces ("qq 12 34 56 c" → "QQ123456C", the
 * form HMRC's systems take); undefined when it is not one.
 *
 * @example normaliseNino('ab 12 34 56 c') // 'AB123456C'
 */
export function normaliseNino(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  return NINO.test(compact) ? compact : undefined;
}

/** As GOV.UK writes one: "QQ 12 34 56 C". */
export function formatNino(nino: string): string {
  return `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`;
}

/** A National Insurance number (GOV.UK pattern): width-10 input, no spellcheck, the standard hint. */
export const ninoHandler: AnswerHandler<NinoQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <QuestionInput
        q={q}
        ctx={ctx}
        errors={errs}
        raw={raw}
        idPrefix={idPrefix}
        asPageHeading={asPageHeading}
        hint={hintOf(q, ctx.lang) ?? ctx.t('forms.answers.nino.hint')}
        value={value && formatNino(value)}
        spellcheck={false}
        autocomplete="off"
        classes="govuk-input--width-10 govuk-input--extra-letter-spacing"
      />
    );
  },
  read(q, body, ctx, idPrefix) {
    const text = field(body, idPrefix);
    if (!text) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, ctx.t('forms.answers.nino.required'));
    const nino = text.length <= 20 ? normaliseNino(text) : undefined;
    if (!nino) return errors(idPrefix, ctx.t('forms.answers.nino.invalid'));
    return { kind: 'value', value: nino };
  },
  display: (_q, value) => [formatNino(value)],
};
