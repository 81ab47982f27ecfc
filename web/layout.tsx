import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { localise } from '../functions/core/localised-text.ts';
import type { AppContext } from '../functions/core/http/env.ts';
import { BackLink, ErrorSummary, type Errors } from './components.tsx';

export interface PageProps {
  c: AppContext;
  title: string;
  /** Errors shown in the summary; the title then starts "Error: ". */
  errors?: Errors;
  backLink?: string;
  /** Keep the page out of search engines (the staff back office). */
  noindex?: boolean;
  children: Child;
}

/** govuk-frontend's inline check: styles for JS-enhanced components apply only where its JS can run. */
export const GOVUK_SUPPORTED_SCRIPT =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

const LANGUAGE_NAMES = { en: 'English', cy: 'Cymraeg' } as const;

/**
 * The header and footer: the same on every page of a council in one language, so rendered once
 * (rendering the page's JSX is most of a warm page's cost) and reused as escaped HTML.
 */
const chromeCache = new Map<string, { header: HtmlEscapedString; footer: HtmlEscapedString }>();

function pageChrome(c: AppContext, councilName: string) {
  const council = c.get('council');
  const lang = c.get('lang');
  const key = `${council.id}\u0000${lang}\u0000${c.get('deps').basePath}`;
  let chrome = chromeCache.get(key);
  if (!chrome) {
    const t = c.get('t');
    const paths = c.get('paths');
    chrome = {
      header: raw(String(
                  <header class="govuk-template__header">
                    <div class="govuk-generic-header app-council-header">
                      <div class="govuk-generic-header__container govuk-width-container">
                        <div class="govuk-generic-header__logo">
                          <a href={paths.href('/')} class="govuk-generic-header__homepage-link">
                            {councilName}
                          </a>
                        </div>
                      </div>
                    </div>
                  </header>
      )),
      footer: raw(String(
                  <footer class="govuk-footer">
                    <div class="govuk-width-container">
                      <div class="govuk-footer__meta">
                        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                          <h2 class="govuk-visually-hidden">{t('footer.heading')}</h2>
                          <ul class="govuk-footer__inline-list">
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={paths.href('/accessibility')}>
                                {t('footer.accessibility')}
                              </a>
                            </li>
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={paths.href('/privacy')}>
                                {t('footer.privacy')}
                              </a>
                            </li>
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={paths.href('/your-data')}>
                                {t('home.yourData')}
                              </a>
                            </li>
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={paths.href('/cookies')}>
                                {t('footer.cookies')}
                              </a>
                            </li>
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={paths.href('/#contact')}>
                                {t('footer.contact', { council: councilName })}
                              </a>
                            </li>
                          </ul>
                          <p class="govuk-body-s">{t('footer.poweredBy')}</p>
                        </div>
                      </div>
                    </div>
                  </footer>
      )),
    };
    chromeCache.set(key, chrome);
  }
  return chrome;
}

/** The GOV.UK page template, with the council's name and colour in the header. */
export function Page({ c, title, errors, backLink, noindex, children }: PageProps) {
  const council = c.get('council');
  const lang = c.get('lang');
  const t = c.get('t');
  const paths = c.get('paths');
  const nonce = c.get('secureHeadersNonce');
  const councilName = localise(council.name, lang);
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  const chrome = pageChrome(c, councilName);
  const fullTitle = `${hasErrors ? `${t('common.errorPrefix')}: ` : ''}${title} – ${councilName}`;
  return (
      <html lang={lang} class="govuk-template govuk-template--rebranded">
        {/* Written as one escaped template: Hono JSX's special handling of head elements (title,
            meta, link, style hoisting) costs more than the rest of the page to render. */}
        {html`<head><meta charset="utf-8"><title>${fullTitle}</title><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">${noindex ? raw('<meta name="robots" content="noindex, nofollow">') : ''}<meta name="theme-color" content="${council.brand.colour}"><link rel="icon" sizes="48x48" href="${paths.asset('images/favicon.ico')}"><link rel="icon" sizes="any" href="${paths.asset('images/favicon.svg')}" type="image/svg+xml"><link rel="stylesheet" href="${paths.asset('app.css')}"><style nonce="${nonce}">.app-council-header{background-color:${council.brand.colour}}</style></head>`}
        <body class="govuk-template__body">
          {html`<script nonce="${nonce}">${raw(GOVUK_SUPPORTED_SCRIPT)}</script>`}
          <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
            {t('common.skipLink')}
          </a>
          {chrome.header}
          <div class="govuk-width-container">
            <div class="app-top-bar">
              {backLink ? <BackLink href={backLink} text={t('common.back')} /> : <span />}
              {council.languages.length > 1 && (
                <nav class="govuk-language-navigation" aria-label={t('common.languageNav')}>
                  <ul class="govuk-language-navigation__list">
                    {council.languages.map((l) =>
                      l === lang ? (
                        <li class="govuk-language-navigation__list-item">
                          <span class="govuk-language-navigation__text" aria-current="true" lang={l}>
                            {LANGUAGE_NAMES[l]}
                          </span>
                        </li>
                      ) : (
                        <li class="govuk-language-navigation__list-item">
                          <a class="govuk-language-navigation__link" href={paths.inLanguage(l)} rel="alternate" lang={l} hreflang={l}>
                            {LANGUAGE_NAMES[l]}
                          </a>
                        </li>
                      ),
                    )}
                  </ul>
                </nav>
              )}
            </div>
            <main class="govuk-main-wrapper" id="main-content">
              <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                  {hasErrors && <ErrorSummary title={t('common.errorSummaryTitle')} errors={errors!} />}
                  {children}
                </div>
              </div>
            </main>
          </div>
          {chrome.footer}
          {html`<script type="module" nonce="${nonce}" src="${paths.asset('app.js')}"></script>`}
        </body>
      </html>
  );
}

/** Sends a page; every page goes through here so the doctype and status are never forgotten. */
export function render(c: AppContext, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(`<!DOCTYPE html>${String(page)}`, status);
}
