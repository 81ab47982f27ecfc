import { Hono } from 'hono';
import { normaliseReference } from '../../core/cases/reference.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { SummaryList, type SummaryRow } from '../../../web/components.tsx';
import { dataPage, dayOf, href, Lines, recordOf, sessionCases, sessionOr, StatusTag, tOf, type DataRightsJourney, type YourDataTranslate } from '../journey.tsx';

const CHANNELS = new Set(['online', 'phone', 'face-to-face', 'email', 'open311']);
type ChannelKey = `yourData.request.channel.${'online' | 'phone' | 'face-to-face' | 'email' | 'open311'}`;
const channelName = (t: YourDataTranslate, channel: string) => (CHANNELS.has(channel) ? t(`yourData.request.channel.${channel}` as ChannelKey) : channel);

/**
 * One of the session's requests: its state, what the resident told us, the updates, and the photos
 * and files they sent. Only a request the proved address made: any other reference is "not found",
 * the same as one that does not exist.
 */
export function requestStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council } = journey;
  const app = new Hono<AppEnv>();

  app.get('/requests/:reference', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const t = tOf(c);
    const lang = c.get('lang');
    const reference = normaliseReference(c.req.param('reference').slice(0, 30));
    const cases = reference ? (await sessionCases(c, session)).filter((x) => x.reference === reference) : [];
    if (cases.length === 0) throw httpErrors.notFound('No such request for this address');
    const [r] = recordOf(c, session, cases).cases;

    const rows: SummaryRow[] = [
      { key: t('yourData.request.service'), value: r.serviceName },
      ...(r.typeName && r.typeName !== r.serviceName ? [{ key: t('yourData.request.type'), value: r.typeName }] : []),
      { key: t('yourData.request.status'), value: <StatusTag status={r.status} label={r.stateLabel} /> },
      { key: t('yourData.request.made'), value: dayOf(r.createdAt, lang) },
      { key: t('yourData.request.updated'), value: dayOf(r.updatedAt, lang) },
      ...(r.closedAt ? [{ key: t('yourData.request.closed'), value: dayOf(r.closedAt, lang) }] : []),
      ...(r.location?.address ? [{ key: t('yourData.request.location'), value: r.location.address }] : []),
      { key: t('yourData.request.channel'), value: channelName(t, r.channel) },
    ];
    return dataPage(
      c,
      t('yourData.request.title', { reference: r.reference }),
      <>
        <span class="govuk-caption-l">{r.serviceName}</span>
        <h1 class="govuk-heading-l">{t('yourData.request.title', { reference: r.reference })}</h1>
        <SummaryList rows={rows} />

        <h2 class="govuk-heading-m">{t('yourData.request.answersHeading')}</h2>
        {r.answers.length === 0 ? (
          <p class="govuk-body">{t('yourData.request.noAnswers')}</p>
        ) : (
          <SummaryList rows={r.answers.map((a) => ({ key: a.question, value: <Lines text={a.answer} /> }))} />
        )}
        {r.withheld && r.withheld.count > 0 && (
          <div class="govuk-inset-text">
            <h3 class="govuk-heading-s">{t('yourData.request.withheldHeading')}</h3>
            <p class="govuk-body">{t('yourData.request.withheld', { email: council.privacy.dataProtectionEmail, reference: r.reference })}</p>
          </div>
        )}

        {r.photos.length > 0 && (
          <>
            <h2 class="govuk-heading-m">{t('yourData.request.photosHeading')}</h2>
            <ul class="govuk-list">
              {r.photos.map((p, i) => (
                <li>
                  <a class="govuk-link" href={p.url}>
                    <img src={p.url} width="300" alt={t('yourData.request.photoAlt', { number: i + 1 })} />
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        {r.files.length > 0 && (
          <>
            <h2 class="govuk-heading-m">{t('yourData.request.filesHeading')}</h2>
            <ul class="govuk-list">
              {r.files.map((f) => (
                <li>
                  <a class="govuk-link" href={f.url} download>
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}

        <h2 class="govuk-heading-m">{t('yourData.request.updatesHeading')}</h2>
        {r.updates.length === 0 ? (
          <p class="govuk-body">{t('yourData.request.noUpdates')}</p>
        ) : (
          <ol class="govuk-list">
            {[...r.updates].reverse().map((u) => (
              <li>
                <p class="govuk-body govuk-!-margin-bottom-1">
                  <strong>{dayOf(u.at, lang)}</strong> – {u.stateLabel}
                </p>
                {u.text && <p class="govuk-body app-pre-wrap">{u.text}</p>}
              </li>
            ))}
          </ol>
        )}
      </>,
      { back: href(c, '/requests'), session },
    );
  });

  return app;
}
