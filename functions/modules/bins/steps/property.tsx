import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { addressLine } from '../../../core/address/address-lookup.ts';
import { formatDate } from '../../../core/i18n.ts';
import { localise } from '../../../core/localised-text.ts';
import { Page, render } from '../../../../web/layout.tsx';
import { raw } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Language } from '../../../core/language.ts';
import { propertyContainers, upcomingCollectionDays, type CollectionDay } from '../collections.ts';
import type { BinsJourney } from '../journey.ts';

/**
 * Rendered collection tables, per schedule and language. A schedule (upcomingCollectionDays) is one
 * object shared by every property on the same round and subscriptions for the day, so its table
 * reads the same for all of them: rendering it once saves most of the bin-day page's work. The
 * WeakMap lets a table go when its day's schedule does.
 */
const renderedTables = new WeakMap<readonly CollectionDay[], Partial<Record<Language, HtmlEscapedString>>>();

function collectionsTable(days: readonly CollectionDay[], lang: Language, table: () => JSX.Element): HtmlEscapedString {
  let byLanguage = renderedTables.get(days);
  if (!byLanguage) renderedTables.set(days, (byLanguage = {}));
  return (byLanguage[lang] ??= raw(String(table())));
}

/** A property's containers and its coming collections. */
export function propertyPage(journey: BinsJourney): Hono<AppEnv> {
  const { council, bins, today, containerName, lookUpProperty, changeNote } = journey;
  const app = new Hono<AppEnv>();

  app.get('/property/:uprn', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const property = await lookUpProperty(c, c.req.param('uprn'));
    const containers = propertyContainers(bins, property);
    const byId = new Map(containers.map((k) => [k.id, k]));
    const now = today();
    const days = upcomingCollectionDays(council, bins, property, now);
    const paths = c.get('paths');
    return render(
      c,
      <Page c={c} title={t('bins.property.title')} backLink={paths.href('/bins')}>
        <span class="govuk-caption-l">{addressLine(property)}</span>
        <h1 class="govuk-heading-l">{t('bins.property.title')}</h1>
        <h2 class="govuk-heading-m">{t('bins.property.containersHeading')}</h2>
        <ul class="govuk-list govuk-list--bullet">
          {containers.map((k) => (
            <li>
              {t('bins.property.containerLine', { name: containerName(c, k), contents: localise(k.contents, lang) })}
              {k.subscription && <span class="govuk-hint govuk-!-margin-bottom-0"> {t('bins.property.subscription')}</span>}
            </li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">{t('bins.property.nextHeading', { weeks: bins.lookAheadWeeks })}</h2>
        {days.length === 0 ? (
          <p class="govuk-body">{t('bins.property.none', { weeks: bins.lookAheadWeeks })}</p>
        ) : (
          collectionsTable(days, lang, () => (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">{t('bins.property.nextHeading', { weeks: bins.lookAheadWeeks })}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">{t('bins.property.dateColumn')}</th>
                  <th scope="col" class="govuk-table__header">{t('bins.property.binsColumn')}</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {days.map((day) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      {formatDate(day.date, lang)}
                      {day.date === now && (
                        <>
                          {' '}
                          <strong class="govuk-tag govuk-!-margin-left-1">{t('bins.property.today')}</strong>
                        </>
                      )}
                    </th>
                    <td class="govuk-table__cell">
                      <ul class="govuk-list govuk-!-margin-bottom-0">
                        {day.collections.map((col) => {
                          const note = changeNote(c, col);
                          const container = byId.get(col.container);
                          return (
                            <li>
                              {container ? containerName(c, container) : col.container}
                              {note && <span class="govuk-hint govuk-!-margin-bottom-0 app-change-note">{note}</span>}
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))
        )}
        <h2 class="govuk-heading-m">{t('bins.property.calendarHeading')}</h2>
        <p class="govuk-body">
          <a class="govuk-link" href={paths.href(`/bins/property/${property.uprn}/calendar.ics`)}>
            {t('bins.property.calendarLink')}
          </a>
        </p>
        <p class="govuk-hint">{t('bins.property.calendarHint')}</p>
        <h2 class="govuk-heading-m">{t('bins.property.reportHeading')}</h2>
        <p class="govuk-body">
          <a class="govuk-link" href={paths.href(`/bins/property/${property.uprn}/report`)}>
            {t('bins.property.reportLink')}
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={paths.href('/bins')}>
            {t('bins.property.searchAgain')}
          </a>
        </p>
      </Page>,
    );
  });

  return app;
}
