import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { notFound, type Open311Context } from './context.ts';
import { checkJurisdiction, queryParams } from './input.ts';
import { formatOf, splitFormat, resourcePath, itemPath } from './paths.ts';
import { serviceDefinition, serviceList } from './representation.ts';
import { respond } from './respond.ts';

/** GET services (every category) and GET services/<code> (one category's questions). */
export function servicesRoutes({ council, report, categories }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(resourcePath('services'), (c) => {
    checkJurisdiction(council, queryParams(c));
    return respond(c, formatOf(c.req.param('file')), 200, 'services', serviceList(report));
  });

  app.get(itemPath('services'), (c) => {
    const { name: code, format } = splitFormat(c.req.param('item'));
    checkJurisdiction(council, queryParams(c));
    const entry = categories.get(code);
    if (!entry) throw notFound(`service_code ${code} was not found`);
    return respond(c, format ?? 'json', 200, 'service_definition', serviceDefinition(entry.category));
  });

  return app;
}
