import { Hono, type Context } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { requirePermission } from '../auth/guard.ts';
import { getStaffMember, listStaffMembers } from '../auth/sessions.ts';
import { ErrorSummary, Input } from '../../../web/components.tsx';
import type { StaffEnv, StaffSection } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { staffTime } from '../cases/format.ts';
import { listAuditByStaff, listAuditForCase, type AuditPage, type AuditRecord } from '../../core/audit/audit-store.ts';
import { actorLabel } from '../cases/format.ts';
import type { MessageKey } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { getCase } from '../../core/cases/case-store.ts';
import { isCaseState, stateLabel, type CaseKind } from '../../core/cases/lifecycle.ts';

/** The audit's actions the pages name; another (a later feature's) shows as its id. */
const ACTION_LABELS: Record<string, MessageKey> = {
  'personal-data-viewed': 'staff.audit.action.personal-data-viewed',
  state: 'staff.audit.action.state',
  update: 'staff.audit.action.update',
  note: 'staff.audit.action.note',
  assignment: 'staff.audit.action.assignment',
  duplicate: 'staff.audit.action.duplicate',
  'assisted-started': 'staff.audit.action.assisted-started',
  'assisted-case': 'staff.audit.action.assisted-case',
  export: 'staff.audit.action.export',
  'resident-comment': 'staff.audit.action.resident-comment',
  'sessions-revoked': 'staff.audit.action.sessions-revoked',
  'special-category-opened': 'staff.audit.action.special-category-opened',
  'form-output-retried': 'staff.audit.action.form-output-retried',
  'file-downloaded': 'staff.audit.action.file-downloaded',
  anonymised: 'staff.audit.action.anonymised',
  'erasure-approved': 'staff.audit.action.erasure-approved',
  'erasure-refused': 'staff.audit.action.erasure-refused',
  'subject-access-search': 'staff.audit.action.subject-access-search',
  'subject-access-export': 'staff.audit.action.subject-access-export',
};

/** Where special-category answers were opened (special-category.ts's OpenedFor, the record's detail), in words. */
const OPENED_FOR_LABELS: Record<string, MessageKey> = {
  'case page': 'staff.audit.openedFor.case-page',
  export: 'staff.audit.openedFor.export',
  file: 'staff.audit.openedFor.file',
};

const actionText = (t: Context<StaffEnv>['var']['t'], r: AuditRecord) => (ACTION_LABELS[r.action] ? t(ACTION_LABELS[r.action]) : r.action);

/**
 * A record's detail in words: where special-category answers were opened, and for a state change or
 * an update the state's name (the case's type's own, when the page knows the case: a care request's
 * states have their own names) in place of its id, after any prefix ("bulk: fixed"). Any other
 * detail is shown as recorded.
 */
function detailText(t: Context<StaffEnv>['var']['t'], lang: Language, council: CouncilConfig, r: AuditRecord, kind?: CaseKind): string | undefined {
  if (!r.detail) return undefined;
  if (r.action === 'special-category-opened') return OPENED_FOR_LABELS[r.detail] ? t(OPENED_FOR_LABELS[r.detail]) : r.detail;
  if (r.action !== 'state' && r.action !== 'update') return r.detail;
  const split = r.detail.lastIndexOf(': ');
  const [prefix, state] = split === -1 ? ['', r.detail] : [r.detail.slice(0, split + 2), r.detail.slice(split + 2)];
  return isCaseState(state) ? `${prefix}${stateLabel(council, state, lang, kind)}` : r.detail;
}

/** Records per audit page. */
export const AUDIT_PAGE_SIZE = 50;

function AuditTable(props: { c: Context<StaffEnv>; page: AuditPage; show: 'case' | 'staff'; kind?: CaseKind }) {
  const { c, page } = props;
  const t = c.get('t');
  const lang = c.get('lang');
  const council = c.get('council');
  if (page.records.length === 0) return <p class="govuk-body">{t('staff.audit.none')}</p>;
  return (
    <table class="govuk-table" data-testid="audit">
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{t('staff.audit.when')}</th>
          <th scope="col" class="govuk-table__header">{props.show === 'case' ? t('staff.audit.who') : t('staff.audit.case')}</th>
          <th scope="col" class="govuk-table__header">{t('staff.audit.what')}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {page.records.map((r) => (
          <tr class="govuk-table__row" data-action={r.action}>
            <td class="govuk-table__cell">{staffTime(r.at, lang)}</td>
            <td class="govuk-table__cell">
              {props.show === 'case' ? (
                r.who.kind === 'staff' ? (
                  <a class="govuk-link" href={staffHref(c, `/audit/staff/${encodeURIComponent(r.who.sub)}`)}>
                    {r.who.name}
                  </a>
                ) : (
                  actorLabel(t, r.who, false)
                )
              ) : r.caseRef ? (
                <a class="govuk-link" href={staffHref(c, `/audit/cases/${r.caseRef}`)}>
                  {r.caseRef}
                </a>
              ) : (
                '–'
              )}
            </td>
            <td class="govuk-table__cell">
              {actionText(t, r)}
              {r.detail ? `: ${detailText(t, lang, council, r, props.kind)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pager(props: { c: Context<StaffEnv>; next?: string }) {
  if (!props.next) return null;
  const t = props.c.get('t');
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label={t('staff.audit.pagination')}>
      <div class="govuk-pagination__next">
        {/* A query alone: the same page, older records. */}
        <a class="govuk-link govuk-pagination__link" href={`?after=${encodeURIComponent(props.next)}`} rel="next">
          <span class="govuk-pagination__link-title">{t('staff.audit.older')}</span>
        </a>
      </div>
    </nav>
  );
}

/**
 * An admin's view of the audit: by case and by member of staff, newest first, a page at a time.
 * Read only: there is no route that edits or deletes a record.
 */
export function auditRoutes(_council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });

  // Where an admin starts: a case by reference, or a member of staff from those who have signed in.
  app.get('/', requirePermission('audit:read'), async (c) => {
    const t = c.get('t');
    const typed = c.req.query('reference');
    let error: string | undefined;
    if (typed !== undefined) {
      const reference = normaliseReference(typed);
      if (reference) return c.redirect(staffHref(c, `/audit/cases/${reference}`), 303);
      error = t('staff.audit.errorReference');
    }
    const members = await listStaffMembers(deps.store);
    const title = t('staff.audit.title');
    return renderStaff(
      c,
      <StaffPage c={c} title={error ? `${t('common.errorPrefix')}: ${title}` : title}>
        {error && <ErrorSummary title={t('common.errorSummaryTitle')} errors={{ reference: error }} />}
        <h1 class="govuk-heading-l">{title}</h1>
        <form method="get" action={staffHref(c, '/audit')} novalidate>
          <Input id="reference" name="reference" label={t('staff.audit.reference')} error={error} errorPrefix={t('common.errorPrefix')} value={typed ?? ''} spellcheck={false} classes="govuk-input--width-10" />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            {t('staff.audit.show')}
          </button>
        </form>
        <h2 class="govuk-heading-m">{t('staff.audit.members')}</h2>
        {members.length === 0 ? (
          <p class="govuk-body">{t('staff.admin.staff.none')}</p>
        ) : (
          <ul class="govuk-list">
            {members.map((m) => (
              <li>
                <a class="govuk-link" href={staffHref(c, `/audit/staff/${encodeURIComponent(m.sub)}`)}>
                  {m.name}
                </a>{' '}
                ({m.email})
              </li>
            ))}
          </ul>
        )}
      </StaffPage>,
      error ? 400 : 200,
    );
  });

  app.get('/cases/:reference', requirePermission('audit:read'), async (c) => {
    const t = c.get('t');
    const reference = normaliseReference(c.req.param('reference'));
    if (!reference) throw httpErrors.notFound('No such case', 'staff.case.unknown');
    // The case (when it is still kept) names its states as its type does; one GetItem beside the audit's query.
    const [page, found] = await Promise.all([
      listAuditForCase(deps.store, reference, { limit: AUDIT_PAGE_SIZE, after: c.req.query('after') }),
      getCase(deps.store, reference, deps.clock()),
    ]);
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.audit.case.title', { reference })}>
        <span class="govuk-caption-l">{t('staff.audit.caption')}</span>
        <h1 class="govuk-heading-l">{t('staff.audit.case.title', { reference })}</h1>
        <AuditTable c={c} page={page} show="case" kind={found && { service: found.service, type: found.type }} />
        <Pager c={c} next={page.next} />
      </StaffPage>,
    );
  });

  app.get('/staff/:sub', requirePermission('audit:read'), async (c) => {
    const t = c.get('t');
    const sub = c.req.param('sub');
    const member = await getStaffMember(deps.store, sub);
    const page = await listAuditByStaff(deps.store, sub, { limit: AUDIT_PAGE_SIZE, after: c.req.query('after') });
    // A member who has never signed in here has done nothing here either.
    if (!member && page.records.length === 0) throw httpErrors.notFound('No such member of staff', 'staff.admin.sessions.unknown');
    const first = page.records[0]?.who;
    const name = member?.name ?? (first?.kind === 'staff' ? first.name : sub);
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.audit.staff.title', { name })}>
        <span class="govuk-caption-l">{member?.email ?? t('staff.audit.caption')}</span>
        <h1 class="govuk-heading-l">{t('staff.audit.staff.title', { name })}</h1>
        <AuditTable c={c} page={page} show="staff" />
        <Pager c={c} next={page.next} />
      </StaffPage>,
    );
  });

  return app;
}

export const auditSection: StaffSection = {
  path: '/audit',
  routes: auditRoutes,
  nav: { labelKey: 'staff.audit.nav', permission: 'audit:read' },
};
