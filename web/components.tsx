/**
 * GOV.UK Design System components as Hono JSX, following govuk-frontend's own templates.
 * Only the options this platform uses; markup and classes match the Nunjucks macros.
 */
import type { Child } from 'hono/jsx';

export interface FieldError {
  /** The id of the field the summary links to. */
  href: string;
  text: string;
}

export type Errors = Record<string, string>;

export function ErrorSummary(props: { title: string; errors: Errors }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{props.title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([field, text]) => (
              <li>
                <a href={`#${field}`}>{text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage(props: { id: string; text?: string; prefix: string }) {
  if (!props.text) return null;
  return (
    <p id={`${props.id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{props.prefix}:</span> {props.text}
    </p>
  );
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export interface InputProps {
  id: string;
  name: string;
  label: string;
  /** Makes the label the page heading (one question per page). */
  isPageHeading?: boolean;
  hint?: string;
  error?: string;
  errorPrefix: string;
  value?: string;
  type?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  inputmode?: 'email' | 'numeric' | 'text' | 'tel' | 'decimal';
  classes?: string;
  /** The label's classes when it is not the page heading (default `govuk-label govuk-label--s`). */
  labelClasses?: string;
  /** GOV.UK's input prefix and suffix ("£", "kg"), hidden from screen readers as the macro does. */
  prefix?: string;
  suffix?: string;
}

export function Input(p: InputProps) {
  const label = (
    <label class={p.isPageHeading ? 'govuk-label govuk-label--l' : (p.labelClasses ?? 'govuk-label govuk-label--s')} for={p.id}>
      {p.label}
    </label>
  );
  const input = (
    <input
      class={`govuk-input${p.classes ? ` ${p.classes}` : ''}${p.error ? ' govuk-input--error' : ''}`}
      id={p.id}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      autocomplete={p.autocomplete}
      spellcheck={p.spellcheck}
      inputmode={p.inputmode}
      aria-describedby={describedBy(p.id, p.hint, p.error)}
    />
  );
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      {p.isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label}
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
      {p.prefix || p.suffix ? (
        <div class="govuk-input__wrapper">
          {p.prefix && (
            <div class="govuk-input__prefix" aria-hidden="true">
              {p.prefix}
            </div>
          )}
          {input}
          {p.suffix && (
            <div class="govuk-input__suffix" aria-hidden="true">
              {p.suffix}
            </div>
          )}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function Textarea(p: Omit<InputProps, 'type' | 'inputmode'> & { rows?: number }) {
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
      <textarea
        class={`govuk-textarea${p.error ? ' govuk-textarea--error' : ''}`}
        id={p.id}
        name={p.name}
        rows={p.rows ?? 5}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface RadioItem {
  value: string;
  text: string;
  hint?: string;
}

export function Radios(p: {
  /** The first radio's id, which the error summary links to. */
  id: string;
  name: string;
  legend: string;
  isPageHeading?: boolean;
  hint?: string;
  error?: string;
  errorPrefix: string;
  items: RadioItem[];
  value?: string;
  /** Side by side (GOV.UK: for two short options such as yes and no). */
  inline?: boolean;
}) {
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend class={p.isPageHeading ? 'govuk-fieldset__legend govuk-fieldset__legend--l' : 'govuk-fieldset__legend govuk-fieldset__legend--m'}>
          {p.isPageHeading ? <h1 class="govuk-fieldset__heading">{p.legend}</h1> : p.legend}
        </legend>
        {p.hint && (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
        <div class={p.inline ? 'govuk-radios govuk-radios--inline' : 'govuk-radios'} data-module="govuk-radios">
          {p.items.map((item, i) => {
            const id = i === 0 ? p.id : `${p.id}-${i + 1}`;
            return (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={id}
                  name={p.name}
                  type="radio"
                  value={item.value}
                  checked={p.value === item.value}
                  aria-describedby={item.hint ? `${id}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-radios__label" for={id}>
                  {item.text}
                </label>
                {item.hint && (
                  <div id={`${id}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {item.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button(p: { text: string; name?: string; value?: string; secondary?: boolean; formaction?: string }) {
  return (
    <button
      type="submit"
      class={p.secondary ? 'govuk-button govuk-button--secondary' : 'govuk-button'}
      data-module="govuk-button"
      data-prevent-double-click="true"
      name={p.name}
      value={p.value}
      formaction={p.formaction}
    >
      {p.text}
    </button>
  );
}

export function BackLink(p: { href: string; text: string }) {
  return (
    <a href={p.href} class="govuk-back-link">
      {p.text}
    </a>
  );
}

export interface SummaryRow {
  key: string;
  value: Child;
  /** A change action; a form button so that answers carried in the form go with it. */
  change?: { formaction: string; text: string; visuallyHidden: string };
  /** A change link, where the answers are kept on the server. */
  changeHref?: { href: string; text: string; visuallyHidden: string };
}

export function SummaryList(p: { rows: SummaryRow[] }) {
  return (
    <dl class="govuk-summary-list">
      {p.rows.map((row) => (
        <div class={row.change || row.changeHref ? 'govuk-summary-list__row' : 'govuk-summary-list__row govuk-summary-list__row--no-actions'}>
          <dt class="govuk-summary-list__key">{row.key}</dt>
          <dd class="govuk-summary-list__value">{row.value}</dd>
          {row.change && (
            <dd class="govuk-summary-list__actions">
              <button type="submit" class="app-link-button govuk-link" formaction={row.change.formaction} name="step" value="change">
                {row.change.text}
                <span class="govuk-visually-hidden"> {row.change.visuallyHidden}</span>
              </button>
            </dd>
          )}
          {row.changeHref && (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={row.changeHref.href}>
                {row.changeHref.text}
                <span class="govuk-visually-hidden"> {row.changeHref.visuallyHidden}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export function Panel(p: { title: string; children?: Child }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{p.title}</h1>
      {p.children && <div class="govuk-panel__body">{p.children}</div>}
    </div>
  );
}

export function InsetText(p: { children: Child }) {
  return <div class="govuk-inset-text">{p.children}</div>;
}

export function WarningText(p: { children: Child; iconFallback: string }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{p.iconFallback}</span>
        {p.children}
      </strong>
    </div>
  );
}

/** CSRF token field that every POST form carries. */
export function CsrfField(p: { token: string }) {
  return <input type="hidden" name="csrf" value={p.token} />;
}

export function Hidden(p: { fields: Record<string, string | undefined> }) {
  return (
    <>
      {Object.entries(p.fields).map(([name, value]) => (value === undefined ? null : <input type="hidden" name={name} value={value} />))}
    </>
  );
}

export function Checkboxes(p: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  errorPrefix: string;
  items: RadioItem[];
  values?: string[];
  isPageHeading?: boolean;
  /** "None of the above", after an "or" divider, exclusive of the others (govuk-frontend unticks them with JavaScript). */
  none?: { value: string; text: string; divider: string };
}) {
  const items: (RadioItem & { exclusive?: boolean })[] = p.none ? [...p.items, { value: p.none.value, text: p.none.text, exclusive: true }] : p.items;
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend class={p.isPageHeading ? 'govuk-fieldset__legend govuk-fieldset__legend--l' : 'govuk-fieldset__legend govuk-fieldset__legend--m'}>
          {p.isPageHeading ? <h1 class="govuk-fieldset__heading">{p.legend}</h1> : p.legend}
        </legend>
        {p.hint && (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
          {items.map((item, i) => {
            const id = i === 0 ? p.id : `${p.id}-${i + 1}`;
            return (
              <>
                {item.exclusive && <div class="govuk-checkboxes__divider">{p.none!.divider}</div>}
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id={id}
                    name={p.name}
                    type="checkbox"
                    value={item.value}
                    checked={p.values?.includes(item.value)}
                    aria-describedby={item.hint ? `${id}-item-hint` : undefined}
                    data-behaviour={item.exclusive ? 'exclusive' : undefined}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={id}>
                    {item.text}
                  </label>
                  {item.hint && (
                    <div id={`${id}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                      {item.hint}
                    </div>
                  )}
                </div>
              </>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A group of related inputs under one legend (GOV.UK fieldset); the legend is the h1 when it is the page's question. */
export function Fieldset(p: { legend: string; isPageHeading?: boolean; describedBy?: string; role?: 'group'; children: Child }) {
  return (
    <fieldset class="govuk-fieldset" role={p.role} aria-describedby={p.describedBy}>
      <legend class={p.isPageHeading ? 'govuk-fieldset__legend govuk-fieldset__legend--l' : 'govuk-fieldset__legend govuk-fieldset__legend--m'}>
        {p.isPageHeading ? <h1 class="govuk-fieldset__heading">{p.legend}</h1> : p.legend}
      </legend>
      {p.children}
    </fieldset>
  );
}

export interface DateInputItem {
  /** `day`, `month` or `year`: the input's id and name are `${id}-${part}`. */
  part: 'day' | 'month' | 'year';
  label: string;
  value?: string;
  error?: boolean;
  autocomplete?: string;
}

/** GOV.UK date input: day, month and year boxes in a fieldset; the error summary links to `${id}-day` (or the part in error). */
export function DateInput(p: { id: string; legend: string; isPageHeading?: boolean; hint?: string; error?: string; errorPrefix: string; items: DateInputItem[] }) {
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <Fieldset legend={p.legend} isPageHeading={p.isPageHeading} role="group" describedBy={describedBy(p.id, p.hint, p.error)}>
        {p.hint && (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
        <div class="govuk-date-input" id={p.id}>
          {p.items.map((item) => (
            <div class="govuk-date-input__item">
              <div class="govuk-form-group">
                <label class="govuk-label govuk-date-input__label" for={`${p.id}-${item.part}`}>
                  {item.label}
                </label>
                <input
                  class={`govuk-input govuk-date-input__input ${item.part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2'}${item.error ? ' govuk-input--error' : ''}`}
                  id={`${p.id}-${item.part}`}
                  name={`${p.id}-${item.part}`}
                  type="text"
                  inputmode="numeric"
                  value={item.value ?? ''}
                  autocomplete={item.autocomplete}
                />
              </div>
            </div>
          ))}
        </div>
      </Fieldset>
    </div>
  );
}

/** GOV.UK select. */
export function Select(p: { id: string; name: string; label: string; hint?: string; error?: string; errorPrefix: string; items: { value: string; text: string }[]; value?: string; labelClasses?: string }) {
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class={p.labelClasses ?? 'govuk-label'} for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
      <select class={p.error ? 'govuk-select govuk-select--error' : 'govuk-select'} id={p.id} name={p.name} aria-describedby={describedBy(p.id, p.hint, p.error)}>
        {p.items.map((item) => (
          <option value={item.value} selected={item.value === p.value}>
            {item.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * GOV.UK character count: a textarea with the limit written under it, which govuk-frontend turns
 * into a live count; without JavaScript the written limit stays. `i18n` carries the live count's
 * texts in the page's language (govuk-frontend's data-i18n attributes, %{count} placeholders).
 */
export function CharacterCount(p: {
  id: string;
  name: string;
  label: string;
  isPageHeading?: boolean;
  hint?: string;
  error?: string;
  errorPrefix: string;
  value?: string;
  maxLength: number;
  limitText: string;
  i18n?: Record<string, string>;
  rows?: number;
}) {
  const label = (
    <label class={p.isPageHeading ? 'govuk-label govuk-label--l' : 'govuk-label govuk-label--s'} for={p.id}>
      {p.label}
    </label>
  );
  const i18n = Object.fromEntries(Object.entries(p.i18n ?? {}).map(([k, v]) => [`data-i18n.${k}`, v]));
  return (
    <div class={p.error ? 'govuk-form-group govuk-form-group--error govuk-character-count' : 'govuk-form-group govuk-character-count'} data-module="govuk-character-count" data-maxlength={String(p.maxLength)} {...i18n}>
      {p.isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label}
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} text={p.error} prefix={p.errorPrefix} />
      <textarea
        class={`govuk-textarea govuk-js-character-count${p.error ? ' govuk-textarea--error' : ''}`}
        id={p.id}
        name={p.name}
        rows={p.rows ?? 5}
        aria-describedby={[`${p.id}-info`, p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ')}
      >
        {p.value ?? ''}
      </textarea>
      <div id={`${p.id}-info`} class="govuk-hint govuk-character-count__message">
        {p.limitText}
      </div>
    </div>
  );
}

/** The file upload's own words, in the page's language (common.fileUpload.* in the catalogue). */
export interface FileUploadTexts {
  chooseFile: string;
  noFileChosen: string;
  dropInstruction: string;
  enteredDropZone: string;
  leftDropZone: string;
}

/**
 * govuk-frontend's file upload input, in the wrapper its JavaScript enhances (a "Choose file" button
 * and a drop zone, in the page's language: the browser's own "No file chosen" is always in the
 * browser's language). Without JavaScript it is the plain input.
 */
export function FileInput(p: { id: string; name: string; accept?: string; describedBy?: string; error?: boolean; texts: FileUploadTexts }) {
  return (
    <div
      class="govuk-file-upload-wrapper"
      data-module="govuk-file-upload"
      // govuk-frontend's attribute names have dots, which JSX cannot write as attributes.
      {...{
        'data-i18n.choose-files-button': p.texts.chooseFile,
        'data-i18n.no-file-chosen': p.texts.noFileChosen,
        'data-i18n.drop-instruction': p.texts.dropInstruction,
        'data-i18n.entered-drop-zone': p.texts.enteredDropZone,
        'data-i18n.left-drop-zone': p.texts.leftDropZone,
      }}
    >
      <input class={p.error ? 'govuk-file-upload govuk-file-upload--error' : 'govuk-file-upload'} id={p.id} name={p.name} type="file" accept={p.accept} aria-describedby={p.describedBy} />
    </div>
  );
}
