import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { CouncilConfig } from './config/council-schema.ts';
import { serveAssets } from './core/http/assets.ts';
import { csrfProtection } from './core/http/csrf.ts';
import { pooledNonce } from './core/http/random-token.ts';
import type { AppContext, AppEnv, CouncilAppDeps, Paths } from './core/http/env.ts';
import { HttpError, httpErrors, toHttpError } from './core/http/errors.ts';
import { translator } from './core/i18n.ts';
import type { Language } from './core/language.ts';
import type { ServiceModule } from './core/module.ts';
import { infoPages, renderErrorPage } from './core/pages/info-pages.tsx';
import { enabledModules, MESSAGES } from './modules/index.ts';
import { formBodies } from './core/http/body.ts';
import { lazyRoutes } from './core/http/lazy-routes.ts';

/** Largest request body accepted; forms here are small (photos go straight to storage, not through the app). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Where staff sign-in sends the browser: the origin of the council's identity provider. */
function signInOrigins(council: CouncilConfig, deps: CouncilAppDeps): string[] {
  const signIn = council.staff?.signIn;
  const issuer = signIn?.provider === 'oidc' ? signIn.issuer : signIn?.provider === 'embedded' ? deps.embeddedOidcIssuer : undefined;
  return issuer ? [new URL(issuer).origin] : [];
}

/** One translator per language, made once: the catalogues are fixed at build time. */
const TRANSLATORS = { en: translator(MESSAGES.en), cy: translator(MESSAGES.cy) };

function pathsFor(basePath: string, lang: Language, url: URL): Paths {
  const prefix = (l: Language) => `${basePath}${l === 'cy' ? '/cy' : ''}`;
  // Leading slashes collapse to one: '/cy//evil.example/' must not become the protocol-relative
  // link '//evil.example/' to another site.
  const pagePath = (lang === 'cy' ? url.pathname.replace(/^\/cy(?=\/|$)/, '') : url.pathname).replace(/^\/+/, '/') || '/';
  return {
    href: (p) => `${prefix(lang)}${p}`,
    asset: (file) => `${basePath}/assets/${file}`,
    inLanguage: (l) => `${prefix(l)}${pagePath}${url.search}`,
  };
}

/**
 * The web app for one council: its enabled service modules and platform pages, with the platform's
 * security, language and error handling. The same app runs in the council's Lambda and on the local host.
 *
 * @example
 * const app = createCouncilApp(council, { store, notifications, clock: () => new Date(), basePath: '', ... });
 * const res = await app.request('/bins');
 */
export function createCouncilApp(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const modules: ServiceModule[] = enabledModules(council);
  const log = deps.logger.with({ council: council.id });
  // Not strict: '/cy' and '/cy/' are the same page, as are '/bins' and '/bins/'.
  const app = new Hono<AppEnv>({ strict: false });

  app.use(requestId());
  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    const lang: Language = council.languages.includes('cy') && /^\/cy(\/|$)/.test(url.pathname) ? 'cy' : 'en';
    c.set('council', council);
    c.set('deps', deps);
    c.set('lang', lang);
    c.set('t', TRANSLATORS[lang]);
    c.set('paths', pathsFor(deps.basePath, lang, url));
    c.set('log', log.with({ requestId: c.get('requestId') }));
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", pooledNonce],
        styleSrc: ["'self'", pooledNonce],
        // Photos are shown from storage (a short-lived S3 URL in AWS).
        imgSrc: ["'self'", 'data:', ...(deps.photos?.uploadOrigin ? [deps.photos.uploadOrigin] : [])],
        fontSrc: ["'self'"],
        // Photos are uploaded straight to storage by a plain form (see PhotoStorage); the staff
        // sign-in form's answer redirects to the council's identity provider, and browsers apply
        // form-action to where a form's answer redirects too.
        // Forms' files go the same way (see FileStorage), to their own bucket.
        formAction: ["'self'", ...(deps.photos?.uploadOrigin ? [deps.photos.uploadOrigin] : []), ...(deps.files?.uploadOrigin ? [deps.files.uploadOrigin] : []), ...signInOrigins(council, deps)],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      // HSTS only means something over HTTPS; it is added below when the request came that way.
      strictTransportSecurity: false,
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  app.use(async (c, next) => {
    await next();
    // Set on the response itself: c.header() once a response exists makes Hono copy it.
    if (c.req.url.startsWith('https:')) c.res.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
  app.get('/assets/:file{.+}', serveAssets(deps.assetsDir));

  const apis = modules.flatMap((m) => (m.apis ?? []).map((api) => ({ ...api, module: m.id })));
  // APIs answer before the middleware below: they keep their own body limit and error format, and
  // authenticate with API keys instead of the forms' CSRF token.
  for (const api of apis) app.route(api.path, api.routes(council, deps));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw httpErrors.tooLarge('Request body too large');
      },
    }),
  );
  // Read and check every form before the CSRF check or a handler parses it: a body that cannot be
  // read is the sender's mistake (400), never a parser's exception (500).
  app.use(formBodies((problem) => httpErrors.badRequest(problem.message)));
  app.use(csrfProtection({ cookiePath: deps.basePath || '/' }));
  if (council.staff) {
    // The back office loads on its first request (functions/staff/app.tsx): a resident's cold start
    // never loads it or openid-client. It comes after the body and CSRF checks, as pages do.
    let staff: Promise<(c: AppContext) => Promise<Response>> | undefined;
    const toStaff = async (c: AppContext) => {
      staff ??= import('./staff/app.tsx').then((m) => m.staffHandler(council, deps)).catch((error) => {
        staff = undefined;
        throw error;
      });
      return (await staff)(c);
    };
    for (const prefix of council.languages.includes('cy') ? ['/staff', '/cy/staff'] : ['/staff']) {
      app.all(prefix, toStaff);
      app.all(`${prefix}/*`, toStaff);
    }
  }

  const pages = new Hono<AppEnv>({ strict: false });
  pages.route('/', infoPages(council, modules));
  for (const module of modules) pages.route(`/${module.id}`, module.routes(council, deps));
  // "Your requests and your data" loads on its first request (functions/data-rights/), never on a cold start.
  pages.route('/your-data', lazyRoutes('your-data', council, () => import('./data-rights/routes.tsx').then((m) => m.dataRightsRoutes(council, deps))));
  app.route('/', pages);
  if (council.languages.includes('cy')) app.route('/cy', pages);

  app.notFound((c) => renderErrorPage(c, httpErrors.notFound('No such page')));
  app.onError((error, c) => {
    const answer = toHttpError(error);
    if (!answer.expose) {
      // Ours to fix: logged with what went wrong (the route, never the raw path or the input).
      const cause = error instanceof HttpError ? answer.cause : error;
      (c.get('log') ?? log).error(answer.status === 503 ? 'store unavailable' : 'unhandled error', {
        // The route's pattern, never the path (it may hold a token); a lazily loaded module's own pattern.
        path: c.get('routePattern') ?? c.req.routePath,
        error: cause instanceof Error ? cause.name : String(cause),
        detail: cause instanceof Error && answer.status === 503 ? String(cause.cause) : undefined,
        stack: answer.status === 500 && cause instanceof Error ? cause.stack : undefined,
      });
    }
    return renderErrorPage(c, answer);
  });
  return app;
}
