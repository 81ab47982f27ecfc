import { Hono } from 'hono';
import { startEmailProof } from '../../core/data-rights/email-proof.ts';
import { readDataSession } from '../../core/data-rights/data-session.ts';
import { DATA_RIGHTS_CODE_TEMPLATE } from '../../core/data-rights/email-templates.ts';
import { isEmailAddress } from '../../core/email-address.ts';
import { firstValue, formFields } from '../../core/http/body.ts';
import type { AppContext, AppEnv } from '../../core/http/env.ts';
import { clientKey } from '../../core/http/rate-limit.ts';
import { Button, CsrfField, Input, type Errors } from '../../../web/components.tsx';
import { councilName, dataPage, href, NotificationBanner, PROOF_COOKIE, readPageCookie, SESSION_COOKIE, setPageCookie, tOf, type DataRightsJourney } from '../journey.tsx';

// What a resident types; an address longer than this is not one (RFC 5321 caps a path at 256).
const MAX_EMAIL = 320;

/**
 * The start page: what the pages are for, and the email address a code goes to. Sending answers the
 * same for every address (a code is sent whether or not it has made any request, and no case is
 * looked at before the code is typed back), so the page reveals nothing about who has asked what.
 */
export function startStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council, deps } = journey;
  const app = new Hono<AppEnv>();

  function startPage(c: AppContext, email: string, errors: Errors = {}, status?: 400 | 503) {
    const t = tOf(c);
    const ended = c.req.method === 'GET' && c.req.query('session') === 'ended';
    return dataPage(
      c,
      t('yourData.title'),
      <>
        {ended && <NotificationBanner title={t('yourData.notice.title')}>{t('yourData.start.ended')}</NotificationBanner>}
        <h1 class="govuk-heading-l">{t('yourData.title')}</h1>
        <p class="govuk-body-l">{t('yourData.start.lead', { council: councilName(c) })}</p>
        <p class="govuk-body">{t('yourData.start.youCan')}</p>
        <ul class="govuk-list govuk-list--bullet">
          <li>{t('yourData.start.see')}</li>
          <li>{t('yourData.start.download')}</li>
          <li>{t('yourData.start.delete')}</li>
        </ul>
        <p class="govuk-body">{t('yourData.start.how')}</p>
        <p class="govuk-body">{t('yourData.start.lasts', { minutes: council.dataRights.sessionMinutes })}</p>
        <form method="post" action={href(c)} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Input
            id="email"
            name="email"
            type="email"
            label={t('common.email.label')}
            labelClasses="govuk-label govuk-label--m"
            hint={t('yourData.start.emailHint')}
            error={errors.email}
            errorPrefix={t('common.errorPrefix')}
            value={email}
            autocomplete="email"
            spellcheck={false}
          />
          <Button text={t('yourData.start.button')} />
        </form>
        <p class="govuk-body">{t('yourData.start.otherWays', { email: council.privacy.dataProtectionEmail })}</p>
      </>,
      { errors, status },
    );
  }

  app.get('/', async (c) => {
    // A browser already holding a live session goes straight to its requests.
    const token = readPageCookie(c, SESSION_COOKIE);
    if (token && (await readDataSession(deps.store, token, deps.clock()))) return c.redirect(href(c, '/requests'), 303);
    return startPage(c, '');
  });

  app.post('/', async (c) => {
    const t = tOf(c);
    const email = firstValue((await formFields(c)).email).slice(0, MAX_EMAIL);
    if (!email) return startPage(c, email, { email: t('common.email.errorRequired') });
    if (!isEmailAddress(email)) return startPage(c, email, { email: t('common.email.errorInvalid') });

    const started = await startEmailProof(deps.store, deps.secrets, { email, clientKey: clientKey(c, deps.clientIp(c)) }, deps.clock());
    if (started.outcome === 'rate-limited') return limitedPage(c, journey, started.retryAfterSeconds);
    const lang = c.get('lang');
    try {
      await deps.notifications.sendEmail({
        template: DATA_RIGHTS_CODE_TEMPLATE,
        lang,
        to: email,
        // Notify echoes it back; the proof's id names nothing about the address.
        reference: `data-proof-${started.proofId}`,
        personalisation: { code: started.code, council: councilName(c) },
      });
    } catch (error) {
      // The code made is known to nobody (only its hash is kept); asking again makes another.
      c.get('log').warn('data rights: the code email was not sent', { module: 'data-rights', error: error instanceof Error ? error.name : String(error) });
      return startPage(c, email, { email: t('yourData.start.notSent') }, 503);
    }
    setPageCookie(c, PROOF_COOKIE, started.proofId);
    return c.redirect(href(c, '/code'), 303);
  });

  return app;
}

/** Too many codes asked for (by this address or from this client): when to try again, and who else can help. */
export function limitedPage(c: AppContext, journey: DataRightsJourney, retryAfterSeconds: number) {
  const t = tOf(c);
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return dataPage(
    c,
    t('yourData.limited.title'),
    <>
      <h1 class="govuk-heading-l">{t('yourData.limited.title')}</h1>
      <p class="govuk-body">{t('yourData.limited.body', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })}</p>
      <p class="govuk-body">{t('yourData.limited.help', { email: journey.council.privacy.dataProtectionEmail })}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={href(c)}>
          {t('yourData.limited.back')}
        </a>
      </p>
    </>,
    { status: 429 },
  );
}
