import type { Context } from 'hono';
import type { CouncilConfig } from '../config/council-schema.ts';
import { PlatformPage } from '../platform/platform-app.tsx';
import type { SampleStaff } from './oidc-dev-provider.ts';

/** The local host's list of sample staff: who to sign in as, per council, and what each can do. */
export function devStaffPage(c: Context, councils: CouncilConfig[], staff: SampleStaff[], issuer: string | undefined) {
  const page = (
    <PlatformPage title="Sample staff" nonce={c.get('secureHeadersNonce')}>
      <span class="govuk-caption-l">Local development only</span>
      <h1 class="govuk-heading-xl">Sample staff</h1>
      <p class="govuk-body">
        Each council's back office signs staff in through the embedded OpenID provider{issuer ? ` at ${issuer}` : ''}. Go to a council's back office,
        press "Sign in", then choose one of its sample staff on the provider's page.
      </p>
      {councils
        .filter((council) => council.staff)
        .map((council) => {
          const theirs = staff.filter((s) => s.councilId === council.id);
          const signIn = council.staff!.signIn;
          return (
            <section class="govuk-!-margin-bottom-8" aria-labelledby={`staff-${council.id}`}>
              <h2 class="govuk-heading-m" id={`staff-${council.id}`}>
                {council.name.en}
              </h2>
              <p class="govuk-body">
                <a class="govuk-link" href={`/${council.id}/staff/`}>
                  {council.name.en} back office
                </a>{' '}
                – tenant {signIn.tenant.claim} = {signIn.tenant.value}, roles from the {signIn.roleClaim} claim
              </p>
              {signIn.provider !== 'embedded' ? (
                <p class="govuk-body">This council signs in at its own identity provider ({signIn.issuer}).</p>
              ) : (
                <table class="govuk-table">
                  <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                      <th scope="col" class="govuk-table__header">Name</th>
                      <th scope="col" class="govuk-table__header">Email</th>
                      <th scope="col" class="govuk-table__header">Sample of</th>
                      <th scope="col" class="govuk-table__header">{signIn.roleClaim} claim</th>
                    </tr>
                  </thead>
                  <tbody class="govuk-table__body">
                    {theirs.map((s) => (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{s.name}</td>
                        <td class="govuk-table__cell">{s.email}</td>
                        <td class="govuk-table__cell">{s.kind === 'other-tenant' ? 'another organisation (refused)' : s.kind === 'no-role' ? 'no role (no access)' : `the ${s.kind} role`}</td>
                        <td class="govuk-table__cell">{([] as unknown[]).concat(s.claims[signIn.roleClaim] ?? []).join(', ') || 'none'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
    </PlatformPage>
  );
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${String(page)}`);
}
