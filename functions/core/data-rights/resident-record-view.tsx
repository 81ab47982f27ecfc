import './messages/register.ts';
import { InsetText, SummaryList, type SummaryRow } from '../../../web/components.tsx';
import type { Translate } from '../i18n.ts';
import { LOCALE, type Language } from '../language.ts';
import type { DataRecord, RecordCase } from './resident-record.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

const formatters = new Map<Language, Intl.DateTimeFormat>();

/** A moment as the UK reads it, to the minute: "3 December 2026 at 10:15" / "3 Rhagfyr 2026 am 10:15". */
function when(iso: string, lang: Language): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
    formatters.set(lang, f);
  }
  return f.format(new Date(iso));
}

/** Free text as given: its line breaks kept, in the resident's words (not marked with a language: it is theirs). */
const Text = (p: { text: string }) => <span class="app-pre-wrap">{p.text}</span>;

function CaseSection(p: { x: RecordCase; lang: Language; t: T }) {
  const { x, lang, t } = p;
  const rows: SummaryRow[] = [
    { key: t('dataRights.record.case.reference'), value: x.reference },
    { key: t('dataRights.record.case.service'), value: x.serviceName },
    { key: t('dataRights.record.case.type'), value: x.typeName },
    {
      key: t('dataRights.record.case.state'),
      value: (
        <>
          <strong class={`govuk-tag ${x.status === 'closed' ? 'govuk-tag--grey' : 'govuk-tag--blue'}`}>{x.stateLabel}</strong> ({t(`dataRights.record.status.${x.status}`)})
        </>
      ),
    },
    { key: t('dataRights.record.case.createdAt'), value: when(x.createdAt, lang) },
    { key: t('dataRights.record.case.updatedAt'), value: when(x.updatedAt, lang) },
    ...(x.closedAt ? [{ key: t('dataRights.record.case.closedAt'), value: when(x.closedAt, lang) }] : []),
    { key: t('dataRights.record.case.channel'), value: t(`dataRights.record.channel.${x.channel}`) },
    ...(x.location
      ? [
          {
            key: t('dataRights.record.case.location'),
            value: (
              <>
                {x.location.address && <Text text={x.location.address} />}
                {x.location.address && x.location.lat !== undefined && <br />}
                {x.location.lat !== undefined && x.location.long !== undefined && t('dataRights.record.case.point', { lat: x.location.lat, long: x.location.long })}
              </>
            ),
          },
        ]
      : []),
    ...(x.anonymisedAt ? [{ key: t('dataRights.record.case.anonymisedAt'), value: when(x.anonymisedAt, lang) }] : []),
  ];
  const answers: SummaryRow[] = x.answers.map((a) => ({
    key: a.question,
    value: (
      <>
        {a.specialCategory && (
          <>
            <strong class="govuk-tag govuk-tag--purple govuk-!-margin-bottom-1">{t('dataRights.record.answers.specialCategory')}</strong>{' '}
          </>
        )}
        <Text text={a.answer} />
      </>
    ),
  }));
  const id = `case-${x.reference}`;
  return (
    <section class="app-data-record__case govuk-!-margin-bottom-9" id={id} aria-labelledby={`${id}-heading`} data-reference={x.reference}>
      <h2 class="govuk-heading-m" id={`${id}-heading`}>
        {t('dataRights.record.case.heading', { type: x.typeName, reference: x.reference })}
      </h2>
      <SummaryList rows={rows} />
      <h3 class="govuk-heading-s">{t('dataRights.record.answers.heading')}</h3>
      {answers.length > 0 ? <SummaryList rows={answers} /> : <p class="govuk-body">{t('dataRights.record.answers.none')}</p>}
      {x.withheld && (
        <div data-testid="withheld">
          <InsetText>{x.withheld.note}</InsetText>
        </div>
      )}
      <h3 class="govuk-heading-s">{t('dataRights.record.updates.heading')}</h3>
      {x.updates.length === 0 ? (
        <p class="govuk-body">{t('dataRights.record.updates.none')}</p>
      ) : (
        <ol class="govuk-list app-data-record__updates">
          {x.updates.map((u) => (
            <li class="govuk-!-margin-bottom-4">
              <p class="govuk-body-s govuk-!-margin-bottom-1">
                <time datetime={u.at}>{when(u.at, lang)}</time> – {t('dataRights.record.updates.state', { state: u.stateLabel })}
              </p>
              {u.text && (
                <p class="govuk-body govuk-!-margin-bottom-0">
                  <Text text={u.text} />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {x.photos.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{t('dataRights.record.photos.heading')}</h3>
          <ul class="govuk-list">
            {x.photos.map((ph, i) => (
              <li>
                <a class="govuk-link" href={ph.url}>
                  {t('dataRights.record.photos.link', { number: i + 1 })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {x.files.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{t('dataRights.record.files.heading')}</h3>
          <ul class="govuk-list">
            {x.files.map((f) => (
              <li>
                <a class="govuk-link" href={f.url} download={f.name}>
                  {t('dataRights.record.files.link', { name: f.name })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The record as a readable page body to print or save: who and when it is for, then each case
 * with its summary, what the resident told us, its updates and links to its photos and files.
 * Headings start at h2: the page it sits in gives the h1 (the resident's download page, the staff
 * subject access export). Needs no JavaScript and prints as it shows.
 *
 * @example
 * <DataRecordView record={buildDataRecord({ email }, cases, options, now)} t={c.get('t')} />
 */
export function DataRecordView(props: { record: DataRecord; t: Translate }) {
  const { record } = props;
  const t = props.t as unknown as T;
  const lang = record.language;
  const about: SummaryRow[] = [
    { key: t('dataRights.record.about.council'), value: record.council.name },
    ...(record.subject.email ? [{ key: t('dataRights.record.about.email'), value: record.subject.email }] : []),
    ...(record.subject.phone ? [{ key: t('dataRights.record.about.phone'), value: record.subject.phone }] : []),
    { key: t('dataRights.record.about.generatedAt'), value: <time datetime={record.generatedAt}>{when(record.generatedAt, lang)}</time> },
    { key: t('dataRights.record.about.count'), value: String(record.cases.length) },
  ];
  return (
    <div class="app-data-record" data-testid="data-record">
      <h2 class="govuk-heading-m">{t('dataRights.record.about.heading')}</h2>
      <SummaryList rows={about} />
      {record.cases.length === 0 ? (
        <p class="govuk-body">{t('dataRights.record.none')}</p>
      ) : (
        record.cases.map((x) => <CaseSection x={x} lang={lang} t={t} />)
      )}
    </div>
  );
}
