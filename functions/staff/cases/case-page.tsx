import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, Input, Radios, SummaryList, Textarea, type Errors, type SummaryRow } from '../../../web/components.tsx';
import type { HistoryEntry, StaffRef, StoredCase } from '../../core/cases/case-store.ts';
import { caseStates, stateLabel, type ResponseTemplate } from '../../core/cases/lifecycle.ts';
import { localise } from '../../core/localised-text.ts';
import type { MessageKey } from '../../core/i18n.ts';
import { enabledModules } from '../../modules/index.ts';
import type { StaffEnv } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { actorLabel, staffTime } from './format.ts';

/**
 * The resident's details that are personal data: a view of any of them is audited. (A viewer is
 * shown none of a case's details at all, only those its module declares safe: see detailsShown.)
 */
export const PERSONAL_DETAILS = ['name', 'email', 'phone', 'address', 'uprn', 'postcode'] as const;

const DETAIL_LABELS: Record<string, MessageKey> = {
  name: 'staff.case.detail.name',
  email: 'staff.case.detail.email',
  phone: 'staff.case.detail.phone',
  address: 'staff.case.detail.address',
  uprn: 'staff.case.detail.uprn',
  postcode: 'staff.case.detail.postcode',
  source: 'staff.case.detail.source',
  container: 'staff.case.detail.container',
  collectionDate: 'staff.case.detail.collectionDate',
  more: 'staff.case.detail.more',
};

/** The forms on the page, as their routes are named. */
export type CaseAction = 'state' | 'update' | 'note' | 'assign' | 'duplicate';

/** One officer who may be assigned a case. */
export type Assignee = StaffRef;

export interface CasePageProps {
  found: StoredCase;
  history: HistoryEntry[];
  /** What the signed-in member of staff may do. */
  may: { personal: boolean; work: boolean; assign: boolean };
  officers: Assignee[];
  templates: ResponseTemplate[];
  /** A fresh random id for each form (its action id), so a repeat of the same form applies once. */
  actionIds: Record<CaseAction, string>;
  /** The form that failed, with its answers kept, and the problems. */
  failed?: { action: CaseAction; values: Record<string, string>; errors: Errors };
  /** The answers a response template prefills (the update form). */
  prefill?: { text: string; state: string; template: string };
  /** The action just done, for the success banner. */
  done?: CaseAction;
  /** A public update that was not emailed to the resident, and why: an earlier email still waiting, or no address. */
  notEmailed?: NotEmailedReason;
  /** The case's module's own part of the page (ServiceModule.staffCaseSection: a form's answers and deliveries). */
  moduleSection?: Child;
}

export type NotEmailedReason = 'pending' | 'no-address';
export const NOT_EMAILED_REASONS: readonly NotEmailedReason[] = ['pending', 'no-address'];

function Banner(props: { title: string; text: string }) {
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="done-title">
          {props.title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.text}</p>
      </div>
    </div>
  );
}

function Select(props: { id: string; name: string; label: string; items: { value: string; text: string }[]; value?: string; error?: string; errorPrefix: string; hint?: string }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class="govuk-label govuk-label--s" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <p id={`${props.id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{props.errorPrefix}:</span> {props.error}
        </p>
      )}
      <select class={props.error ? 'govuk-select govuk-select--error' : 'govuk-select'} id={props.id} name={props.name} aria-describedby={describedBy}>
        {props.items.map((i) => (
          <option value={i.value} selected={i.value === props.value}>
            {i.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The hidden fields of every action form: the CSRF token, the action's id and the case version the page showed. */
function ActionFields(props: { c: Context<StaffEnv>; actionId: string; version: number }) {
  return (
    <>
      <CsrfField token={props.c.get('csrfToken')} />
      <input type="hidden" name="actionId" value={props.actionId} />
      <input type="hidden" name="version" value={String(props.version)} />
    </>
  );
}

/**
 * The keys of a case's details this member of staff is shown: all of them for a role that may see
 * personal data; otherwise only those the case's module declares non-personal (`safeDetailKeys`,
 * none by default), since details are the resident's own answers and free text (`more`) that may
 * name or describe anyone. A deny-list would show every new or free-text key by default.
 */
function detailsShown(c: Context<StaffEnv>, found: StoredCase, personal: boolean): (key: string) => boolean {
  if (personal) return () => true;
  const safe = enabledModules(c.get('council')).find((m) => m.id === found.service)?.safeDetailKeys ?? [];
  return (key) => safe.includes(key);
}

/**
 * What one history entry says happened. A viewer sees what is public: each entry's kind and time,
 * and the updates sent to the resident; not a resident's comment's words or a staff note's (free
 * text that may be personal), only that one came.
 */
function HistoryText(props: { c: Context<StaffEnv>; entry: HistoryEntry; found: StoredCase; personal: boolean }) {
  const { c, entry, found } = props;
  const t = c.get('t');
  const council = c.get('council');
  const lang = c.get('lang');
  const state = entry.state ? stateLabel(council, entry.state, lang, found) : '';
  switch (entry.kind) {
    case 'created':
      return <p class="govuk-body">{t('staff.case.history.created', { channel: t(`staff.channel.${found.channel}`) })}</p>;
    case 'state':
      return <p class="govuk-body">{t('staff.case.history.state', { from: entry.previousState ? stateLabel(council, entry.previousState, lang, found) : '', to: state })}</p>;
    case 'update':
      return (
        <>
          <p class="govuk-body govuk-!-margin-bottom-1">{t('staff.case.history.update', { state })}</p>
          <p class="govuk-body app-pre-wrap" lang={entry.lang}>
            {entry.text}
          </p>
        </>
      );
    case 'note':
      return (
        <>
          <p class="govuk-body govuk-!-margin-bottom-1">
            <strong class="govuk-tag govuk-tag--grey">{t('staff.case.history.noteTag')}</strong> {t('staff.case.history.note')}
          </p>
          {props.personal && <p class="govuk-body app-pre-wrap">{entry.text}</p>}
        </>
      );
    case 'assignment':
      return <p class="govuk-body">{entry.assignedTo ? t('staff.case.history.assigned', { name: entry.assignedTo.name }) : t('staff.case.history.unassigned')}</p>;
    case 'duplicate':
      return (
        <p class="govuk-body">
          {t('staff.case.history.duplicate')}{' '}
          <a class="govuk-link" href={staffHref(c, `/cases/${entry.duplicateOf}`)}>
            {entry.duplicateOf}
          </a>
        </p>
      );
    case 'resident-comment':
      return (
        <>
          <p class="govuk-body govuk-!-margin-bottom-1">{t('staff.case.history.residentComment')}</p>
          {/* The resident's own words, as they wrote them, in their language; only for a role that may see personal data. */}
          {props.personal && (
            <p class="govuk-body app-pre-wrap" lang={found.lang}>
              {entry.text ?? ''}
            </p>
          )}
        </>
      );
  }
}

/**
 * The case page: everything the resident gave (their personal details only for roles that may see
 * them), the history timeline, and the actions the signed-in member of staff may take.
 */
export function casePage(c: Context<StaffEnv>, p: CasePageProps, status: 200 | 400 | 404 | 409 | 503 = 200) {
  const t = c.get('t');
  const council = c.get('council');
  const lang = c.get('lang');
  const { found } = p;
  const pub = found.public;
  const errorPrefix = t('common.errorPrefix');
  const failed = p.failed;
  const errors = failed?.errors ?? {};
  const value = (action: CaseAction, name: string, fallback = '') => (failed?.action === action ? (failed.values[name] ?? fallback) : fallback);
  const title = t('staff.case.title', { reference: found.reference });
  const hasErrors = Object.keys(errors).length > 0;
  // The states of this case's type (a care request's own, `cases.types`), else the council's.
  const states = caseStates(council, found);
  const stateItems = states.filter((s) => s.id !== 'duplicate').map((s) => ({ value: s.id, text: localise(s.label, lang) }));
  const shown = detailsShown(c, found, p.may.personal);
  // The module's own names for the case's service and type (a form's title), as the queue shows them; the id if the module or type is gone.
  const module = enabledModules(council).find((m) => m.id === found.service);
  const serviceName = module?.describe(t).name ?? found.service;
  const typeName = module?.caseTypes(council).find((x) => x.id === found.type)?.name;
  const typeLabel = typeName ? localise(typeName, lang) : found.type;
  const given = Object.entries(found.details).filter(([, v]) => v !== '');
  const detailRows: SummaryRow[] = given
    .filter(([key]) => shown(key))
    .map(([key, v]) => ({ key: DETAIL_LABELS[key] ? t(DETAIL_LABELS[key]) : key, value: key === 'more' ? <span lang={found.lang}>{v}</span> : v }));
  const withheld = given.some(([key]) => !shown(key));
  const here = staffHref(c, `/cases/${found.reference}`);

  return renderStaff(
    c,
    <StaffPage c={c} title={hasErrors ? `${errorPrefix}: ${title}` : title}>
      {hasErrors && <ErrorSummary title={t('common.errorSummaryTitle')} errors={errors} />}
      {p.done && (
        <Banner title={t('staff.case.done.title')} text={p.done === 'update' && p.notEmailed ? t(`staff.case.done.update-not-emailed.${p.notEmailed}`) : t(`staff.case.done.${p.done}`)} />
      )}
      <span class="govuk-caption-l">{pub?.serviceName ?? t(`staff.case.service`, { service: serviceName })}</span>
      <h1 class="govuk-heading-l">{title}</h1>

      <SummaryList
        rows={[
          {
            key: t('staff.case.state'),
            value: <strong class={found.status === 'closed' ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue'}>{stateLabel(council, found.state, lang, found)}</strong>,
          },
          ...(found.duplicateOf
            ? [
                {
                  key: t('staff.case.duplicateOf'),
                  value: (
                    <a class="govuk-link" href={staffHref(c, `/cases/${found.duplicateOf}`)}>
                      {found.duplicateOf}
                    </a>
                  ),
                },
              ]
            : []),
          { key: t('staff.case.service.label'), value: `${serviceName} – ${typeLabel}` },
          { key: t('staff.case.created'), value: staffTime(found.createdAt, lang) },
          { key: t('staff.case.updated'), value: staffTime(found.updatedAt, lang) },
          { key: t('staff.case.channel'), value: t(`staff.channel.${found.channel}`) },
          ...(found.madeBy
            ? [
                {
                  key: t('staff.case.madeBy'),
                  value: found.madeBy.forResident
                    ? t('staff.case.madeByFor', { staff: found.madeBy.staff.name, resident: p.may.personal ? found.madeBy.forResident : t('staff.case.by.resident') })
                    : t('staff.case.madeByOnly', { staff: found.madeBy.staff.name }),
                },
              ]
            : []),
          { key: t('staff.case.assigned'), value: found.assignedTo?.name ?? t('staff.case.unassigned') },
          { key: t('staff.case.language'), value: t(`staff.case.language.${found.lang}`) },
        ]}
      />

      {pub && (
        <>
          <h2 class="govuk-heading-m">{t('staff.case.report')}</h2>
          <SummaryList
            rows={[
              { key: t('staff.case.category'), value: `${pub.serviceName} (${pub.serviceCode})` },
              // The resident's own words, as they wrote them: never translated.
              { key: t('staff.case.description'), value: <span class="app-pre-wrap" lang={found.lang}>{pub.description}</span> },
              ...Object.entries(pub.attributes ?? {}).map(([code, v]) => ({ key: code, value: <span lang={found.lang}>{Array.isArray(v) ? v.join(', ') : v}</span> })),
              ...(pub.address ? [{ key: t('staff.case.location'), value: pub.address }] : []),
              ...(pub.lat !== undefined && pub.long !== undefined ? [{ key: t('staff.case.coordinates'), value: `${pub.lat.toFixed(5)}, ${pub.long.toFixed(5)}` }] : []),
              ...(pub.media?.length
                ? [
                    {
                      key: t('staff.case.photos'),
                      value: (
                        <ul class="govuk-list">
                          {pub.media.map((id, i) => (
                            <li>
                              <a class="govuk-link" href={c.get('paths').href(`/report/photos/${id}`)}>
                                {t('staff.case.photo', { n: i + 1 })}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
              ...(pub.externalMediaUrl ? [{ key: t('staff.case.externalPhoto'), value: pub.externalMediaUrl }] : []),
            ]}
          />
        </>
      )}

      <h2 class="govuk-heading-m">{t('staff.case.details')}</h2>
      {withheld && (
        <div class="govuk-inset-text" data-testid="personal-withheld">
          {t('staff.case.withheld')}
        </div>
      )}
      {detailRows.length > 0 ? <SummaryList rows={detailRows} /> : <p class="govuk-body">{t('staff.case.noDetails')}</p>}

      {p.moduleSection}

      <h2 class="govuk-heading-m">{t('staff.case.history')}</h2>
      <ol class="govuk-list app-timeline" reversed data-testid="history">
        {[...p.history].reverse().map((entry) => (
          <li class="govuk-!-margin-bottom-4" data-kind={entry.kind}>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              <strong>{staffTime(entry.at, lang)}</strong> – {actorLabel(t, entry.by, p.may.personal)}
            </p>
            <HistoryText c={c} entry={entry} found={found} personal={p.may.personal} />
          </li>
        ))}
      </ol>

      {p.may.work && (
        <>
          <h2 class="govuk-heading-m" id="update">
            {t('staff.case.update.heading')}
          </h2>
          {p.templates.length > 0 && (
            <form method="get" action={`${here}#update`} novalidate>
              <Select
                id="template"
                name="template"
                label={t('staff.case.update.template')}
                errorPrefix={errorPrefix}
                value={p.prefill?.template}
                items={p.templates.map((tpl) => ({ value: tpl.id, text: `${tpl.title} (${stateLabel(council, tpl.state, lang, found)})` }))}
              />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                {t('staff.case.update.useTemplate')}
              </button>
            </form>
          )}
          <form method="post" action={`${here}/update`} novalidate>
            <ActionFields c={c} actionId={p.actionIds.update} version={found.version} />
            <Textarea
              id="update-text"
              name="text"
              label={t('staff.case.update.text')}
              hint={t('staff.case.update.hint', { language: t(`staff.case.language.${found.lang}`) })}
              error={errors['update-text']}
              errorPrefix={errorPrefix}
              value={value('update', 'text', p.prefill?.text ?? '')}
            />
            <Select
              id="update-state"
              name="state"
              label={t('staff.case.update.state')}
              error={errors['update-state']}
              errorPrefix={errorPrefix}
              value={value('update', 'state', p.prefill?.state ?? '')}
              items={[{ value: '', text: t('staff.case.update.keepState', { state: stateLabel(council, found.state, lang, found) }) }, ...stateItems]}
            />
            <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.case.update.button')}
            </button>
          </form>

          <h2 class="govuk-heading-m">{t('staff.case.state.heading')}</h2>
          <form method="post" action={`${here}/state`} novalidate>
            <ActionFields c={c} actionId={p.actionIds.state} version={found.version} />
            <Radios id="state" name="state" legend={t('staff.case.state.legend')} error={errors.state} errorPrefix={errorPrefix} items={stateItems} value={value('state', 'state', found.state)} />
            <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.case.state.button')}
            </button>
          </form>

          <h2 class="govuk-heading-m">{t('staff.case.note.heading')}</h2>
          <form method="post" action={`${here}/note`} novalidate>
            <ActionFields c={c} actionId={p.actionIds.note} version={found.version} />
            <Textarea id="note-text" name="text" label={t('staff.case.note.text')} hint={t('staff.case.note.hint')} error={errors['note-text']} errorPrefix={errorPrefix} value={value('note', 'text')} />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.case.note.button')}
            </button>
          </form>

          {states.some((s) => s.id === 'duplicate') && (
            <>
              <h2 class="govuk-heading-m">{t('staff.case.duplicate.heading')}</h2>
              <form method="post" action={`${here}/duplicate`} novalidate>
                <ActionFields c={c} actionId={p.actionIds.duplicate} version={found.version} />
                <Input
                  id="duplicate-of"
                  name="of"
                  label={t('staff.case.duplicate.label')}
                  hint={t('staff.case.duplicate.hint')}
                  error={errors['duplicate-of']}
                  errorPrefix={errorPrefix}
                  value={value('duplicate', 'of')}
                  spellcheck={false}
                  classes="govuk-input--width-10"
                />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true">
                  {t('staff.case.duplicate.button')}
                </button>
              </form>
            </>
          )}
        </>
      )}

      {p.may.assign && (
        <>
          <h2 class="govuk-heading-m">{t('staff.case.assign.heading')}</h2>
          <form method="post" action={`${here}/assign`} novalidate>
            <ActionFields c={c} actionId={p.actionIds.assign} version={found.version} />
            <Select
              id="assign-to"
              name="to"
              label={t('staff.case.assign.label')}
              error={errors['assign-to']}
              errorPrefix={errorPrefix}
              value={value('assign', 'to', found.assignedTo?.sub ?? '')}
              items={[{ value: '', text: t('staff.case.unassigned') }, ...p.officers.map((o) => ({ value: o.sub, text: o.name }))]}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.case.assign.button')}
            </button>
          </form>
        </>
      )}
    </StaffPage>,
    status,
  );
}
