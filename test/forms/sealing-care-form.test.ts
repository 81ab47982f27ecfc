/**
 * The catalogue's care-needs-assessment form at rest: every special-category answer it marks (the
 * language, communication, needs and their details, carer, health, GP) is sealed in the draft and in
 * the case, so neither raw item holds what the resident typed into them; save and return carries
 * them to another browser; the case's answers open with its context; the confirmation email holds
 * only the reference, the response time and the phone number.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { caseSealContext, openCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import { documentClient, TABLE_KEYS, type CouncilStore } from '../../functions/core/store/store.ts';
import { answerAddress, next, pageText, startForm } from '../support/forms.ts';
import { embeddedStore, Session, testApp, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/care-needs-assessment';

// What the resident types into marked questions: none of it may be found in a stored item.
const MARKED = {
  language: 'Yoruba',
  communication: 'Hard of hearing in the left ear',
  nutrition: 'Forgets to eat since her stroke',
  hygiene: 'Cannot get in or out of the bath',
  health: 'Vascular dementia diagnosed 2025',
  gp: 'Sandringham Road Surgery',
};

let server: Awaited<ReturnType<typeof embeddedStore>>;
let app: TestApp;
beforeAll(async () => {
  server = await embeddedStore();
  app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
});
afterAll(() => server.close());

async function raw(store: CouncilStore, pk: string, sk: string) {
  const { Item } = await documentClient(store).send(new GetCommand({ TableName: store.tableName, Key: { [TABLE_KEYS.partitionKey]: pk, [TABLE_KEYS.sortKey]: sk } }));
  return Item;
}

function expectNoPlaintext(item: unknown) {
  const text = JSON.stringify(item);
  for (const typed of Object.values(MARKED)) expect(text).not.toContain(typed);
}

/** From the start to the needs page, asking for yourself. */
async function aboutYou(session: Session): Promise<string> {
  const base = await startForm(session, FORM, 'what-you-want');
  await next(session, `${base}/what-you-want`, { 'what-you-want': 'assessment' });
  await next(session, `${base}/who-is-asking`, { 'who-is-asking': 'myself' });
  await next(session, `${base}/person-name`, { 'person-name': 'Doreen Okafor' });
  await next(session, `${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' });
  await answerAddress(session, `${base}/person-address`, { postcode: 'E8 2NS', uprn: '10008200011' }, { key: 'person-address' });
  await next(session, `${base}/person-contact`, { 'person-phone': '020 7946 0123', 'person-email': 'doreen@example.com' });
  await next(session, `${base}/lives-with`, { 'lives-with': 'alone' });
  await next(session, `${base}/language`, { 'preferred-language': MARKED.language });
  await next(session, `${base}/interpreter`, { interpreter: 'no' });
  await next(session, `${base}/communication-needs`, { 'communication-needs': MARKED.communication });
  expect(await next(session, `${base}/advocate`, { advocate: 'no' })).toBe(`${base}/needs`);
  await next(session, `${base}/needs`, { needs: ['personal-hygiene', 'nutrition'] });
  expect(await next(session, `${base}/needs-details`, { 'needs-details-nutrition': MARKED.nutrition, 'needs-details-personal-hygiene': MARKED.hygiene })).toBe(`${base}/unpaid-carer`);
  return base;
}

/** From the unpaid carer page to check answers. */
async function theRest(session: Session, base: string): Promise<void> {
  await next(session, `${base}/unpaid-carer`, { 'unpaid-carer': 'no' });
  await next(session, `${base}/health-conditions`, { 'health-conditions': MARKED.health });
  await next(session, `${base}/gp-practice`, { 'gp-practice': MARKED.gp });
  expect(await next(session, `${base}/how-to-contact`, { 'contact-method': 'phone', 'contact-time': 'Mornings' })).toBe(`${base}/check-answers`);
}

describe('care-needs-assessment’s special-category answers', () => {
  it('are sealed in the saved draft, carried to another browser by the link, sealed in the case, and kept out of the email', async () => {
    const session = new Session(app.app);
    const base = await aboutYou(session);
    const draftId = base.split('/').pop()!;
    expectNoPlaintext(await raw(app.store, `DRAFT#${draftId}`, 'DRAFT'));

    // Saved to come back to, and carried on in another browser: the details answer (one text per need) comes back whole.
    expect(await next(session, `${base}/save`, { email: 'doreen@example.com' })).toBe(`${base}/save/sent`);
    const neutral = new URL(/https?:\/\/\S+\/resume\/[A-Za-z0-9_-]+/.exec(app.outbox.sent().at(-1)!.body)![0]).pathname;
    const other = new Session(app.app);
    // A restricted form's link names no form: it redirects to the form's own link.
    const link = (await other.get(neutral)).headers.get('location')!;
    const resumed = await other.post(link, {});
    expect(resumed.headers.get('location')).toBe(`${base}/unpaid-carer`);
    const details = await (await other.get(`${base}/needs-details`)).text();
    expect(details).toContain(MARKED.nutrition);
    expect(details).toContain(MARKED.hygiene);
    expectNoPlaintext(await raw(app.store, `DRAFT#${draftId}`, 'DRAFT'));

    await theRest(other, base);
    const check = await pageText(other, `${base}/check-answers`);
    for (const typed of Object.values(MARKED)) expect(check).toContain(typed);
    const sent = await other.post(`${base}/check-answers`, {});
    const reference = sent.headers.get('location')!.split('/').pop()!;
    expect(await raw(app.store, `DRAFT#${draftId}`, 'DRAFT')).toBeUndefined();
    expectNoPlaintext(await raw(app.store, `CASE#${reference}`, 'CASE'));

    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored.restrictedTo).toBe('care');
    const marked = stored.form!.answers.filter((a) => a.specialCategory);
    expect(marked.map((a) => a.key)).toEqual(
      expect.arrayContaining(['preferred-language', 'interpreter', 'communication-needs', 'advocate', 'needs', 'needs-details', 'unpaid-carer', 'health-conditions', 'gp-practice']),
    );
    for (const a of marked) expect(a).toMatchObject({ text: [], value: null, sealed: expect.any(String) });
    const opened = await openCaseAnswers(app.cipher, stored.form!.answers, caseSealContext('hackney', reference, 'care-needs-assessment'));
    expect(opened.find((a) => a.key === 'needs-details')!.value).toEqual({ nutrition: MARKED.nutrition, 'personal-hygiene': MARKED.hygiene });
    expect(opened.find((a) => a.key === 'health-conditions')!.value).toBe(MARKED.health);

    const email = app.outbox.sent().find((m) => m.reference === reference)!;
    expect(email).toMatchObject({ to: 'doreen@example.com', template: 'form-confirmation-restricted', subject: `Your request to London Borough of Hackney: reference ${reference}` });
    expect(email.body).toContain(reference);
    expect(email.body).toContain('We will contact you within 5 working days.');
    expect(email.body).toContain('call 020 8356 3000');
    for (const never of ['care', 'assessment', 'Doreen', ...Object.values(MARKED)]) expect(`${email.subject}\n${email.body}`.toLowerCase()).not.toContain(never.toLowerCase());
  });
});
