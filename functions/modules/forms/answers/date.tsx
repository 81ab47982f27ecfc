import { DateInput } from '../../../../web/components.tsx';
import { addDays, parseIsoDate, type IsoDate } from '../../../core/calendar/dates.ts';
import { formatDate } from '../../../core/i18n.ts';
import type { DateLimit, Question } from '../definition/types.ts';
import type { AnswerContext, AnswerHandler, PostedFields } from './answer-types.ts';
import { field, firstError, hintOf, labelOf, message, shown } from './shared.ts';

type DateQuestion = Extract<Question, { type: 'date' }>;
type Part = 'day' | 'month' | 'year';
const PARTS: Part[] = ['day', 'month', 'year'];

// People copy months off letters and cards: "3", "03", "Mar", "March" (and the Welsh names) all mean March.
const MONTH_NAMES = [
  ['jan', 'ion'],
  ['feb', 'chw'],
  ['mar', 'maw'],
  ['apr', 'ebr'],
  ['may', 'mai'],
  ['jun', 'meh'],
  ['jul', 'gor'],
  ['aug', 'aws'],
  ['sep', 'med'],
  ['oct', 'hyd'],
  ['nov', 'tach'],
  ['dec', 'rhag'],
];

function monthNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = text.toLowerCase();
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return undefined;
  const i = MONTH_NAMES.findIndex((names) => names.some((n) => word.startsWith(n)));
  return i < 0 ? undefined : i + 1;
}

export function resolveLimit(limit: DateLimit, today: IsoDate): IsoDate {
  return 'date' in limit ? limit.date : addDays(today, limit.daysFromToday);
}

type Checked = { value: IsoDate | undefined } | { error: string; parts: Part[] };

/** Reads and checks a date's three boxes; on a problem, the GOV.UK message and the boxes to highlight. */
export function checkDate(q: DateQuestion, posted: Record<Part, string>, ctx: Pick<AnswerContext, 'lang' | 't' | 'today'>): Checked {
  const say = (key: Parameters<AnswerContext['t']>[0], params: Record<string, string> = {}) => message(q, ctx, 'date', key, params);
  const missing = PARTS.filter((p) => !posted[p]);
  if (missing.length === 3) return q.optional ? { value: undefined } : { error: say('forms.answers.enter'), parts: PARTS };
  if (missing.length > 0) return { error: say(`forms.answers.date.missing.${missing.join('-') as 'day'}`), parts: missing };
  const day = /^\d{1,2}$/.test(posted.day) ? Number(posted.day) : NaN;
  const month = monthNumber(posted.month) ?? NaN;
  const year = /^\d{4}$/.test(posted.year) ? Number(posted.year) : NaN;
  const wrong = PARTS.filter((p, i) => {
    const n = [day, month, year][i];
    return Number.isNaN(n) || (p === 'day' && (n < 1 || n > 31)) || (p === 'month' && (n < 1 || n > 12)) || (p === 'year' && n < 1000);
  });
  if (wrong.length > 0) return { error: say('forms.answers.date.real'), parts: wrong.length === 1 ? wrong : PARTS };
  const date = parseIsoDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  if (!date) return { error: say('forms.answers.date.real'), parts: ['day'] };

  const whole = (key: Parameters<AnswerContext['t']>[0], params: Record<string, string> = {}): Checked => ({ error: say(key, params), parts: PARTS });
  if (q.kind === 'date-of-birth' && date >= ctx.today) return whole('forms.answers.date.past');
  const min = q.min && resolveLimit(q.min, ctx.today);
  const max = q.max && resolveLimit(q.max, ctx.today);
  if ((min && date < min) || (max && date > max)) {
    const fmt = (d: IsoDate) => formatDate(d, ctx.lang, { weekday: false });
    const relative = (limit: DateLimit | undefined, days: number) => limit !== undefined && 'daysFromToday' in limit && limit.daysFromToday === days;
    const tooEarly = min !== undefined && date < min;
    // "today or in the past" and the like read better than a date when the limit is today.
    if (tooEarly && relative(q.min, 0)) return whole('forms.answers.date.todayOrFuture');
    if (tooEarly && relative(q.min, 1)) return whole('forms.answers.date.future');
    if (!tooEarly && relative(q.max, 0)) return whole('forms.answers.date.todayOrPast');
    if (!tooEarly && relative(q.max, -1)) return whole('forms.answers.date.past');
    if (min && max) return whole('forms.answers.date.between', { min: fmt(min), max: fmt(max) });
    if (min) return whole('forms.answers.date.onOrAfter', { date: fmt(min) });
    return whole('forms.answers.date.onOrBefore', { date: fmt(max!) });
  }
  return { value: date };
}

function postedParts(body: PostedFields | undefined, p: string): Record<Part, string> {
  return { day: field(body, `${p}-day`), month: field(body, `${p}-month`), year: field(body, `${p}-year`) };
}

/** "For example, 27 3 2026": a date the question accepts, written as the boxes take it. */
function example(q: DateQuestion, today: IsoDate): string {
  let d = today;
  const min = q.min && resolveLimit(q.min, today);
  const max = q.max && resolveLimit(q.max, today);
  if (min && d < min) d = min;
  if (max && d > max) d = max;
  return `${Number(d.slice(8, 10))} ${Number(d.slice(5, 7))} ${d.slice(0, 4)}`;
}

/**
 * A date (GOV.UK date input): day, month and year boxes in a fieldset, `${key}-day` etc.; a date of
 * birth must be in the past and autocompletes as bday-*; other dates may have limits, fixed or
 * relative to today. The error summary links to the first box in error.
 */
export const dateHandler: AnswerHandler<DateQuestion, IsoDate> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const ids = PARTS.map((p) => `${idPrefix}-${p}`);
    const error = firstError(errs, [...ids, idPrefix]);
    const stored: Record<Part, string | undefined> = value
      ? { day: String(Number(value.slice(8, 10))), month: String(Number(value.slice(5, 7))), year: value.slice(0, 4) }
      : { day: undefined, month: undefined, year: undefined };
    const checked = error && raw ? checkDate(q, postedParts(raw, idPrefix), ctx) : undefined;
    const highlighted = checked && 'parts' in checked ? checked.parts : error ? PARTS : [];
    const birth = q.kind === 'date-of-birth';
    const labels: Record<Part, string> = { day: ctx.t('forms.answers.date.day'), month: ctx.t('forms.answers.date.month'), year: ctx.t('forms.answers.date.year') };
    return (
      <DateInput
        id={idPrefix}
        legend={labelOf(q, ctx)}
        isPageHeading={asPageHeading}
        hint={hintOf(q, ctx.lang) ?? (birth ? ctx.t('forms.answers.date.hintBirth') : ctx.t('forms.answers.date.hint', { example: example(q, ctx.today) }))}
        error={error}
        errorPrefix={ctx.t('common.errorPrefix')}
        items={PARTS.map((part) => ({
          part,
          label: labels[part],
          value: shown(raw, `${idPrefix}-${part}`, stored[part]),
          error: highlighted.includes(part),
          autocomplete: birth ? `bday-${part}` : undefined,
        }))}
      />
    );
  },
  read(q, body, ctx, idPrefix) {
    const checked = checkDate(q, postedParts(body, idPrefix), ctx);
    if ('value' in checked) return { kind: 'value', value: checked.value };
    return { kind: 'errors', errors: { [`${idPrefix}-${checked.parts[0]}`]: checked.error } };
  },
  display: (_q, value, ctx) => [formatDate(value, ctx.lang, { weekday: false })],
};
