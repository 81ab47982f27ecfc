import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { Page, render } from '../../../web/layout.tsx';
import { formatDate } from '../i18n.ts';
import { localise } from '../localised-text.ts';
import type { AppContext, AppEnv } from '../http/env.ts';
import type { PrivacyEntry, ServiceModule } from '../module.ts';
import type { MessageKey, Translate } from '../i18n.ts';
import { DRAFT_COOKIE } from '../drafts/draft-session.ts';
import { DRAFT_LIFETIME_HOURS } from '../drafts/draft-store.ts';
import { CODE_MINUTES } from '../data-rights/email-proof.ts';
import { DATA_PROOF_COOKIE, DATA_SESSION_COOKIE } from '../../data-rights/cookie-names.ts';
import { CSRF_COOKIE, sessionCookie } from '../http/csrf.ts';
import type { HttpError } from '../http/errors.ts';

/** The pages every council has: home, accessibility statement, privacy notice, cookies. */

/** A retention period as people say it: whole years from two years up ("6 years"), else days. */
function retentionText(t: Translate, days: number): string {
  return days >= 730 && days % 365 === 0 ? t('privacy.years', { years: days / 365 }) : t('privacy.days', { days });
}

/**
 * How long a service keeps answers saved to finish later (a form's save and return), when its module's
 * line gives it: optional, so a module that has no saving says nothing.
 */
const savedDraftDays = (entry: PrivacyEntry): number | undefined => entry.savedDraftDays;

export function infoPages(council: CouncilConfig, modules: ServiceModule[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const name = localise(council.name, lang);
    return render(
      c,
      <Page c={c} title={t('home.title')}>
        <span class="govuk-caption-l">{name}</span>
        <h1 class="govuk-heading-l">{t('home.title')}</h1>
        <p class="govuk-body-l">{t('home.lead', { council: name })}</p>
        <h2 class="govuk-heading-m">{t('home.servicesHeading')}</h2>
        {modules.length === 0 ? (
          <p class="govuk-body">{t('home.noServices')}</p>
        ) : (
          <ul class="govuk-list">
            {modules
              .flatMap((m) => m.homeEntries?.(council, t, lang) ?? [{ ...m.describe(t), path: `/${m.id}` }])
              .map((d) => (
                <li>
                  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={c.get('paths').href(d.path)}>
                      {d.name}
                    </a>
                  </h3>
                  <p class="govuk-body">{d.description}</p>
                </li>
              ))}
          </ul>
        )}
        <h2 class="govuk-heading-m">{t('home.yourDataHeading')}</h2>
        <p class="govuk-body govuk-!-margin-bottom-1">
          <a class="govuk-link" href={c.get('paths').href('/your-data')}>
            {t('home.yourData')}
          </a>
        </p>
        <p class="govuk-body">{t('home.yourDataDescription')}</p>
        <h2 class="govuk-heading-m" id="contact">
          {t('home.contactHeading')}
        </h2>
        <ul class="govuk-list">
          <li>{t('home.phone', { phone: council.contact.phone })}</li>
          <li>{t('home.outOfHours', { phone: council.contact.outOfHoursPhone })}</li>
          <li>
            {t('home.email', { email: '' })}
            <a class="govuk-link" href={`mailto:${council.contact.email}`}>
              {council.contact.email}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={council.contact.website}>
              {t('home.website')}
            </a>
          </li>
        </ul>
        <h3 class="govuk-heading-s">{t('home.address')}</h3>
        <address class="govuk-body app-address">
          {council.contact.address.map((line) => (
            <>
              {line}
              <br />
            </>
          ))}
        </address>
      </Page>,
    );
  });

  app.get('/accessibility', (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const name = localise(council.name, lang);
    return render(
      c,
      <Page c={c} title={t('accessibility.title')}>
        <h1 class="govuk-heading-l">{t('accessibility.title')}</h1>
        <p class="govuk-body">{t('accessibility.intro', { council: name })}</p>
        <p class="govuk-body">{t('accessibility.aim')}</p>
        <ul class="govuk-list govuk-list--bullet">
          {(['accessibility.item1', 'accessibility.item2', 'accessibility.item3', 'accessibility.item4', 'accessibility.item5'] as MessageKey[]).map((k) => (
            <li>{t(k)}</li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">{t('accessibility.complianceHeading')}</h2>
        <p class="govuk-body">
          {t('accessibility.compliance', { welsh: council.languages.includes('cy') ? t('accessibility.complianceWelsh') : '' })}
        </p>
        <h2 class="govuk-heading-m">{t('accessibility.feedbackHeading')}</h2>
        <p class="govuk-body">{t('accessibility.feedback', { email: council.contact.email, phone: council.contact.phone })}</p>
        <h2 class="govuk-heading-m">{t('accessibility.enforcementHeading')}</h2>
        <p class="govuk-body">{t('accessibility.enforcement')}</p>
        <h2 class="govuk-heading-m">{t('accessibility.preparedHeading')}</h2>
        <p class="govuk-body">{t('accessibility.prepared', { date: formatDate(council.accessibility.lastReviewed, lang, { weekday: false }) })}</p>
      </Page>,
    );
  });

  app.get('/privacy', (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const name = localise(council.name, lang);
    return render(
      c,
      <Page c={c} title={t('privacy.title')}>
        <h1 class="govuk-heading-l">{t('privacy.title')}</h1>
        <h2 class="govuk-heading-m">{t('privacy.controllerHeading')}</h2>
        <p class="govuk-body">{t('privacy.controller', { controller: council.privacy.controller, ico: council.privacy.icoRegistration })}</p>
        <p class="govuk-body">{t('privacy.contact', { email: council.privacy.dataProtectionEmail })}</p>
        <h2 class="govuk-heading-m">{t('privacy.collectedHeading')}</h2>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('privacy.serviceColumn')}</th>
              <th scope="col" class="govuk-table__header">{t('privacy.collectsColumn')}</th>
              <th scope="col" class="govuk-table__header">{t('privacy.whyColumn')}</th>
              <th scope="col" class="govuk-table__header">{t('privacy.retentionColumn')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {modules.flatMap((m) =>
              m.privacy(council, t, c.get('lang')).map((entry) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">{entry.service ?? m.describe(t).name}</th>
                  <td class="govuk-table__cell">{entry.collects}</td>
                  <td class="govuk-table__cell">
                    {entry.why}
                    {entry.lawfulBasis && <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{entry.lawfulBasis}</p>}
                  </td>
                  <td class="govuk-table__cell">
                    {entry.retentionDays === undefined ? t('privacy.lookupOnly') : retentionText(t, entry.retentionDays)}
                    {savedDraftDays(entry) !== undefined && (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{t('privacy.savedDraft', { period: retentionText(t, savedDraftDays(entry)!) })}</p>
                    )}
                  </td>
                </tr>
              )),
            )}
            {/* What every council keeps beside its services' cases, each period from where it is set. */}
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{t('privacy.drafts.service')}</th>
              <td class="govuk-table__cell">{t('privacy.drafts.collects')}</td>
              <td class="govuk-table__cell">{t('privacy.drafts.why')}</td>
              <td class="govuk-table__cell">{t('privacy.hours', { hours: DRAFT_LIFETIME_HOURS })}</td>
            </tr>
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{t('privacy.dataRights.service')}</th>
              <td class="govuk-table__cell">{t('privacy.dataRights.collects')}</td>
              <td class="govuk-table__cell">{t('privacy.dataRights.why')}</td>
              <td class="govuk-table__cell">
                <ul class="govuk-list govuk-!-margin-bottom-0">
                  <li>{t('privacy.dataRights.code', { period: t('privacy.minutes', { minutes: CODE_MINUTES }) })}</li>
                  <li>{t('privacy.dataRights.session', { period: t('privacy.minutes', { minutes: council.dataRights.sessionMinutes }) })}</li>
                  <li>{t('privacy.dataRights.requests', { period: retentionText(t, council.dataRights.requestRetentionDays) })}</li>
                </ul>
              </td>
            </tr>
          </tbody>
        </table>
        <p class="govuk-body">{t('privacy.deleted')}</p>
        <h2 class="govuk-heading-m">{t('privacy.processorsHeading')}</h2>
        <p class="govuk-body">{t('privacy.processors', { council: name })}</p>
        <h2 class="govuk-heading-m">{t('privacy.rightsHeading')}</h2>
        <p class="govuk-body">{t('privacy.rights')}</p>
        <p class="govuk-body">
          {t('privacy.yourData')}{' '}
          <a class="govuk-link" href={c.get('paths').href('/your-data')}>
            {t('home.yourData')}
          </a>
          .
        </p>
      </Page>,
    );
  });

  app.get('/cookies', (c) => {
    const t = c.get('t');
    return render(
      c,
      <Page c={c} title={t('cookies.title')}>
        <h1 class="govuk-heading-l">{t('cookies.title')}</h1>
        <p class="govuk-body">{t('cookies.intro')}</p>
        <p class="govuk-body">{t('cookies.essential')}</p>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('cookies.nameColumn')}</th>
              <th scope="col" class="govuk-table__header">{t('cookies.purposeColumn')}</th>
              <th scope="col" class="govuk-table__header">{t('cookies.expiresColumn')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {/* Named as this request sees them: over HTTPS they carry the __Host- prefix. */}
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{sessionCookie(c, CSRF_COOKIE, c.get('deps').basePath).name}</td>
              <td class="govuk-table__cell">{t('cookies.csrfPurpose')}</td>
              <td class="govuk-table__cell">{t('cookies.csrfExpires')}</td>
            </tr>
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{sessionCookie(c, DRAFT_COOKIE, c.get('deps').basePath).name}</td>
              <td class="govuk-table__cell">{t('cookies.draftPurpose')}</td>
              <td class="govuk-table__cell">{t('cookies.csrfExpires')}</td>
            </tr>
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{sessionCookie(c, DATA_SESSION_COOKIE, c.get('deps').basePath).name}</td>
              <td class="govuk-table__cell">{t('cookies.dataSessionPurpose')}</td>
              <td class="govuk-table__cell">{t('cookies.dataSessionExpires', { minutes: council.dataRights.sessionMinutes })}</td>
            </tr>
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{sessionCookie(c, DATA_PROOF_COOKIE, c.get('deps').basePath).name}</td>
              <td class="govuk-table__cell">{t('cookies.dataProofPurpose')}</td>
              <td class="govuk-table__cell">{t('cookies.dataProofExpires')}</td>
            </tr>
          </tbody>
        </table>
      </Page>,
    );
  });

  return app;
}

/** A whole-page error (not found, server error, expired form and the like), in the page's language. */
export function renderErrorPage(c: AppContext, error: HttpError) {
  const t = c.get('t');
  const council = c.get('council');
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  // An error page may follow a form with personal data in it; nothing here should be kept.
  c.header('Cache-Control', 'no-store');
  return render(
    c,
    <Page c={c} title={t(error.titleKey)}>
      <h1 class="govuk-heading-l">{t(error.titleKey)}</h1>
      <p class="govuk-body">{t(error.bodyKey)}</p>
      <p class="govuk-body">{t('error.contact', { council: localise(council.name, c.get('lang')), phone: council.contact.phone })}</p>
    </Page>,
    error.status,
  );
}
