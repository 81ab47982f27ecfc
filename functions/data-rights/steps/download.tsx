import { Hono } from 'hono';
import { todayIn } from '../../core/calendar/dates.ts';
import { DataRecordView } from '../../core/data-rights/resident-record-view.tsx';
import DOWNLOAD_SCHEMA from '../../core/data-rights/download-schema.json' with { type: 'json' };
import type { AppEnv } from '../../core/http/env.ts';
import { councilName, dataPage, dayInSentence, href, recordOf, sessionCases, sessionOr, tOf, type DataRightsJourney } from '../journey.tsx';

const SCHEMA_TEXT = JSON.stringify(DOWNLOAD_SCHEMA, null, 2);

/**
 * A copy of everything: a readable page to print or save (the same view staff export for a subject
 * access request), the same as a JSON file, documented by its JSON Schema.
 */
export function downloadStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council, deps } = journey;
  const app = new Hono<AppEnv>();

  app.get('/download', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const t = tOf(c);
    const record = recordOf(c, session, await sessionCases(c, session));
    return dataPage(
      c,
      t('yourData.download.title'),
      <>
        <span class="govuk-caption-l">{t('yourData.title')}</span>
        <h1 class="govuk-heading-l">{t('yourData.download.title')}</h1>
        <p class="govuk-body">{t('yourData.download.intro', { council: councilName(c), date: dayInSentence(todayIn(deps.clock()), c.get('lang')) })}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={href(c, '/download.json')} download>
            {t('yourData.download.json')}
          </a>
        </p>
        <DataRecordView record={record} t={c.get('t')} />
      </>,
      { back: href(c, '/requests'), session },
    );
  });

  app.get('/download.json', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    // Links in a file kept on someone's computer must work from there: absolute.
    const record = recordOf(c, session, await sessionCases(c, session), { absolute: true });
    const file = `your-data-${council.id}-${todayIn(deps.clock())}.json`;
    return c.body(JSON.stringify(record, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // The file's documentation: the same for everyone, so no session and a public cache.
  app.get('/download/schema.json', (c) =>
    c.body(SCHEMA_TEXT, 200, { 'Content-Type': 'application/schema+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' }),
  );

  return app;
}
