import { Hono, type Context } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import { DirectExportDelivery } from '../../core/exports/direct-export-delivery.ts';
import { CSRF_FIELD } from '../../core/http/csrf.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { HttpError } from '../../core/http/errors.ts';
import { requirePermission } from '../auth/guard.ts';
import { can, visibleRestrictions } from '../auth/roles.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { staffHref } from '../pages/staff-page.tsx';
import { filtersQuery } from '../queue/filters.ts';
import { casesCsv, exportFilters } from './export-csv.ts';
import { claimExportJob, createExportJob, finishExportJob } from './job-store.ts';

export { exportColumns } from './export-csv.ts';

const directExports = new DirectExportDelivery();

const badFilters = () => new HttpError(400, 'Export filters not valid', { titleKey: 'staff.export.error.title', bodyKey: 'staff.export.error.body' });

/** The queue's filters as a posted form sent them (the CSRF token and anything not a string left out). */
async function postedFilters(c: Context<StaffEnv>): Promise<URLSearchParams> {
  const body = await c.req.parseBody();
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) if (name !== CSRF_FIELD && typeof value === 'string') query.set(name, value);
  return query;
}

/**
 * POST /export.csv (the queue's export form: its filters as hidden fields, CSRF-checked by the
 * app's middleware): every case the filters match, audited. Streamed (locally, or delivered
 * through the export bucket); or, where the host runs export jobs (AWS, where a request ends at 30
 * seconds and a large export takes longer), recorded as a job for the council's jobs function and
 * answered 303 to the page that waits for it (job-routes.tsx).
 *
 * GET /export.csv does nothing but send the browser back to the queue with the same filters: an
 * export writes an audit record and may start a job, so a link prefetcher, a scanner or an old
 * bookmark must not start one.
 */
export function exportRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  app.get('/', requirePermission('case:export'), (c) => {
    const t = c.get('t');
    const filters = exportFilters(council, new URL(c.req.url).searchParams, c.get('lang'), t, visibleRestrictions(c.get('staff').roles));
    const query = filters ? filtersQuery(filters).toString() : '';
    return c.redirect(staffHref(c, `/queue${query ? `?${query}` : ''}`), 303);
  });
  app.post('/', requirePermission('case:export'), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const staff = c.get('staff');
    const filters = exportFilters(council, await postedFilters(c), lang, t, visibleRestrictions(staff.roles));
    if (!filters) throw badFilters();
    const personal = can(staff.roles, 'case:personal-data');
    // Care staff's export lists care cases and holds their special-category answers (each case's opening audited).
    const care = personal && can(staff.roles, 'case:care');
    const now = deps.clock();
    const query = filtersQuery(filters).toString();
    // Recorded before the first row leaves: who, when, which filters, and whether it held personal data.
    const audit = () =>
      recordAudit(deps.store, {
        who: staffActor(staff),
        action: 'export',
        detail: `${query || 'all cases'}${personal ? ' (with personal data)' : ''}${care ? ' (with special-category answers)' : ''}`,
        at: now.toISOString(),
      });
    if (deps.exportJobs) {
      // The job carries the asker's roles: the jobs function builds the file they may have, no more.
      const job = await createExportJob(deps.store, { who: { sub: staff.sub, name: staff.name }, filters: query, personal, roles: staff.roles, lang }, now);
      await audit();
      try {
        await deps.exportJobs.start({ id: job.id });
      } catch (error) {
        // Never left "preparing" for a job nobody runs; claim it so it can be marked failed.
        await finishUnstarted(deps, job.id);
        throw error;
      }
      return c.redirect(staffHref(c, `/exports/${job.id}`), 303);
    }
    await audit();
    // Streamed back locally; in AWS without jobs, stored and linked to, past the gateway's 6 MB response limit.
    const specialCategory = care ? { cipher: deps.cipher, who: staffActor(staff), clock: deps.clock, log: c.get('log').with({ module: 'staff-export' }) } : undefined;
    return (deps.exports ?? directExports).deliver(
      casesCsv(council, deps.store, { filters, staffSub: staff.sub, personal, restrictedVisible: visibleRestrictions(staff.roles), specialCategory, lang, t, now }),
    );
  });
  return app;
}

async function finishUnstarted(deps: CouncilAppDeps, id: string): Promise<void> {
  if (await claimExportJob(deps.store, id).catch(() => false)) await finishExportJob(deps.store, id, { state: 'failed' }, deps.clock()).catch(() => undefined);
}

/** The export, at /staff/export.csv; the queue page's export form posts its filters to it. */
export const exportSection: StaffSection = { path: '/export.csv', routes: exportRoutes };
