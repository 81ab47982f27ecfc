/**
 * The platform's staff roles, modelled on FixMyStreet's permissions but named: a council's file maps
 * its identity provider's role or group claims to these (`staff.signIn.roles`). Later services add
 * their own (e.g. `care`, `data-protection`) here.
 */
export const ROLES = ['viewer', 'officer', 'supervisor', 'admin', 'care', 'data-protection'] as const;

export type Role = (typeof ROLES)[number];

/**
 * What each permission allows, and which roles hold it. Every staff route names one permission
 * (`requirePermission('case:read')`); nothing checks a role by name outside this table.
 *
 * Roles are not a ladder: an admin looks after sign-in and the audit, not cases. A council that
 * wants one person to do both maps their group to both roles.
 */
export const PERMISSIONS = {
  /** The staff landing page: any signed-in member of staff with a role. */
  'staff:home': ['viewer', 'officer', 'supervisor', 'admin', 'care', 'data-protection'],
  /** The queue and case pages, without the resident's personal details. */
  'case:read': ['viewer', 'officer', 'supervisor'],
  /** The resident's name, email, phone and address on a case (each view audited). */
  'case:personal-data': ['officer', 'supervisor'],
  /** Change a case's state, add a public update or an internal note, mark a duplicate. */
  'case:work': ['officer', 'supervisor'],
  /** Make a report or request on a resident's behalf (assisted digital). */
  'case:assisted': ['officer', 'supervisor'],
  /** Assign cases to an officer. */
  'case:assign': ['supervisor'],
  /** Change state or assign for many cases at once. */
  'case:bulk': ['supervisor'],
  /** The CSV export of the queue. */
  'case:export': ['supervisor'],
  /** See staff members' sessions and sign them out everywhere. */
  'staff:sessions': ['admin'],
  /** Read the audit of a case or a member of staff. */
  'audit:read': ['admin'],
  /**
   * Social care: see cases restricted to care staff (`restrictedTo: 'care'`) and open special-category
   * answers (each opening audited). Not a ladder either: it adds to a role that reads cases (a duty
   * social worker is mapped to officer and care); on its own it gives the landing page only.
   */
  'case:care': ['care'],
  /**
   * Residents' data rights: the queue of requests to delete their data (each due a calendar month
   * after it arrived), approving or refusing one, and the subject access search of everything held
   * about an email address or phone number (each search audited). Requests are cases restricted to
   * `data-protection`, so only this permission sees them.
   */
  'data-rights:work': ['data-protection'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether any of the roles holds the permission.
 *
 * @example
 * can(['officer'], 'case:personal-data'); // true
 * can(['viewer'], 'case:export');         // false
 */
export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/**
 * Which permission lets a member of staff see a restricted case (`StoredCase.restrictedTo`). A case
 * restricted to a name not here is seen by nobody: a restriction the back office does not know
 * fails closed.
 */
const RESTRICTIONS: Readonly<Record<string, Permission>> = { care: 'case:care', 'data-protection': 'data-rights:work' };

/**
 * The restrictions whose cases these roles see (the queue's `restrictedVisible`): `['care']` for
 * care staff, `[]` for everyone else.
 *
 * @example
 * visibleRestrictions(['officer', 'care']); // ['care']
 * visibleRestrictions(['supervisor']);      // []
 */
export function visibleRestrictions(roles: readonly Role[]): string[] {
  return Object.entries(RESTRICTIONS)
    .filter(([, permission]) => can(roles, permission))
    .map(([restriction]) => restriction);
}

/**
 * Whether these roles see a case at all: an unrestricted case whenever they may read cases (the
 * route's own permission), a restricted one only with its restriction's permission. Everywhere a
 * case is found by reference (case page, search, bulk action, duplicate), one they may not see is
 * treated exactly as one that does not exist.
 *
 * @example
 * mayViewCase(['supervisor'], { restrictedTo: 'care' }); // false
 * mayViewCase(['officer', 'care'], { restrictedTo: 'care' }); // true
 */
export function mayViewCase(roles: readonly Role[], found: { restrictedTo?: string }): boolean {
  if (found.restrictedTo === undefined) return true;
  const permission = Object.hasOwn(RESTRICTIONS, found.restrictedTo) ? RESTRICTIONS[found.restrictedTo] : undefined;
  return permission !== undefined && can(roles, permission);
}

/**
 * The platform roles a member of staff has, from the role claim of their ID token mapped through the
 * council's file. Claim values the file does not name give nothing; duplicates collapse.
 *
 * @example
 * rolesFromClaim(['LDF.Officer', 'Everyone'], { 'LDF.Officer': ['officer'] }); // ['officer']
 */
export function rolesFromClaim(claim: unknown, mapping: Record<string, readonly Role[]>): Role[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const roles = new Set<Role>();
  for (const value of values) {
    if (typeof value !== 'string' || !Object.hasOwn(mapping, value)) continue;
    for (const role of mapping[value]) roles.add(role);
  }
  return ROLES.filter((r) => roles.has(r));
}

/**
 * The platform roles an ID token's claims give, as the council's file says (`staff.signIn`). With
 * `roleClaim: 'email'` (Google Workspace, whose tokens carry no roles or groups) the file maps staff
 * email addresses: compared lower-cased, and only when the IdP says it verified the address, since an
 * unverified one is whatever the account's owner typed.
 *
 * @example
 * rolesForToken({ email: 'Olu.Officer@highland.gov.uk', email_verified: true }, { roleClaim: 'email', roles: { 'olu.officer@highland.gov.uk': ['officer'] } }); // ['officer']
 * rolesForToken({ roles: ['LDF.Officer'] }, { roleClaim: 'roles', roles: { 'LDF.Officer': ['officer'] } }); // ['officer']
 */
export function rolesForToken(claims: Record<string, unknown>, signIn: { roleClaim: 'roles' | 'groups' | 'email'; roles: Record<string, readonly Role[]> }): Role[] {
  if (signIn.roleClaim !== 'email') return rolesFromClaim(claims[signIn.roleClaim], signIn.roles);
  if (claims.email_verified !== true || typeof claims.email !== 'string') return [];
  const byEmail = Object.fromEntries(Object.entries(signIn.roles).map(([email, roles]) => [email.toLowerCase(), roles]));
  return rolesFromClaim(claims.email.toLowerCase(), byEmail);
}
