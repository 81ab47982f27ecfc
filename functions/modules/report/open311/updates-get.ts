import { Hono } from 'hono';
import { listCaseUpdates } from '../../../core/cases/case-store.ts';
import type { AppEnv } from '../../../core/http/env.ts';
import type { Open311Context } from './context.ts';
import { checkJurisdiction, dateRange, queryParams, rangeBounds } from './input.ts';
import { formatOf, resourcePath } from './paths.ts';
import { requestUpdate } from './representation.ts';
import { respond } from './respond.ts';

/** GET servicerequestupdates (mySociety's extension): the updates made in a date range, newest first. */
export function updatesGetRoutes({ council, deps, maxResults }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(resourcePath('servicerequestupdates'), async (c) => {
    const format = formatOf(c.req.param('file'));
    const params = queryParams(c);
    checkJurisdiction(council, params);
    const { from, to } = rangeBounds(dateRange(params, deps.clock()));
    // The updates index holds each update by when it was made: only the newest of the range are read.
    const { updates } = await listCaseUpdates(deps.store, { service: 'report', from, to, limit: maxResults }, deps.clock());
    return respond(c, format, 200, 'service_request_updates', updates.map(({ reference, update }) => requestUpdate(reference, update)));
  });

  return app;
}
