import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../../core/http/env.ts';
import { createCase } from '../../../core/cases/case-store.ts';
import { restoreDraft, takeDraft, type Draft } from '../../../core/drafts/draft-store.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { caseLimitMessage, takeCaseCreation } from '../../../core/http/rate-limit.ts';
import { deliverNewCaseNotification } from '../../../core/notifications/delivery.ts';
import { StoreUnavailableError } from '../../../core/store/store.ts';
import { assistedStamp } from '../../../staff/assisted/stamp.ts';
import { CsrfField, SummaryList } from '../../../../web/components.tsx';
import { firstUnanswered, walk } from '../definition/flow.ts';
import type { FileAnswer, FormDraft, ResolvedForm } from '../definition/types.ts';
import { repeatable, SERVICE, type FormsJourney, type StoredFormDraft } from '../journey.tsx';
import { afterSubmission } from '../outputs/after-submission.ts';
import { answeredQuestions, answerText, fileIdsOf, formCase, sealFormAnswers } from '../submission.ts';

/** Check your answers (each with a Change link), the declaration, then send: the case. */
export function checkAnswersStep(journey: FormsJourney): Hono<AppEnv> {
  const { council, deps, text, owner, today, formOf, formHref, placeHref, loadDraft, openDraft, sealDraft, backFrom, formPage, answerContext } = journey;
  const app = new Hono<AppEnv>();

  async function checkPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, problem?: { message: string; status: 429 | 503 }) {
    const t = c.get('t');
    const lang = c.get('lang');
    // A selection whose options another module gives (a property's bins) shows their names, not their values.
    const { optionsFor } = await answerContext(c, form, draft.data);
    const answered = new Map(answeredQuestions(form, draft.data, today()).map((a) => [a.q.key, a.value]));
    const rows = walk(form, draft.data, today()).pages.flatMap((page) =>
      page.questions.map((q) => {
        const value = answered.get(q.key);
        const label = text(c, q.label);
        const lines = value === undefined ? [t('common.check.none')] : answerText(q, value, { lang, t, optionsFor });
        const href = placeHref(c, form, draft, repeatable(page) ? { addAnother: page.id } : { page: page.id }, { change: true });
        return {
          key: label,
          value: (
            <>
              {lines.map((line, i) => (
                <>
                  {i > 0 && <br />}
                  {line}
                </>
              ))}
            </>
          ),
          changeHref: { href, text: t('common.change'), visuallyHidden: changeLinkHiddenText(label) },
        };
      }),
    );
    const declaration = form.declaration ?? [];
    return formPage(
      c,
      form,
      t('forms.journey.check.title'),
      <>
        <h1 class="govuk-heading-l">{t('forms.journey.check.title')}</h1>
        <SummaryList rows={rows} />
        <h2 class="govuk-heading-m">{declaration.length > 0 ? t('forms.journey.check.declarationHeading') : t('forms.journey.check.sendHeading')}</h2>
        {declaration.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" id="send-form">
            {declaration.length > 0 ? t('forms.journey.check.acceptAndSend') : t('forms.journey.check.send')}
          </button>
        </form>
      </>,
      { errors: problem ? { 'send-form': problem.message } : {}, status: problem?.status ?? 200, back: backFrom(c, form, draft, undefined) },
    );
  }

  app.get('/:formId/d/:draftId/check-answers', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const next = firstUnanswered(form, draft.data, today());
    if (!('checkAnswers' in next)) return c.redirect(placeHref(c, form, draft, next), 303);
    return checkPage(c, form, draft);
  });

  app.post('/:formId/d/:draftId/check-answers', async (c) => {
    const now = deps.clock();
    const form = formOf(c);
    // Sending takes the draft (read and deleted in one request): afterwards the answers live in the
    // case only. Whatever stops the case being made puts the draft back, answers kept. Sent again,
    // the draft is gone: the page says the form cannot be found, and no second case is made.
    const taken = await takeDraft<StoredFormDraft>(deps.store, c.req.param('draftId'), SERVICE, owner(c), now);
    if (!taken || taken.data.formId !== form.id) {
      if (taken) await restoreDraft(deps.store, taken, owner(c), now);
      throw httpErrors.notFound('No such draft', 'forms.journey.expired');
    }
    // Put back as it is stored: its special-category answers sealed (forgetFiles may have changed it).
    let draft: Draft<FormDraft>;
    try {
      draft = await openDraft(c, form, taken);
    } catch (error) {
      await restoreDraft(deps.store, taken, owner(c), now);
      throw error;
    }
    const putBack = async () => restoreDraft(deps.store, await sealDraft(form, draft), owner(c), now);
    const next = firstUnanswered(form, draft.data, today());
    if (!('checkAnswers' in next)) {
      await putBack();
      return c.redirect(placeHref(c, form, draft, next), 303);
    }
    const { optionsFor } = await answerContext(c, form, draft.data);
    const input = formCase({ council, form, draftId: draft.id, draft: draft.data, lang: c.get('lang'), t: c.get('t'), today: today(), optionsFor });
    // Each case emails its confirmation: a client (or an address) over its limit gets no more.
    if (!takeCaseCreation(c, deps, input.notification?.to)) {
      await putBack();
      return checkPage(c, form, draft, { message: caseLimitMessage(c), status: 429 });
    }
    let result;
    let assisted;
    try {
      const fileIds = fileIdsOf(answeredQuestions(form, draft.data, today()));
      // Moved from pending (deleted after a day) to kept, before the case that names them.
      if (fileIds.length > 0) {
        const files = deps.files;
        if (!files) throw new Error(`Form ${form.id} has file questions but the council has no file storage`);
        const kept = await files.keep(fileIds, form.retentionDays);
        const lost = fileIds.filter((id) => !kept.includes(id));
        if (lost.length > 0) {
          // A file no longer held (its draft outlived it): never send a case naming a file it does
          // not have. The answer is dropped and the resident asked for the file again.
          const page = forgetFiles(form, draft.data, lost);
          await putBack();
          const href = placeHref(c, form, draft, firstUnanswered(form, draft.data, today()), { change: true });
          return c.redirect(page && href.includes(`/${page}`) ? `${href}${href.includes('?') ? '&' : '?'}lost=1` : href, 303);
        }
      }
      // An officer making it for a resident (assisted digital): only a browser with a staff cookie looks.
      assisted = await assistedStamp(c, SERVICE);
      // Special-category answers sealed with the reference the case is written under: never stored as given.
      const made = { ...input, channel: assisted?.channel, madeBy: assisted?.madeBy };
      result = await createCase(deps.store, made, now, deps.secrets, sealFormAnswers(deps.cipher, council.id, made));
    } catch (error) {
      await putBack().catch(() => c.get('log').error('store unavailable: the draft could not be put back', { module: SERVICE }));
      if (!(error instanceof StoreUnavailableError)) throw error;
      c.get('log').error('store unavailable: form kept in its draft', { module: SERVICE, form: form.id });
      return checkPage(c, form, draft, { message: c.get('t')('forms.journey.check.unavailable'), status: 503 });
    }
    c.get('log').info('form sent', { module: SERVICE, form: form.id, outcome: result.outcome, reference: result.case.reference });
    if (result.outcome === 'created') {
      await deliverNewCaseNotification(deps.store, deps.notifications, result, now, c.get('log').with({ module: SERVICE }));
      // The webhook and the council mailbox's email: tried once now, else by the schedule; never throws.
      await afterSubmission(deps, council, form, result.case, now, c.get('log').with({ module: SERVICE }));
      // The case is made; ending the officer's assisted mode is not worth failing the resident's confirmation for.
      await assisted?.done(result.case.reference).catch(() => c.get('log').error('assisted digital: marker not ended', { module: SERVICE }));
    }
    return c.redirect(formHref(c, form, `/done/${result.case.reference}`), 303);
  });

  return app;
}

/** Drops the answers naming these files (and their pages' visits, so they are asked again); the first such page's id. */
function forgetFiles(form: ResolvedForm, draft: FormDraft, lost: readonly string[]): string | undefined {
  let first: string | undefined;
  for (const page of form.pages) {
    for (const q of page.questions) {
      const answer = draft.answers[q.key] as FileAnswer | undefined;
      if (q.type !== 'file' || !answer || !lost.includes(answer.fileId)) continue;
      delete draft.answers[q.key];
      draft.visited = draft.visited.filter((id) => id !== page.id);
      first ??= page.id;
    }
  }
  return first;
}

/**
 * The question as the hidden end of its Change link ("Change is the property on an A, B or C
 * road?"): only the first letter lower-cased, since the rest may hold names and letters ("A, B or
 * C", "Ceredigion"); a first word that is an acronym ("MOT", "UK") is kept as it is.
 *
 * @example
 * changeLinkHiddenText('Do you live in Ceredigion?') // 'do you live in Ceredigion?'
 */
export function changeLinkHiddenText(label: string): string {
  const first = label.split(/[\s,.?!:;’']/u, 1)[0] ?? '';
  const acronym = first.length > 1 && first === first.toLocaleUpperCase() && first !== first.toLocaleLowerCase();
  return acronym ? label : label.charAt(0).toLocaleLowerCase() + label.slice(1);
}
