import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import type { CouncilConfig } from '../config/council-schema.ts';
import { ALL_MESSAGES as MESSAGES } from '../modules/all-messages.ts';
import { ALL_MODULES, enabledModules } from '../modules/index.ts';
import type { FormDefinition } from '../modules/forms/definition/types.ts';
import { useCatalogue } from '../modules/forms/definition/catalogue-source.ts';
import { adoptedForms } from '../modules/forms/definition/resolve.ts';
import { serveAssets } from '../core/http/assets.ts';
import { translator } from '../core/i18n.ts';
import { GOVUK_SUPPORTED_SCRIPT } from '../../web/layout.tsx';

useCatalogue(() => CATALOGUE_FORMS);

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
  /** The ids of the modules it has switched on, as `services` names them. */
  serviceIds: string[];
  /** The catalogue forms it runs, each titled as the council runs it (a council may retitle one). */
  forms: { id: string; title: string }[];
  /** Where its pages are; absent while it has no public address yet. */
  url?: string;
}

/**
 * A council's catalogue entry, with the services it has switched on and the catalogue forms it
 * adopts. Plain JSON: synthesis writes it to the platform function's catalogue.json.
 *
 * @example
 * catalogueEntry(hackney, 'https://hackney.example/') // { id: 'hackney', ..., forms: [{ id: 'dropped-kerb', title: 'Request a dropped kerb' }] }
 */
export function catalogueEntry(council: CouncilConfig, url: string | undefined): CatalogueEntry {
  const t = translator(MESSAGES.en);
  const modules = enabledModules(council);
  return {
    id: council.id,
    name: council.name.en,
    nation: council.nation,
    languages: council.languages,
    services: modules.map((m) => m.describe(t).name),
    serviceIds: modules.map((m) => m.id),
    forms: adoptedForms(council).map((form) => ({ id: form.id, title: form.title.en })),
    url,
  };
}

/** A page of the council's, under its address: `forms/dropped-kerb` (Welsh under `cy/`). */
function councilPage(url: string, page: string, lang: 'en' | 'cy' = 'en'): string {
  return `${url.endsWith('/') ? url : `${url}/`}${lang === 'cy' ? 'cy/' : ''}${page}`;
}

/** A council's name, linked to its home page when it has an address. */
function CouncilName(props: { council: CatalogueEntry }) {
  return props.council.url ? (
    <a class="govuk-link" href={props.council.url}>
      {props.council.name}
    </a>
  ) : (
    <>{props.council.name}</>
  );
}

/** One catalogue form: what it does, who wrote it, and each council that runs it, linked to its start page there. */
function CatalogueForm(props: { form: FormDefinition; councils: CatalogueEntry[] }) {
  const { form } = props;
  const running = props.councils.flatMap((c) => c.forms.filter((f) => f.id === form.id).map((f) => ({ council: c, title: f.title })));
  return (
    <section class="govuk-!-margin-bottom-8" id={`form-${form.id}`} aria-labelledby={`form-${form.id}-title`}>
      <h3 class="govuk-heading-m" id={`form-${form.id}-title`}>
        {form.title.en}
      </h3>
      <p class="govuk-body">{form.summary.en}</p>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Written by</dt>
          <dd class="govuk-summary-list__value">
            {form.credit.url ? (
              <a class="govuk-link" href={form.credit.url}>
                {form.credit.name}
              </a>
            ) : (
              form.credit.name
            )}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Run by</dt>
          <dd class="govuk-summary-list__value">
            {running.length === 0 ? (
              'No council runs it yet'
            ) : (
              <ul class="govuk-list">
                {running.map(({ council, title }) => (
                  <li>
                    {council.url ? (
                      <>
                        <a class="govuk-link" href={councilPage(council.url, `forms/${form.id}`)}>
                          {council.name}
                          <span class="govuk-visually-hidden">: {title}</span>
                        </a>
                        {council.languages.includes('cy') ? (
                          <>
                            {' ('}
                            <a class="govuk-link" href={councilPage(council.url, `forms/${form.id}`, 'cy')} lang="cy" hreflang="cy">
                              Cymraeg
                              <span class="govuk-visually-hidden">: {council.name}</span>
                            </a>
                            {')'}
                          </>
                        ) : null}
                      </>
                    ) : (
                      council.name
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The shared services and the catalogue's forms: what each does, who wrote it, and which councils run it. */
function ServiceCatalogue(props: { councils: CatalogueEntry[] }) {
  const t = translator(MESSAGES.en);
  return (
    <>
      <h2 class="govuk-heading-l" id="services">
        Service catalogue
      </h2>
      <p class="govuk-body">Each service is built once and shared. A council switches one on with an entry in its file.</p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Shared services</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Service</th>
            <th scope="col" class="govuk-table__header">What it does</th>
            <th scope="col" class="govuk-table__header">Run by</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ALL_MODULES.map((m) => {
            const { name, description } = m.describe(t);
            const running = props.councils.filter((c) => c.serviceIds.includes(m.id));
            return (
              <tr class="govuk-table__row" id={`service-${m.id}`}>
                <th scope="row" class="govuk-table__header">
                  {name}
                </th>
                <td class="govuk-table__cell">{description}</td>
                <td class="govuk-table__cell">
                  {running.length === 0
                    ? 'No council yet'
                    : running.map((c, i) => (
                        <>
                          {i > 0 ? ', ' : ''}
                          <CouncilName council={c} />
                        </>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 class="govuk-heading-l" id="forms">
        Forms in the shared catalogue
      </h2>
      <p class="govuk-body">
        Each form is written once, credited to its author, and tailored by each council that runs it: its own texts, contact details, limits and questions.
      </p>
      {CATALOGUE_FORMS.map((form) => (
        <CatalogueForm form={form} councils={props.councils} />
      ))}
    </>
  );
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
        <ServiceCatalogue councils={councils} />
      </PlatformPage>
    );
    return c.html(`<!DOCTYPE html>${String(page)}`);
  });
  return app;
}
