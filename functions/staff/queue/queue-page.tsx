import type { Context } from 'hono';
import { CsrfField, Hidden, type Errors } from '../../../web/components.tsx';
import type { StoredCase } from '../../core/cases/case-store.ts';
import { CASE_CHANNELS, caseStates, stateLabel, statusOf, type CaseState } from '../../core/cases/lifecycle.ts';
import { localise } from '../../core/localised-text.ts';
import { staffTime } from '../cases/format.ts';
import type { StaffEnv } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import type { LabelledType, ServiceChoice } from './case-types.ts';
import { ASSIGNED_CHOICES, DATE_FILTERS, dateFieldId, filtersQuery, type QueueFilters } from './filters.ts';
import { DateInput, Select, type SelectGroup } from './form-fields.tsx';

/** Someone cases can be assigned to. */
export interface Assignee {
  sub: string;
  name: string;
}

export interface QueuePageProps {
  filters: QueueFilters;
  /** The form's values as typed (kept when a filter has an error). */
  raw: Record<string, string>;
  errors: Errors;
  services: ServiceChoice[];
  types: LabelledType[];
  may: { bulk: boolean; export: boolean; personal: boolean };
  /** The search box's words, and what it found (absent: no search made). */
  search?: { query: string; results?: StoredCase[] };
  /** This page of the queue (absent when the filters have errors). */
  page?: { cases: StoredCase[]; nextHref?: string; previous?: { href: string; first: boolean } };
  /**
   * The number of unrestricted cases in each state. Restricted (care) cases are never counted (see
   * queueCounts): so the numbers are the same for every reader and never show a case the reader's
   * list does not; care staff, whose list holds care cases, are told the counts leave them out.
   */
  counts?: Record<CaseState, number>;
  /** Whether this reader may see restricted cases the counts leave out (say so under the counts). */
  countsLeaveOut?: boolean;
  /** The bulk form: its action id, who can be assigned, and how the last bulk action went. */
  bulk?: { actionId: string; officers: Assignee[]; done?: { changed: number; unchanged: number }; values?: Record<string, string>; selected?: string[] };
  /** The query string of the page the bulk form returns to. */
  here: string;
}

const tagClass = (state: CaseState) => (statusOf(state) === 'closed' ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue');

/**
 * The queue: search, counts per state, filters, and a page of cases (with checkboxes for a supervisor's bulk actions).
 *
 * The counts ("Cases by state") are of unrestricted cases only: a care case is never tallied and its
 * state changes do not move them (queueCounts), so staff without the care role never see a count
 * their list does not hold; care staff see a line saying the counts leave care cases out.
 */
export function queuePage(c: Context<StaffEnv>, p: QueuePageProps, status: 200 | 400 | 403 = 200) {
  const t = c.get('t');
  const lang = c.get('lang');
  const council = c.get('council');
  const errorPrefix = t('common.errorPrefix');
  const title = t('staff.queue.title');
  const hasErrors = Object.keys(p.errors).length > 0;
  const queueHref = staffHref(c, '/queue');
  const states = caseStates(council);
  const serviceName = (id: string) => p.services.find((s) => s.id === id)?.label ?? id;
  const typeName = (x: StoredCase) => p.types.find((ty) => ty.service === x.service && ty.type === x.type)?.label ?? x.public?.serviceName ?? x.type;
  const typeGroups: SelectGroup[] = p.services
    .map((s) => ({ label: s.label, items: p.types.filter((ty) => ty.service === s.id).map((ty) => ({ value: `${ty.service}:${ty.type}`, text: ty.label })) }))
    .filter((g) => g.items.length > 0);
  const rows = p.search?.results ?? p.page?.cases;
  const bulkOn = p.may.bulk && !!p.bulk && !p.search && !!rows && rows.length > 0;

  const table = rows && rows.length > 0 && (
    <table class="govuk-table" data-testid="queue">
      <caption class="govuk-table__caption govuk-table__caption--s">{rows.length === 1 ? t('staff.queue.shown.one') : t('staff.queue.shown', { count: rows.length })}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {bulkOn && (
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">{t('staff.queue.col.select')}</span>
            </th>
          )}
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.reference')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.service')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.category')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.state')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.changed')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.queue.col.assigned')}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((x) => (
          <tr class="govuk-table__row" data-reference={x.reference} data-state={x.state}>
            {bulkOn && (
              <td class="govuk-table__cell">
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id={`select-${x.reference}`} name="cases" type="checkbox" value={`${x.reference}:${x.version}`} checked={p.bulk?.selected?.includes(x.reference)} />
                    <label class="govuk-label govuk-checkboxes__label" for={`select-${x.reference}`}>
                      <span class="govuk-visually-hidden">{t('staff.queue.selectCase', { reference: x.reference })}</span>
                    </label>
                  </div>
                </div>
              </td>
            )}
            <td class="govuk-table__cell">
              <a class="govuk-link" href={staffHref(c, `/cases/${x.reference}`)}>
                {x.reference}
              </a>
            </td>
            <td class="govuk-table__cell">{serviceName(x.service)}</td>
            <td class="govuk-table__cell">{typeName(x)}</td>
            <td class="govuk-table__cell">
              <strong class={tagClass(x.state)}>{stateLabel(council, x.state, lang, x)}</strong>
            </td>
            <td class="govuk-table__cell">{staffTime(x.updatedAt, lang)}</td>
            <td class="govuk-table__cell">{x.assignedTo?.name ?? t('staff.queue.unassigned')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  const bulkForm = bulkOn && p.bulk && (
    <form method="post" action={`${staffHref(c, '/queue/bulk')}`} novalidate>
      <CsrfField token={c.get('csrfToken')} />
      <input type="hidden" name="actionId" value={p.bulk.actionId} />
      <input type="hidden" name="return" value={p.here} />
      {table}
      <h2 class="govuk-heading-m">{t('staff.queue.bulk.heading')}</h2>
      <Select
        id="bulk-state"
        name="state"
        label={t('staff.queue.bulk.state')}
        value={p.bulk.values?.state}
        error={p.errors['bulk-state']}
        errorPrefix={errorPrefix}
        items={[{ value: '', text: t('staff.queue.bulk.keepState') }, ...states.filter((s) => s.id !== 'duplicate').map((s) => ({ value: s.id, text: localise(s.label, lang) }))]}
      />
      <Select
        id="bulk-assign"
        name="assign"
        label={t('staff.queue.bulk.assign')}
        value={p.bulk.values?.assign}
        error={p.errors['bulk-assign']}
        errorPrefix={errorPrefix}
        items={[
          { value: '', text: t('staff.queue.bulk.keepAssignee') },
          { value: '-', text: t('staff.queue.bulk.unassign') },
          ...p.bulk.officers.map((o) => ({ value: o.sub, text: o.name })),
        ]}
      />
      <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
        {t('staff.queue.bulk.button')}
      </button>
    </form>
  );

  const dateValues = (param: string) => ({ day: p.raw[`${param}-day`] ?? '', month: p.raw[`${param}-month`] ?? '', year: p.raw[`${param}-year`] ?? '' });
  const dateLabels = { day: t('staff.queue.date.day'), month: t('staff.queue.date.month'), year: t('staff.queue.date.year') };
  const dateLegends = { createdFrom: t('staff.queue.filter.createdFrom'), createdTo: t('staff.queue.filter.createdTo'), changedFrom: t('staff.queue.filter.changedFrom'), changedTo: t('staff.queue.filter.changedTo') };

  return renderStaff(
    c,
    <StaffPage c={c} title={title} errors={hasErrors ? p.errors : undefined}>
      {p.bulk?.done && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="bulk-done-title" data-module="govuk-notification-banner" data-testid="bulk-done">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="bulk-done-title">
              {t('staff.queue.bulk.doneTitle')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading" data-changed={String(p.bulk.done.changed)}>
              {t('staff.queue.bulk.done', { count: p.bulk.done.changed })}
            </p>
            {p.bulk.done.unchanged > 0 && <p class="govuk-body">{t('staff.queue.bulk.unchanged', { count: p.bulk.done.unchanged })}</p>}
          </div>
        </div>
      )}
      <span class="govuk-caption-l">{t('staff.caption')}</span>
      <h1 class="govuk-heading-l">{title}</h1>

      <form method="get" action={queueHref} novalidate role="search">
        <div class={p.errors.q ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
          <label class="govuk-label govuk-label--s" for="q">
            {t('staff.queue.search.label')}
          </label>
          <div id="q-hint" class="govuk-hint">
            {p.may.personal ? t('staff.queue.search.hintPersonal') : t('staff.queue.search.hint')}
          </div>
          {p.errors.q && (
            <p id="q-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{errorPrefix}:</span> {p.errors.q}
            </p>
          )}
          <input class={p.errors.q ? 'govuk-input govuk-input--width-20 govuk-input--error' : 'govuk-input govuk-input--width-20'} id="q" name="q" type="search" value={p.search?.query ?? ''} aria-describedby={p.errors.q ? 'q-hint q-error' : 'q-hint'} autocomplete="off" spellcheck={false} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('staff.queue.search.button')}
        </button>
      </form>

      {p.search && (
        <>
          <h2 class="govuk-heading-m">{p.search.results && p.search.results.length > 0 ? t('staff.queue.search.results', { query: p.search.query }) : t('staff.queue.search.none', { query: p.search.query })}</h2>
          {table}
          <p class="govuk-body">
            <a class="govuk-link" href={queueHref}>
              {t('staff.queue.search.back')}
            </a>
          </p>
        </>
      )}

      {!p.search && p.counts && (
        <>
          <h2 class="govuk-heading-m">{t('staff.queue.counts')}</h2>
          <dl class="govuk-summary-list govuk-summary-list--no-border" data-testid="counts">
            {states.map((s) => (
              <div class="govuk-summary-list__row" data-state={s.id}>
                <dt class="govuk-summary-list__key">
                  <a class="govuk-link" href={`${queueHref}?${new URLSearchParams({ state: s.id })}`}>
                    {localise(s.label, lang)}
                  </a>
                </dt>
                <dd class="govuk-summary-list__value" data-count={String(p.counts![s.id])}>
                  {p.counts![s.id].toLocaleString(lang === 'cy' ? 'cy-GB' : 'en-GB')}
                </dd>
              </div>
            ))}
          </dl>
          <p class="govuk-body-s">{t('staff.queue.counts.lag')}</p>
          {p.countsLeaveOut && <p class="govuk-body-s">{t('staff.queue.counts.unrestricted')}</p>}
        </>
      )}

      {!p.search && (
        <form method="get" action={queueHref} novalidate>
          <h2 class="govuk-heading-m">{t('staff.queue.filters')}</h2>
          <Select
            id="service"
            name="service"
            label={t('staff.queue.filter.service')}
            value={p.raw.service}
            error={p.errors.service}
            errorPrefix={errorPrefix}
            items={[{ value: '', text: t('staff.queue.filter.anyService') }, ...p.services.map((s) => ({ value: s.id, text: s.label }))]}
          />
          <Select
            id="type"
            name="type"
            label={t('staff.queue.filter.type')}
            value={p.raw.type}
            error={p.errors.type}
            errorPrefix={errorPrefix}
            items={[{ value: '', text: t('staff.queue.filter.anyType') }]}
            groups={typeGroups}
          />
          <Select
            id="state"
            name="state"
            label={t('staff.queue.filter.state')}
            value={p.raw.state}
            error={p.errors.state}
            errorPrefix={errorPrefix}
            items={[{ value: '', text: t('staff.queue.filter.anyState') }, ...states.map((s) => ({ value: s.id, text: localise(s.label, lang) }))]}
          />
          <Select
            id="assigned"
            name="assigned"
            label={t('staff.queue.filter.assigned')}
            value={p.raw.assigned || 'anyone'}
            error={p.errors.assigned}
            errorPrefix={errorPrefix}
            items={ASSIGNED_CHOICES.map((a) => ({ value: a, text: t(`staff.queue.assigned.${a}`) }))}
          />
          <Select
            id="channel"
            name="channel"
            label={t('staff.queue.filter.channel')}
            value={p.raw.channel}
            error={p.errors.channel}
            errorPrefix={errorPrefix}
            items={[{ value: '', text: t('staff.queue.filter.anyChannel') }, ...CASE_CHANNELS.map((ch) => ({ value: ch, text: t(`staff.queue.channel.${ch}`) }))]}
          />
          {DATE_FILTERS.map((d) => (
            <DateInput
              name={d.param}
              legend={dateLegends[d.key]}
              hint={t('staff.queue.date.hint')}
              values={dateValues(d.param)}
              labels={dateLabels}
              error={p.errors[dateFieldId(d.param)]}
              errorPrefix={errorPrefix}
            />
          ))}
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button">
              {t('staff.queue.apply')}
            </button>
            <a class="govuk-link" href={queueHref}>
              {t('staff.queue.clear')}
            </a>
          </div>
        </form>
      )}

      {!p.search && p.page && (
        <>
          {p.may.export && (
            // A form, not a link: an export is audited and may start a job, so only a deliberate
            // POST (with its CSRF token) starts one, never a prefetch or a crawler.
            <form method="post" action={staffHref(c, '/export.csv')} data-testid="export-form">
              <CsrfField token={c.get('csrfToken')} />
              <Hidden fields={Object.fromEntries(filtersQuery(p.filters))} />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true" data-testid="export-button">
                {t('staff.queue.export')}
              </button>
            </form>
          )}
          {p.page.cases.length === 0 ? <p class="govuk-body">{t('staff.queue.none')}</p> : bulkOn ? bulkForm : table}
          {(p.page.previous || p.page.nextHref) && (
            <nav class="govuk-pagination govuk-pagination--block" aria-label={t('staff.queue.pagination')}>
              {p.page.previous && (
                <div class="govuk-pagination__prev">
                  <a class="govuk-link govuk-pagination__link" href={p.page.previous.href} rel="prev">
                    <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
                    </svg>
                    <span class="govuk-pagination__link-title">{p.page.previous.first ? t('staff.queue.firstPage') : t('staff.queue.previous')}</span>
                  </a>
                </div>
              )}
              {p.page.nextHref && (
                <div class="govuk-pagination__next">
                  <a class="govuk-link govuk-pagination__link" href={p.page.nextHref} rel="next">
                    <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
                      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
                    </svg>
                    <span class="govuk-pagination__link-title">{t('staff.queue.next')}</span>
                  </a>
                </div>
              )}
            </nav>
          )}
        </>
      )}
    </StaffPage>,
    status,
  );
}
