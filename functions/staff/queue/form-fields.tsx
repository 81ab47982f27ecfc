/**
 * The GOV.UK select and date input, as the queue's filter form and bulk form use them (markup as
 * govuk-frontend's macros write it; web/components.tsx has neither yet).
 */

export interface SelectItem {
  value: string;
  text: string;
}

export interface SelectGroup {
  label: string;
  items: SelectItem[];
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function ErrorLine(props: { id: string; text?: string; prefix: string }) {
  if (!props.text) return null;
  return (
    <p id={`${props.id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{props.prefix}:</span> {props.text}
    </p>
  );
}

/** A select of items, optionally in groups (optgroup), with a first "any" item. */
export function Select(props: {
  id: string;
  name: string;
  label: string;
  items?: SelectItem[];
  groups?: SelectGroup[];
  value?: string;
  error?: string;
  errorPrefix: string;
  hint?: string;
}) {
  const option = (item: SelectItem) => (
    <option value={item.value} selected={item.value === (props.value ?? '')}>
      {item.text}
    </option>
  );
  return (
    <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      )}
      <ErrorLine id={props.id} text={props.error} prefix={props.errorPrefix} />
      <select class={props.error ? 'govuk-select govuk-select--error' : 'govuk-select'} id={props.id} name={props.name} aria-describedby={describedBy(props.id, props.hint, props.error)}>
        {(props.items ?? []).map(option)}
        {(props.groups ?? []).map((g) => (
          <optgroup label={g.label}>{g.items.map(option)}</optgroup>
        ))}
      </select>
    </div>
  );
}

/**
 * GOV.UK's date input: day, month and year boxes named `<name>-day`, `-month`, `-year`, the first
 * with the id `<name>-day` that an error summary links to; the values as typed.
 */
export function DateInput(props: {
  name: string;
  legend: string;
  hint: string;
  values: { day: string; month: string; year: string };
  labels: { day: string; month: string; year: string };
  error?: string;
  errorPrefix: string;
}) {
  const id = props.name;
  const error = props.error ? ' govuk-input--error' : '';
  const part = (key: 'day' | 'month' | 'year', width: 2 | 4) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${key}`}>
          {props.labels[key]}
        </label>
        <input
          class={`govuk-input govuk-date-input__input govuk-input--width-${width}${error}`}
          id={`${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputmode="numeric"
          value={props.values[key]}
        />
      </div>
    </div>
  );
  return (
    <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <div id={`${id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
        <ErrorLine id={id} text={props.error} prefix={props.errorPrefix} />
        <div class="govuk-date-input" id={id}>
          {part('day', 2)}
          {part('month', 2)}
          {part('year', 4)}
        </div>
      </fieldset>
    </div>
  );
}
