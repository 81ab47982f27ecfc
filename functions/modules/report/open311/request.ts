import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { findRequest, linkBase, notFound, type Open311Context } from './context.ts';
import { checkJurisdiction, queryParams } from './input.ts';
import { splitFormat, itemPath } from './paths.ts';
import { serviceRequest } from './representation.ts';
import { respond } from './respond.ts';

/** GET requests/<id>: one request, however its id is typed. */
export function requestRoutes({ council, deps }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(itemPath('requests'), async (c) => {
    const { name: id, format } = splitFormat(c.req.param('item'));
    checkJurisdiction(council, queryParams(c));
    const found = await findRequest(deps, id);
    if (!found) throw notFound(`service_request_id ${id} was not found`);
    return respond(c, format ?? 'json', 200, 'service_requests', [serviceRequest(council, found, linkBase(c, deps))]);
  });

  return app;
}
