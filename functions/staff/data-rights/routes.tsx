import { Hono, type Context } from 'hono';
import type { Errors } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { todayIn } from '../../core/calendar/dates.ts';
import { CaseActionError, MAX_ACTION_TEXT_LENGTH, staffActor } from '../../core/cases/case-actions.ts';
import { getCase, type StoredCase } from '../../core/cases/case-store.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import { caseMedia } from '../../core/data-rights/case-media.ts';
import {
  approveErasure,
  dataRightsRequests,
  DATA_RIGHTS_SERVICE,
  ErasureDecidedError,
  erasureDecision,
  erasureDue,
  erasureReferences,
  isErasureRequest,
  NotAnErasureRequestError,
  refuseErasure,
} from '../../core/data-rights/erasure.ts';
import { casesForEmail } from '../../core/data-rights/resident-record.ts';
import { contentDisposition } from '../../core/files/check-file.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { PHOTO_ID_PATTERN } from '../../core/photos/port.ts';
import { enabledModules } from '../../modules/index.ts';
import { requirePermission } from '../auth/guard.ts';
import { mayViewCase } from '../auth/roles.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { staffHref } from '../pages/staff-page.tsx';
import { queueOrder } from './due.ts';
import { queuePage, requestPage, type RequestPageProps } from './pages.tsx';
import { searchRoutes } from './search-routes.tsx';

/** A stored file's id: random, with its kind's extension (see newFileId). */
const FILE_ID = /^[A-Za-z0-9_-]{16,64}\.[a-z]{3,4}$/;

/** The longest refusal reason: the resident reads it as a public update on their request, so a case action's limit. */
export const MAX_REFUSAL_LENGTH = MAX_ACTION_TEXT_LENGTH;

/**
 * The data protection role's pages: the queue of residents' requests to delete their data, each
 * request with what it covers and its decision (approve: the personal data of every case of its
 * address is removed, for good; refuse: with a reason the resident is sent), and the subject access
 * search (search-routes.tsx). Everything here needs `data-rights:work`; the requests are cases
 * restricted to that permission, so no other role sees them anywhere.
 */
export function dataRightsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  const log = (c: Context<StaffEnv>) => c.get('log').with({ module: 'staff-data-rights' });

  app.get('/', requirePermission('data-rights:work'), async (c) => {
    const now = deps.clock();
    const requests = queueOrder(await dataRightsRequests(deps.store, now), erasureDue);
    return queuePage(c, { requests, dueOf: erasureDue, today: todayIn(now) });
  });

  app.route('/search', searchRoutes(council, deps));

  // A case's photo or file, for a subject access export: only one that case holds, so an id alone opens nothing.
  app.get('/cases/:reference/photos/:photo', requirePermission('data-rights:work'), async (c) => {
    const photo = c.req.param('photo');
    const found = await heldCase(c);
    if (!PHOTO_ID_PATTERN.test(photo) || !deps.photos || !found || !caseMedia(found).photos.includes(photo)) throw httpErrors.notFound('No such photo on this case');
    const url = await deps.photos.viewUrl(photo);
    if (url) return c.redirect(url, 303);
    const image = await deps.photos.read(photo);
    if (!image) throw httpErrors.notFound('The photo has gone');
    return c.body(image.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': image.contentType, 'X-Content-Type-Options': 'nosniff' });
  });

  app.get('/cases/:reference/files/:file', requirePermission('data-rights:work'), async (c) => {
    const fileId = c.req.param('file');
    const found = await heldCase(c);
    if (!FILE_ID.test(fileId) || !deps.files || !found || !caseMedia(found).files.includes(fileId)) throw httpErrors.notFound('No such file on this case');
    await recordAudit(deps.store, { who: staffActor(c.get('staff')), action: 'file-downloaded', caseRef: found.reference, detail: fileId, at: deps.clock().toISOString() });
    const link = await deps.files.downloadUrl(fileId);
    if (link) return c.redirect(link, 303);
    const file = await deps.files.read(fileId);
    if (!file) throw httpErrors.notFound('The file has gone');
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.contentType, 'Content-Disposition': contentDisposition(file.name), 'X-Content-Type-Options': 'nosniff' });
  });

  /**
   * Any case by its reference, for the subject access export's links: a subject access request
   * covers every case held about the person, a care request's too (its special-category answers
   * are a separate matter, opened only for care staff).
   */
  async function heldCase(c: Context<StaffEnv>): Promise<StoredCase | undefined> {
    const reference = normaliseReference(c.req.param('reference') ?? '');
    return reference ? getCase(deps.store, reference, deps.clock()) : undefined;
  }

  /** The request a path names, or the 404 page: an unknown reference, another kind of case, or one the member of staff may not see. */
  async function requestFor(c: Context<StaffEnv>): Promise<StoredCase> {
    const reference = normaliseReference(c.req.param('reference') ?? '');
    const found = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || !isErasureRequest(found) || !mayViewCase(c.get('staff').roles, found)) throw httpErrors.notFound('No such data rights request', 'staff.dataRights.unknown');
    return found;
  }

  /** The request's page; it shows the resident's address and their cases, so each showing is audited first. */
  async function show(c: Context<StaffEnv>, request: StoredCase, extra: Partial<RequestPageProps> = {}, status: 200 | 400 | 409 = 200) {
    const now = deps.clock();
    const email = request.details.email;
    const covered = email ? (await casesForEmail(deps.store, deps.secrets, email, now)).filter((x) => x.service !== DATA_RIGHTS_SERVICE) : [];
    await recordAudit(deps.store, { who: staffActor(c.get('staff')), action: 'personal-data-viewed', caseRef: request.reference, at: now.toISOString() });
    const decision = erasureDecision(request);
    // The decision is the request's last public update: what the resident was told (a refusal's reason).
    const outcome = decision ? request.updates.at(-1)?.description : undefined;
    return requestPage(
      c,
      { request, due: erasureDue(request), today: todayIn(now), decision, outcome, covered, named: erasureReferences(request), maxReason: MAX_REFUSAL_LENGTH, ...extra },
      status,
    );
  }

  app.get('/:reference', requirePermission('data-rights:work'), async (c) => {
    const request = await requestFor(c);
    const done = c.req.query('done');
    const count = Number(c.req.query('count'));
    const shown: RequestPageProps['done'] =
      done === 'refused' ? { decision: 'refused' } : done === 'approved' ? { decision: 'approved', count: Number.isSafeInteger(count) && count >= 0 ? count : 0 } : undefined;
    return show(c, request, { done: shown });
  });

  /** A decision made already (here, in another tab, by a colleague): the page as it now stands, saying so. */
  async function alreadyDecided(c: Context<StaffEnv>, request: StoredCase) {
    const current = (await getCase(deps.store, request.reference, deps.clock())) ?? request;
    return show(c, current, { errors: { decision: c.get('t')('staff.dataRights.error.decided') } }, 409);
  }

  app.post('/:reference/approve', requirePermission('data-rights:work'), async (c) => {
    const request = await requestFor(c);
    const body = await c.req.parseBody({ all: true });
    const confirmed = [body.confirm].flat().includes('yes');
    if (!confirmed) return show(c, request, { errors: { confirm: c.get('t')('staff.dataRights.approve.errorConfirm') } }, 400);
    const staff = c.get('staff');
    try {
      const { anonymised } = await approveErasure({ ...deps, logger: log(c) }, council, request, { sub: staff.sub, name: staff.name }, deps.clock(), {
        keepDetailKeys: (service) => enabledModules(council).find((m) => m.id === service)?.safeDetailKeys,
      });
      return c.redirect(`${staffHref(c, `/data-rights/${request.reference}`)}?done=approved&count=${anonymised.length}`, 303);
    } catch (error) {
      if (error instanceof ErasureDecidedError) return alreadyDecided(c, request);
      if (error instanceof NotAnErasureRequestError) throw httpErrors.notFound('No such data rights request', 'staff.dataRights.unknown');
      throw error;
    }
  });

  app.post('/:reference/refuse', requirePermission('data-rights:work'), async (c) => {
    const request = await requestFor(c);
    const t = c.get('t');
    const body = await c.req.parseBody();
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const failed = (errors: Errors) => show(c, request, { errors, values: { reason } }, 400);
    if (!reason) return failed({ reason: t('staff.dataRights.refuse.errorReason') });
    if (reason.length > MAX_REFUSAL_LENGTH) return failed({ reason: t('staff.dataRights.refuse.errorLong', { max: MAX_REFUSAL_LENGTH }) });
    const staff = c.get('staff');
    try {
      await refuseErasure({ store: deps.store, notifications: deps.notifications, logger: log(c) }, council, request, { sub: staff.sub, name: staff.name }, reason, deps.clock());
      return c.redirect(`${staffHref(c, `/data-rights/${request.reference}`)}?done=refused`, 303);
    } catch (error) {
      if (error instanceof ErasureDecidedError) return alreadyDecided(c, request);
      if (error instanceof NotAnErasureRequestError) throw httpErrors.notFound('No such data rights request', 'staff.dataRights.unknown');
      if (error instanceof CaseActionError) return failed({ reason: t(error.reason === 'text-too-long' ? 'staff.dataRights.refuse.errorLong' : 'staff.dataRights.refuse.errorReason', { max: MAX_REFUSAL_LENGTH }) });
      throw error;
    }
  });

  return app;
}

/** Residents' data rights, at /staff/data-rights, linked from the landing page for `data-rights:work`. */
export const dataRightsSection: StaffSection = {
  path: '/data-rights',
  routes: dataRightsRoutes,
  nav: { labelKey: 'staff.dataRights.nav', permission: 'data-rights:work' },
};
