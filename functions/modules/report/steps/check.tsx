import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import { restoreDraft, takeDraft, type Draft } from '../../../core/drafts/draft-store.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { caseLimitMessage, takeCaseCreation } from '../../../core/http/rate-limit.ts';
import { StoreUnavailableError } from '../../../core/store/store.ts';
import { CsrfField, SummaryList } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft, SERVICE, type Step } from '../journey.tsx';

/** Check your answers, then send. */
export function checkStep(journey: ReportJourney): Hono<AppEnv> {
  const { council, deps, text, owner, stepHref, categoryOf, nextStep, loadDraft, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 9. Check your answers, then send
  function checkPage(c: AppContext, draft: Draft<ReportDraft>, problem?: { message: string; status: 429 | 503 }) {
    const t = c.get('t');
    const d = draft.data;
    const category = categoryOf(d)!;
    const change = (step: Step, what: string) => ({ href: stepHref(c, draft, step), text: t('common.change'), visuallyHidden: what.toLowerCase() });
    const answerText = (code: string) => {
      const q = category.questions.find((x) => x.code === code)!;
      const v = d.attributes?.[code];
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
      return values.map((x) => (q.options ? text(c, q.options.find((o) => o.key === x)!.name) : x)).join(', ');
    };
    const location = d.location!.address ?? `${d.location!.lat.toFixed(5)}, ${d.location!.long.toFixed(5)}`;
    return stepPage(
      c,
      draft,
      t('report.check.title'),
      <>
        <h1 class="govuk-heading-l">{t('report.check.title')}</h1>
        <SummaryList
          rows={[
            { key: t('report.check.problem'), value: text(c, category.name), changeHref: change('category', t('report.check.problem')) },
            ...category.questions
              .filter((q) => d.attributes?.[q.code] !== undefined)
              .map((q) => ({ key: text(c, q.question), value: answerText(q.code), changeHref: change('questions', text(c, q.question)) })),
            { key: t('report.check.location'), value: location, changeHref: change('location', t('report.check.location')) },
            { key: t('report.check.description'), value: d.description!, changeHref: change('description', t('report.check.description')) },
            { key: t('report.check.photo'), value: d.photos?.length ? t('report.check.photoAdded') : t('common.check.none'), changeHref: change('photo', t('report.check.photo')) },
            { key: t('report.contact.name'), value: d.contact!.name, changeHref: change('contact', t('report.contact.name')) },
            { key: t('common.email.label'), value: d.contact!.email, changeHref: change('contact', t('common.email.label')) },
            { key: t('report.contact.phone'), value: d.contact!.phone ?? t('common.check.none'), changeHref: change('contact', t('report.contact.phone')) },
          ]}
        />
        <h2 class="govuk-heading-m">{t('report.check.sendHeading')}</h2>
        <p class="govuk-body">{t('report.check.declaration')}</p>
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" id="send-report">
            {t('report.check.button')}
          </button>
        </form>
      </>,
      { errors: problem ? { 'send-report': problem.message } : {}, status: problem?.status ?? 200, back: stepHref(c, draft, 'contact') },
    );
  }

  app.get('/d/:id/check', async (c) => {
    const draft = await loadDraft(c);
    const step = nextStep(draft.data);
    if (step !== 'check') return c.redirect(stepHref(c, draft, step), 303);
    return checkPage(c, draft);
  });
  app.post('/d/:id/check', async (c) => {
    const now = deps.clock();
    // Sending takes the draft (one request that reads and deletes it): afterwards the answers live
    // in the case only. Whatever stops the case being made puts the draft back, answers kept. Sent
    // again, the draft is gone: the page says the report cannot be found, and no second case is made.
    const draft = await takeDraft<ReportDraft>(deps.store, c.req.param('id'), SERVICE, owner(c), now);
    if (!draft) throw httpErrors.notFound('No such draft', 'report.expired');
    const putBack = () => restoreDraft(deps.store, draft, owner(c), now);
    const step = nextStep(draft.data);
    if (step !== 'check') {
      await putBack();
      return c.redirect(stepHref(c, draft, step), 303);
    }
    const d = draft.data;
    // Each case emails its confirmation: a client (or an address) over its limit gets no more.
    if (!takeCaseCreation(c, deps, d.contact?.email)) {
      await putBack();
      return checkPage(c, draft, { message: caseLimitMessage(c), status: 429 });
    }
    let result;
    let assisted;
    let send;
    try {
      send = await import('../send-report.ts');
      const { assistedStamp, createProblemReport } = send;
      // An officer making it for a resident (assisted digital): only a browser with a staff cookie looks.
      assisted = await assistedStamp(c, SERVICE);
      result = await createProblemReport(
        deps.store,
        council,
        {
          category: categoryOf(d)!,
          description: d.description!,
          attributes: d.attributes ?? {},
          location: d.location!,
          contact: d.contact!,
          // Moved from pending (deleted after a day) to kept, before the case that links to them.
          photos: d.photos?.length && deps.photos ? await deps.photos.keep(d.photos) : [],
          lang: c.get('lang'),
          // The draft is the submission: a retry after a lost response finds the first case.
          submissionId: draft.id,
          source: 'web',
          channel: assisted?.channel,
          madeBy: assisted?.madeBy,
        },
        now,
        deps.secrets,
      );
    } catch (error) {
      await putBack().catch(() => c.get('log').error('store unavailable: the draft could not be put back', { module: SERVICE }));
      if (!(error instanceof StoreUnavailableError)) throw error;
      c.get('log').error('store unavailable: problem report kept in its draft', { module: SERVICE });
      return checkPage(c, draft, { message: c.get('t')('report.check.unavailable'), status: 503 });
    }
    c.get('log').info('problem report', { module: SERVICE, outcome: result.outcome, reference: result.case.reference, category: d.category });
    if (result.outcome === 'created') {
      await send.deliverNewCaseNotification(deps.store, deps.notifications, result, now, c.get('log').with({ module: SERVICE }));
      // The case is made; ending the officer's assisted mode is not worth failing the resident's confirmation for.
      await assisted?.done(result.case.reference).catch(() => c.get('log').error('assisted digital: marker not ended', { module: SERVICE }));
    }
    return c.redirect(c.get('paths').href(`/report/done/${result.case.reference}`), 303);
  });

  return app;
}
