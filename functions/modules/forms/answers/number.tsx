import { localise } from '../../../core/localised-text.ts';
import type { Language } from '../../../core/language.ts';
import type { Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, field, message } from './shared.ts';
import { QuestionInput } from './question-input.tsx';

type NumberQuestion = Extract<Question, { type: 'number' }>;

const NUMBER = /^[-+]?(\d+(\.\d+)?|\.\d+)$/;
// Made on first use, not at load: a process's first Intl formatter loads locale data (some 10-25 ms),
// which every form page's cold start would otherwise pay.
let format: Intl.NumberFormat | undefined;

/** A number as the question writes it: "£1,250.50", "12 metres". */
export function formatNumber(q: NumberQuestion, n: number, lang: Language): string {
  const suffix = q.suffix ? ` ${localise(q.suffix, lang)}` : '';
  format ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });
  return `${n < 0 ? '-' : ''}${q.prefix ?? ''}${format.format(Math.abs(n))}${suffix}`;
}

/**
 * The number typed, or undefined when it is not one. People write "£1,250", "1 250" and "12kg":
 * commas, spaces and the question's own prefix and suffix are let through.
 */
export function parseNumber(q: NumberQuestion, text: string, lang: Language): number | undefined {
  let s = text.replace(/[\s,]/g, '');
  if (q.prefix) s = s.replace(new RegExp(`^([-+]?)${escape(q.prefix.replace(/\s/g, ''))}`), '$1');
  const suffix = q.suffix && localise(q.suffix, lang).replace(/\s/g, '').toLowerCase();
  if (suffix && s.toLowerCase().endsWith(suffix)) s = s.slice(0, -suffix.length);
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number (GOV.UK text input for numbers: type text, inputmode numeric for whole numbers), with its limits. */
export const numberHandler: AnswerHandler<NumberQuestion, number> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    return (
      <QuestionInput
        q={q}
        ctx={ctx}
        errors={errs}
        raw={raw}
        idPrefix={idPrefix}
        asPageHeading={asPageHeading}
        value={value === undefined ? undefined : String(value)}
        inputmode={q.whole ? 'numeric' : undefined}
        spellcheck={false}
        classes="govuk-input--width-10"
        prefix={q.prefix}
        suffix={q.suffix && localise(q.suffix, ctx.lang)}
      />
    );
  },
  read(q, body, ctx, idPrefix) {
    const text = field(body, idPrefix);
    if (!text) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, message(q, ctx, 'number', 'forms.answers.enter'));
    const n = text.length <= 40 ? parseNumber(q, text, ctx.lang) : undefined;
    if (n === undefined) return errors(idPrefix, message(q, ctx, 'number', 'forms.answers.number.notNumber'));
    if (q.whole && !Number.isInteger(n)) return errors(idPrefix, message(q, ctx, 'number', 'forms.answers.number.notWhole'));
    const min = q.min === undefined ? undefined : formatNumber(q, q.min, ctx.lang);
    const max = q.max === undefined ? undefined : formatNumber(q, q.max, ctx.lang);
    const outside = (q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max);
    if (outside) {
      if (min !== undefined && max !== undefined) return errors(idPrefix, message(q, ctx, 'number', 'forms.answers.number.between', { min, max }));
      if (min !== undefined) return errors(idPrefix, message(q, ctx, 'number', 'forms.answers.number.atLeast', { min }));
      return errors(idPrefix, message(q, ctx, 'number', 'forms.answers.number.atMost', { max: max! }));
    }
    return { kind: 'value', value: n };
  },
  display: (q, value, ctx) => [formatNumber(q, value, ctx.lang)],
};
