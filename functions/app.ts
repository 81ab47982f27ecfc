import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { CouncilConfig } from './config/council-schema.ts';
import { serveAssets } from './core/http/assets.ts';
import { csrfProtection } from './core/http/csrf.ts';
import type { AppEnv, CouncilAppDeps, Paths } from './core/http/env.ts';
import { HttpError } from './core/http/errors.ts';
import { translator } from './core/i18n.ts';
import type { Language } from './core/language.ts';
import type { ServiceModule } from './core/module.ts';
import type { MessageKey } from '../web/messages/en.ts';
import { infoPages, renderErrorPage } from './core/pages/info-pages.tsx';
import { StoreUnavailableError } from './core/store/store.ts';
import { enabledModules } from './modules/index.ts';

/** Largest request body accepted; forms here are small (photo uploads raise it on their own routes). */
export const MAX_BODY_BYTES = 64 * 1024;

function pathsFor(basePath: string, lang: Language, url: URL): Paths {
  const prefix = (l: Language) => `${basePath}${l === 'cy' ? '/cy' : ''}`;
  const pagePath = lang === 'cy' ? url.pathname.replace(/^\/cy(?=\/|$)/, '') || '/' : url.pathname;
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
    c.set('t', translator(lang));
    c.set('paths', pathsFor(deps.basePath, lang, url));
    c.set('log', log.with({ requestId: c.get('requestId') }));
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'", NONCE],
        // Photos are shown from storage (a short-lived S3 URL in AWS).
        imgSrc: ["'self'", 'data:', ...(deps.photos?.uploadOrigin ? [deps.photos.uploadOrigin] : [])],
        fontSrc: ["'self'"],
        // Photos are uploaded straight to storage by a plain form (see PhotoStorage).
        formAction: ["'self'", ...(deps.photos?.uploadOrigin ? [deps.photos.uploadOrigin] : [])],
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
    if (new URL(c.req.url).protocol === 'https:') c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
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
        throw new HttpError(413, 'Request body too large', 'error.tooLarge');
      },
    }),
  );
  app.use(csrfProtection({ cookiePath: deps.basePath || '/' }));

  const pages = new Hono<AppEnv>({ strict: false });
  pages.route('/', infoPages(council, modules));
  for (const module of modules) pages.route(`/${module.id}`, module.routes(council, deps));
  app.route('/', pages);
  if (council.languages.includes('cy')) app.route('/cy', pages);

  app.notFound((c) => renderErrorPage(c, 404, 'error.notFound.title', 'error.notFound.body'));
  app.onError((error, c) => {
    const logger = c.get('log') ?? log;
    if (error instanceof HttpError && error.expose) {
      const status = error.status as 403 | 404 | 413 | 429;
      if (error.status === 403) return renderErrorPage(c, 403, 'error.csrf.title', 'error.csrf.body');
      if (error.status === 413) return renderErrorPage(c, 413, 'error.tooLarge.title', 'error.tooLarge.body');
      if (error.status === 429) return renderErrorPage(c, 429, 'error.rateLimited.title', 'error.rateLimited.body');
      return renderErrorPage(c, status, 'error.notFound.title', (error.messageKey as MessageKey | undefined) ?? 'error.notFound.body');
    }
    if (error instanceof StoreUnavailableError) {
      logger.error('store unavailable', { path: c.req.routePath, error: String(error.cause) });
      return renderErrorPage(c, 503, 'error.unavailable.title', 'error.unavailable.body');
    }
    logger.error('unhandled error', { path: c.req.routePath, error: error.name, stack: error.stack });
    return renderErrorPage(c, 500, 'error.server.title', 'error.server.body');
  });
  return app;
}
