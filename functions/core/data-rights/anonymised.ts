/**
 * What readers of cases need to know of anonymisation (anonymise.ts), without loading it: Open311's
 * representation and the pages import this small file only.
 */

/**
 * What Open311 (English only) says in place of an anonymised request's description: the request
 * stays listed, with its category, place, state and the council's updates, and says why it has no words.
 */
export const ANONYMISED_DESCRIPTION = 'Removed at the resident’s request';

/** Whether a case's personal data was removed at the resident's request. */
export function isAnonymised(c: { anonymisedAt?: string }): boolean {
  return c.anonymisedAt !== undefined;
}
