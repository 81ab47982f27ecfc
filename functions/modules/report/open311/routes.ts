import { Hono } from 'hono';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../../core/http/env.ts';
import type { RateLimitOptions } from '../../../core/http/rate-limit.ts';
import { methodNotAllowed, notFound, open311Context } from './context.ts';
import { discoveryRoutes } from './discovery.ts';
import { open311OnError } from './errors.ts';
import { DEFAULT_GET_LIMIT, MAX_RESULTS } from './limits.ts';
import { getRateLimit, open311BodyLimit } from './middleware.ts';
import { itemPath, resourcePath, splitFormat } from './paths.ts';
import { requestRoutes } from './request.ts';
import { requestsGetRoutes } from './requests-get.ts';
import { requestsPostRoutes } from './requests-post.ts';
import { servicesRoutes } from './services.ts';
import { updatesGetRoutes } from './updates-get.ts';
import { updatesPostRoutes } from './updates-post.ts';

export { OPEN311_CHANGESET, SPECIFICATION } from './discovery.ts';
export { DEFAULT_GET_LIMIT, MAX_OPEN311_BODY_BYTES, MAX_OPEN311_DESCRIPTION_LENGTH, MAX_REQUEST_IDS, MAX_RESULTS } from './limits.ts';

export interface Open311Options {
  /** The most requests or updates one list returns (tests lower it). */
  maxResults?: number;
  /** GET requests allowed per client per window (tests lower it). */
  getLimit?: RateLimitOptions;
}

/**
 * The council's Open311 GeoReport v2 API, with mySociety's servicerequestupdates extension, mounted
 * at /open311/v2. Every resource takes a .json or .xml extension. It answers every path under it
 * itself, errors included, in Open311's error format; it reads and writes the council's own table only.
 *
 * @example
 * GET  /open311/v2/services.json
 * POST /open311/v2/requests.json   api_key=…&service_code=pothole&lat=51.55&long=-0.05&attribute[depth]=over_10cm
 * GET  /open311/v2/requests/ABCD-2345.xml
 */
export function open311Routes(council: CouncilConfig, deps: CouncilAppDeps, options: Open311Options = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const context = open311Context(council, deps, options.maxResults ?? MAX_RESULTS);

  app.onError(open311OnError);
  app.use(getRateLimit(deps, options.getLimit ?? DEFAULT_GET_LIMIT));
  app.use(open311BodyLimit());

  app.route('/', discoveryRoutes(context));
  app.route('/', servicesRoutes(context));
  app.route('/', requestsGetRoutes(context));
  app.route('/', requestsPostRoutes(context));
  app.route('/', requestRoutes(context));
  app.route('/', updatesGetRoutes(context));
  app.route('/', updatesPostRoutes(context));

  // What the routes above answer, so that a path they do not match gets the right error.
  const methodsOf = (path: string): string[] => [...new Set(app.routes.filter((r) => r.path === path && r.method !== 'ALL').map((r) => r.method))];

  app.all('/:resource{[^/]+}', (c) => {
    const { name, format } = splitFormat(c.req.param('resource'));
    const methods = methodsOf(resourcePath(name));
    if (methods.length === 0) throw notFound(`No such resource: ${name}`);
    if (!format) throw notFound(`Unknown format: ask for ${name}.json or ${name}.xml`);
    throw methodNotAllowed(c.req.method, name, methods);
  });

  app.all('/:collection{[^/]+}/:item{[^/]+}', (c) => {
    const collection = c.req.param('collection');
    const { name: item, format } = splitFormat(c.req.param('item'));
    const methods = methodsOf(itemPath(collection));
    if (methods.length === 0) throw notFound(`No such resource: ${collection}/${item}`);
    if (!format) throw notFound(`Unknown format: ask for ${collection}/${item}.json or ${collection}/${item}.xml`);
    throw methodNotAllowed(c.req.method, `${collection}/${item}`, methods);
  });

  app.all('*', () => {
    throw notFound('No such resource: see discovery.json or discovery.xml for what this endpoint serves');
  });

  return app;
}
