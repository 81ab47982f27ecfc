import '../messages/register.ts';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { addDays, endOfDayIn, todayIn } from '../../../core/calendar/dates.ts';
import { handDraftTo, keepDraftUntil, type Draft } from '../../../core/drafts/draft-store.ts';
import { isEmailAddress } from '../../../core/email-address.ts';
import type { AppContext, AppEnv, CouncilAppDeps } from '../../../core/http/env.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { noStoreUnlessCached } from '../../../core/http/no-store.ts';
import { createRateLimiter, DEFAULT_CASE_CREATION_LIMIT, takeForClient, type RateLimiter } from '../../../core/http/rate-limit.ts';
import { formatDate } from '../../../core/i18n.ts';
import type { Language } from '../../../core/language.ts';
import { localise } from '../../../core/localised-text.ts';
import { Button, CsrfField, Input, type Errors } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import type { FormDraft, ResolvedForm } from '../definition/types.ts';
import { SERVICE, type FormsJourney, type StoredFormDraft } from '../journey.tsx';
import { FORM_RESUME_LINK_RESTRICTED_TEMPLATE, FORM_RESUME_LINK_TEMPLATE } from './email-templates.ts';
import { createResumeLink, draftResumeLink, peekResumeLink, resumeLinkFormId, useResumeLink, type LinkState } from './resume-links.ts';
import { resolveForm } from '../definition/resolve.ts';
import { answeredQuestions, fileIdsOf } from '../submission.ts';

// The resident types it; an address longer than this is not one (RFC 5321 caps a path at 256).
const MAX_EMAIL = 320;

/** The last day a link works: it expires at the midnight that ends it. */
const lastDay = (expiresAt: Date) => todayIn(new Date(expiresAt.getTime() - 1));

/** The last day within a sentence ("until the end of …"): Welsh writes a weekday there lower-case ("dydd Mawrth"). */
const untilDate = (day: ReturnType<typeof lastDay>, lang: Language) => {
  const text = formatDate(day, lang);
  return lang === 'cy' ? text.charAt(0).toLocaleLowerCase('cy') + text.slice(1) : text;
};

// Links sent, per client and per address: each is an email from the council's Notify service, so
// the same bound as cases (and their confirmation emails); its own count, so saving uses no case.
const limitersByApp = new WeakMap<CouncilAppDeps, RateLimiter>();
function saveLinkLimiter(deps: CouncilAppDeps): RateLimiter {
  let limiter = limitersByApp.get(deps);
  if (!limiter) limitersByApp.set(deps, (limiter = createRateLimiter(deps.caseCreationLimit ?? DEFAULT_CASE_CREATION_LIMIT)));
  return limiter;
}

/**
 * Save and return: `/forms/<form-id>/d/<draft-id>/save` asks for an email address and sends a link
 * (`/forms/<form-id>/resume/<token>`) that carries the draft on in any browser, once, until the
 * form's `saveAndReturn.days` have passed. Opening the link changes nothing (mail scanners fetch
 * links); its Continue button uses it up and hands the draft to that browser. A restricted form's
 * email names no form, and its link is the neutral `/forms/resume/<token>`, which redirects to the
 * form's. Mounted by the forms routes before the question pages, whose `/:pageId` would otherwise
 * take `save`.
 *
 * @example
 * app.route('/', saveReturnRoutes(journey));
 */
export function saveReturnRoutes(journey: FormsJourney): Hono<AppEnv> {
  const { council, deps, owner, today, formOf, formHref, loadDraft, openDraft, resumeHref, formBody, one, formPage } = journey;
  const app = new Hono<AppEnv>();
  // The save pages show an email address, the link's page opens a draft: no cache keeps them.
  app.use(noStoreUnlessCached);

  /** The form at the URL, when it offers saving; the 404 page otherwise. */
  function savable(c: AppContext): ResolvedForm & { saveAndReturn: { days: number } } {
    const form = formOf(c);
    if (!form.saveAndReturn) throw httpErrors.notFound('This form does not offer save and return');
    return form as ResolvedForm & { saveAndReturn: { days: number } };
  }

  /** The address the form's `contact: 'email'` question holds, to offer as the one to send to. */
  function contactEmail(form: ResolvedForm, draft: FormDraft): string {
    for (const page of form.pages) {
      for (const q of page.questions) {
        const value = draft.answers[q.key];
        if (q.contact === 'email' && typeof value === 'string') return value;
      }
    }
    return '';
  }

  const savePath = (draft: Draft<FormDraft>, rest = '') => `/d/${draft.id}/save${rest}`;

  function emailPage(c: AppContext, form: ResolvedForm & { saveAndReturn: { days: number } }, draft: Draft<FormDraft>, email: string, errors: Errors = {}, status?: 429) {
    const t = c.get('t');
    return formPage(
      c,
      form,
      t('forms.save.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('forms.save.title')}</h1>
        <p class="govuk-body">{t('forms.save.intro')}</p>
        <p class="govuk-body">{t('forms.save.lasts', { days: form.saveAndReturn.days })}</p>
        <Input
          id="email"
          name="email"
          type="email"
          label={t('common.email.label')}
          hint={t('forms.save.emailHint')}
          error={errors.email}
          errorPrefix={t('common.errorPrefix')}
          value={email}
          autocomplete="email"
          spellcheck={false}
        />
        <div class="govuk-button-group">
          <Button text={t('forms.save.send')} />
          <a class="govuk-link" href={resumeHref(c, form, draft)}>
            {t('forms.save.backToForm')}
          </a>
        </div>
      </form>,
      { errors, back: resumeHref(c, form, draft), status },
    );
  }

  app.get('/:formId/d/:draftId/save', async (c) => {
    const form = savable(c);
    const draft = await loadDraft(c, form);
    return emailPage(c, form, draft, contactEmail(form, draft.data));
  });

  app.post('/:formId/d/:draftId/save', async (c) => {
    const t = c.get('t');
    const form = savable(c);
    const draft = await loadDraft(c, form);
    const email = one((await formBody(c)).email).slice(0, MAX_EMAIL);
    if (!email) return emailPage(c, form, draft, email, { email: t('common.email.errorRequired') });
    if (!isEmailAddress(email)) return emailPage(c, form, draft, email, { email: t('common.email.errorInvalid') });
    if (!takeSaveLink(c, email)) {
      const { windowSeconds } = deps.caseCreationLimit ?? DEFAULT_CASE_CREATION_LIMIT;
      return emailPage(c, form, draft, email, { email: t('forms.save.tooMany', { minutes: Math.max(1, Math.ceil(windowSeconds / 60)) }) }, 429);
    }

    const now = deps.clock();
    // To the end of a day (the next midnight), so that "until the end of <date>" is exactly true.
    const expiresAt = new Date(endOfDayIn(addDays(today(), form.saveAndReturn.days)).getTime() + 1);
    if (!(await keepDraftUntil(deps.store, draft.id, SERVICE, owner(c), expiresAt, now))) throw httpErrors.notFound('Draft gone', 'forms.journey.expired');
    // Uploaded files wait a day unless kept: kept as long as the saved draft (and a day over, for the
    // draft's last day), then for the form's retention once it is sent.
    const fileIds = fileIdsOf(answeredQuestions(form, draft.data, today()));
    if (fileIds.length > 0 && deps.files) await deps.files.keep(fileIds, form.saveAndReturn.days + 1);
    const token = await createResumeLink(deps.store, { draftId: draft.id, formId: form.id, email, expiresAt });
    const lang = c.get('lang');
    const prefix = `${publicBase(c)}${lang === 'cy' ? '/cy' : ''}/forms`;
    const expires = untilDate(lastDay(expiresAt), lang);
    const councilName = localise(council.name, lang);
    try {
      await deps.notifications.sendEmail(
        // A restricted form (social care): whoever sees the inbox learns nothing of what was asked for.
        form.restrictedTo
          ? { template: FORM_RESUME_LINK_RESTRICTED_TEMPLATE, lang, to: email, reference: `save-${draft.id}`, personalisation: { link: `${prefix}/resume/${token}`, expires, council: councilName } }
          : {
              template: FORM_RESUME_LINK_TEMPLATE,
              lang,
              to: email,
              reference: `save-${draft.id}`,
              personalisation: { form: localise(form.title, lang), link: `${prefix}/${form.id}/resume/${token}`, expires, council: councilName },
            },
      );
    } catch (error) {
      // The link made is unknown to anyone (only its hash is kept); the next save replaces it.
      c.get('log').warn('save and return: the link email was not sent', { module: SERVICE, error: error instanceof Error ? error.name : String(error) });
      return notSentPage(c, form, draft);
    }
    return c.redirect(formHref(c, form, savePath(draft, '/sent')), 303);
  });

  app.get('/:formId/d/:draftId/save/sent', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const form = savable(c);
    const draft = await loadDraft(c, form);
    const link = await draftResumeLink(deps.store, draft.id, deps.clock());
    if (!link) return c.redirect(formHref(c, form, savePath(draft)), 303);
    return formPage(
      c,
      form,
      t('forms.save.saved.title'),
      <>
        <h1 class="govuk-heading-l">{t('forms.save.saved.title')}</h1>
        <p class="govuk-body">{t('forms.save.saved.sentTo', { email: link.email })}</p>
        <p class="govuk-body">{t('forms.save.saved.until', { date: untilDate(lastDay(link.expiresAt), lang) })}</p>
        <p class="govuk-body">{t('forms.save.saved.notFound')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={resumeHref(c, form, draft)}>
            {t('forms.save.saved.carryOn')}
          </a>
        </p>
      </>,
    );
  });

  // A restricted form's link names no form: find the token's form (changing nothing) and go to its link.
  app.get('/resume/:token', async (c) => {
    const token = c.req.param('token');
    const link = await resumeLinkFormId(deps.store, token, deps.clock());
    if (link.state !== 'live') return linkGonePage(c, undefined, link);
    // A form the council no longer adopts opens nothing (its own route would be the 404 page).
    if (!resolveForm(council, link.formId)) return linkGonePage(c, undefined, { state: 'unknown' });
    return c.redirect(c.get('paths').href(`/forms/${link.formId}/resume/${token}`), 303);
  });

  // Opening the link shows a button and changes nothing: a mail scanner's fetch must not use it up.
  app.get('/:formId/resume/:token', async (c) => {
    const t = c.get('t');
    const form = formOf(c);
    const link = await peekResumeLink(deps.store, c.req.param('token'), form.id, deps.clock());
    if (link.state !== 'live') return linkGonePage(c, form, link);
    return formPage(
      c,
      form,
      t('forms.save.resume.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('forms.save.resume.title')}</h1>
        <p class="govuk-body">{t('forms.save.resume.body', { form: localise(form.title, c.get('lang')) })}</p>
        <p class="govuk-body">{t('forms.save.resume.once')}</p>
        <Button text={t('common.continue')} />
      </form>,
      { caption: false },
    );
  });

  app.post('/:formId/resume/:token', async (c) => {
    const form = formOf(c);
    const now = deps.clock();
    const link = await useResumeLink(deps.store, c.req.param('token'), form.id, now);
    if (link.state !== 'live') return linkGonePage(c, form, link);
    // The link proves the right to the draft, whichever browser held it: it is this one's now.
    // Its id stays, so its sealed answers (sealed with the draft's id) open in this browser too.
    const handed = await handDraftTo<StoredFormDraft>(deps.store, link.draftId, SERVICE, owner(c, { create: true }), now);
    if (!handed || handed.data.formId !== form.id) return linkGonePage(c, form, { state: 'unknown' });
    // Opened to find where to carry on: a sealed answer counts as answered.
    const draft = await openDraft(c, form, handed);
    return c.redirect(resumeHref(c, form, draft), 303);
  });

  /** Counts one link for this client and one for the address; false when either is over the limit. */
  function takeSaveLink(c: AppContext, email: string): boolean {
    const limiter = saveLinkLimiter(deps);
    const byClient = takeForClient(limiter, c, deps);
    const address = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
    const byAddress = limiter.take(`email:${address}`, deps.clock());
    return byClient && byAddress;
  }

  /**
   * Where residents reach this council, for a link in an email: the configured address when the
   * host gives one (never the Host header then); else the request's own origin, which in AWS is
   * the API's domain (the gateway routes by it) and locally the developer's.
   */
  function publicBase(c: AppContext): string {
    return deps.publicBaseUrl ?? `${new URL(c.req.url).origin}${deps.basePath}`;
  }

  function notSentPage(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>) {
    const t = c.get('t');
    return formPage(
      c,
      form,
      t('forms.save.title'),
      <>
        <h1 class="govuk-heading-l">{t('forms.save.title')}</h1>
        <p class="govuk-body">{t('forms.save.notSent')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={resumeHref(c, form, draft)}>
            {t('forms.save.backToForm')}
          </a>
        </p>
      </>,
      { status: 503 },
    );
  }

  /**
   * One page for every link that does not work: expired (410), or used, replaced or never made (404).
   * Without a form (the neutral link), it names none: a dead link tells nobody what it was for, and
   * leads to the list of forms.
   */
  function linkGonePage(c: AppContext, form: ResolvedForm | undefined, link: Exclude<LinkState, { state: 'live' }>) {
    const t = c.get('t');
    return render(
      c,
      <Page c={c} title={t('forms.save.expired.title')}>
        {form && <span class="govuk-caption-l">{localise(form.title, c.get('lang'))}</span>}
        <h1 class="govuk-heading-l">{t('forms.save.expired.title')}</h1>
        <p class="govuk-body">{t('forms.save.expired.body')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={form ? formHref(c, form) : c.get('paths').href('/forms')}>
            {form ? t('forms.save.expired.start') : t('forms.save.expired.findForm')}
          </a>
        </p>
      </Page>,
      link.state === 'expired' ? 410 : 404,
    );
  }

  return app;
}
