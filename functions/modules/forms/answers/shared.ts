import '../messages/register.ts';
import { localise, type LocalisedText } from '../../../core/localised-text.ts';
import type { Language } from '../../../core/language.ts';
import type { Question } from '../definition/types.ts';
import type { AnswerContext, PostedFields, ReadResult } from './answer-types.ts';
import type { Errors } from '../../../../web/components.tsx';

/** The longest text any single-line field keeps: a posted body larger than this is cut, never stored whole. */
export const MAX_FIELD = 5_000;

/** A posted field's first value, trimmed ('' when absent); cut at MAX_FIELD so no input grows the draft unbounded. */
export function field(body: PostedFields | undefined, name: string): string {
  const v = body?.[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return s.slice(0, MAX_FIELD).trim();
}

/** A posted field's values (checkboxes), each trimmed, blanks dropped. */
export function fields(body: PostedFields | undefined, name: string): string[] {
  const v = body?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((s) => s.slice(0, MAX_FIELD).trim()).filter(Boolean).slice(0, 100);
}

/** What the resident typed if this is a re-render after an error, else the stored value. */
export function shown(raw: PostedFields | undefined, name: string, stored: string | undefined): string {
  if (raw && name in raw) {
    const v = raw[name];
    return (Array.isArray(v) ? (v[0] ?? '') : v).slice(0, MAX_FIELD);
  }
  return stored ?? '';
}

/** The question's label in the page's language, with " (optional)" when it may be left blank. */
export function labelOf(q: Question, ctx: Pick<AnswerContext, 'lang' | 't'>): string {
  const label = localise(q.label, ctx.lang);
  return q.optional ? `${label} ${ctx.t('common.optional')}` : label;
}

export function hintOf(q: { hint?: LocalisedText }, lang: Language): string | undefined {
  return q.hint ? localise(q.hint, lang) : undefined;
}

export function errors(id: string, message: string): ReadResult<never> {
  return { kind: 'errors', errors: { [id]: message } };
}

/** The first message among a question's field ids, for fields that show one message for a group. */
export function firstError(errs: Errors, ids: string[]): string | undefined {
  for (const id of ids) if (errs[id]) return errs[id];
  return undefined;
}

/** Whether a label is a question ("When did you move in?"), which cannot go into "Enter …". */
function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text);
}

/** Lower-cases the first letter unless the first word is an acronym ("NHS number", "UPRN"): for a label inside a sentence. */
export function lowerFirst(text: string): string {
  const first = text.split(/\s/)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SOFT_MUTATION: [RegExp, string][] = [
  [/^ll/, 'l'],
  [/^rh/, 'r'],
  [/^(ch|ph|th|dd|ff)/, '$1'],
  [/^p/, 'b'],
  [/^t/, 'd'],
  [/^c/, 'g'],
  [/^b/, 'f'],
  [/^d/, 'dd'],
  [/^g/, ''],
  [/^m/, 'f'],
];

/** Welsh soft mutation of a phrase's first word, as after "Rhowch", "Dewiswch" and "i" ("dyddiad" → "ddyddiad"). */
export function softMutate(phrase: string): string {
  for (const [from, to] of SOFT_MUTATION) if (from.test(phrase)) return phrase.replace(from, to);
  return phrase;
}

/** "i eich" → "i’ch", "i y(r)" → "i’r", "i ei" and "i eu" → "i’w": the joins Welsh writes. */
function welshJoins(text: string): string {
  return text.replace(/\bi eich\b/g, 'i’ch').replace(/\bi yr?\b/g, 'i’r').replace(/\bi ei\b/g, 'i’w').replace(/\bi eu\b/g, 'i’w');
}

export type SubjectKind = 'answer' | 'date' | 'number' | 'name';

/**
 * What an error message calls the answer (GOV.UK's "[whatever it is]"): the label ("Date of birth" →
 * "Enter date of birth", "Date of birth must be in the past"); for a label that is a question, a
 * neutral noun ("Enter a date", "The date must be in the past"), since "Enter when did you move?" is
 * not English. A question's `errorName` wins over both ("Enter your council tax account number").
 */
export function subject(q: Question, ctx: Pick<AnswerContext, 'lang' | 't'>, kind: SubjectKind): { name: string; Name: string } {
  // The form's own words for it, when it gives them: the specific message GOV.UK asks for.
  if (q.errorName) {
    const own = localise(q.errorName, ctx.lang).trim();
    // A Welsh clause that starts with a question word ("pwy sy'n byw…") keeps its radical form.
    const mutated = /^(pwy|pa|pam|pryd|beth|ble|sut)\b/i.test(own) ? own : softMutate(own);
    return ctx.lang === 'cy' ? { name: mutated, Name: mutated } : { name: own, Name: upperFirst(own) };
  }
  const label = localise(q.label, ctx.lang).trim().replace(/[.:]$/, '');
  if (isQuestion(label)) {
    const object = ctx.t(`forms.answers.subject.${kind}.object`);
    const subj = ctx.t(`forms.answers.subject.${kind}.subject`);
    return ctx.lang === 'cy' ? { name: softMutate(object), Name: softMutate(subj) } : { name: object, Name: subj };
  }
  const lower = lowerFirst(label);
  return ctx.lang === 'cy' ? { name: softMutate(lower), Name: softMutate(lower) } : { name: lower, Name: upperFirst(lower) };
}

/** A message about the question: `{name}`/`{Name}` filled with its subject, Welsh joins made. */
export function message(
  q: Question,
  ctx: Pick<AnswerContext, 'lang' | 't'>,
  kind: SubjectKind,
  key: Parameters<AnswerContext['t']>[0],
  params: Record<string, string | number> = {},
): string {
  const text = ctx.t(key, { ...subject(q, ctx, kind), ...params });
  return ctx.lang === 'cy' ? welshJoins(text) : text;
}
