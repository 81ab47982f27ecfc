import './messages/register.ts';
import { Hono, type Context } from 'hono';
import type { CouncilConfig } from '../config/council-schema.ts';
import type { AppContext, CouncilAppDeps } from '../core/http/env.ts';
import { handOver } from '../core/http/lazy-routes.ts';
import { httpErrors, toHttpError, HttpError } from '../core/http/errors.ts';
import { requirePermission } from './auth/guard.ts';
import { can, type Role } from './auth/roles.ts';
import { authRoutes } from './auth/routes.tsx';
import type { StaffEnv } from './env.ts';
import { renderStaff, StaffPage, staffErrorPage, staffHref } from './pages/staff-page.tsx';
import { STAFF_SECTIONS } from './sections.ts';

/**
 * The back office of one council, its routes relative to `/staff`: sign-in, the landing page and
 * every section in STAFF_SECTIONS. Every page is `no-store` and `noindex`.
 *
 * @example
 * const staff = staffApp(council, deps);
 * await staff.request('/'); // 303 to /staff/sign-in when nobody is signed in
 */
export function staffApp(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  });
  app.route('/', authRoutes(council, deps));

  app.get('/', requirePermission('staff:home'), (c) => {
    const t = c.get('t');
    const staff = c.get('staff');
    const links = STAFF_SECTIONS.flatMap((s) => (s.nav && can(staff.roles, s.nav.permission) ? [{ href: staffHref(c, s.nav.href ?? s.path), label: t(s.nav.labelKey) }] : []));
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.home.title')}>
        <span class="govuk-caption-l">{t('staff.caption')}</span>
        <h1 class="govuk-heading-l">{t('staff.home.title')}</h1>
        <h2 class="govuk-heading-m">{t('staff.home.roles')}</h2>
        <ul class="govuk-list govuk-list--bullet" data-testid="roles">
          {staff.roles.map((r: Role) => (
            <li data-role={r}>{t(`staff.role.${r}`)}</li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">{t('staff.home.sections')}</h2>
        {links.length === 0 ? (
          <p class="govuk-body">{t('staff.home.nothingYet')}</p>
        ) : (
          <ul class="govuk-list">
            {links.map((l) => (
              <li>
                <a class="govuk-link" href={l.href}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </StaffPage>,
    );
  });

  for (const section of STAFF_SECTIONS) app.route(section.path, section.routes(council, deps));

  app.notFound((c) => staffErrorPage(c, httpErrors.notFound('No such staff page')));
  app.onError((error, c) => {
    const answer = toHttpError(error);
    if (!answer.expose) {
      const cause = error instanceof HttpError ? answer.cause : error;
      c.get('log').error(answer.status === 503 ? 'staff: dependency unavailable' : 'staff: unhandled error', {
        path: c.req.routePath,
        error: cause instanceof Error ? cause.name : String(cause),
        stack: answer.status === 500 && cause instanceof Error ? cause.stack : undefined,
      });
    }
    return staffErrorPage(c, answer);
  });
  return app;
}

/** What the council app hands over with each staff request. */
interface Handover {
  parent: AppContext;
}


/**
 * The staff app as the council app calls it, once loaded (functions/app.ts imports this file on the
 * first staff request, so neither it nor openid-client loads on a resident's cold start). The
 * council app has already set the council, language, CSP nonce and CSRF token and read the form
 * body; they are handed to the staff app with the request, and the staff app's answer keeps the
 * council app's headers and cookies.
 *
 * @example
 * const handle = staffHandler(council, deps);
 * app.all('/staff/*', (c) => handle(c));
 */
export function staffHandler(council: CouncilConfig, deps: CouncilAppDeps): (c: AppContext) => Promise<Response> {
  const staff = staffApp(council, deps);
  const host = new Hono<StaffEnv>({ strict: false });
  host.use(async (c: Context<StaffEnv & { Bindings: Handover }>, next) => {
    handOver(c.env.parent, c);
    await next();
  });
  host.route('/staff', staff);
  if (council.languages.includes('cy')) host.route('/cy/staff', staff);
  // route() takes the staff app's routes and error handler, not its not-found page: without this a
  // mistyped staff URL got Hono's plain-text "404 Not Found" (no language, no title, no way back).
  host.notFound((c) => staffErrorPage(c, httpErrors.notFound('No such staff page')));
  return async (c) => {
    // The host's own env (Node's request, or the Lambda event) goes along, so getConnInfo still works.
    const res = await host.fetch(c.req.raw, { ...(c.env as object), parent: c } satisfies Handover);
    return c.newResponse(res.body, res);
  };
}
