/**
 * The care form's pages as a resident asking for themselves fills them in, over HTTP (the browser
 * tests have their own, test/support/care.ts): for tests that need a care request made the way a
 * resident makes one.
 */
import type { Session } from './harness.ts';
import { answerAddress, next, startForm } from './forms.ts';

export const CARE_FORM = '/forms/care-needs-assessment';

/**
 * Starts the care form and answers every page for Doreen Okafor, asking for herself; the draft's
 * base path, at check answers. `needs` gives each need chosen with its "tell us more".
 *
 * @example
 * const base = await careRequestForYourself(session, { needs: { nutrition: 'Forgets to eat' } });
 * await session.post(`${base}/check-answers`, {});
 */
export async function careRequestForYourself(session: Session, answers: { needs: Record<string, string>; health?: string }): Promise<string> {
  const base = await startForm(session, CARE_FORM, 'what-you-want');
  await next(session, `${base}/what-you-want`, { 'what-you-want': 'assessment' });
  await next(session, `${base}/who-is-asking`, { 'who-is-asking': 'myself' });
  await next(session, `${base}/person-name`, { 'person-name': 'Doreen Okafor' });
  await next(session, `${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' });
  await answerAddress(session, `${base}/person-address`, { postcode: 'E8 2NS', uprn: '10008200011' }, { key: 'person-address' });
  await next(session, `${base}/person-contact`, { 'person-phone': '020 7946 0123', 'person-email': 'doreen@example.com' });
  await next(session, `${base}/lives-with`, { 'lives-with': 'alone' });
  await next(session, `${base}/language`, { 'preferred-language': 'English' });
  await next(session, `${base}/interpreter`, { interpreter: 'no' });
  await next(session, `${base}/communication-needs`, { 'communication-needs': '' });
  await next(session, `${base}/advocate`, { advocate: 'no' });
  await next(session, `${base}/needs`, { needs: Object.keys(answers.needs) });
  await next(session, `${base}/needs-details`, Object.fromEntries(Object.entries(answers.needs).map(([need, text]) => [`needs-details-${need}`, text])));
  await next(session, `${base}/unpaid-carer`, { 'unpaid-carer': 'no' });
  await next(session, `${base}/health-conditions`, { 'health-conditions': answers.health ?? '' });
  await next(session, `${base}/gp-practice`, { 'gp-practice': '' });
  await next(session, `${base}/how-to-contact`, { 'contact-method': 'phone', 'contact-time': 'Mornings' });
  return base;
}
