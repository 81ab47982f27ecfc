import { getCookie } from 'hono/cookie';
import type { MadeBy } from '../../core/cases/case-store.ts';
import type { CaseChannel } from '../../core/cases/lifecycle.ts';
import { sessionCookie } from '../../core/http/csrf.ts';
import type { AppContext } from '../../core/http/env.ts';

/**
 * The staff session cookie's name, as functions/staff/auth/guard.ts sets it (a test checks they
 * agree). Repeated here so that resident pages need not load the staff code to look for it.
 */
export const STAFF_COOKIE_NAME = 'ldf_staff';

/** What a case made for a resident by an officer records, and what to do once it is made. */
export interface AssistedStamp {
  channel: CaseChannel;
  madeBy: MadeBy;
  /** Called with the new case's reference: ends the officer's assisted mode and audits the case. */
  done(reference: string): Promise<void>;
}

/**
 * For a resident journey's submit step: whether an officer is making this case on a resident's
 * behalf (assisted digital), and if so its channel and "made by". A resident's browser has no staff
 * cookie, so for them this costs a cookie look-up and nothing is loaded or read; only a browser
 * with the staff cookie loads the staff code (on demand) and reads its session and marker.
 *
 * @example
 * const assisted = await assistedStamp(c, 'report');
 * const result = await createCase(store, { ...newCase, channel: assisted?.channel, madeBy: assisted?.madeBy }, now, secrets);
 * if (result.outcome === 'created') await assisted?.done(result.case.reference);
 */
export async function assistedStamp(c: AppContext, service: string): Promise<AssistedStamp | undefined> {
  if (!c.get('council').staff) return undefined;
  const cookie = sessionCookie(c, STAFF_COOKIE_NAME, c.get('deps').basePath);
  // Over HTTPS only the prefixed cookie counts, as for the staff pages themselves.
  const id = getCookie(c, STAFF_COOKIE_NAME, cookie.prefix);
  if (!id) return undefined;
  const { readAssistedStamp } = await import('./marker.ts');
  return readAssistedStamp(c, id, service);
}
