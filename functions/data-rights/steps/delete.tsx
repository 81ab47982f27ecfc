import { Hono } from 'hono';
import { getCase } from '../../core/cases/case-store.ts';
import { normaliseEmail } from '../../core/cases/contact-keys.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import { erasureDue, erasureDueDate, erasureReceivedEmail, isErasureRequest as isErasure, requestErasure } from '../../core/data-rights/erasure.ts';
import { firstValue, formFields } from '../../core/http/body.ts';
import { randomToken } from '../../core/http/random-token.ts';
import type { AppContext, AppEnv } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { Button, Checkboxes, CsrfField, Hidden, Panel, WarningText, type Errors } from '../../../web/components.tsx';
import { dataPage, dayInSentence, href, recordOf, sessionCases, sessionOr, tOf, type DataRightsJourney, type DataSession } from '../journey.tsx';

/** A form's one submission: pressing the button twice (or a retried post) makes one request. */
const SUBMISSION = /^[A-Za-z0-9_-]{16,40}$/;

/**
 * Asking to delete: what will happen and what may be kept, a confirmation, then a case for the
 * council's data protection role due one calendar month ahead (core/data-rights/erasure.ts) and an
 * email saying it was received. While one request is open, another is not made.
 */
export function deleteStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council, deps } = journey;
  const app = new Hono<AppEnv>();

  async function deletePage(c: AppContext, session: DataSession, errors: Errors = {}, submission = randomToken(16)) {
    const t = tOf(c);
    const lang = c.get('lang');
    const cases = await sessionCases(c, session);
    const pending = cases.find((x) => isErasure(x) && x.status === 'open');
    const covered = cases.filter((x) => !isErasure(x));
    const record = recordOf(c, session, covered);
    const pendingDue = pending && erasureDue(pending);
    const due = erasureDueDate(council, deps.clock());
    return dataPage(
      c,
      t('yourData.delete.title'),
      <>
        <span class="govuk-caption-l">{t('yourData.title')}</span>
        <h1 class="govuk-heading-l">{t('yourData.delete.title')}</h1>
        {pending ? (
          <p class="govuk-body">
            {t('yourData.delete.pending', { reference: pending.reference, date: pendingDue ? dayInSentence(pendingDue, lang) : '' })}
          </p>
        ) : covered.length === 0 ? (
          <p class="govuk-body">{t('yourData.delete.nothing')}</p>
        ) : (
          <>
            <p class="govuk-body">{t('yourData.delete.intro', { email: session.email })}</p>
            <h2 class="govuk-heading-m">{t('yourData.delete.coversHeading')}</h2>
            <ul class="govuk-list govuk-list--bullet">
              {record.cases.map((r) => (
                <li>
                  {r.serviceName}
                  {r.typeName && r.typeName !== r.serviceName ? `: ${r.typeName}` : ''} ({r.reference})
                </li>
              ))}
            </ul>
            <h2 class="govuk-heading-m">{t('yourData.delete.nextHeading')}</h2>
            <ol class="govuk-list govuk-list--number">
              <li>{t('yourData.delete.next1')}</li>
              <li>{t('yourData.delete.next2', { date: dayInSentence(due, lang) })}</li>
              <li>{t('yourData.delete.next3')}</li>
            </ol>
            <h2 class="govuk-heading-m">{t('yourData.delete.keptHeading')}</h2>
            <p class="govuk-body">{t('yourData.delete.kept')}</p>
            <p class="govuk-body">{t('yourData.delete.backups')}</p>
            <WarningText iconFallback={t('yourData.delete.warningFallback')}>{t('yourData.delete.warning')}</WarningText>
            <form method="post" action={href(c, '/delete')} novalidate>
              <CsrfField token={c.get('csrfToken')} />
              <Hidden fields={{ submission }} />
              <Checkboxes
                id="confirm"
                name="confirm"
                legend={t('yourData.delete.confirmLegend')}
                error={errors.confirm}
                errorPrefix={t('common.errorPrefix')}
                items={[{ value: 'yes', text: t('yourData.delete.confirm') }]}
                values={[]}
              />
              <Button text={t('yourData.delete.button')} />
            </form>
          </>
        )}
      </>,
      { errors, back: href(c, '/requests'), session },
    );
  }

  app.get('/delete', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    return deletePage(c, session);
  });

  app.post('/delete', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const t = tOf(c);
    const fields = await formFields(c);
    const sent = firstValue(fields.submission);
    const submission = SUBMISSION.test(sent) ? sent : undefined;
    if (![fields.confirm].flat().includes('yes')) return deletePage(c, session, { confirm: t('yourData.delete.errorConfirm') }, submission);
    const cases = await sessionCases(c, session);
    const covered = cases.filter((x) => !isErasure(x));
    // Nothing to delete, or already asked: the page says which.
    if (covered.length === 0 || cases.some((x) => isErasure(x) && x.status === 'open')) return c.redirect(href(c, '/delete'), 303);

    const input = { email: session.email, lang: c.get('lang'), references: covered.map((x) => x.reference), submissionId: submission };
    const request = await requestErasure(deps.store, deps.secrets, council, input, deps.clock());
    let emailed = true;
    try {
      await deps.notifications.sendEmail(erasureReceivedEmail(council, request));
    } catch (error) {
      // The request is made and in the data protection queue; the page gives the reference instead.
      emailed = false;
      c.get('log').warn('data rights: the request received email was not sent', { module: 'data-rights', error: error instanceof Error ? error.name : String(error) });
    }
    return c.redirect(href(c, `/delete/received/${request.reference}${emailed ? '' : '?emailed=no'}`), 303);
  });

  app.get('/delete/received/:reference', async (c) => {
    const session = await sessionOr(c);
    if (session instanceof Response) return session;
    const t = tOf(c);
    const lang = c.get('lang');
    const reference = normaliseReference(c.req.param('reference').slice(0, 30));
    // Read by its reference, not from the email index, which may not have it yet just after it was made.
    const request = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!request || !isErasure(request) || normaliseEmail(request.details.email ?? '') !== normaliseEmail(session.email)) {
      throw httpErrors.notFound('No such request to delete for this address');
    }
    const due = erasureDue(request) ?? erasureDueDate(council, new Date(request.createdAt));
    return dataPage(
      c,
      t('yourData.received.title'),
      <>
        <Panel title={t('yourData.received.title')}>
          {t('yourData.received.reference')}
          <br />
          <strong>{request.reference}</strong>
        </Panel>
        <p class="govuk-body">{c.req.query('emailed') === 'no' ? t('yourData.delete.notSent') : t('yourData.received.email', { email: session.email })}</p>
        <p class="govuk-body">{t('yourData.received.due', { date: dayInSentence(due, lang) })}</p>
        <h2 class="govuk-heading-m">{t('yourData.received.nextHeading')}</h2>
        <p class="govuk-body">{t('yourData.received.next')}</p>
        <p class="govuk-body">{t('yourData.delete.backups')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={href(c, '/requests')}>
            {t('yourData.received.back')}
          </a>
        </p>
      </>,
      { session },
    );
  });

  return app;
}
