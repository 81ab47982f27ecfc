import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { isEmailAddress } from '../../core/email-address.ts';
import type { EventAttributes } from 'ics';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { addressLine, createAddressLookup, normalisePostcode, type Property } from '../../core/address/address-lookup.ts';
import { todayIn, type IsoDate } from '../../core/calendar/dates.ts';
import { createCase, getCase, type StoredCase } from '../../core/cases/case-store.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import type { AppContext, AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { HttpError } from '../../core/http/errors.ts';
import { createRateLimiter } from '../../core/http/rate-limit.ts';
import { formatDate } from '../../core/i18n.ts';
import { localise } from '../../core/localised-text.ts';
import { deliverCaseNotification } from '../../core/notifications/delivery.ts';
import { StoreUnavailableError } from '../../core/store/store.ts';
import {
  Button,
  CsrfField,
  Hidden,
  InsetText,
  Input,
  Panel,
  Radios,
  SummaryList,
  Textarea,
  type Errors,
} from '../../../web/components.tsx';
import { Page, render } from '../../../web/layout.tsx';
import {
  nextCollection,
  propertyContainers,
  reportEligibility,
  upcomingCollectionDays,
} from './collections.ts';
import type { BinsConfig, Container } from './config.ts';
import { MISSED_COLLECTION_TEMPLATE } from './email-templates.ts';
import type { ScheduledCollection } from './schedule.ts';

/** Longest "anything else" a resident may write; Open311 descriptions are often capped similarly. */
export const MAX_DETAILS_LENGTH = 500;
const DEFAULT_LOOKUP_LIMIT = { max: 30, windowSeconds: 300 };

interface ReportAnswers {
  more: string;
  email: string;
  submissionId: string;
}

/** The bins service: find your collection day, subscribe to it, report a missed collection. */
export function binsRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const bins = council.services.bins as BinsConfig;
  const addresses = createAddressLookup(council);
  const limiter = createRateLimiter(deps.postcodeLookupLimit ?? DEFAULT_LOOKUP_LIMIT);
  const firstPostcode = council.addresses?.provider === 'gazetteer' ? council.addresses.properties[0].postcode : 'SW1A 2AA';
  const app = new Hono<AppEnv>();

  const today = (): IsoDate => todayIn(deps.clock());
  const councilName = (c: AppContext) => localise(council.name, c.get('lang'));
  const containerName = (c: AppContext, container: Container) => localise(container.name, c.get('lang'));

  async function findProperty(uprn: string): Promise<Property> {
    const property = /^\d{1,12}$/.test(uprn) ? await addresses.byUprn(uprn) : undefined;
    if (!property) throw new HttpError(404, 'Unknown property');
    return property;
  }

  function findContainer(property: Property, id: string): Container | undefined {
    return propertyContainers(bins, property).find((c) => c.id === id);
  }

  function postcodePage(c: AppContext, value: string, error?: string, status: 200 | 400 | 429 = 200) {
    const t = c.get('t');
    const errors: Errors = error ? { postcode: error } : {};
    return render(
      c,
      <Page c={c} title={t('bins.postcode.title')} errors={errors} backLink={c.get('paths').href('/')}>
        <form method="get" action={c.get('paths').href('/bins/addresses')} novalidate>
          <span class="govuk-caption-l">{t('bins.serviceName')}</span>
          <Input
            id="postcode"
            name="postcode"
            label={t('bins.postcode.label')}
            isPageHeading
            hint={t('bins.postcode.hint', { example: firstPostcode })}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            value={value}
            autocomplete="postal-code"
            spellcheck={false}
            classes="govuk-input--width-10"
          />
          <Button text={t('bins.postcode.button')} />
        </form>
      </Page>,
      status,
    );
  }

  app.get('/', (c) => postcodePage(c, ''));

  app.get('/addresses', async (c) => {
    const t = c.get('t');
    const raw = (c.req.query('postcode') ?? '').slice(0, 20);
    const chosen = c.req.query('uprn');
    if (!raw.trim()) return postcodePage(c, raw, t('bins.postcode.errorRequired'), 400);
    const postcode = normalisePostcode(raw);
    if (!postcode) return postcodePage(c, raw, t('bins.postcode.errorInvalid', { example: firstPostcode }), 400);
    if (!limiter.take(deps.clientIp(c) ?? 'unknown', deps.clock())) {
      return postcodePage(c, raw, t('bins.postcode.errorRateLimited'), 429);
    }
    const result = await addresses.byPostcode(postcode);
    if (result.outcome === 'out-of-area') {
      return postcodePage(c, raw, t('bins.postcode.errorOutOfArea', { postcode, council: councilName(c) }), 400);
    }
    if (result.outcome === 'no-addresses') return postcodePage(c, raw, t('bins.postcode.errorNoAddresses', { postcode }), 400);
    if (chosen && result.properties.some((p) => p.uprn === chosen)) {
      return c.redirect(c.get('paths').href(`/bins/property/${chosen}`), 303);
    }
    // The form was sent without a choice (the hidden "choose" field says it was submitted).
    const error = c.req.query('choose') !== undefined ? t('bins.address.errorRequired') : undefined;
    const count = result.properties.length;
    return render(
      c,
      <Page c={c} title={t('bins.address.title')} errors={error ? { uprn: error } : {}} backLink={c.get('paths').href('/bins')}>
        <span class="govuk-caption-l">{t('bins.serviceName')}</span>
        <form method="get" action={c.get('paths').href('/bins/addresses')} novalidate>
          <input type="hidden" name="postcode" value={postcode} />
          <input type="hidden" name="choose" value="1" />
          <Radios
            id="uprn"
            name="uprn"
            legend={t('bins.address.title')}
            isPageHeading
            hint={count === 1 ? t('bins.address.foundOne', { postcode }) : t('bins.address.found', { count, postcode })}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            items={result.properties.map((p) => ({ value: p.uprn, text: p.lines.join(', ') }))}
          />
          <Button text={t('common.continue')} />
        </form>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/bins')}>
            {t('bins.address.changePostcode')}
          </a>
        </p>
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('bins.address.notListed')}</span>
          </summary>
          <div class="govuk-details__text">{t('bins.address.notListedBody', { council: councilName(c), phone: council.contact.phone })}</div>
        </details>
      </Page>,
      error ? 400 : 200,
    );
  });

  function changeNote(c: AppContext, collection: ScheduledCollection): string | undefined {
    const t = c.get('t');
    const lang = c.get('lang');
    const usual = formatDate(collection.usualDate, lang);
    if (!collection.change) return undefined;
    if (collection.change.kind === 'bank-holiday') {
      const holiday = collection.change.holidays.map((h) => localise(h.title, lang)).join(', ');
      return t('bins.property.changedBankHoliday', { holiday, usual });
    }
    return t('bins.property.changedCouncil', { usual, reason: localise(collection.change.reason, lang) });
  }

  app.get('/property/:uprn', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const property = await findProperty(c.req.param('uprn'));
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

  app.get('/property/:uprn/calendar.ics', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const property = await findProperty(c.req.param('uprn'));
    const byId = new Map(propertyContainers(bins, property).map((k) => [k.id, k]));
    // A year ahead: calendar apps refresh the feed, so later changes still reach them.
    const days = upcomingCollectionDays(council, bins, property, today(), 52);
    const stamp = deps.clock();
    const events: EventAttributes[] = days.flatMap((day) =>
      day.collections.map((col) => {
        const [y, m, d] = col.date.split('-').map(Number);
        const end = new Date(Date.UTC(y, m - 1, d + 1));
        const container = byId.get(col.container);
        const note = changeNote(c, col);
        return {
          uid: `${property.uprn}-${col.container}-${col.usualDate}@${council.id}.bins.ldf`,
          title: t('bins.calendar.eventSummary', { name: container ? localise(container.name, lang) : col.container }),
          description: [container ? localise(container.contents, lang) : '', note ?? ''].filter(Boolean).join('. '),
          start: [y, m, d],
          end: [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()],
          // DTSTAMP from our clock, so feeds are reproducible (ics accepts it; its types omit it).
          timestamp: stamp.getTime(),
          transp: 'TRANSPARENT',
        } as EventAttributes;
      }),
    );
    // Loaded on demand: only calendar requests need it, so it stays out of the cold start.
    const { createEvents } = await import('ics');
    const { error, value } = createEvents(events, {
      productId: '-//Local Digital Factory//Bins//EN',
      method: 'PUBLISH',
      calName: t('bins.calendar.name', { council: councilName(c) }),
    });
    if (error || !value) throw error ?? new Error('Calendar could not be built');
    return c.body(value, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="bin-collections-${property.uprn}.ics"`,
      'Cache-Control': 'public, max-age=3600',
    });
  });

  function containerChoicePage(c: AppContext, property: Property, error?: string) {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    return render(
      c,
      <Page c={c} title={t('bins.report.container.title')} errors={error ? { container: error } : {}} backLink={paths.href(`/bins/property/${property.uprn}`)}>
        <span class="govuk-caption-l">{addressLine(property)}</span>
        <form method="get" action={paths.href(`/bins/property/${property.uprn}/report`)} novalidate>
          <input type="hidden" name="choose" value="1" />
          <Radios
            id="container"
            name="container"
            legend={t('bins.report.container.title')}
            isPageHeading
            hint={t('bins.report.container.hint')}
            error={error}
            errorPrefix={t('common.errorPrefix')}
            items={propertyContainers(bins, property).map((k) => ({ value: k.id, text: localise(k.name, lang), hint: localise(k.contents, lang) }))}
          />
          <Button text={t('common.continue')} />
        </form>
      </Page>,
      error ? 400 : 200,
    );
  }

  app.get('/property/:uprn/report', async (c) => {
    const property = await findProperty(c.req.param('uprn'));
    const chosen = c.req.query('container');
    if (chosen && findContainer(property, chosen)) {
      return c.redirect(c.get('paths').href(`/bins/property/${property.uprn}/report/${chosen}`), 303);
    }
    const submitted = c.req.query('choose') !== undefined;
    return containerChoicePage(c, property, submitted ? c.get('t')('bins.report.container.errorRequired') : undefined);
  });

  /** Says plainly why a report cannot be made now. */
  function notAllowedPage(c: AppContext, property: Property, containerId: string, container: Container | undefined) {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    const now = today();
    const contact = t('bins.report.notAllowed.contact', { council: councilName(c), phone: council.contact.phone });
    let reason: string;
    let next: ScheduledCollection | undefined;
    if (!container) {
      const known = bins.containers.find((k) => k.id === containerId);
      reason = t('bins.report.notAllowed.notAContainer', { container: known ? localise(known.name, lang) : containerId });
    } else {
      const eligibility = reportEligibility(council, bins, property, container.id, now);
      const name = localise(container.name, lang);
      next = nextCollection(council, bins, property, container.id, now);
      if (eligibility.allowed) throw new Error('notAllowedPage called for an allowed report');
      if (eligibility.reason === 'window-closed') {
        reason = t('bins.report.notAllowed.closed', {
          container: name,
          date: formatDate(eligibility.lastCollection.date, lang),
          deadline: formatDate(eligibility.deadline, lang),
        });
      } else if (eligibility.nextCollection) {
        const deadline = reportEligibility(council, bins, property, container.id, eligibility.nextCollection.date);
        reason = t('bins.report.notAllowed.notYet', {
          container: name,
          date: formatDate(eligibility.nextCollection.date, lang),
          deadline: formatDate(deadline.allowed ? deadline.deadline : eligibility.nextCollection.date, lang),
        });
        next = undefined;
      } else {
        reason = t('bins.report.notAllowed.notYetNoDate', { container: name });
      }
    }
    return render(
      c,
      <Page c={c} title={t('bins.report.notAllowed.title')} backLink={paths.href(`/bins/property/${property.uprn}/report`)}>
        <span class="govuk-caption-l">{addressLine(property)}</span>
        <h1 class="govuk-heading-l">{t('bins.report.notAllowed.title')}</h1>
        <p class="govuk-body">{reason}</p>
        {next && <p class="govuk-body">{t('bins.report.notAllowed.next', { date: formatDate(next.date, lang) })}</p>}
        <p class="govuk-body">{contact}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={paths.href(`/bins/property/${property.uprn}`)}>
            {t('bins.report.notAllowed.backToBins')}
          </a>
        </p>
      </Page>,
      // The request is understood, but the report cannot be made now.
      422,
    );
  }

  function detailsPage(c: AppContext, property: Property, container: Container, collection: ScheduledCollection, answers: Partial<ReportAnswers>, errors: Errors = {}) {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    const action = paths.href(`/bins/property/${property.uprn}/report/${container.id}`);
    return render(
      c,
      <Page c={c} title={t('bins.report.details.title')} errors={errors} backLink={paths.href(`/bins/property/${property.uprn}/report`)}>
        <span class="govuk-caption-l">{addressLine(property)}</span>
        <h1 class="govuk-heading-l">{t('bins.report.details.title')}</h1>
        <InsetText>{t('bins.report.details.collection', { container: localise(container.name, lang), date: formatDate(collection.date, lang) })}</InsetText>
        <form method="post" action={action} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="step" value="details" />
          <Hidden fields={{ submissionId: answers.submissionId }} />
          <Textarea
            id="more"
            name="more"
            label={`${t('bins.report.details.moreLabel')} ${t('common.optional')}`}
            hint={t('bins.report.details.moreHint')}
            error={errors.more}
            errorPrefix={t('common.errorPrefix')}
            value={answers.more}
          />
          <Input
            id="email"
            name="email"
            type="email"
            label={t('bins.report.details.emailLabel')}
            hint={t('bins.report.details.emailHint')}
            error={errors.email}
            errorPrefix={t('common.errorPrefix')}
            value={answers.email}
            autocomplete="email"
            spellcheck={false}
          />
          <Button text={t('common.continue')} />
        </form>
      </Page>,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  function checkAnswersPage(
    c: AppContext,
    property: Property,
    container: Container,
    collection: ScheduledCollection,
    answers: ReportAnswers,
    problem?: { message: string; status: 503 | 200 },
  ) {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    const action = paths.href(`/bins/property/${property.uprn}/report/${container.id}`);
    const change = (hidden: string) => ({ formaction: action, text: t('common.change'), visuallyHidden: hidden.toLowerCase() });
    return render(
      c,
      <Page c={c} title={t('bins.report.check.title')} errors={problem ? { 'send-report': problem.message } : {}} backLink={paths.href(`/bins/property/${property.uprn}/report`)}>
        <span class="govuk-caption-l">{t('bins.property.reportLink')}</span>
        <h1 class="govuk-heading-l">{t('bins.report.check.title')}</h1>
        <form method="post" action={action} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Hidden fields={{ more: answers.more, email: answers.email, submissionId: answers.submissionId, collectionDate: collection.date }} />
          <SummaryList
            rows={[
              { key: t('bins.report.check.address'), value: addressLine(property) },
              { key: t('bins.report.check.container'), value: localise(container.name, lang) },
              { key: t('bins.report.check.collection'), value: formatDate(collection.date, lang) },
              { key: t('bins.report.check.more'), value: answers.more || t('bins.report.check.none'), change: change(t('bins.report.check.more')) },
              { key: t('bins.report.check.email'), value: answers.email, change: change(t('bins.report.check.email')) },
            ]}
          />
          <h2 class="govuk-heading-m">{t('bins.report.check.sendHeading')}</h2>
          <p class="govuk-body">{t('bins.report.check.declaration')}</p>
          <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" name="step" value="submit" id="send-report">
            {t('bins.report.check.button')}
          </button>
        </form>
      </Page>,
      problem?.status ?? 200,
    );
  }

  function validateAnswers(c: AppContext, body: Record<string, unknown>): { answers: ReportAnswers; errors: Errors } {
    const t = c.get('t');
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const answers: ReportAnswers = {
      more: text('more').replace(/\r\n/g, '\n').trim(),
      email: text('email').trim(),
      submissionId: /^[0-9a-f-]{36}$/.test(text('submissionId')) ? text('submissionId') : randomUUID(),
    };
    const errors: Errors = {};
    if (answers.more.length > MAX_DETAILS_LENGTH) errors.more = t('bins.report.details.errorMoreTooLong', { max: MAX_DETAILS_LENGTH });
    if (!answers.email) errors.email = t('bins.report.details.errorEmailRequired');
    else if (!isEmailAddress(answers.email)) errors.email = t('bins.report.details.errorEmailInvalid');
    return { answers, errors };
  }

  /** Resolves the property, container and the collection that may be reported, or the page that says why not. */
  async function reportContext(c: AppContext) {
    const property = await findProperty(c.req.param('uprn') ?? '');
    const containerId = c.req.param('container') ?? '';
    const container = findContainer(property, containerId);
    if (!container) return { property, page: notAllowedPage(c, property, containerId, undefined) };
    const eligibility = reportEligibility(council, bins, property, container.id, today());
    if (!eligibility.allowed) return { property, page: notAllowedPage(c, property, containerId, container) };
    return { property, container, collection: eligibility.collection };
  }

  app.get('/property/:uprn/report/:container', async (c) => {
    const r = await reportContext(c);
    if (r.page) return r.page;
    return detailsPage(c, r.property, r.container!, r.collection!, { submissionId: randomUUID() });
  });

  app.post('/property/:uprn/report/:container', async (c) => {
    const r = await reportContext(c);
    if (r.page) return r.page;
    const { property, container, collection } = r as Required<typeof r>;
    const body = await c.req.parseBody();
    const step = body.step;
    const { answers, errors } = validateAnswers(c, body);
    if (step === 'change') return detailsPage(c, property, container, collection, answers);
    if (Object.keys(errors).length > 0) return detailsPage(c, property, container, collection, answers, errors);
    if (step !== 'submit') return checkAnswersPage(c, property, container, collection, answers);
    // The collection open for reports changed while the resident was filling in the form: show it again.
    if (body.collectionDate !== collection.date) return checkAnswersPage(c, property, container, collection, answers);

    const lang = c.get('lang');
    const t = c.get('t');
    const now = deps.clock();
    let result;
    try {
      result = await createCase(
        deps.store,
        {
          service: 'bins',
          type: 'missed-collection',
          dedupeKey: `missed-collection|${property.uprn}|${container.id}|${collection.date}`,
          submissionId: answers.submissionId,
          details: { uprn: property.uprn, address: addressLine(property), container: container.id, collectionDate: collection.date, more: answers.more, email: answers.email },
          lang,
          retentionDays: bins.missedCollections.retentionDays,
          notification: {
            template: MISSED_COLLECTION_TEMPLATE,
            lang,
            to: answers.email,
            personalisation: {
              address: addressLine(property),
              container: localise(container.name, lang),
              collection_date: formatDate(collection.date, lang),
              what_happens_next: localise(bins.missedCollections.whatHappensNext, lang),
              council: councilName(c),
            },
          },
        },
        now,
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      c.get('log').error('store unavailable: missed collection report kept in the form', { module: 'bins' });
      return checkAnswersPage(c, property, container, collection, answers, { message: t('bins.report.unavailable'), status: 503 });
    }
    c.get('log').info('missed collection report', { module: 'bins', outcome: result.outcome, reference: result.case.reference });
    if (result.outcome === 'created') {
      // The case is safe; a failed send stays queued for the retry job and never fails the request.
      await deliverCaseNotification(deps.store, deps.notifications, result.case, now, c.get('log').with({ module: 'bins' }));
    }
    const suffix = result.outcome === 'duplicate' ? '?duplicate=1' : '';
    return c.redirect(c.get('paths').href(`/bins/report/${result.case.reference}${suffix}`), 303);
  });

  app.get('/report/:reference', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const paths = c.get('paths');
    const reference = normaliseReference(c.req.param('reference'));
    const found: StoredCase | undefined = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || found.service !== 'bins') throw new HttpError(404, 'Unknown report');
    const container = bins.containers.find((k) => k.id === found.details.container);
    const name = container ? localise(container.name, lang) : found.details.container;
    const backToBins = (
      <p class="govuk-body">
        <a class="govuk-link" href={paths.href(`/bins/property/${found.details.uprn}`)}>
          {t('bins.report.confirmation.backToBins')}
        </a>
      </p>
    );
    if (c.req.query('duplicate') !== undefined) {
      return render(
        c,
        <Page c={c} title={t('bins.report.duplicate.title')}>
          <h1 class="govuk-heading-l">{t('bins.report.duplicate.title')}</h1>
          <p class="govuk-body">{t('bins.report.duplicate.body', { container: name, date: formatDate(found.details.collectionDate, lang) })}</p>
          <div class="govuk-panel govuk-panel--confirmation">
            <h2 class="govuk-panel__title govuk-!-font-size-27">{t('bins.report.duplicate.reference')}</h2>
            <div class="govuk-panel__body">
              <strong>{found.reference}</strong>
            </div>
          </div>
          <h2 class="govuk-heading-m">{t('bins.report.confirmation.nextHeading')}</h2>
          <p class="govuk-body">{localise(bins.missedCollections.whatHappensNext, lang)}</p>
          {backToBins}
        </Page>,
      );
    }
    return render(
      c,
      <Page c={c} title={t('bins.report.confirmation.title')}>
        <Panel title={t('bins.report.confirmation.title')}>
          {t('bins.report.confirmation.reference')}
          <br />
          <strong>{found.reference}</strong>
        </Panel>
        <p class="govuk-body">{t('bins.report.confirmation.emailSent')}</p>
        <h2 class="govuk-heading-m">{t('bins.report.confirmation.nextHeading')}</h2>
        <p class="govuk-body">{localise(bins.missedCollections.whatHappensNext, lang)}</p>
        {backToBins}
      </Page>,
    );
  });

  return app;
}
