import type { Context } from 'hono';
import { Checkboxes, CsrfField, ErrorSummary, Hidden, Input, SummaryList, Textarea, WarningText, type Errors } from '../../../web/components.tsx';
import { todayIn, type IsoDate } from '../../core/calendar/dates.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';
import { stateLabel } from '../../core/cases/lifecycle.ts';
import { formatDate } from '../../core/i18n.ts';
import type { StaffEnv } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { serviceChoices } from '../queue/case-types.ts';
import { dueTag, type DueTag } from './due.ts';

type C = Context<StaffEnv>;

/** A day as the data-rights pages write it: "7 December 2026" (GOV.UK style, no weekday). */
export function dayText(c: C, day: IsoDate): string {
  return formatDate(day, c.get('lang'), { weekday: false });
}

/** The day an instant falls on in the UK, written as dayText. */
export const instantDay = (c: C, iso: string) => dayText(c, todayIn(new Date(iso)));

const TAG_CLASS: Record<DueTag, string> = { overdue: 'govuk-tag govuk-tag--red', 'due-soon': 'govuk-tag govuk-tag--orange' };
const TAG_TEXT = { overdue: 'staff.dataRights.tag.overdue', 'due-soon': 'staff.dataRights.tag.dueSoon' } as const;

function DueCell(props: { c: C; due?: IsoDate; tag?: DueTag }) {
  const { c, due, tag } = props;
  if (!due) return <>–</>;
  return (
    <>
      {dayText(c, due)}
      {tag && (
        <>
          {' '}
          <strong class={TAG_CLASS[tag]} data-tag={tag}>
            {c.get('t')(TAG_TEXT[tag])}
          </strong>
        </>
      )}
    </>
  );
}

function StateTag(props: { c: C; found: StoredCase }) {
  const { c, found } = props;
  const closed = found.status === 'closed';
  return <strong class={closed ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue'}>{stateLabel(c.get('council'), found.state, c.get('lang'), found)}</strong>;
}

/** The name of a case's service in the page's language (a service the council no longer runs: its id). */
function serviceName(c: C, service: string): string {
  return serviceChoices(c.get('council'), c.get('t')).find((s) => s.id === service)?.label ?? service;
}

function SuccessBanner(props: { c: C; text: string }) {
  const t = props.c.get('t');
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-module="govuk-notification-banner" data-testid="done">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="done-title">
          {t('staff.case.done.title')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.text}</p>
      </div>
    </div>
  );
}

/** GET /staff/data-rights: every request, waiting ones first and the soonest due at the top. */
export function queuePage(c: C, props: { requests: StoredCase[]; dueOf: (r: StoredCase) => IsoDate | undefined; today: IsoDate }) {
  const t = c.get('t');
  const { requests } = props;
  return renderStaff(
    c,
    <StaffPage c={c} title={t('staff.dataRights.title')} backLink={staffHref(c, '/')}>
      <span class="govuk-caption-l">{t('staff.caption')}</span>
      <h1 class="govuk-heading-l">{t('staff.dataRights.title')}</h1>
      <p class="govuk-body">{t('staff.dataRights.lead')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={staffHref(c, '/data-rights/search')}>
          {t('staff.dataRights.searchLink')}
        </a>
      </p>
      {requests.length === 0 ? (
        <p class="govuk-body" data-testid="no-requests">
          {t('staff.dataRights.none')}
        </p>
      ) : (
        <table class="govuk-table" data-testid="requests">
          <caption class="govuk-table__caption govuk-table__caption--s">{requests.length === 1 ? t('staff.dataRights.shown.one') : t('staff.dataRights.shown', { count: requests.length })}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.col.reference')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.col.received')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.col.due')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.col.state')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {requests.map((r) => {
              const due = props.dueOf(r);
              return (
                <tr class="govuk-table__row" data-reference={r.reference}>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={staffHref(c, `/data-rights/${r.reference}`)}>
                      {r.reference}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{instantDay(c, r.createdAt)}</td>
                  <td class="govuk-table__cell">
                    <DueCell c={c} due={due} tag={dueTag(due, props.today, r.status)} />
                  </td>
                  <td class="govuk-table__cell">
                    <StateTag c={c} found={r} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </StaffPage>,
  );
}

export interface RequestPageProps {
  request: StoredCase;
  due?: IsoDate;
  today: IsoDate;
  /** How it was decided, or undefined while it waits. */
  decision?: 'approved' | 'refused';
  /** What the resident was told when it was decided (the decision's update). */
  outcome?: string;
  /** Every case of the request's email address held now, data-rights requests left out. */
  covered: StoredCase[];
  /** The references the request named when it was made. */
  named: string[];
  errors?: Errors;
  values?: { confirm?: boolean; reason?: string };
  done?: { decision: 'approved'; count: number } | { decision: 'refused' };
  maxReason: number;
}

/** GET /staff/data-rights/:reference: the request, what it covers, and (while it waits) Approve and Refuse. */
export function requestPage(c: C, props: RequestPageProps, status: 200 | 400 | 409 = 200) {
  const t = c.get('t');
  const prefix = t('common.errorPrefix');
  const { request, errors = {}, values = {} } = props;
  const title = t('staff.dataRights.request.title', { reference: request.reference });
  const waiting = request.status === 'open' && !props.decision;
  const coveredRefs = new Set(props.covered.map((x) => x.reference));
  const gone = props.named.filter((r) => !coveredRefs.has(r));
  return renderStaff(
    c,
    <StaffPage c={c} title={title} errors={errors} backLink={staffHref(c, '/data-rights')}>
      <ErrorSummary title={t('common.errorSummaryTitle')} errors={errors} />
      {props.done && (
        <SuccessBanner
          c={c}
          text={
            props.done.decision === 'refused'
              ? t('staff.dataRights.done.refused')
              : props.done.count === 1
                ? t('staff.dataRights.done.approved.one')
                : t('staff.dataRights.done.approved', { count: props.done.count })
          }
        />
      )}
      <span class="govuk-caption-l">{t('staff.dataRights.title')}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <SummaryList
        rows={[
          { key: t('staff.dataRights.request.email'), value: request.details.email ?? '–' },
          { key: t('staff.dataRights.request.received'), value: instantDay(c, request.createdAt) },
          { key: t('staff.dataRights.request.due'), value: <DueCell c={c} due={props.due} tag={dueTag(props.due, props.today, request.status)} /> },
          { key: t('staff.dataRights.request.state'), value: <StateTag c={c} found={request} /> },
          ...(props.outcome ? [{ key: t('staff.dataRights.request.outcome'), value: <span data-testid="outcome">{props.outcome}</span> }] : []),
        ]}
      />
      {!waiting && (
        <div class="govuk-inset-text" id="decision" data-testid="decided">
          {t('staff.dataRights.request.decided', { state: stateLabel(c.get('council'), request.state, c.get('lang'), request) })}
        </div>
      )}
      <h2 class="govuk-heading-m">{t('staff.dataRights.request.covers')}</h2>
      {props.covered.length === 0 ? (
        <p class="govuk-body" data-testid="covers-none">
          {t('staff.dataRights.request.noCases')}
        </p>
      ) : (
        <>
          <p class="govuk-body">{t('staff.dataRights.request.coversLead')}</p>
          <table class="govuk-table" data-testid="covers">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('staff.dataRights.request.col.reference')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.dataRights.request.col.service')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.dataRights.request.col.state')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.dataRights.request.col.named')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {props.covered.map((x) => (
                <tr class="govuk-table__row" data-reference={x.reference}>
                  <td class="govuk-table__cell">{x.reference}</td>
                  <td class="govuk-table__cell">{serviceName(c, x.service)}</td>
                  <td class="govuk-table__cell">
                    <StateTag c={c} found={x} />
                  </td>
                  <td class="govuk-table__cell">{props.named.includes(x.reference) ? t('staff.dataRights.request.named.yes') : t('staff.dataRights.request.named.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {gone.length > 0 && (
        <p class="govuk-body" data-testid="named-gone">
          {t('staff.dataRights.request.namedGone', { references: gone.join(', ') })}
        </p>
      )}
      {waiting && (
        <>
          <h2 class="govuk-heading-m">{t('staff.dataRights.approve.heading')}</h2>
          <WarningText iconFallback={t('staff.dataRights.warning')}>{t('staff.dataRights.approve.warning')}</WarningText>
          <form method="post" action={staffHref(c, `/data-rights/${request.reference}/approve`)} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <Checkboxes
              id="confirm"
              name="confirm"
              legend={t('staff.dataRights.approve.legend')}
              error={errors.confirm}
              errorPrefix={prefix}
              items={[{ value: 'yes', text: t('staff.dataRights.approve.confirm') }]}
              values={values.confirm ? ['yes'] : []}
            />
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.dataRights.approve.button')}
            </button>
          </form>
          <h2 class="govuk-heading-m">{t('staff.dataRights.refuse.heading')}</h2>
          <form method="post" action={staffHref(c, `/data-rights/${request.reference}/refuse`)} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <Textarea
              id="reason"
              name="reason"
              label={t('staff.dataRights.refuse.reason')}
              hint={`${t('staff.dataRights.refuse.reasonHint')} ${t('staff.dataRights.refuse.limit', { max: props.maxReason })}`}
              error={errors.reason}
              errorPrefix={prefix}
              value={values.reason}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.dataRights.refuse.button')}
            </button>
          </form>
        </>
      )}
    </StaffPage>,
    status,
  );
}

export type SubjectKind = 'email' | 'phone';

export interface SearchPageProps {
  values?: { email?: string; phone?: string };
  errors?: Errors;
  /** The search made and what it found. */
  results?: { kind: SubjectKind; value: string; cases: StoredCase[]; specialCategory: boolean };
}

/** GET and POST /staff/data-rights/search: two searches (by email address, by phone number), then what was found with its exports. */
export function searchPage(c: C, props: SearchPageProps, status: 200 | 400 = 200) {
  const t = c.get('t');
  const prefix = t('common.errorPrefix');
  const { values = {}, errors = {}, results } = props;
  const title = t('staff.dataRights.search.title');
  const action = staffHref(c, '/data-rights/search');
  return renderStaff(
    c,
    <StaffPage c={c} title={title} errors={errors} backLink={staffHref(c, '/data-rights')}>
      <ErrorSummary title={t('common.errorSummaryTitle')} errors={errors} />
      <span class="govuk-caption-l">{t('staff.dataRights.title')}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      {results ? (
        <Results c={c} results={results} />
      ) : (
        <>
          <p class="govuk-body">{t('staff.dataRights.search.lead')}</p>
          <form method="post" action={action} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <Hidden fields={{ kind: 'email' }} />
            <Input id="email" name="email" type="email" label={t('staff.dataRights.search.email')} error={errors.email} errorPrefix={prefix} value={values.email} autocomplete="off" spellcheck={false} classes="govuk-!-width-two-thirds" />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              {t('staff.dataRights.search.emailButton')}
            </button>
          </form>
          <form method="post" action={action} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <Hidden fields={{ kind: 'phone' }} />
            <Input id="phone" name="phone" type="tel" label={t('staff.dataRights.search.phone')} error={errors.phone} errorPrefix={prefix} value={values.phone} autocomplete="off" classes="govuk-input--width-20" />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              {t('staff.dataRights.search.phoneButton')}
            </button>
          </form>
        </>
      )}
    </StaffPage>,
    status,
  );
}

function Results(props: { c: C; results: NonNullable<SearchPageProps['results']> }) {
  const { c, results } = props;
  const t = c.get('t');
  const { cases } = results;
  const exportAction = staffHref(c, '/data-rights/search/export');
  return (
    <>
      <h2 class="govuk-heading-m">{t('staff.dataRights.results.heading', { subject: results.value })}</h2>
      {cases.length === 0 ? (
        <p class="govuk-body" data-testid="results-none">
          {t('staff.dataRights.results.none')}
        </p>
      ) : (
        <table class="govuk-table" data-testid="results">
          <caption class="govuk-table__caption govuk-table__caption--s">{cases.length === 1 ? t('staff.dataRights.results.count.one') : t('staff.dataRights.results.count', { count: cases.length })}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.results.col.reference')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.results.col.service')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.results.col.received')}</th>
              <th scope="col" class="govuk-table__header">{t('staff.dataRights.results.col.state')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {cases.map((x) => (
              <tr class="govuk-table__row" data-reference={x.reference} data-service={x.service}>
                <td class="govuk-table__cell">{x.reference}</td>
                <td class="govuk-table__cell">{serviceName(c, x.service)}</td>
                <td class="govuk-table__cell">{instantDay(c, x.createdAt)}</td>
                <td class="govuk-table__cell">
                  <StateTag c={c} found={x} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cases.length > 0 && (
        <>
          <p class="govuk-body" data-testid="special-category">
            {results.specialCategory ? t('staff.dataRights.results.specialIncluded') : t('staff.dataRights.results.specialWithheld')}
          </p>
          <h2 class="govuk-heading-m">{t('staff.dataRights.export.heading')}</h2>
          <div class="govuk-button-group">
            {(['json', 'html'] as const).map((format) => (
              <form method="post" action={exportAction}>
                <CsrfField token={c.get('csrfToken')} />
                <Hidden fields={{ kind: results.kind, [results.kind]: results.value, format }} />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-format={format}>
                  {format === 'json' ? t('staff.dataRights.export.json') : t('staff.dataRights.export.html')}
                </button>
              </form>
            ))}
          </div>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={staffHref(c, '/data-rights/search')}>
          {t('staff.dataRights.searchAgain')}
        </a>
      </p>
    </>
  );
}
