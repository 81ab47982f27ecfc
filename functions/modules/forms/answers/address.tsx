import { Fieldset, Hidden, Input, Select, type Errors } from '../../../../web/components.tsx';
import { normalisePostcode, type Property } from '../../../core/address/address-lookup.ts';
import { localise } from '../../../core/localised-text.ts';
import type { AddressAnswer, Question } from '../definition/types.ts';
import type { AnswerContext, AnswerHandler, PostedFields } from './answer-types.ts';
import { errors, field, firstError, hintOf, labelOf, shown } from './shared.ts';

type AddressQuestion = Extract<Question, { type: 'address' }>;

export const ADDRESS_LINE_MAX = 100;

/**
 * Which part of the address question is showing: `find` (postcode), `choose` (the look-up's list
 * for that postcode) or `manual` (GOV.UK address fields). The mode travels in a hidden field, and
 * the buttons inside the question name the step they ask for in `${key}-action`:
 * `find` (Find address), `change` (back to the postcode), `manual` (enter it by hand).
 */
type Mode = 'find' | 'choose' | 'manual';

const names = (p: string) => ({
  postcode: `${p}-postcode`,
  action: `${p}-action`,
  mode: `${p}-mode`,
  uprn: `${p}-uprn`,
  line1: `${p}-line1`,
  line2: `${p}-line2`,
  town: `${p}-town`,
});

async function lookUp(ctx: AnswerContext, typed: string): Promise<Property[] | undefined> {
  const postcode = normalisePostcode(typed);
  if (!postcode) return undefined;
  const found = await ctx.addresses.byPostcode(postcode);
  return found.outcome === 'found' ? found.properties : undefined;
}

/** The mode to show for what was posted (or, on first showing, for the stored answer). */
function modeOf(raw: PostedFields | undefined, value: AddressAnswer | undefined, p: string): Mode {
  const n = names(p);
  if (!raw) return value ? (value.uprn ? 'choose' : 'manual') : 'find';
  const action = field(raw, n.action);
  if (action === 'manual') return 'manual';
  if (action === 'change') return 'find';
  if (action === 'find') return 'choose';
  const mode = field(raw, n.mode);
  return mode === 'manual' ? 'manual' : mode === 'choose' ? 'choose' : raw[n.postcode] ? 'choose' : 'find';
}

/** A manual answer's lines back in their boxes: line 1, line 2 (all the middle lines), town. */
function manualParts(value: AddressAnswer | undefined): { line1?: string; line2?: string; town?: string } {
  if (!value || value.uprn) return {};
  const lines = value.lines;
  return { line1: lines[0], line2: lines.length > 2 ? lines.slice(1, -1).join(', ') : undefined, town: lines.length > 1 ? lines[lines.length - 1] : undefined };
}

/**
 * A UK address (GOV.UK addresses pattern): the postcode, then the council's look-up's list for it
 * (`ctx.addresses`), with "I can’t find the address in the list" and "Enter the address manually"
 * leading to address line 1, line 2, town and postcode. Finding answers 'again' (show the list);
 * a postcode outside the council's area, or with no addresses, is said so under the postcode, and
 * manual entry stays open (an address elsewhere may be what is asked). A chosen address keeps its UPRN.
 */
export const addressHandler: AnswerHandler<AddressQuestion, AddressAnswer> = {
  async Fields({ q, value, raw, errors: errs, ctx, asPageHeading, idPrefix }) {
    const n = names(idPrefix);
    const t = ctx.t;
    const prefix = t('common.errorPrefix');
    const hint = hintOf(q, ctx.lang);
    let mode = modeOf(raw, value, idPrefix);
    const postcode = shown(raw, n.postcode, value?.postcode);
    const properties = mode === 'choose' ? await lookUp(ctx, postcode) : undefined;
    if (mode === 'choose' && !properties) mode = 'find';
    const error = firstError(errs, Object.values(n));
    const linkButton = (action: string, text: string, hidden?: string) => (
      <button type="submit" class="app-link-button govuk-link" name={n.action} value={action}>
        {text}
        {hidden && <span class="govuk-visually-hidden"> {hidden}</span>}
      </button>
    );

    let body;
    if (mode === 'find') {
      body = (
        <>
          <Input id={n.postcode} name={n.postcode} label={t('forms.answers.address.postcode')} labelClasses="govuk-label" error={errs[n.postcode]} errorPrefix={prefix} value={postcode} autocomplete="postal-code" spellcheck={false} classes="govuk-input--width-10" />
          <Hidden fields={{ [n.mode]: 'find' }} />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name={n.action} value="find">
              {t('forms.answers.address.find')}
            </button>
          </div>
          <p class="govuk-body">{linkButton('manual', t('forms.answers.address.manualLink'))}</p>
        </>
      );
    } else if (mode === 'choose') {
      const list = properties!;
      const chosen = shown(raw, n.uprn, value?.uprn);
      body = (
        <>
          <p class="govuk-body">
            {t('forms.answers.address.postcodeShown', { postcode: normalisePostcode(postcode) ?? postcode })}{' '}
            {linkButton('change', t('forms.answers.address.changePostcode'), t('forms.answers.address.postcode').toLowerCase())}
          </p>
          <Hidden fields={{ [n.mode]: 'choose', [n.postcode]: normalisePostcode(postcode) ?? postcode }} />
          <Select
            id={n.uprn}
            name={n.uprn}
            label={t('forms.answers.address.select')}
            error={errs[n.uprn]}
            errorPrefix={prefix}
            value={chosen}
            items={[
              { value: '', text: list.length === 1 ? t('forms.answers.address.foundOne') : t('forms.answers.address.found', { count: list.length }) },
              ...list.map((p) => ({ value: p.uprn, text: p.lines.join(', ') })),
            ]}
          />
          <p class="govuk-body">{linkButton('manual', t('forms.answers.address.notInList'))}</p>
        </>
      );
    } else {
      const stored = manualParts(value);
      const part = (id: string, label: string, autocomplete: string, storedValue: string | undefined, classes?: string) => (
        <Input id={id} name={id} label={label} labelClasses="govuk-label" error={errs[id]} errorPrefix={prefix} value={shown(raw, id, storedValue)} autocomplete={autocomplete} classes={classes} />
      );
      body = (
        <>
          <Hidden fields={{ [n.mode]: 'manual' }} />
          {part(n.line1, t('forms.answers.address.line1'), 'address-line1', stored.line1)}
          {part(n.line2, t('forms.answers.address.line2'), 'address-line2', stored.line2)}
          {part(n.town, t('forms.answers.address.town'), 'address-level2', stored.town, 'govuk-!-width-two-thirds')}
          <Input id={n.postcode} name={n.postcode} label={t('forms.answers.address.postcode')} labelClasses="govuk-label" error={errs[n.postcode]} errorPrefix={prefix} value={postcode} autocomplete="postal-code" spellcheck={false} classes="govuk-input--width-10" />
        </>
      );
    }
    return (
      <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <Fieldset legend={labelOf(q, ctx)} isPageHeading={asPageHeading} describedBy={hint ? `${idPrefix}-hint` : undefined}>
          {hint && (
            <div id={`${idPrefix}-hint`} class="govuk-hint">
              {hint}
            </div>
          )}
          {body}
        </Fieldset>
      </div>
    );
  },

  async read(q, body, ctx, idPrefix) {
    const n = names(idPrefix);
    const t = ctx.t;
    const action = field(body, n.action);
    if (action === 'manual' || action === 'change') return { kind: 'again' };
    const mode = field(body, n.mode);
    const typed = field(body, n.postcode);

    if (!action && mode === 'manual') {
      const got = { line1: field(body, n.line1), line2: field(body, n.line2), town: field(body, n.town) };
      if (q.optional && !got.line1 && !got.line2 && !got.town && !typed) return { kind: 'value', value: undefined };
      const errs: Errors = {};
      for (const [key, required, tooLong] of [
        ['line1', 'forms.answers.address.line1Required', 'forms.answers.address.line1TooLong'],
        ['line2', undefined, 'forms.answers.address.line2TooLong'],
        ['town', 'forms.answers.address.townRequired', 'forms.answers.address.townTooLong'],
      ] as const) {
        if (!got[key] && required) errs[n[key]] = t(required);
        else if (got[key].length > ADDRESS_LINE_MAX) errs[n[key]] = t(tooLong, { max: ADDRESS_LINE_MAX });
      }
      const postcode = normalisePostcode(typed);
      if (!typed) errs[n.postcode] = t('forms.answers.address.manualPostcodeRequired');
      else if (!postcode) errs[n.postcode] = t('forms.answers.address.manualPostcodeInvalid');
      if (Object.keys(errs).length > 0) return { kind: 'errors', errors: errs };
      return { kind: 'value', value: { lines: [got.line1, got.line2, got.town].filter(Boolean), postcode: postcode! } };
    }

    if (!action && mode === 'choose') {
      const uprn = field(body, n.uprn);
      const postcode = normalisePostcode(typed);
      const property = /^\d{1,12}$/.test(uprn) && postcode ? await ctx.addresses.byUprn(uprn) : undefined;
      // The UPRN must be one of the list shown for that postcode, never any the look-up knows.
      if (!property || property.postcode !== postcode) return errors(n.uprn, t('forms.answers.address.selectRequired'));
      return { kind: 'value', value: { uprn: property.uprn, lines: property.lines, postcode: property.postcode } };
    }

    // Finding: the Find address button, or Continue on the postcode.
    if (!typed) return q.optional && action !== 'find' ? { kind: 'value', value: undefined } : errors(n.postcode, t('forms.answers.address.postcodeRequired'));
    const postcode = typed.length <= 20 ? normalisePostcode(typed) : undefined;
    if (!postcode) return errors(n.postcode, t('forms.answers.address.postcodeInvalid'));
    const found = await ctx.addresses.byPostcode(postcode);
    if (found.outcome === 'out-of-area') return errors(n.postcode, t('forms.answers.address.outOfArea', { postcode, council: localise(ctx.council.name, ctx.lang) }));
    if (found.outcome === 'no-addresses') return errors(n.postcode, t('forms.answers.address.noAddresses', { postcode }));
    return { kind: 'again' };
  },

  display: (_q, value) => [...value.lines, value.postcode],
};
