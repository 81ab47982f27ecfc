import { Hono } from 'hono';
import { CsrfField } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { requirePermission, sessionLimits } from '../auth/guard.ts';
import { getStaffMember, listStaffMembers, listStaffSessions, revokeAllStaffSessions } from '../auth/sessions.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';

/** Times on staff pages: UK time, to the minute. */
function when(iso: string, lang: 'en' | 'cy'): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}

/** An admin's pages: who has signed in, their sessions, "sign out everywhere". */
export function adminRoutes(_council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });

  app.get('/staff', requirePermission('staff:sessions'), async (c) => {
    const t = c.get('t');
    const members = await listStaffMembers(deps.store);
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.admin.staff.title')}>
        <h1 class="govuk-heading-l">{t('staff.admin.staff.title')}</h1>
        {members.length === 0 ? (
          <p class="govuk-body">{t('staff.admin.staff.none')}</p>
        ) : (
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('staff.admin.staff.name')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.admin.staff.email')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.admin.staff.lastSignIn')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {members.map((m) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={staffHref(c, `/admin/staff/${encodeURIComponent(m.sub)}`)}>
                      {m.name}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{m.email}</td>
                  <td class="govuk-table__cell">{when(m.lastSignInAt, c.get('lang'))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </StaffPage>,
    );
  });

  app.get('/staff/:sub', requirePermission('staff:sessions'), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const member = await getStaffMember(deps.store, c.req.param('sub'));
    if (!member) throw httpErrors.notFound('No such member of staff', 'staff.admin.sessions.unknown');
    const sessions = await listStaffSessions(deps.store, member.sub, deps.clock(), sessionLimits(c));
    const ended = c.req.query('ended');
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.admin.sessions.title', { name: member.name })}>
        {ended !== undefined && /^\d+$/.test(ended) && (
          <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="ended-title" data-module="govuk-notification-banner">
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="ended-title">
                {t('staff.admin.sessions.signOutEverywhere')}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{t('staff.admin.sessions.signedOutEverywhere', { name: member.name, count: ended })}</p>
            </div>
          </div>
        )}
        <span class="govuk-caption-l">{member.email}</span>
        <h1 class="govuk-heading-l">{t('staff.admin.sessions.title', { name: member.name })}</h1>
        {sessions.length === 0 ? (
          <p class="govuk-body">{t('staff.admin.sessions.none', { name: member.name })}</p>
        ) : (
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('staff.admin.sessions.started')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.admin.sessions.lastSeen')}</th>
                <th scope="col" class="govuk-table__header">{t('staff.admin.sessions.ends')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {sessions.map((s) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{when(s.createdAt, lang)}</td>
                  <td class="govuk-table__cell">{when(s.lastSeenAt, lang)}</td>
                  <td class="govuk-table__cell">{when(s.endsAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={staffHref(c, `/admin/staff/${encodeURIComponent(member.sub)}/sign-out-everywhere`)}>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
            {t('staff.admin.sessions.signOutEverywhere')}
          </button>
        </form>
      </StaffPage>,
    );
  });

  // Doing it twice ends nothing more: the second finds no session.
  app.post('/staff/:sub/sign-out-everywhere', requirePermission('staff:sessions'), async (c) => {
    const member = await getStaffMember(deps.store, c.req.param('sub'));
    if (!member) throw httpErrors.notFound('No such member of staff', 'staff.admin.sessions.unknown');
    const count = await revokeAllStaffSessions(deps.store, member.sub, deps.clock());
    await recordAudit(deps.store, { who: staffActor(c.get('staff')), action: 'sessions-revoked', detail: `${member.name} (${member.sub}): ${count}`, at: deps.clock().toISOString() });
    c.get('log').info('staff signed out everywhere', { by: c.get('staff').sub, sub: member.sub, sessions: count });
    return c.redirect(`${staffHref(c, `/admin/staff/${encodeURIComponent(member.sub)}`)}?ended=${count}`, 303);
  });

  return app;
}

export const adminSection: StaffSection = {
  path: '/admin',
  routes: adminRoutes,
  nav: { labelKey: 'staff.admin.staff.nav', permission: 'staff:sessions', href: '/admin/staff' },
};
