/**
 * The care-needs-assessment form through app.request(), as a resident meets it: the start page names
 * the law for the council's nation; the two exits first; someone asking for themselves at Hackney
 * through the details page (a box per need chosen, errors per box, skipped for "I'm not sure") to a
 * case restricted to care staff; Welsh at Ceredigion with Wales' outcomes; Highland's own list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { answerAddress, errorSummary, next, pageText, startForm } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const FORM = '/forms/care-needs-assessment';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const fresh = (councilId: string) => testApp(councilId, { endpoint: store.endpoint, now: NOW });

/** Someone asking for themselves, from the first page to the needs page. */
async function toNeeds(session: Session, base: string, name: string, home: { postcode: string; uprn: string }): Promise<void> {
  await next(session, `${base}/what-you-want`, { 'what-you-want': 'assessment' });
  await next(session, `${base}/who-is-asking`, { 'who-is-asking': 'myself' });
  await next(session, `${base}/person-name`, { 'person-name': name });
  await next(session, `${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' });
  await answerAddress(session, `${base}/person-address`, home, { key: 'person-address' });
  await next(session, `${base}/person-contact`, { 'person-phone': '01632 960 001' });
  await next(session, `${base}/lives-with`, { 'lives-with': 'alone' });
  await next(session, `${base}/language`, { 'preferred-language': 'English' });
  await next(session, `${base}/interpreter`, { interpreter: 'no' });
  await next(session, `${base}/communication-needs`, {});
  expect(await next(session, `${base}/advocate`, { advocate: 'no' })).toBe(`${base}/needs`);
}

describe('care-needs-assessment at Hackney', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await fresh('hackney');
  });

  it('names the Care Act 2014 and Article 9 on the start page, and the privacy notice names them too', async () => {
    const session = new Session(app.app);
    const start = textOf(await (await session.get(FORM)).text());
    expect(start).toContain('The law that lets us ask for this information is the Care Act 2014, section 9.');
    expect(start).toContain('UK GDPR Article 9(2)(h)');
    expect(start).toContain('call 020 8356 3000');
    const privacy = textOf(await (await session.get('/privacy')).text());
    expect(privacy).toContain('The law: the Care Act 2014, section 9.');
    // Its six years' retention as people say it.
    expect(privacy).toContain('6 years');
  });

  it('sends someone in danger to 999, and a worry about abuse to the safeguarding numbers, before asking anything else', async () => {
    const session = new Session(app.app);
    const base = await startForm(session, FORM, 'what-you-want');
    expect(await next(session, `${base}/what-you-want`, { 'what-you-want': 'danger' })).toBe(`${base}/exit/immediate-danger`);
    expect(await pageText(session, `${base}/exit/immediate-danger`)).toContain('If someone is in immediate danger, call 999');
    expect(await next(session, `${base}/what-you-want`, { 'what-you-want': 'abuse' })).toBe(`${base}/exit/safeguarding`);
    const safeguarding = await pageText(session, `${base}/exit/safeguarding`);
    expect(safeguarding).toContain('Call our adult safeguarding team on 020 8356 3000.');
    expect(safeguarding).toContain('call 020 8356 2300');
  });

  it('asks for yourself through a box per need chosen, with an error per box, to a case only care staff see', async () => {
    const session = new Session(app.app);
    const base = await startForm(session, FORM, 'what-you-want');
    expect(await next(session, `${base}/what-you-want`, { 'what-you-want': 'assessment' })).toBe(`${base}/who-is-asking`);
    expect(await next(session, `${base}/who-is-asking`, { 'who-is-asking': 'myself' })).toBe(`${base}/person-name`);
    expect(await next(session, `${base}/person-name`, { 'person-name': 'Doreen Okafor' })).toBe(`${base}/date-of-birth`);
    expect(await next(session, `${base}/date-of-birth`, { 'date-of-birth-day': '3', 'date-of-birth-month': '7', 'date-of-birth-year': '1941' })).toBe(`${base}/person-address`);
    expect(await answerAddress(session, `${base}/person-address`, { postcode: 'E8 2NS', uprn: '10008200011' }, { key: 'person-address' })).toBe(`${base}/person-contact`);
    expect(await next(session, `${base}/person-contact`, { 'person-phone': '020 7946 0123', 'person-email': '' })).toBe(`${base}/lives-with`);
    expect(await next(session, `${base}/lives-with`, { 'lives-with': 'alone' })).toBe(`${base}/language`);
    expect(await next(session, `${base}/language`, { 'preferred-language': 'English' })).toBe(`${base}/interpreter`);
    expect(await next(session, `${base}/interpreter`, { interpreter: 'no' })).toBe(`${base}/communication-needs`);
    expect(await next(session, `${base}/communication-needs`, { 'communication-needs': '' })).toBe(`${base}/advocate`);
    expect(await next(session, `${base}/advocate`, { advocate: 'no' })).toBe(`${base}/needs`);

    const needs = await pageText(session, `${base}/needs`);
    expect(needs).toContain('Personal hygiene');
    expect(needs).not.toContain('Communicating');
    expect(await next(session, `${base}/needs`, { needs: ['personal-hygiene', 'nutrition'] })).toBe(`${base}/needs-details`);

    const details = await (await session.get(`${base}/needs-details`)).text();
    expect(details).toContain('id="needs-details-nutrition"');
    expect(details).toContain('id="needs-details-personal-hygiene"');
    const bad = await session.post(`${base}/needs-details`, { 'needs-details-nutrition': 'x'.repeat(501), 'needs-details-personal-hygiene': '' });
    expect(bad.status).toBe(400);
    const summary = errorSummary(await bad.text());
    expect(summary).toContain('Details about eating and drinking (managing and maintaining nutrition) must be 500 characters or less');
    expect(summary).toContain('Enter details about personal hygiene');
    expect(
      await next(session, `${base}/needs-details`, { 'needs-details-nutrition': 'Forgets to eat since her stroke.', 'needs-details-personal-hygiene': 'Cannot get in or out of the bath.' }),
    ).toBe(`${base}/unpaid-carer`);
    expect(await next(session, `${base}/unpaid-carer`, { 'unpaid-carer': 'no' })).toBe(`${base}/health-conditions`);
    expect(await next(session, `${base}/health-conditions`, { 'health-conditions': 'Stroke in 2025.' })).toBe(`${base}/gp-practice`);
    expect(await next(session, `${base}/gp-practice`, { 'gp-practice': '' })).toBe(`${base}/how-to-contact`);
    expect(await next(session, `${base}/how-to-contact`, { 'contact-method': 'phone', 'contact-time': 'Mornings' })).toBe(`${base}/check-answers`);

    const check = await pageText(session, `${base}/check-answers`);
    expect(check).toContain('Personal hygiene: Cannot get in or out of the bath.');
    expect(check).toContain('Eating and drinking (managing and maintaining nutrition): Forgets to eat since her stroke.');

    const sent = await session.post(`${base}/check-answers`, {});
    expect(sent.status).toBe(303);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    const done = await pageText(session, sent.headers.get('location')!);
    expect(done).toContain('We will contact you within 5 working days.');
    const kept = await getCase(app.store, reference, new Date(NOW));
    expect(kept?.type).toBe('care-needs-assessment');
    expect(kept?.restrictedTo).toBe('care');
  });

  it('skips the details page when the needs are "I\'m not sure"', async () => {
    const session = new Session(app.app);
    const base = await startForm(session, FORM, 'what-you-want');
    await toNeeds(session, base, 'Doreen Okafor', { postcode: 'E8 2NS', uprn: '10008200011' });
    expect(await next(session, `${base}/needs`, { needs: ['none'] })).toBe(`${base}/unpaid-carer`);
    expect(textOf(await (await session.get(`${base}/unpaid-carer`)).text())).toContain('Does an unpaid carer help them?');
  });
});

describe('care-needs-assessment in Welsh at Ceredigion, and with its own list at Highland', () => {
  it('offers Wales’ well-being outcomes in Welsh, and names the 2014 Act', async () => {
    const app = await fresh('ceredigion');
    const session = new Session(app.app);
    const start = textOf(await (await session.get(`/cy${FORM}`)).text());
    expect(start).toContain('Y gyfraith sy’n caniatáu i ni ofyn am yr wybodaeth hon yw Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014, adran 19.');
    const base = await startForm(session, FORM, 'what-you-want', '/cy');
    await toNeeds(session, base, 'Carys Jones', { postcode: 'SY23 1DE', uprn: '10009400001' });
    const needs = await (await session.get(`${base}/needs`)).text();
    expect(textOf(needs)).toContain('Cyfathrebu');
    expect(textOf(needs)).not.toContain('Hylendid personol');
  });

  it('offers Highland’s own list of needs', async () => {
    const app = await fresh('highland');
    const session = new Session(app.app);
    const base = await startForm(session, FORM, 'what-you-want');
    await toNeeds(session, base, 'Cai MacLeod', { postcode: 'IV3 5PS', uprn: '13000700001' });
    const needs = textOf(await (await session.get(`${base}/needs`)).text());
    expect(needs).toContain('Staying safe from harm, abuse or neglect');
    expect(needs).not.toContain('Personal hygiene');
    expect(needs).not.toContain('Cyfathrebu');
  });
});
