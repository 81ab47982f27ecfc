import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { CouncilConfig } from '../config/council-schema.ts';
import { ALL_MODULES, enabledModules, MESSAGES } from '../modules/index.ts';
import { serveAssets } from '../core/http/assets.ts';
import { translator } from '../core/i18n.ts';
import { GOVUK_SUPPORTED_SCRIPT } from '../../web/layout.tsx';

/** How many services the platform offers (a number, whatever the module list holds today). */
const SERVICE_COUNT: number = ALL_MODULES.length;

const NATION_NAMES: Record<CouncilConfig['nation'], string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** What the platform's catalogue says of a council: public facts only, never its data. */
export interface CatalogueEntry {
  id: string;
  name: string;
  nation: CouncilConfig['nation'];
  languages: CouncilConfig['languages'];
  services: string[];
  /** Where its pages are; absent while it has no public address yet. */
  url?: string;
}

/** A council's catalogue entry, with the names of the services it has switched on. */
export function catalogueEntry(council: CouncilConfig, url: string | undefined): CatalogueEntry {
  const t = translator(MESSAGES.en);
  return {
    id: council.id,
    name: council.name.en,
    nation: council.nation,
    languages: council.languages,
    services: enabledModules(council).map((m) => m.describe(t).name),
    url,
  };
}

export interface PlatformAppOptions {
  councils: CatalogueEntry[];
  assetsDir: string;
}

/** A year, for the platform's own domain and its subdomains, as the council app sends it. */
export const HSTS = 'max-age=31536000; includeSubDomains';

type PlatformEnv = { Variables: { secureHeadersNonce?: string } };

/** A plain GOV.UK page for the platform's own pages (no council branding). */
export function PlatformPage(props: { title: string; nonce?: string; children: Child }) {
  return (
    <html lang="en" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{props.title} – Local Digital Factory</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="govuk-template__body">
        <script nonce={props.nonce}>
          {raw(GOVUK_SUPPORTED_SCRIPT)}
        </script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-template__header">
          <div class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
              <div class="govuk-generic-header__logo">
                <a href="/" class="govuk-generic-header__homepage-link">
                  Local Digital Factory
                </a>
              </div>
            </div>
          </div>
        </header>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content">
            {props.children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <p class="govuk-body-s">Local Digital Factory: shared services for UK councils, built in the open.</p>
          </div>
        </footer>
        <script type="module" nonce={props.nonce} src="/assets/app.js"></script>
      </body>
    </html>
  );
}

/** The platform's landing page and service catalogue: which councils are hosted and what each offers. */
export function createPlatformApp(options: PlatformAppOptions): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
      // HSTS only means something over HTTPS; it is added below when the request came that way.
      strictTransportSecurity: false,
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (new URL(c.req.url).protocol === 'https:') c.header('Strict-Transport-Security', HSTS);
  });

  app.get('/assets/:file{.+}', serveAssets(options.assetsDir));

  app.get('/', (c) => {
    const councils = [...options.councils].sort((a, b) => a.name.localeCompare(b.name));
    const page = (
      <PlatformPage title="Councils" nonce={c.get('secureHeadersNonce')}>
        <h1 class="govuk-heading-xl">Councils on Local Digital Factory</h1>
        <p class="govuk-body-l">
          {councils.length} councils host their citizen services here, built once as {SERVICE_COUNT === 1 ? 'one shared service' : `${SERVICE_COUNT} shared services`}.
        </p>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Hosted councils</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Council</th>
              <th scope="col" class="govuk-table__header">Nation</th>
              <th scope="col" class="govuk-table__header">Languages</th>
              <th scope="col" class="govuk-table__header">Services</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {councils.map((council) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {council.url ? (
                    <a class="govuk-link" href={council.url}>
                      {council.name}
                    </a>
                  ) : (
                    council.name
                  )}
                </th>
                <td class="govuk-table__cell">{NATION_NAMES[council.nation]}</td>
                <td class="govuk-table__cell">{council.languages.map((l) => (l === 'cy' ? 'Cymraeg' : 'English')).join(', ')}</td>
                <td class="govuk-table__cell">{council.services.join(', ') || 'None yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PlatformPage>
    );
    return c.html(`<!DOCTYPE html>${String(page)}`);
  });
  return app;
}
