import { Hono, type Context } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { requirePermission } from '../auth/guard.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { exportJobState, getExportJob, type ExportJob } from './job-store.ts';

/**
 * A background export's own job, for the member of staff who asked for it and nobody else: anyone
 * else (another supervisor, another council's session, a guessed id) gets the same 404 as for a job
 * that does not exist, so a job's existence is not disclosed.
 */
async function ownJob(c: Context<StaffEnv>, deps: CouncilAppDeps): Promise<ExportJob> {
  const job = deps.exportJobs ? await getExportJob(deps.store, c.req.param('id') ?? '', deps.clock()) : undefined;
  if (!job || job.who.sub !== c.get('staff').sub) throw httpErrors.notFound('No such export');
  return job;
}

/**
 * GET /exports/<id>: "preparing" (reloading every few seconds), then a link to download the file,
 * or the failure. GET /exports/<id>/download: 303 to a new short-lived link to the stored file.
 */
export function exportJobRoutes(_council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  app.get('/:id', requirePermission('case:export'), async (c) => {
    const t = c.get('t');
    const job = await ownJob(c, deps);
    const state = exportJobState(job, deps.clock());
    const queue = staffHref(c, `/queue${job.filters ? `?${job.filters}` : ''}`);
    if (state === 'done') {
      return renderStaff(
        c,
        <StaffPage c={c} title={t('staff.export.job.readyTitle')}>
          <h1 class="govuk-heading-l">{t('staff.export.job.readyTitle')}</h1>
          <p class="govuk-body">{t('staff.export.job.ready')}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={staffHref(c, `/exports/${job.id}/download`)} data-testid="download">
              {t('staff.export.job.download')}
            </a>
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={queue}>
              {t('staff.export.job.back')}
            </a>
          </p>
        </StaffPage>,
      );
    }
    if (state === 'failed') {
      return renderStaff(
        c,
        <StaffPage c={c} title={t('staff.export.job.failedTitle')}>
          <h1 class="govuk-heading-l">{t('staff.export.job.failedTitle')}</h1>
          <p class="govuk-body" data-testid="failed">
            {t('staff.export.job.failed')}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={queue}>
              {t('staff.export.job.back')}
            </a>
          </p>
        </StaffPage>,
      );
    }
    // No automatic refresh: a timed reload is a WCAG 2.2.1 failure (axe's meta-refresh), so the
    // officer checks again when ready, with or without JavaScript.
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.export.job.preparingTitle')}>
        <h1 class="govuk-heading-l">{t('staff.export.job.preparingTitle')}</h1>
        <p class="govuk-body" data-testid="preparing">
          {t('staff.export.job.preparing')}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={staffHref(c, `/exports/${job.id}`)}>
            {t('staff.export.job.checkAgain')}
          </a>
        </p>
      </StaffPage>,
    );
  });

  app.get('/:id/download', requirePermission('case:export'), async (c) => {
    const job = await ownJob(c, deps);
    if (exportJobState(job, deps.clock()) !== 'done' || !job.stored) throw httpErrors.notFound('This export has no file');
    return c.redirect(await deps.exportJobs!.storage.link(job.stored), 303);
  });
  return app;
}

/** The background exports' pages, at /staff/exports/<id>. */
export const exportJobsSection: StaffSection = { path: '/exports', routes: exportJobRoutes };
