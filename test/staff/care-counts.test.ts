/**
 * What the back office shows of care cases beyond the cases themselves: the queue's per-state counts
 * leave them out (made, tallied, moved by care staff, recounted: the numbers a viewer or officer sees
 * never change), the "category or type" filter names the care form's type to care staff alone (for
 * anyone else it is an unknown type), the audit names a special-category opening and a care state
 * change in words, and the queue's caption counts one case as one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, type CaseAnswer } from '../../functions/core/cases/case-store.ts';
import { recountStates, tallyNewCases } from '../../functions/core/cases/queue.ts';
import { caseSealContext, sealCaseAnswers } from '../../functions/core/cases/sealed-answers.ts';
import type { CaseState } from '../../functions/core/cases/lifecycle.ts';
import type { FieldCipher } from '../../functions/core/crypto/field-cipher.ts';
import type { OidcDevProvider } from '../../functions/local/oidc-dev-provider.ts';
import { embeddedStore, testCipher, textOf } from '../support/harness.ts';
import { actionForm, caseTestCouncil, reportCase, type CaseTestCouncil } from './case-support.ts';
import { referencesOn } from './queue-support.ts';
import { devClients, StaffBrowser, startProvider, TestClock } from './support.ts';

const FORM = 'care-needs-assessment';
const CARE_TYPE_NAME = 'Ask for a care and support needs assessment';

let server: Awaited<ReturnType<typeof embeddedStore>>;
let idp: OidcDevProvider;
let hackney: CaseTestCouncil;
let cipher: FieldCipher;
const clock = new TestClock();
const browsers = new Map<string, StaffBrowser>();
let care: string;
let report: string;

const as = (who: 'viewer' | 'officer' | 'supervisor' | 'admin' | 'care') => browsers.get(who)!;
/** The queue page's "Cases by state", state by state. */
const countsOn = (html: string): Record<string, number> =>
  Object.fromEntries([...html.matchAll(/data-state="([a-z-]+)">[\s\S]*?data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
const countsFor = async (who: Parameters<typeof as>[0]) => countsOn(await (await as(who).get('/staff/queue')).text());
const minutesLater = (m: number) => clock.advance(m * 60_000);

/** A care request as the care form stores one: restricted to care, its health answer sealed with its reference. */
async function careRequest(): Promise<string> {
  const answers: CaseAnswer[] = [
    { key: 'person-name', question: { en: 'What is the name of the person who needs care and support?' }, text: ['Doreen Okafor'], value: 'Doreen Okafor' },
    { key: 'health-conditions', question: { en: 'Health conditions' }, text: ['Stroke in 2025.'], value: 'Stroke in 2025.', specialCategory: true },
  ];
  const result = await createCase(
    hackney.store,
    {
      service: 'forms',
      type: FORM,
      submissionId: `care-counts-${process.pid}`,
      details: { name: 'Doreen Okafor', email: 'doreen@example.com' },
      lang: 'en',
      retentionDays: 400,
      form: { id: FORM, version: 1, answers },
      restrictedTo: 'care',
    },
    clock.read(),
    hackney.secrets,
    { prepare: async (reference) => ({ form: { id: FORM, version: 1, answers: await sealCaseAnswers(cipher, answers, caseSealContext('hackney', reference, FORM)) } }) },
  );
  return result.case.reference;
}

/** Moves a case to a state through its page's state form, as the member of staff would. */
async function moveTo(who: Parameters<typeof as>[0], reference: string, state: CaseState) {
  const page = await as(who).get(`/staff/cases/${reference}`);
  expect(page.status).toBe(200);
  const res = await as(who).post(`/staff/cases/${reference}/state`, { ...actionForm(await page.text(), 'state'), state });
  expect(res.status).toBe(303);
}

beforeAll(async () => {
  server = await embeddedStore();
  const clients = await devClients(['hackney']);
  idp = await startProvider(['hackney'], clients);
  cipher = await testCipher();
  hackney = await caseTestCouncil('hackney', { endpoint: server.endpoint, issuer: idp.issuer, client: clients[0], clock, cipher });
  clock.sync();
  for (const role of ['viewer', 'officer', 'supervisor', 'admin', 'care'] as const) {
    const browser = new StaffBrowser(hackney);
    expect((await browser.signIn(`hackney-${role}`)).status).toBe(303);
    browsers.set(role, browser);
  }
  report = (await reportCase(hackney, clock.read())).case.reference;
  care = await careRequest();
});

afterAll(async () => {
  await idp?.close();
  await server?.close();
});

describe('the queue’s counts', () => {
  it('do not count a care request when the tally counts the new cases', async () => {
    minutesLater(2);
    expect(await tallyNewCases(hackney.store, Object.keys(hackney.council.services), clock.read())).toBe(1);

    for (const who of ['viewer', 'officer', 'care'] as const) expect(await countsFor(who)).toMatchObject({ submitted: 1, investigating: 0 });
  });

  it('do not move when care staff move a care request on, and still move for any other case', async () => {
    await moveTo('care', care, 'investigating');
    expect(await countsFor('viewer')).toMatchObject({ submitted: 1, investigating: 0 });
    expect(await countsFor('officer')).toMatchObject({ submitted: 1, investigating: 0 });

    await moveTo('officer', report, 'investigating');
    expect(await countsFor('officer')).toMatchObject({ submitted: 0, investigating: 1 });
  });

  it('are what the periodic recount finds: it too leaves the care request out', async () => {
    const before = await countsFor('officer');

    const recounted = await recountStates(hackney.store, clock.read());

    expect(recounted).toMatchObject({ submitted: 0, investigating: 1 });
    expect(await countsFor('officer')).toEqual(before);
    expect(Object.values(recounted).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('tell care staff, and only them, that care cases are not in them', async () => {
    const careHtml = textOf(await (await as('care').get('/staff/queue')).text());
    const officerHtml = textOf(await (await as('officer').get('/staff/queue')).text());

    expect(careHtml).toContain('Counts do not include care cases.');
    expect(officerHtml).not.toContain('Counts do not include care cases.');
  });
});

describe('the queue’s “category or type” filter', () => {
  it('names the care form’s type to care staff and to nobody else', async () => {
    for (const who of ['viewer', 'officer', 'supervisor'] as const) {
      const html = await (await as(who).get('/staff/queue')).text();
      expect(html).not.toContain(`forms:${FORM}`);
      expect(html).not.toContain(CARE_TYPE_NAME);
    }
    const html = await (await as('care').get('/staff/queue')).text();
    expect(html).toContain(`value="forms:${FORM}"`);
    expect(html).toContain(CARE_TYPE_NAME);
  });

  it('treats the care form’s type in a link as an unknown type for staff without the care role', async () => {
    const hidden = await as('officer').get(`/staff/queue?type=forms:${FORM}`);
    const unknown = await as('officer').get('/staff/queue?type=forms:no-such-form');
    const hiddenHtml = await hidden.text();

    expect(hidden.status).toBe(unknown.status);
    expect(hidden.status).toBe(400);
    expect(textOf(hiddenHtml).replace(`forms:${FORM}`, 'X')).toBe(textOf(await unknown.text()).replace('forms:no-such-form', 'X'));
    expect(referencesOn(hiddenHtml)).toEqual([]);
    expect(hiddenHtml).not.toContain(CARE_TYPE_NAME);

    const forCare = await as('care').get(`/staff/queue?type=forms:${FORM}`);
    expect(forCare.status).toBe(200);
    expect(referencesOn(await forCare.text())).toEqual([care]);
  });
});

describe('the case’s audit', () => {
  it('names a special-category opening and a care state change in words (the Welsh words beside them in cy.ts)', async () => {
    expect((await as('care').get(`/staff/cases/${care}`)).status).toBe(200);

    const html = textOf(await (await as('admin').get(`/staff/audit/cases/${care}`)).text());

    expect(html).toContain('Opened the special-category (care) answers: case page');
    expect(html).not.toContain('special-category-opened');
    // The care request's own name for "investigating".
    expect(html).toContain('Changed the state: Screening');
  });
});

describe('the queue’s caption', () => {
  it('counts one case as one', async () => {
    const html = textOf(await (await as('officer').get('/staff/queue')).text());

    expect(html).toContain('1 case on this page');
    expect(html).not.toContain('1 cases on this page');
  });
});
