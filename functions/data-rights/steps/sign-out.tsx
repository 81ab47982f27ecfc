import { Hono } from 'hono';
import { endDataSession } from '../../core/data-rights/data-session.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { clearPageCookie, dataPage, href, PROOF_COOKIE, readPageCookie, SESSION_COOKIE, tOf, type DataRightsJourney } from '../journey.tsx';

/** Signing out: the session ends in the store (not only in this browser), and the page says so. */
export function signOutStep(journey: DataRightsJourney): Hono<AppEnv> {
  const { deps } = journey;
  const app = new Hono<AppEnv>();

  // A form's button (with the CSRF token), never a link: another site cannot sign a resident out.
  app.post('/sign-out', async (c) => {
    await endDataSession(deps.store, readPageCookie(c, SESSION_COOKIE));
    clearPageCookie(c, SESSION_COOKIE);
    clearPageCookie(c, PROOF_COOKIE);
    return c.redirect(href(c, '/signed-out'), 303);
  });

  app.get('/signed-out', (c) => {
    const t = tOf(c);
    return dataPage(
      c,
      t('yourData.signedOut.title'),
      <>
        <h1 class="govuk-heading-l">{t('yourData.signedOut.title')}</h1>
        <p class="govuk-body">{t('yourData.signedOut.body')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={href(c)}>
            {t('yourData.signedOut.again')}
          </a>
        </p>
      </>,
    );
  });

  return app;
}
