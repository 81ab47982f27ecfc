import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import { isEmailAddress } from '../../../core/email-address.ts';
import { addressLine, type Property } from '../../../core/address/address-lookup.ts';
import { createCase } from '../../../core/cases/case-store.ts';
import { caseLimitMessage, takeCaseCreation } from '../../../core/http/rate-limit.ts';
import { formatDate } from '../../../core/i18n.ts';
import { localise } from '../../../core/localised-text.ts';
import { deliverNewCaseNotification } from '../../../core/notifications/delivery.ts';
import { StoreUnavailableError } from '../../../core/store/store.ts';
import { Button, CsrfField, Hidden, InsetText, Input, SummaryList, Textarea, type Errors } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import { reportEligibility } from '../collections.ts';
import type { Container } from '../config.ts';
import { MISSED_COLLECTION_TEMPLATE } from '../email-templates.ts';
import type { ScheduledCollection } from '../schedule.ts';
import { notAllowedPage } from './missed-not-allowed.tsx';
import { assistedStamp } from '../../../staff/assisted/stamp.ts';
import type { BinsJourney } from '../journey.ts';

/** Longest "anything else" a resident may write; Open311 descriptions are often capped similarly. */
export const MAX_DETAILS_LENGTH = 500;

interface ReportAnswers {
  more: string;
  email: string;
  submissionId: string;
}

/** Report a missed collection: the details, check your answers, then send. */
export function missedReportSteps(journey: BinsJourney): Hono<AppEnv> {
  const { council, deps, bins, today, councilName, lookUpProperty, findContainer } = journey;
  const app = new Hono<AppEnv>();

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
            label={t('common.email.label')}
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
    problem?: { message: string; status: 503 | 429 | 200 },
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
              { key: t('bins.report.check.more'), value: answers.more || t('common.check.none'), change: change(t('bins.report.check.more')) },
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
    if (!answers.email) errors.email = t('common.email.errorRequired');
    else if (!isEmailAddress(answers.email)) errors.email = t('common.email.errorInvalid');
    return { answers, errors };
  }

  /** Resolves the property, container and the collection that may be reported, or the page that says why not. */
  async function reportContext(c: AppContext) {
    const property = await lookUpProperty(c, c.req.param('uprn') ?? '');
    const containerId = c.req.param('container') ?? '';
    const container = findContainer(property, containerId);
    if (!container) return { property, page: notAllowedPage(journey, c, property, containerId, undefined) };
    const eligibility = reportEligibility(council, bins, property, container.id, today());
    if (!eligibility.allowed) return { property, page: notAllowedPage(journey, c, property, containerId, container) };
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
    // Each case emails its confirmation: a client (or an address) over its limit gets no more, answers kept.
    if (!takeCaseCreation(c, deps, answers.email)) {
      return checkAnswersPage(c, property, container, collection, answers, { message: caseLimitMessage(c), status: 429 });
    }
    const now = deps.clock();
    let result;
    let assisted;
    try {
      // An officer making it for a resident (assisted digital): only a browser with a staff cookie looks.
      assisted = await assistedStamp(c, 'bins');
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
          ...(assisted && { channel: assisted.channel, madeBy: assisted.madeBy }),
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
        deps.secrets,
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      c.get('log').error('store unavailable: missed collection report kept in the form', { module: 'bins' });
      return checkAnswersPage(c, property, container, collection, answers, { message: t('bins.report.unavailable'), status: 503 });
    }
    c.get('log').info('missed collection report', { module: 'bins', outcome: result.outcome, reference: result.case.reference });
    if (result.outcome === 'created') {
      // The case is safe; a failed send stays queued for the retry job and never fails the request.
      await deliverNewCaseNotification(deps.store, deps.notifications, result, now, c.get('log').with({ module: 'bins' }));
      // The case is made; ending the officer's assisted mode is not worth failing the resident's confirmation for.
      await assisted?.done(result.case.reference).catch(() => c.get('log').error('assisted digital: marker not ended', { module: 'bins' }));
    }
    const suffix = result.outcome === 'duplicate' ? '?duplicate=1' : '';
    return c.redirect(c.get('paths').href(`/bins/report/${result.case.reference}${suffix}`), 303);
  });

  return app;
}
