import { CharacterCount, Input } from '../../../../web/components.tsx';
import type { Question } from '../definition/types.ts';
import type { AnswerContext, AnswerHandler, PostedFields } from './answer-types.ts';
import { errors, hintOf, labelOf, message } from './shared.ts';

type TextQuestion = Extract<Question, { type: 'text' }>;

// Line ends arrive as \r\n from a browser; one line end counts as one character, as the character count shows it.
function posted(body: PostedFields | undefined, name: string, limit: number): string | undefined {
  const v = body?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.replace(/\r\n?/g, '\n').slice(0, limit);
}

// Enough to show back what was typed over the limit, never the whole of a huge post.
const keep = (q: TextQuestion) => q.maxLength * 2 + 100;

/** govuk-frontend's character count messages in the page's language (its plural forms). */
export function countTexts(ctx: Pick<AnswerContext, 'lang' | 't'>): Record<string, string> {
  const one = { remaining: ctx.t('forms.answers.text.remainingOne'), over: ctx.t('forms.answers.text.overOne') };
  const other = { remaining: ctx.t('forms.answers.text.remainingOther'), over: ctx.t('forms.answers.text.overOther') };
  // govuk-frontend picks a plural form with Intl.PluralRules; Welsh has six, English two.
  const forms = ctx.lang === 'cy' ? ['zero', 'one', 'two', 'few', 'many', 'other'] : ['one', 'other'];
  const texts: Record<string, string> = { 'textarea-description.other': ctx.t('forms.answers.text.description') };
  for (const form of forms) {
    const set = form === 'one' ? one : other;
    texts[`characters-under-limit.${form}`] = set.remaining;
    texts[`characters-over-limit.${form}`] = set.over;
  }
  texts['characters-at-limit'] = ctx.t('forms.answers.text.remainingOther').replace('%{count}', '0');
  return texts;
}

/**
 * Text: one line (GOV.UK text input) or several (`long`: GOV.UK character count, whose limit is
 * written under the box without JavaScript). The limit is checked here, never with `maxlength`,
 * which would cut a pasted answer without saying so.
 */
export const textHandler: AnswerHandler<TextQuestion, string> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const text = (raw && posted(raw, idPrefix, keep(q))) ?? value ?? '';
    const common = {
      id: idPrefix,
      name: idPrefix,
      label: labelOf(q, ctx),
      isPageHeading: asPageHeading,
      hint: hintOf(q, ctx.lang),
      error: errs[idPrefix],
      errorPrefix: ctx.t('common.errorPrefix'),
      value: text,
    };
    if (!q.long) return <Input {...common} />;
    return <CharacterCount {...common} maxLength={q.maxLength} limitText={ctx.t('forms.answers.text.limit', { max: q.maxLength })} i18n={countTexts(ctx)} />;
  },
  read(q, body, ctx, idPrefix) {
    const text = (posted(body, idPrefix, keep(q)) ?? '').trim();
    const value = q.long ? text : text.replace(/\s+/g, ' ');
    if (!value) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.enter'));
    if (value.length > q.maxLength) return errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.tooLong', { max: q.maxLength }));
    return { kind: 'value', value };
  },
  display: (q, value) => (q.long ? value.split('\n') : [value]),
};
