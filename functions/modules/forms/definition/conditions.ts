import { addDays, parseIsoDate, type IsoDate } from '../../../core/calendar/dates.ts';
import type { AnswerValue, Answers, Condition, FormValue, Operand } from './types.ts';

/** What a condition needs besides the answers: the form's values (settled for the council) and today's date. */
export interface ConditionContext {
  values: Record<string, FormValue>;
  today: IsoDate;
}

/**
 * Whether a condition holds for the answers so far. A comparison on a question with no answer
 * never holds (not even `not-equals` or `not-includes`): ask `not-answered` for that. Counting
 * is the exception: a repeatable question with no answers has a count of 0.
 *
 * Runs in the Lambda on validated forms (form-schema.ts checks each operand fits its question),
 * so it trusts their shape and only guards against values it cannot compare (it returns false).
 *
 * @example
 * holds({ question: 'date-of-birth', op: 'age-gte', value: { value: 'minimum-age' } }, answers, { values: form.values, today })
 */
export function holds(condition: Condition, answers: Answers, ctx: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers, ctx));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers, ctx));
  if ('not' in condition) return !holds(condition.not, answers, ctx);

  const answer = Object.hasOwn(answers, condition.question) ? answers[condition.question] : undefined;
  const present = hasValue(answer);
  switch (condition.op) {
    case 'answered':
      return present;
    case 'not-answered':
      return !present;
    case 'count-gte':
    case 'count-lt': {
      const count = !present ? 0 : Array.isArray(answer) ? answer.length : 1;
      const limit = toNumber(operand(condition.value, ctx));
      if (limit === undefined) return false;
      return condition.op === 'count-gte' ? count >= limit : count < limit;
    }
  }
  if (!present) return false;
  switch (condition.op) {
    case 'includes':
      return Array.isArray(answer) ? answer.includes(condition.value) : answer === condition.value;
    case 'not-includes':
      return Array.isArray(answer) ? !answer.includes(condition.value) : answer !== condition.value;
    case 'equals':
      return equals(answer!, operand(condition.value, ctx));
    case 'not-equals':
      return !equals(answer!, operand(condition.value, ctx));
    case 'age-gte':
    case 'age-lt': {
      const born = typeof answer === 'string' ? parseIsoDate(answer) : undefined;
      const years = toNumber(operand(condition.value, ctx));
      if (born === undefined || years === undefined) return false;
      const age = ageOn(born, ctx.today);
      return condition.op === 'age-gte' ? age >= years : age < years;
    }
    default: {
      const order = compare(answer!, operand(condition.value, ctx));
      if (order === undefined) return false;
      if (condition.op === 'gt') return order > 0;
      if (condition.op === 'gte') return order >= 0;
      if (condition.op === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

/** Whether an answer is there at all: not missing, not blank, not an empty list. */
export function hasValue(answer: AnswerValue | AnswerValue[] | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

/**
 * Whole years between a date of birth and a day, as UK law counts them: someone born on 29 February
 * turns a year older on 1 March in a year that has no 29 February.
 */
export function ageOn(born: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = born.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** An operand as a literal: a form value's settled value, or today moved by a number of days. */
function operand(o: Operand, ctx: ConditionContext): string | number | undefined {
  if (typeof o === 'string' || typeof o === 'number') return o;
  if ('daysFromToday' in o) return addDays(ctx.today, o.daysFromToday);
  return Object.hasOwn(ctx.values, o.value) ? ctx.values[o.value].value : undefined;
}

function toNumber(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function equals(answer: AnswerValue | AnswerValue[], value: string | number | undefined): boolean {
  if (value === undefined) return false;
  if (typeof answer === 'number') return answer === toNumber(value);
  // A many-selection equals an option when that option is the only one chosen.
  if (Array.isArray(answer)) return answer.length === 1 && answer[0] === String(value);
  if (typeof answer === 'string') return answer === String(value);
  return false;
}

/** Numbers as numbers, dates as dates (ISO dates sort as strings once both are real dates). */
function compare(answer: AnswerValue | AnswerValue[], value: string | number | undefined): number | undefined {
  if (typeof answer === 'number') {
    const n = toNumber(value);
    return n === undefined ? undefined : Math.sign(answer - n);
  }
  if (typeof answer === 'string' && parseIsoDate(answer) && typeof value === 'string' && parseIsoDate(value)) {
    return answer < value ? -1 : answer > value ? 1 : 0;
  }
  return undefined;
}
