import { Hono } from 'hono';
import { listCases } from '../../../core/cases/case-store.ts';
import type { AppEnv } from '../../../core/http/env.ts';
import type { Open311Context } from './context.ts';
import { checkJurisdiction, dateRange, queryParams, rangeBounds } from './input.ts';
import { formatOf, resourcePath } from './paths.ts';
import { requestUpdate } from './representation.ts';
import { respond } from './respond.ts';

/** Cases read from the date index for one list of updates, at most (90 days of a council's reports fit well within it). */
const SCAN_LIMIT = 50_000;

/** GET servicerequestupdates (mySociety's extension): the updates made in a date range, newest first. */
export function updatesGetRoutes({ council, deps, maxResults }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(resourcePath('servicerequestupdates'), async (c) => {
    const format = formatOf(c.req.param('file'));
    const params = queryParams(c);
    checkJurisdiction(council, params);
    const { start, end } = dateRange(params, deps.clock());
    const { from, to } = rangeBounds({ start, end });
    // Every update in the range is on a case that has changed since the range began.
    const changed = await listCases(deps.store, { changedSince: start, service: 'report', limit: SCAN_LIMIT }, deps.clock());
    const updates = changed
      .filter((k) => k.public)
      .flatMap((k) => k.updates.filter((u) => u.createdAt >= from && u.createdAt <= to).map((u) => ({ k, u })))
      .sort((a, b) => (a.u.createdAt < b.u.createdAt ? 1 : a.u.createdAt > b.u.createdAt ? -1 : 0))
      .slice(0, maxResults);
    return respond(c, format, 200, 'service_request_updates', updates.map(({ k, u }) => requestUpdate(k, u)));
  });

  return app;
}
