import { z } from 'zod';
import { ROLES } from './auth/roles.ts';
export { STAFF_SESSION_DEFAULTS } from './auth/session-limits.ts';

const domainPattern = /^([a-z0-9-]+\.)+[a-z]{2,}$/;

/** The tenant or domain staff must belong to, checked on every ID token. */
const tenantSchema = z.discriminatedUnion('claim', [
  // Microsoft Entra ID: the directory (tenant) id.
  z.strictObject({ claim: z.literal('tid'), value: z.uuid() }),
  // Google Workspace: the hosted domain.
  z.strictObject({ claim: z.literal('hd'), value: z.string().regex(domainPattern, 'Use a domain like highland.gov.uk') }),
]);

const common = {
  /** The client (application) id the council's IdP gave the platform. The secret is never here: ldf/<id>/oidc-client-secret. */
  clientId: z.string().trim().min(1),
  tenant: tenantSchema,
  /**
   * Which ID-token claim carries the staff member's roles or groups. `email` is for an IdP that
   * sends neither (Google Workspace): `roles` then maps staff email addresses (compared lower-cased,
   * and only when the token says `email_verified: true`) to roles, so changing who is an officer is
   * a reviewed change to the council's file.
   */
  roleClaim: z.enum(['roles', 'groups', 'email']),
  /** Claim values (app role names, group ids, or staff email addresses for `roleClaim: 'email'`) → the platform roles they give. */
  roles: z.record(z.string().min(1), z.array(z.enum(ROLES)).min(1)).refine((r) => Object.keys(r).length > 0, { message: 'Map at least one claim value to a role' }),
};

const emailPattern = /^[^\s@]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;

/** With `roleClaim: 'email'` every key of `roles` must be an email address: a typo would silently give nobody the role. */
function emailKeysOnly(signIn: { roleClaim: string; roles: Record<string, unknown> }, ctx: z.RefinementCtx) {
  if (signIn.roleClaim !== 'email') return;
  for (const key of Object.keys(signIn.roles)) {
    if (!emailPattern.test(key)) ctx.addIssue({ code: 'custom', path: ['roles', key], message: 'With roleClaim "email", map staff email addresses to roles' });
  }
}

/**
 * Entra ID's multi-tenant endpoints: their discovery documents name the issuer
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, a placeholder no ID token carries, so the
 * issuer check could never pass (or, patched loosely, would let in any tenant).
 */
const MULTI_TENANT_ISSUER = /^https:\/\/login\.microsoftonline\.com\/(common|organizations|consumers)(\/|$)/i;

/** How the council's staff sign in: OpenID Connect against its own identity provider. */
const staffSignInVariants = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('oidc'),
    /** The issuer exactly as the IdP's discovery document gives it, e.g. https://login.microsoftonline.com/<tid>/v2.0 */
    issuer: z
      .url({ protocol: /^https$/ })
      .refine((issuer) => !MULTI_TENANT_ISSUER.test(issuer) && !issuer.includes('{tenantid}') && !issuer.includes('%7Btenantid%7D'), {
        message: "Use the council's tenant-specific issuer, https://login.microsoftonline.com/<tenant id>/v2.0, not a multi-tenant one (common, organizations, consumers)",
      }),
    ...common,
  }),
  // The local host's embedded provider (sample councils, development, tests); synthesis refuses it
  // unless the council is a sample.
  z.strictObject({ provider: z.literal('embedded'), ...common }),
]);

export const staffSignInSchema = staffSignInVariants.superRefine(emailKeysOnly);

export const staffSessionSchema = z.strictObject({
  /** Signed out after this long without a request. */
  idleMinutes: z.number().int().min(5).max(240).default(30),
  /** Signed out this long after signing in, whatever happens. */
  absoluteHours: z.number().int().min(1).max(24).default(12),
});
