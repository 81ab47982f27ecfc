import { Fieldset, Input } from '../../../../web/components.tsx';
import type { NameAnswer, Question } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { field, firstError, hintOf, labelOf, message, shown } from './shared.ts';
import type { Errors } from '../../../../web/components.tsx';

type NameQuestion = Extract<Question, { type: 'name' }>;

export const NAME_PART_MAX = 100;
export const FULL_NAME_MAX = 200;
const TITLE_MAX = 35;

/** Whether the name has one input (a full name without a title): then its id is the question's key. */
const single = (q: NameQuestion) => q.format === 'full' && !q.title;

function ids(q: NameQuestion, p: string): { title?: string; full?: string; first?: string; last?: string } {
  if (single(q)) return { full: p };
  return { ...(q.title && { title: `${p}-title` }), ...(q.format === 'full' ? { full: `${p}-full` } : { first: `${p}-first`, last: `${p}-last` }) };
}

/**
 * A person's name (GOV.UK names pattern): one "full name" input, or first and last name inputs,
 * optionally with a title, grouped under the question as a fieldset legend. No spellcheck;
 * autocomplete name, given-name, family-name, honorific-prefix.
 */
export const nameHandler: AnswerHandler<NameQuestion, NameAnswer> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const id = ids(q, idPrefix);
    const prefix = ctx.t('common.errorPrefix');
    const hint = hintOf(q, ctx.lang);
    if (single(q)) {
      return (
        <Input id={idPrefix} name={idPrefix} label={labelOf(q, ctx)} isPageHeading={asPageHeading} hint={hint} error={errs[idPrefix]} errorPrefix={prefix} value={shown(raw, idPrefix, value?.full)} autocomplete="name" spellcheck={false} />
      );
    }
    const part = (key: 'title' | 'full' | 'first' | 'last', label: string, autocomplete: string, classes?: string) =>
      id[key] && (
        <Input id={id[key]} name={id[key]} label={label} labelClasses="govuk-label" error={errs[id[key]]} errorPrefix={prefix} value={shown(raw, id[key], value?.[key])} autocomplete={autocomplete} spellcheck={false} classes={classes} />
      );
    const groupError = firstError(errs, Object.values(id));
    return (
      <div class={groupError ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <Fieldset legend={labelOf(q, ctx)} isPageHeading={asPageHeading} describedBy={hint ? `${idPrefix}-hint` : undefined}>
          {hint && (
            <div id={`${idPrefix}-hint`} class="govuk-hint">
              {hint}
            </div>
          )}
          {part('title', `${ctx.t('forms.answers.name.title')} ${ctx.t('common.optional')}`, 'honorific-prefix', 'govuk-input--width-5')}
          {part('full', ctx.t('forms.answers.name.full'), 'name')}
          {part('first', ctx.t('forms.answers.name.first'), 'given-name', 'govuk-!-width-two-thirds')}
          {part('last', ctx.t('forms.answers.name.last'), 'family-name', 'govuk-!-width-two-thirds')}
        </Fieldset>
      </div>
    );
  },
  read(q, body, ctx, idPrefix) {
    const id = ids(q, idPrefix);
    const got = {
      title: id.title ? field(body, id.title) : '',
      full: id.full ? field(body, id.full).replace(/\s+/g, ' ') : '',
      first: id.first ? field(body, id.first).replace(/\s+/g, ' ') : '',
      last: id.last ? field(body, id.last).replace(/\s+/g, ' ') : '',
    };
    if (q.optional && !got.title && !got.full && !got.first && !got.last) return { kind: 'value', value: undefined };
    const errs: Errors = {};
    if (id.title && got.title.length > TITLE_MAX) errs[id.title] = ctx.t('forms.answers.name.titleTooLong', { max: TITLE_MAX });
    if (id.full) {
      if (!got.full) errs[id.full] = message(q, ctx, 'name', 'forms.answers.enter');
      else if (got.full.length > FULL_NAME_MAX) errs[id.full] = message(q, ctx, 'name', 'forms.answers.tooLong', { max: FULL_NAME_MAX });
    }
    if (id.first) {
      if (!got.first) errs[id.first] = ctx.t('forms.answers.name.firstRequired');
      else if (got.first.length > NAME_PART_MAX) errs[id.first] = ctx.t('forms.answers.name.firstTooLong', { max: NAME_PART_MAX });
    }
    if (id.last) {
      if (!got.last) errs[id.last] = ctx.t('forms.answers.name.lastRequired');
      else if (got.last.length > NAME_PART_MAX) errs[id.last] = ctx.t('forms.answers.name.lastTooLong', { max: NAME_PART_MAX });
    }
    if (Object.keys(errs).length > 0) return { kind: 'errors', errors: errs };
    const value: NameAnswer = q.format === 'full' ? { full: got.full } : { first: got.first, last: got.last };
    return { kind: 'value', value: got.title ? { title: got.title, ...value } : value };
  },
  display: (_q, v) => [[v.title, v.full ?? [v.first, v.last].filter(Boolean).join(' ')].filter(Boolean).join(' ')],
};
