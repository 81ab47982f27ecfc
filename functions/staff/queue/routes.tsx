import { Hono, type Context } from 'hono';
import type { Errors } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { auditCaseAction } from '../../core/audit/case-action-audit.ts';
import { assignCase, changeState, staffActor } from '../../core/cases/case-actions.ts';
import { CaseChangedError, CaseNotFoundError, getCase, type CaseChangeResult, type StoredCase } from '../../core/cases/case-store.ts';
import { isCaseState, isStateEnabled, type CaseState } from '../../core/cases/lifecycle.ts';
import { CASE_COUNTS_KEY } from '../../core/cases/case-store.ts';
import { listQueue, queueCounts, queueCountsFrom, QueueCursorError, searchCases, type CaseSearch } from '../../core/cases/queue.ts';
import { normalisePostcode } from '../../core/cases/contact-keys.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { HttpError } from '../../core/http/errors.ts';
import { randomToken } from '../../core/http/random-token.ts';
import { prefetchedItem, requirePermission } from '../auth/guard.ts';
import { can, mayViewCase, visibleRestrictions } from '../auth/roles.ts';
import { listStaffMembers } from '../auth/sessions.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { staffHref } from '../pages/staff-page.tsx';
import { caseTypes, serviceChoices } from './case-types.ts';
import { filtersQuery, parseFilters, type FilterContext, type ParsedFilters } from './filters.ts';
import { coreFilters, decodeTrail, encodeTrail, nextTrail, previousTrail } from './queue-data.ts';
import { queuePage, type Assignee, type QueuePageProps } from './queue-page.tsx';

/** Cases per queue page. */
export const QUEUE_PAGE_SIZE = 50;
/** The most cases one bulk action changes: a page of the queue. */
export const MAX_BULK_CASES = QUEUE_PAGE_SIZE;
/** A bulk form's action id as the page makes them (randomToken(18)). */
const ACTION_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** How many cases a bulk action changes at once. */
const BULK_CONCURRENCY = 8;

const badCursor = () => new HttpError(400, 'Queue page link not valid', { titleKey: 'staff.queue.error.badCursor.title', bodyKey: 'staff.queue.error.badCursor.body' });

/** The officers cases may be assigned to: staff who have signed in and may work cases. */
async function officers(deps: CouncilAppDeps): Promise<Assignee[]> {
  const members = await listStaffMembers(deps.store);
  return members.filter((m) => can(m.roles, 'case:work')).map((m) => ({ sub: m.sub, name: m.name }));
}

/** What the search box's words are: a reference, an email, a phone number or a postcode (undefined: none of these). */
export function searchOf(query: string): CaseSearch | undefined {
  const words = query.trim();
  if (!words) return undefined;
  if (normaliseReference(words)) return { reference: words };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(words)) return { email: words };
  const postcode = normalisePostcode(words);
  // The whole of the words must be the postcode: "E5 0LH" is one, "flat 2, E5 0LH" is not a search we make.
  if (postcode && words.toUpperCase().replace(/\s+/g, '') === postcode.replace(' ', '')) return { postcode: words };
  if (/^\+?[\d\s()-]{10,20}$/.test(words) && words.replace(/\D/g, '').length >= 10) return { phone: words };
  return undefined;
}

/** The staff back office's queue: GET /queue (filters, search, counts, pages) and POST /queue/bulk. */
export function queueRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });

  function context(c: Context<StaffEnv>) {
    const t = c.get('t');
    const services = serviceChoices(council, t);
    // Only the types whose cases this member of staff may see: a care form's is offered to care staff alone.
    const types = caseTypes(council, c.get('lang'), visibleRestrictions(c.get('staff').roles));
    const filterContext: FilterContext = { services: services.map((s) => s.id), types, council };
    return { services, types, filterContext };
  }

  const translate = (c: Context<StaffEnv>, errors: ParsedFilters['errors']): Errors =>
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, c.get('t')(key!)]));

  /** The queue page for a query string; `extra` carries a bulk action's outcome or its errors. */
  async function show(c: Context<StaffEnv>, query: URLSearchParams, extra: { done?: { changed: number; unchanged: number }; errors?: Errors; bulkValues?: Record<string, string>; selected?: string[] } = {}, status: 200 | 400 = 200) {
    const staff = c.get('staff');
    const t = c.get('t');
    const now = deps.clock();
    const may = { bulk: can(staff.roles, 'case:bulk'), export: can(staff.roles, 'case:export'), personal: can(staff.roles, 'case:personal-data') };
    const { services, types, filterContext } = context(c);
    const parsed = parseFilters(query, filterContext);
    const base: QueuePageProps = { filters: parsed.filters, raw: parsed.raw, errors: translate(c, parsed.errors), services, types, may, here: '' };

    const words = (query.get('q') ?? '').trim();
    if (query.has('q') && words) {
      const search = searchOf(words);
      if (!search) return queuePage(c, { ...base, errors: { q: t(may.personal ? 'staff.queue.error.search' : 'staff.queue.error.searchPostcode') }, search: { query: words } }, 400);
      if (('email' in search || 'phone' in search) && !may.personal) return queuePage(c, { ...base, errors: { q: t('staff.queue.error.searchPersonal') }, search: { query: words } }, 403);
      // A care case is not found by anyone without the care role, whichever way it is searched for.
      const results = await searchCases(deps.store, search, deps.secrets, now, visibleRestrictions(staff.roles));
      // A reference found goes straight to its case; the table is the council's own, so another council's is not found.
      if ('reference' in search && results.length === 1) return c.redirect(staffHref(c, `/cases/${results[0].reference}`), 303);
      return queuePage(c, { ...base, search: { query: words, results } });
    }
    if (Object.keys(parsed.errors).length > 0) return queuePage(c, base, 400);

    const pageParam = query.get('page');
    const trail = pageParam ? decodeTrail(pageParam) : undefined;
    if (pageParam && !trail) throw badCursor();
    const filters = coreFilters(parsed.filters, staff.sub, visibleRestrictions(staff.roles));
    let page: Awaited<ReturnType<typeof listQueue>>;
    let counts: Awaited<ReturnType<typeof queueCounts>>;
    try {
      const prefetched = prefetchedItem(c, CASE_COUNTS_KEY);
      [page, counts] = await Promise.all([
        listQueue(deps.store, { filters, pageSize: QUEUE_PAGE_SIZE, cursor: trail?.here }, now),
        prefetched.found ? queueCountsFrom(prefetched.item) : queueCounts(deps.store),
      ]);
    } catch (error) {
      if (error instanceof QueueCursorError) throw badCursor();
      throw error;
    }
    const link = (params: URLSearchParams) => (params.size ? `${staffHref(c, '/queue')}?${params}` : staffHref(c, '/queue'));
    const withPage = (value?: string) => {
      const q = filtersQuery(parsed.filters);
      if (value) q.set('page', value);
      return q;
    };
    const nextHref = page.cursor ? link(withPage(encodeTrail(nextTrail(trail, page.cursor)))) : undefined;
    let previous: { href: string; first: boolean } | undefined;
    if (trail) {
      const back = previousTrail(trail);
      previous = back === 'first' ? { href: link(withPage()), first: true } : { href: link(withPage(back && encodeTrail(back))), first: false };
    }
    const here = withPage(pageParam ?? undefined).toString();
    const bulk = may.bulk
      ? { actionId: randomToken(18), officers: await officers(deps), done: extra.done, values: extra.bulkValues, selected: extra.selected }
      : undefined;
    return queuePage(
      c,
      { ...base, errors: { ...base.errors, ...extra.errors }, page: { cases: page.cases, nextHref, previous }, counts: counts.counts, countsLeaveOut: visibleRestrictions(staff.roles).length > 0, bulk, here },
      status,
    );
  }

  // The counts item comes with the session in one request: a queue page is that and its query.
  app.get('/', requirePermission('case:read', { alsoRead: [CASE_COUNTS_KEY] }), async (c) => {
    const query = new URL(c.req.url).searchParams;
    const changed = Number(query.get('changed'));
    const unchanged = Number(query.get('unchanged'));
    const done = query.has('changed') && Number.isSafeInteger(changed) && Number.isSafeInteger(unchanged) && changed >= 0 && unchanged >= 0 ? { changed, unchanged } : undefined;
    return show(c, query, { done });
  });

  app.post('/bulk', requirePermission('case:bulk'), async (c) => {
    const t = c.get('t');
    const staff = c.get('staff');
    const body = await c.req.parseBody({ all: true });
    const one = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    // Each box is `REFERENCE:VERSION`, the case's version the page showed: a case changed since is left as it is.
    const versions = new Map<string, number | undefined>();
    for (const value of Array.isArray(body.cases) ? body.cases : [body.cases]) {
      if (typeof value !== 'string') continue;
      const [ref, version] = value.split(':', 2);
      const reference = normaliseReference(ref);
      const n = version !== undefined && /^\d{1,15}$/.test(version) ? Number(version) : undefined;
      if (reference && !versions.has(reference)) versions.set(reference, n);
    }
    const references = [...versions.keys()];
    // Back to the same queue: only the queue's own parameters are kept, so the redirect cannot go anywhere else.
    const returned = new URLSearchParams(one('return'));
    const { filterContext } = context(c);
    const back = filtersQuery(parseFilters(returned, filterContext).filters);
    const page = returned.get('page');
    if (page && decodeTrail(page)) back.set('page', page);

    const values = { state: one('state'), assign: one('assign') };
    const errors: Errors = {};
    const actionId = one('actionId');
    const firstBox = references[0] ? `select-${references[0]}` : 'bulk-state';
    if (!ACTION_ID.test(actionId)) errors[firstBox] = t('staff.queue.bulk.error.stale');
    else if (references.length === 0) errors['bulk-state'] = t('staff.queue.bulk.error.none');
    else if (references.length > MAX_BULK_CASES) errors[firstBox] = t('staff.queue.bulk.error.tooMany', { max: MAX_BULK_CASES });
    let state: CaseState | undefined;
    if (values.state) {
      if (isCaseState(values.state) && isStateEnabled(council, values.state) && values.state !== 'duplicate') state = values.state;
      else errors['bulk-state'] = t('staff.queue.bulk.error.state');
    }
    let assignee: Assignee | null | undefined;
    if (values.assign === '-') assignee = null;
    else if (values.assign) {
      assignee = (await officers(deps)).find((o) => o.sub === values.assign);
      if (!assignee) errors['bulk-assign'] = t('staff.queue.bulk.error.assignee');
    }
    if (!values.state && !values.assign && Object.keys(errors).length === 0) errors['bulk-state'] = t('staff.queue.bulk.error.nothing');
    if (Object.keys(errors).length > 0) return show(c, back, { errors, bulkValues: values, selected: references }, 400);

    const by = staffActor(staff);
    const now = deps.clock();
    let changed = 0;
    let unchanged = 0;
    /**
     * A change's audit, applied or found applied before (a resent form whose first audit write
     * failed): recorded once either way, by its action id. True when this request changed the case.
     */
    const audit = async (result: CaseChangeResult) => {
      if (result.entry) await auditCaseAction(deps.store, result.case.reference, result.entry, { prefix: 'bulk' });
      return result.outcome === 'applied';
    };

    /** One case: its state, then its assignee, each idempotent by an action id made from the form's. */
    async function applyTo(reference: string): Promise<boolean> {
      let found: StoredCase | undefined = await getCase(deps.store, reference, now);
      // A case the supervisor may not see (a care case) is left alone, as one that does not exist.
      if (!found || !mayViewCase(staff.roles, found)) return false;
      // No version (not this page's form): nothing is known of what the supervisor saw, so nothing is changed.
      let version = versions.get(reference);
      if (version === undefined) return false;
      let any = false;
      const stateAction = `${actionId}.s.${reference}`;
      const assignAction = `${actionId}.a.${reference}`;
      try {
        // A resent form finds its own change made: sent again, it completes that change's audit.
        // A state the case's type does not use (a care request's own states) is not applied to it.
        if (state && isStateEnabled(council, state, found) && (found.state !== state || found.actionIds?.has(stateAction))) {
          const result = await changeState(deps.store, council, found, { state, actionId: stateAction, by, expectedVersion: version }, now);
          any = (await audit(result)) || any;
          found = result.case;
          // The assignment follows this form's own state change: the version that change left.
          version = result.case.version;
        }
        if (assignee !== undefined && ((found.assignedTo?.sub ?? null) !== (assignee?.sub ?? null) || found.actionIds?.has(assignAction))) {
          const result = await assignCase(deps.store, found, { to: assignee, actionId: assignAction, by, expectedVersion: version }, now);
          any = (await audit(result)) || any;
        }
      } catch (error) {
        // Gone, or changed by someone else meanwhile: left as it is, and counted as not changed.
        if (error instanceof CaseNotFoundError || error instanceof CaseChangedError) return false;
        throw error;
      }
      return any;
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(BULK_CONCURRENCY, references.length) }, async () => {
        while (next < references.length) {
          const reference = references[next++];
          if (await applyTo(reference)) changed++;
          else unchanged++;
        }
      }),
    );
    back.set('changed', String(changed));
    back.set('unchanged', String(unchanged));
    return c.redirect(`${staffHref(c, '/queue')}?${back}`, 303);
  });

  return app;
}

/** The queue, linked from the landing page for everyone who may read cases. */
export const queueSection: StaffSection = {
  path: '/queue',
  routes: queueRoutes,
  nav: { labelKey: 'staff.queue.nav', permission: 'case:read' },
};
