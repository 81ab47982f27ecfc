import { Checkboxes, Radios } from '../../../../web/components.tsx';
import { localise } from '../../../core/localised-text.ts';
import type { Question, SelectionOption } from '../definition/types.ts';
import type { AnswerHandler } from './answer-types.ts';
import { errors, fields, hintOf, labelOf, message } from './shared.ts';

type SelectionQuestion = Extract<Question, { type: 'selection' }>;

/** The value a many-selection's "None of the above" stores. */
export const NONE = 'none';

/**
 * A choice from options (GOV.UK radios for one, checkboxes for many). A many-selection may have
 * "None of the above" after an "or" divider: exclusive of the others (govuk-frontend unticks them;
 * without JavaScript, ticking both is an error with GOV.UK's wording). Options come from
 * `ctx.optionsFor(q)`, so a source's list (a property's bins) works like written options.
 */
export const selectionHandler: AnswerHandler<SelectionQuestion, string | string[]> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const items = ctx.optionsFor(q).map((o) => ({ value: o.value, text: localise(o.text, ctx.lang), hint: o.hint && localise(o.hint, ctx.lang) }));
    const common = {
      id: idPrefix,
      name: idPrefix,
      legend: labelOf(q, ctx),
      isPageHeading: asPageHeading,
      hint: hintOf(q, ctx.lang),
      error: errs[idPrefix],
      errorPrefix: ctx.t('common.errorPrefix'),
      items,
    };
    const chosen = raw ? fields(raw, idPrefix) : value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (!q.multiple) return <Radios {...common} value={chosen[0]} />;
    const none = q.noneOption && { value: NONE, text: localise(q.noneOption, ctx.lang), divider: ctx.t('forms.answers.selection.or') };
    return <Checkboxes {...common} values={chosen} none={none} />;
  },
  read(q, body, ctx, idPrefix) {
    const known = new Set(ctx.optionsFor(q).map((o) => o.value));
    const offersNone = q.multiple && q.noneOption !== undefined;
    // Values not on offer (a tampered form, or a list that changed) are dropped, never stored.
    const picked = [...new Set(fields(body, idPrefix))].filter((v) => known.has(v) || (offersNone && v === NONE));
    if (picked.length === 0) return q.optional ? { kind: 'value', value: undefined } : errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.select'));
    if (!q.multiple) return picked.length === 1 ? { kind: 'value', value: picked[0] } : errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.select'));
    if (picked.includes(NONE) && picked.length > 1) {
      return errors(idPrefix, message(q, ctx, 'answer', 'forms.answers.selection.noneExclusive', { none: localise(q.noneOption!, ctx.lang) }));
    }
    return { kind: 'value', value: picked };
  },
  display(q, value, ctx) {
    const options: SelectionOption[] = q.options ?? (ctx.optionsFor ? ctx.optionsFor(q) : []);
    const text = (v: string) => {
      if (v === NONE && q.noneOption) return localise(q.noneOption, ctx.lang);
      const o = options.find((option) => option.value === v);
      return o ? localise(o.text, ctx.lang) : v;
    };
    return (Array.isArray(value) ? value : [value]).map(text);
  },
};
