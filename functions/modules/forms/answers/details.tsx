import { CharacterCount, Fieldset, type Errors } from '../../../../web/components.tsx';
import { localise } from '../../../core/localised-text.ts';
import { detailsFor } from '../definition/flow.ts';
import type { DetailsAnswer, Question, SelectionOption } from '../definition/types.ts';
import type { AnswerContext, AnswerHandler, PostedFields } from './answer-types.ts';
import { hintOf, labelOf, lowerFirst, softMutate } from './shared.ts';
import { countTexts } from './text.tsx';

type DetailsQuestion = Extract<Question, { type: 'details' }>;

/** The options chosen in the question's selection, from the answers the journey gives (none without them). */
const chosen = (q: DetailsQuestion, ctx: AnswerContext): SelectionOption[] => detailsFor(q, ctx.answers ?? {});

const fieldId = (idPrefix: string, option: SelectionOption) => `${idPrefix}-${option.value}`;

// As text.tsx: line ends count as one character; a huge post is cut, keeping enough to show what was typed over the limit.
function posted(body: PostedFields | undefined, name: string, limit: number): string | undefined {
  const v = body?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.replace(/\r\n?/g, '\n').slice(0, limit);
}
const keep = (q: DetailsQuestion) => q.maxLength * 2 + 100;

/** The option's text as it sits inside an error message: lower case, and in Welsh softly mutated after "am". */
function optionInMessage(option: SelectionOption, ctx: Pick<AnswerContext, 'lang'>): string {
  const text = lowerFirst(localise(option.text, ctx.lang).trim());
  return ctx.lang === 'cy' ? softMutate(text) : text;
}

/**
 * Details: "tell us more" about each option chosen in an earlier many-selection (GOV.UK character
 * count, one box per option, each labelled with the option's text, grouped under the question as a
 * fieldset legend). Each box has its own id (`<key>-<option>`) and error; the answer holds the text
 * by option value. The page is skipped when nothing was chosen (flow.ts), so there is always a box.
 */
export const detailsHandler: AnswerHandler<DetailsQuestion, DetailsAnswer> = {
  Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const hint = hintOf(q, ctx.lang);
    const options = chosen(q, ctx);
    const prefix = ctx.t('common.errorPrefix');
    return (
      <div class="govuk-form-group">
        <Fieldset legend={labelOf(q, ctx)} isPageHeading={asPageHeading} describedBy={hint ? `${idPrefix}-hint` : undefined}>
          {hint && (
            <div id={`${idPrefix}-hint`} class="govuk-hint">
              {hint}
            </div>
          )}
          {options.map((option) => {
            const id = fieldId(idPrefix, option);
            const text = (raw && posted(raw, id, keep(q))) ?? value?.[option.value] ?? '';
            return (
              <CharacterCount
                id={id}
                name={id}
                label={localise(option.text, ctx.lang)}
                error={errs[id]}
                errorPrefix={prefix}
                value={text}
                maxLength={q.maxLength}
                limitText={ctx.t('forms.answers.text.limit', { max: q.maxLength })}
                i18n={countTexts(ctx)}
                rows={3}
              />
            );
          })}
        </Fieldset>
      </div>
    );
  },
  read(q, body, ctx, idPrefix) {
    const value: DetailsAnswer = {};
    const errs: Errors = {};
    for (const option of chosen(q, ctx)) {
      const id = fieldId(idPrefix, option);
      const text = (posted(body, id, keep(q)) ?? '').trim();
      const params = { option: optionInMessage(option, ctx), max: q.maxLength };
      if (!text) {
        if (!q.optional) errs[id] = ctx.t('forms.answers.details.enter', params);
      } else if (text.length > q.maxLength) errs[id] = ctx.t('forms.answers.details.tooLong', params);
      else value[option.value] = text;
    }
    if (Object.keys(errs).length > 0) return { kind: 'errors', errors: errs };
    return { kind: 'value', value: Object.keys(value).length > 0 ? value : undefined };
  },
  display(q, value, ctx) {
    // One line per option, in the selection's order; an option the council no longer offers keeps its value as its name.
    const known = (q.options ?? []).filter((o) => Object.hasOwn(value, o.value));
    const others = Object.keys(value).filter((v) => !known.some((o) => o.value === v));
    const line = (name: string, text: string) => `${name}: ${text.replace(/\s*\n\s*/g, ' ')}`;
    return [...known.map((o) => line(localise(o.text, ctx.lang), value[o.value])), ...others.map((v) => line(v, value[v]))];
  },
};
