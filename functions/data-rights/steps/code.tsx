import { Hono } from 'hono';
import { createDataSession } from '../../core/data-rights/data-session.ts';
import { checkEmailProof, CODE_DIGITS, CODE_MINUTES } from '../../core/data-rights/email-proof.ts';
import { firstValue, formFields } from '../../core/http/body.ts';
import type { AppContext, AppEnv } from '../../core/http/env.ts';
import { Button, CsrfField, Input, type Errors } from '../../../web/components.tsx';
import { clearPageCookie, dataPage, href, PROOF_COOKIE, readPageCookie, SESSION_COOKIE, setPageCookie, tOf, type DataRightsJourney } from '../journey.tsx';

/** A code as people type it: spaces and hyphens between the digits are fine (checkEmailProof ignores them too). */
const CODE = new RegExp(`^\\d{${CODE_DIGITS}}$`);

/**
 * "Check your email": the code typed back. Right → a data session for this browser (the proof is
 * used up); wrong, expired, used up (5 wrong codes) or unknown each say what to do. Which code the
 * browser waits for is in its proof cookie, never the URL.
 */
export function codeStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { council, deps } = journey;
  const app = new Hono<AppEnv>();

  function codePage(c: AppContext, code: string, errors: Errors = {}) {
    const t = tOf(c);
    // Past an expired or used-up code, or one we cannot find, typing again cannot help: ask for another.
    return dataPage(
      c,
      t('yourData.code.title'),
      <>
        <h1 class="govuk-heading-l">{t('yourData.code.title')}</h1>
        <p class="govuk-body">{t('yourData.code.sent', { minutes: CODE_MINUTES })}</p>
        <form method="post" action={href(c, '/code')} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Input
            id="code"
            name="code"
            label={t('yourData.code.label')}
            labelClasses="govuk-label govuk-label--m"
            hint={t('yourData.code.hint')}
            error={errors.code}
            errorPrefix={t('common.errorPrefix')}
            value={code}
            autocomplete="one-time-code"
            inputmode="numeric"
            spellcheck={false}
            classes="govuk-input--width-5 govuk-input--extra-letter-spacing"
          />
          <Button text={t('yourData.code.button')} />
        </form>
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('yourData.code.notReceived')}</span>
          </summary>
          <div class="govuk-details__text">
            <p class="govuk-body">{t('yourData.code.notReceivedBody')}</p>
          </div>
        </details>
        <p class="govuk-body">
          <a class="govuk-link" href={href(c)}>
            {t('yourData.code.newCode')}
          </a>
        </p>
      </>,
      { errors, back: href(c) },
    );
  }

  app.get('/code', (c) => {
    // No code asked for in this browser: the start page asks for the address first.
    if (!readPageCookie(c, PROOF_COOKIE)) return c.redirect(href(c), 303);
    return codePage(c, '');
  });

  app.post('/code', async (c) => {
    const t = tOf(c);
    const proofId = readPageCookie(c, PROOF_COOKIE);
    if (!proofId) return c.redirect(href(c), 303);
    const typed = firstValue((await formFields(c)).code).slice(0, 40);
    const code = typed.replace(/[\s-]/g, '');
    if (!code) return codePage(c, typed, { code: t('yourData.code.errorRequired') });
    // Not a code at all: said so without using up one of the 5 tries.
    if (!CODE.test(code)) return codePage(c, typed, { code: t('yourData.code.errorFormat') });

    const now = deps.clock();
    const checked = await checkEmailProof(deps.store, deps.secrets, { proofId, code }, now);
    switch (checked.outcome) {
      case 'proved': {
        const session = await createDataSession(deps.store, { email: checked.email }, now, council.dataRights.sessionMinutes);
        clearPageCookie(c, PROOF_COOKIE);
        setPageCookie(c, SESSION_COOKIE, session.token);
        return c.redirect(href(c, '/requests'), 303);
      }
      case 'wrong':
        return codePage(c, typed, { code: checked.triesLeft === 1 ? t('yourData.code.errorWrongOne') : t('yourData.code.errorWrong', { tries: checked.triesLeft }) });
      case 'expired':
        return codePage(c, typed, { code: t('yourData.code.errorExpired') });
      case 'used-up':
        return codePage(c, typed, { code: t('yourData.code.errorUsedUp') });
      default:
        return codePage(c, typed, { code: t('yourData.code.errorUnknown') });
    }
  });

  return app;
}
