import { Input, type InputProps } from '../../../../web/components.tsx';
import type { Question } from '../definition/types.ts';
import type { AnswerContext, PostedFields } from './answer-types.ts';
import { hintOf, labelOf, shown } from './shared.ts';
import type { Errors } from '../../../../web/components.tsx';

/**
 * A question answered in one text input (email, phone, National Insurance number, organisation,
 * number): its label (the page heading when alone), hint, error and the value kept as typed after
 * an error. Each answer type adds its own input attributes (type, autocomplete, width…).
 */
export function QuestionInput(
  p: { q: Question; ctx: AnswerContext; errors: Errors; raw?: PostedFields; idPrefix: string; asPageHeading: boolean; value?: string } & Omit<
    Partial<InputProps>,
    'id' | 'name' | 'label' | 'error' | 'errorPrefix' | 'value'
  >,
) {
  const { q, ctx, errors, raw, idPrefix, asPageHeading, value, hint, ...attributes } = p;
  return (
    <Input
      id={idPrefix}
      name={idPrefix}
      label={labelOf(q, ctx)}
      isPageHeading={asPageHeading}
      hint={hint ?? hintOf(q, ctx.lang)}
      error={errors[idPrefix]}
      errorPrefix={ctx.t('common.errorPrefix')}
      value={shown(raw, idPrefix, value)}
      {...attributes}
    />
  );
}
