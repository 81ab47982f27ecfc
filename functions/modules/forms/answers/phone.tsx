import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field } from './shared.ts';
import { QuestionInput } from './question-input.tsx';

type PhoneQuestion = Extract<Question, { type: 'phone' }>;

/**
 * A telephone number as people write it ("01632 960001", "+44 (0)7700 900982", "0044 808 157 0192")
 * made one form: a UK number grouped as GOV.UK writes it ("01632 960 001", "020 7946 0000",
 * "07700 900 982", "0808 157 0192"); a number abroad as + and its digits. Undefined when it cannot be
 * a telephone number.
 *
 * @example normalisePhone('+44 (0)1632-960001') // '01632 960 001'
 */
export function normalisePhone(input: string): string | undefined {
  if (!/^[0-9 +()\-.]+$/.test(input) || (input.match(/\+/g) ?? []).length > 1 || (input.includes('+') && !input.trim().startsWith('+'))) return undefined;
  let digits = input.replace(/\(0\)/g, '').replace(/\D/g, '');
  const international = input.trim().startsWith('+') || digits.startsWith('00');
  if (international) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    if (!digits.startsWith('44')) return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : undefined;
    digits = `0${digits.slice(2)}`;
  }
  // UK numbers: 0, then 10 digits (01, 02, 03, 05, 07, 08, 09), or 9 for some older 01 and 0800 numbers.
  if (!/^0[1-9]/.test(digits) || digits.length < 10 || digits.length > 11) return undefined;
  if (digits.length === 10 && !/^0(1|800)/.test(digits)) return undefined;
  return groupUk(digits);
}

function groupUk(d: string): string {
  if (d.length === 10) return d.startsWith('0800') ? `${d.slice(0, 4)} ${d.slice(4)}` : `${d.slice(0, 5)} ${d.slice(5)}`;
  if (d.startsWith('02')) return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
  // 011x and 01x1 (Leeds, Birmingham…) and the non-geographic 03, 08 and 09: 4 3 4.
  if (/^01(1\d|\d1)/.test(d) || /^0[389]/.test(d)) return `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`;
  return `${d.slice(0, 5)} ${d.slice(5, 8)} ${d.slice(8)}`;
}

/** A UK telephone number (GOV.UK telephone numbers pattern): type tel, autocomplete tel. */
export const phoneHandler: AnswerHandler<PhoneQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <QuestionInput q={q} ctx={ctx} errors={errs} raw={raw} idPrefix={idPrefix} asPageHeading={asPageHeading} value={value} type="tel" autocomplete="tel" classes="govuk-input--width-20" />
    );
  },
  read(q, body, ctx, idPrefix) {
    const text = field(body, idPrefix);
    if (!text) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, ctx.t('forms.answers.phone.required'));
    const phone = text.length <= 30 ? normalisePhone(text) : undefined;
    if (!phone) return errors(idPrefix, ctx.t('forms.answers.phone.invalid'));
    return { kind: 'value', value: phone };
  },
  display: (_q, value) => [value],
};
