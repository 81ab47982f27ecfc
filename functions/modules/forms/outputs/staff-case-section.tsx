import '../messages/register.ts';
import type { Child } from 'hono/jsx';
import { CsrfField, SummaryList, WarningText, type SummaryRow } from '../../../../web/components.tsx';
import type { CaseAnswer, StoredCase } from '../../../core/cases/case-store.ts';
import type { Language } from '../../../core/language.ts';
import { localise } from '../../../core/localised-text.ts';
import type { StaffCaseView } from '../../../core/module.ts';
import { SealedFieldError } from '../../../core/crypto/field-cipher.ts';
import { resolveForm } from '../definition/resolve.ts';
import type { FileAnswer } from '../definition/types.ts';
import { outputsOf, type OutputDelivery, type OutputKind } from './delivery-store.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The staff-only route that serves one of a case's uploaded files (the back office checks the file is the case's). */
export const staffFilePath = (reference: string, fileId: string) => `/staff/cases/${reference}/files/${encodeURIComponent(fileId)}`;
/** The back office's POST that tries a failed delivery again (permission case:work). */
export const staffRetryPath = (reference: string, kind: OutputKind) => `/staff/cases/${reference}/outputs/${kind}/retry`;

const isFile = (v: unknown): v is FileAnswer => typeof v === 'object' && v !== null && typeof (v as FileAnswer).fileId === 'string' && typeof (v as FileAnswer).name === 'string';

/** A time on the staff page: UK time, to the minute. */
function time(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}

/** One answer as given, in the resident's language; files as links to the back office's download. */
function AnswerValue(p: { a: CaseAnswer; found: StoredCase; view: StaffCaseView; t: T }) {
  const { a, found, view, t } = p;
  const values = Array.isArray(a.value) ? a.value : [a.value];
  if (values.length > 0 && values.every(isFile)) {
    return (
      <ul class="govuk-list">
        {(values as FileAnswer[]).map((f) => (
          <li>
            <a class="govuk-link" href={view.href(staffFilePath(found.reference, f.fileId))} lang={found.lang} download={f.name}>
              {t('forms.outputs.file.download', { name: f.name })}
            </a>
          </li>
        ))}
      </ul>
    );
  }
  const items = a.text.filter((x) => x !== '');
  if (items.length === 0) return <>{t('forms.outputs.answers.notAnswered')}</>;
  if (items.length === 1) return <span class="app-pre-wrap" lang={found.lang}>{items[0]}</span>;
  return (
    <ul class="govuk-list govuk-list--bullet" lang={found.lang}>
      {items.map((x) => (
        <li class="app-pre-wrap">{x}</li>
      ))}
    </ul>
  );
}

function Delivery(p: { d: OutputDelivery; found: StoredCase; view: StaffCaseView; t: T }) {
  const { d, found, view, t } = p;
  const lang = view.lang;
  const tag = { delivered: 'govuk-tag--green', waiting: 'govuk-tag--yellow', failed: 'govuk-tag--red' }[d.status];
  const kind = t(`forms.outputs.kind.${d.kind}`);
  return (
    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions" data-output={d.kind} data-status={d.status}>
      <dt class="govuk-summary-list__key">{kind}</dt>
      <dd class="govuk-summary-list__value">
        <p class="govuk-body">
          <strong class={`govuk-tag ${tag}`}>{t(`forms.outputs.tag.${d.status}`)}</strong>
        </p>
        <p class="govuk-body">
          {d.status === 'delivered' && d.deliveredAt && t('forms.outputs.status.delivered', { time: time(d.deliveredAt, lang) })}
          {d.status === 'waiting' && d.dueAt && t('forms.outputs.status.waiting', { attempt: d.attempts + 1, time: time(d.dueAt, lang) })}
          {d.status === 'failed' && t('forms.outputs.status.failed', { attempts: d.attempts })}
        </p>
        {d.status !== 'delivered' && d.lastAttemptAt && d.lastResult && (
          <p class="govuk-body">{t('forms.outputs.status.lastResult', { time: time(d.lastAttemptAt, lang), result: d.lastResult })}</p>
        )}
        {d.status === 'failed' && view.actions?.work && (
          <form method="post" action={view.href(staffRetryPath(found.reference, d.kind))} novalidate>
            <CsrfField token={view.actions.csrfToken} />
            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-prevent-double-click="true">
              {t('forms.outputs.retry.button')}
              <span class="govuk-visually-hidden"> – {kind}</span>
            </button>
          </form>
        )}
      </dd>
    </div>
  );
}

/** The case's form by its title in the staff page's language; its id if the council no longer adopts it. */
function formTitle(found: StoredCase, view: StaffCaseView): string {
  const id = found.form?.id ?? found.type;
  const resolved = resolveForm(view.council, id);
  return resolved ? localise(resolved.title, view.lang) : id;
}

/** How the page stands with special-category answers: none, withheld (no care role), opened, or not openable. */
type Special = 'none' | 'withheld' | 'opened' | 'failed';

/**
 * The forms module's part of the staff case page: the answers as a summary list (each question in
 * the staff page's language, each answer as the resident gave it, marked with their language), and
 * how the webhook and the council mailbox's email went. A viewer (no personal data) is told the
 * answers are withheld. Special-category answers (stored sealed) are opened only for care staff
 * (`view.openSealed`, which audits each opening) and only when the answers are shown; everyone else
 * sees each such question with "withheld". Answers that cannot be opened leave the rest of the page
 * working, with a warning in their place.
 *
 * @example
 * staffCaseSection: formsStaffCaseSection,
 */
export async function formsStaffCaseSection(found: StoredCase, view: StaffCaseView): Promise<Child> {
  const t = view.t as T;
  const form = found.form;
  let answers = form?.answers ?? [];
  // The case page read the case as live; its outputs expire with it.
  const outputs = form ? await outputsOf(view.store, found.reference) : [];
  let special: Special = answers.some((a) => a.specialCategory || a.sealed !== undefined) ? 'withheld' : 'none';
  if (special === 'withheld' && view.personal && view.openSealed) {
    try {
      answers = await view.openSealed();
      special = 'opened';
    } catch (error) {
      // Logged where it was opened; the page says so and shows the other answers.
      if (!(error instanceof SealedFieldError)) throw error;
      special = 'failed';
    }
  }
  const specialValue = (a: CaseAnswer) => {
    if (special === 'opened') {
      return (
        <>
          <strong class="govuk-tag govuk-tag--purple govuk-!-margin-bottom-1">{t('forms.outputs.answers.specialCategoryTag')}</strong>{' '}
          <AnswerValue a={a} found={found} view={view} t={t} />
        </>
      );
    }
    return <span class="govuk-hint govuk-!-margin-bottom-0">{t(special === 'failed' ? 'forms.outputs.answers.specialCategoryFailed' : 'forms.outputs.answers.specialCategory')}</span>;
  };
  const rows: SummaryRow[] = answers.map((a) => ({
    key: (view.lang === 'cy' ? a.question.cy : undefined) ?? a.question.en,
    value: a.specialCategory || a.sealed !== undefined ? specialValue(a) : <AnswerValue a={a} found={found} view={view} t={t} />,
  }));
  return (
    <div id="form-answers" data-testid="form-answers">
      <h2 class="govuk-heading-m">{t('forms.outputs.answers.heading')}</h2>
      {form && <p class="govuk-body-s">{t('forms.outputs.answers.form', { form: formTitle(found, view), version: form.version })}</p>}
      {!view.personal ? (
        <div class="govuk-inset-text" data-testid="answers-withheld">
          {t('forms.outputs.answers.withheld')}
        </div>
      ) : rows.length === 0 ? (
        <p class="govuk-body">{t('forms.outputs.answers.none')}</p>
      ) : (
        <>
          {special === 'withheld' && (
            <div class="govuk-inset-text" data-testid="special-category-hidden">
              {t('forms.outputs.answers.specialCategoryNote')}
            </div>
          )}
          {special === 'opened' && (
            <div class="govuk-inset-text" data-testid="special-category-opened">
              {t('forms.outputs.answers.specialCategoryOpened')}
            </div>
          )}
          {special === 'failed' && (
            <div data-testid="special-category-error">
              <WarningText iconFallback={t('forms.outputs.answers.warning')}>{t('forms.outputs.answers.specialCategoryError', { reference: found.reference })}</WarningText>
            </div>
          )}
          <SummaryList rows={rows} />
        </>
      )}
      {outputs.length > 0 && (
        <div id="form-outputs">
          <h2 class="govuk-heading-m">{t('forms.outputs.delivery.heading')}</h2>
          <dl class="govuk-summary-list" data-testid="form-outputs">
            {outputs.map((d) => (
              <Delivery d={d} found={found} view={view} t={t} />
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
