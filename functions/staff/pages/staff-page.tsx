import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CsrfField, type Errors } from '../../../web/components.tsx';
import { Page, render } from '../../../web/layout.tsx';
import type { AppContext } from '../../core/http/env.ts';
import type { HttpError } from '../../core/http/errors.ts';
import type { StaffEnv } from '../env.ts';

/** A link to a staff page in the page's language: staffHref(c, '/admin/staff') → '/hackney/cy/staff/admin/staff'. */
export function staffHref(c: Context<StaffEnv>, path: string): string {
  return c.get('paths').href(`/staff${path}`);
}

/** The GOV.UK page for the back office: who is signed in and a sign-out button above the content. */
export function StaffPage(props: { c: Context<StaffEnv>; title: string; errors?: Errors; backLink?: string; children: Child }) {
  const { c } = props;
  const t = c.get('t');
  const staff = c.get('staff');
  return (
    <Page c={c as unknown as AppContext} title={`${props.title} – ${t('staff.title')}`} errors={props.errors} backLink={props.backLink} noindex>
      {staff && (
        <form method="post" action={staffHref(c, '/sign-out')} class="app-staff-bar govuk-!-margin-bottom-6">
          <p class="govuk-body-s govuk-!-margin-bottom-2">{t('staff.home.signedInAs', { name: staff.name, email: staff.email })}</p>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
            {t('staff.signOut.button')}
          </button>
        </form>
      )}
      {props.children}
    </Page>
  );
}

/** Sends a staff page: never cached, never indexed. */
export function renderStaff(c: Context<StaffEnv>, page: Child, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
  return render(c as unknown as AppContext, page, status);
}

/** The staff error page: the error's own words, in the page's language. */
export function staffErrorPage(c: Context<StaffEnv>, error: HttpError) {
  const t = c.get('t');
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return renderStaff(
    c,
    <StaffPage c={c} title={t(error.titleKey)}>
      <h1 class="govuk-heading-l">{t(error.titleKey)}</h1>
      <p class="govuk-body">{t(error.bodyKey)}</p>
      {(error.status === 400 || error.titleKey === 'staff.error.signInFailed.title') && (
        <p class="govuk-body">
          <a class="govuk-link" href={staffHref(c, '/sign-in')}>
            {t('staff.signIn.title')}
          </a>
        </p>
      )}
    </StaffPage>,
    error.status,
  );
}
