import { Hono, type Context } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppContext, AppEnv, AppVariables } from './env.ts';

/** What the council app hands a module's routes loaded on demand with each request. */
interface Handover {
  parent: AppContext;
  /** What the module's pages threw, and the stand-in answer made for it: the council app renders the error instead. */
  error?: { thrown: unknown; answer: Response; routePattern: string };
}

const HANDED_OVER: (keyof AppVariables)[] = ['council', 'deps', 'lang', 't', 'paths', 'log', 'csrfToken', 'requestId', 'secureHeadersNonce'];

/**
 * Gives an app loaded on demand what the council app already set for this request: the council,
 * language, CSP nonce, CSRF token, logger, and the form body it read and checked (Hono's body cache,
 * where parseBody looks). The back office's host and lazyRoutes' both use it.
 *
 * @example
 * host.use(async (c, next) => { handOver(c.env.parent, c); await next(); });
 */
export function handOver(parent: AppContext, c: Context): void {
  for (const key of HANDED_OVER) {
    const value = parent.get(key);
    if (value !== undefined) c.set(key as never, value as never);
  }
  Object.assign(c.req.bodyCache, parent.req.bodyCache);
}

/**
 * A module's pages whose code loads on their first request, not at the function's cold start (the
 * back office does the same in app.ts): a resident opening the bin-day page never pays for them.
 * The council app has already set the council, language, CSP nonce and CSRF token and read the
 * form body; they are handed over with the request, its error page and "not found" page stay the
 * council app's, and the answer keeps the council app's headers and cookies.
 *
 * Mounted beside pages loaded at start (routed before it), it answers only what they do not: the
 * bins module's bin-day pages are loaded at start, its missed-collection pages on demand.
 *
 * @example
 * routes: (council, deps) => lazyRoutes('forms', council, () => import('./routes.tsx').then((m) => m.formsRoutes(council, deps))),
 */
export function lazyRoutes(moduleId: string, council: CouncilConfig, load: () => Promise<Hono<AppEnv>>): Hono<AppEnv> {
  return onDemand(council.languages.includes('cy') ? [`/${moduleId}`, `/cy/${moduleId}`] : [`/${moduleId}`], load);
}

/**
 * A module's API (ServiceModule.apis) whose code loads on its first request: the same hand-over as
 * lazyRoutes', at the API's own path. The API keeps its own error handler and answers; what it
 * throws past them gets the council app's.
 *
 * @example
 * apis: [{ path: '/open311/v2', routes: (council, deps) => lazyApi('/open311/v2', () => import('./open311/routes.ts').then((m) => m.open311Routes(council, deps))) }],
 */
export function lazyApi(path: string, load: () => Promise<Hono<AppEnv>>): Hono<AppEnv> {
  return onDemand([path], load);
}

/** An app whose routes load on its first request and answer at `mounts` (the paths the council app sees). */
function onDemand(mounts: string[], load: () => Promise<Hono<AppEnv>>): Hono<AppEnv> {
  let host: Promise<Hono<AppEnv & { Bindings: Handover }>> | undefined;
  const hostFor = async () => {
    const routes = await load();
    const h = new Hono<AppEnv & { Bindings: Handover }>({ strict: false });
    h.use(async (c: Context<AppEnv & { Bindings: Handover }>, next) => {
      handOver(c.env.parent, c);
      await next();
    });
    for (const mount of mounts) h.route(mount, routes);
    // The council app's own answers: its error page renders what is thrown here. Answering (not
    // rethrowing) lets the module's own middleware see c.error first, as it does when mounted
    // directly (e.g. "your answers are kept" when the store is down).
    h.onError((error, c) => {
      const answer = c.body(null, 500);
      c.env.error = { thrown: error, answer, routePattern: c.req.routePath };
      return answer;
    });
    h.notFound(() => {
      throw new LazyRouteNotFound();
    });
    return h;
  };

  const app = new Hono<AppEnv>({ strict: false });
  app.all('*', async (c, next) => {
    host ??= hostFor().catch((error) => {
      host = undefined;
      throw error;
    });
    try {
      // The host's own env (Node's request, or the Lambda event) goes along, so getConnInfo still works.
      const handover: Handover = { ...(c.env as object), parent: c };
      const res = await (await host).fetch(c.req.raw, handover);
      // The stand-in came back unchanged: no middleware of the module's answered the error.
      if (handover.error && res === handover.error.answer) {
        c.set('routePattern', handover.error.routePattern);
        throw handover.error.thrown;
      }
      return c.newResponse(res.body, res);
    } catch (error) {
      if (!(error instanceof LazyRouteNotFound)) throw error;
      // No page of the module's: on to the council app's "not found" page.
      return next();
    }
  });
  return app;
}

class LazyRouteNotFound extends Error {
  override name = 'LazyRouteNotFound';
}
