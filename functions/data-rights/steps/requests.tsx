import { Hono } from 'hono';
import { isErasureRequest } from '../../core/data-rights/erasure.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { dataPage, dayOf, href, recordOf, sessionCases, sessionOr, StatusTag, tOf, type DataRightsJourney } from '../journey.tsx';

/** Every request the proved address made here, newest first, each to its own page; then a copy and deleting. */
export function requestsStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council } = journey;
  const app = new Hono<AppEnv>();

  app.get('/requests', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const t = tOf(c);
    const lang = c.get('lang');
    const record = recordOf(c, session, await sessionCases(c, session));
    const count = record.cases.length;
    return dataPage(
      c,
      t('yourData.requests.title'),
      <>
        <span class="govuk-caption-l">{t('yourData.title')}</span>
        <h1 class="govuk-heading-l">{t('yourData.requests.title')}</h1>
        <p class="govuk-body">{count === 0 ? t('yourData.requests.none') : count === 1 ? t('yourData.requests.countOne') : t('yourData.requests.count', { count })}</p>
        {count > 0 && (
          <table class="govuk-table govuk-table--small-text-until-tablet">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('yourData.requests.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('yourData.requests.request')}</th>
                <th scope="col" class="govuk-table__header">{t('yourData.requests.reference')}</th>
                <th scope="col" class="govuk-table__header">{t('yourData.requests.status')}</th>
                <th scope="col" class="govuk-table__header">{t('yourData.requests.made')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {record.cases.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {/* What it was about first (a bin, a pothole, a form's title), then the service it came through. */}
                    {r.typeName || r.serviceName}
                    {r.typeName && r.typeName !== r.serviceName && <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-size-16">{r.serviceName}</span>}
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={href(c, `/requests/${r.reference}`)}>
                      {r.reference}
                    </a>
                  </td>
                  <td class="govuk-table__cell">
                    <StatusTag status={r.status} label={r.stateLabel} />
                  </td>
                  <td class="govuk-table__cell">{dayOf(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="govuk-body">{t('yourData.requests.otherData', { email: council.privacy.dataProtectionEmail })}</p>

        <h2 class="govuk-heading-m">{t('yourData.requests.copyHeading')}</h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={href(c, '/download')}>
              {t('yourData.requests.viewAll')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={href(c, '/download.json')} download>
              {t('yourData.requests.downloadJson')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={href(c, '/download/schema.json')}>
              {t('yourData.requests.schema')}
            </a>
          </li>
        </ul>

        {/* Once only requests to delete are left (their own record is kept), there is nothing more to ask. */}
        {record.cases.some((r) => !isErasureRequest(r)) && (
          <>
            <h2 class="govuk-heading-m">{t('yourData.requests.deleteHeading')}</h2>
            <p class="govuk-body">{t('yourData.requests.deleteIntro')}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={href(c, '/delete')}>
                {t('yourData.requests.deleteLink')}
              </a>
            </p>
          </>
        )}
      </>,
      { session },
    );
  });

  return app;
}
