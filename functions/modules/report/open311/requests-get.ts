import { Hono } from 'hono';
import { listCasesCreated, type StoredCase } from '../../../core/cases/case-store.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import type { AppEnv } from '../../../core/http/env.ts';
import { findRequest, linkBase, type Open311Context } from './context.ts';
import { checkJurisdiction, dateRange, list, pagination, queryParams, rangeBounds } from './input.ts';
import { MAX_REQUEST_IDS } from './limits.ts';
import { formatOf, resourcePath } from './paths.ts';
import { serviceRequest } from './representation.ts';
import { Open311Error, respond } from './respond.ts';

/** GET requests: the ones named by id, or a page of those made in a date range, newest first. */
export function requestsGetRoutes({ council, deps, maxResults }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(resourcePath('requests'), async (c) => {
    const format = formatOf(c.req.param('file'));
    const params = queryParams(c);
    checkJurisdiction(council, params);
    const links = linkBase(c, deps);
    const ids = list(params, 'service_request_id');
    // The spec: service_request_id overrides all other arguments.
    if (ids) {
      if (ids.length > MAX_REQUEST_IDS) throw new Open311Error(400, `service_request_id may list at most ${MAX_REQUEST_IDS} ids`);
      const found = await Promise.all([...new Set(ids.map((id) => normaliseReference(id) ?? id))].map((id) => findRequest(deps, id)));
      return respond(
        c,
        format,
        200,
        'service_requests',
        found.filter((f): f is StoredCase => f !== undefined).map((f) => serviceRequest(council, f, links)),
      );
    }
    const { from, to } = rangeBounds(dateRange(params, deps.clock()));
    const statuses = list(params, 'status')?.map((s) => s.toLowerCase());
    const wrong = statuses?.filter((s) => s !== 'open' && s !== 'closed') ?? [];
    if (wrong.length > 0) throw new Open311Error(400, `status must be open or closed (or both, comma-separated), not ${wrong.join(', ')}`);
    const codes = list(params, 'service_code');
    const { page, pageSize } = pagination(params, maxResults);
    // The created index holds the range in order: only this page and those before it are read.
    const found = await listCasesCreated(
      deps.store,
      {
        service: 'report',
        from,
        to,
        match: (k) => !!k.public && (!statuses || statuses.includes(k.status)) && (!codes || codes.includes(k.public.serviceCode)),
        skip: (page - 1) * pageSize,
        take: pageSize,
      },
      deps.clock(),
    );
    const res = respond(c, format, 200, 'service_requests', found.cases.map((k) => serviceRequest(council, k, links)));
    if (found.more) {
      const next = new URL(c.req.url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('page_size', String(pageSize));
      res.headers.set('Link', `<${next.href}>; rel="next"`);
    }
    return res;
  });

  return app;
}
