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
  /** Which ID-token claim carries the staff member's roles or groups. */
  roleClaim: z.enum(['roles', 'groups']),
  /** Claim values (app role names, group ids) → the platform roles they give. */
  roles: z.record(z.string().min(1), z.array(z.enum(ROLES)).min(1)).refine((r) => Object.keys(r).length > 0, { message: 'Map at least one claim value to a role' }),
};

/** How the council's staff sign in: OpenID Connect against its own identity provider. */
export const staffSignInSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('oidc'),
    /** The issuer exactly as the IdP's discovery document gives it, e.g. https://login.microsoftonline.com/<tid>/v2.0 */
    issuer: z.url({ protocol: /^https$/ }),
    ...common,
  }),
  // The local host's embedded provider (sample councils, development, tests); synthesis refuses it
  // unless the council is a sample.
  z.strictObject({ provider: z.literal('embedded'), ...common }),
]);

export const staffSessionSchema = z.strictObject({
  /** Signed out after this long without a request. */
  idleMinutes: z.number().int().min(5).max(240).default(30),
  /** Signed out this long after signing in, whatever happens. */
  absoluteHours: z.number().int().min(1).max(24).default(12),
});
