import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { createLogger } from '../../functions/core/logger.ts';
import { retryDueNotifications } from '../../functions/core/notifications/delivery.ts';
import { createStoreClient } from '../../functions/core/store/store.ts';
import type { EmailMessage, NotificationsPort } from '../../functions/core/notifications/port.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';
import { switchableProxy } from '../support/switchable-proxy.ts';

// South Cambridgeshire, round tuesday-a: blue bin, garden and food on Tuesday 1 December 2026,
// black bin and food on Tuesday 8 December. The window is 2 working days: to Thursday 3 December.
const UPRN = '10033500001';
const REPORT = `/bins/property/${UPRN}/report`;
const ANSWERS = { more: 'Left by the gate', email: 'resident@example.com' };

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

async function fresh(now = '2026-12-01T10:00:00Z', extra: Partial<Parameters<typeof testApp>[1]> = {}): Promise<TestApp> {
  return testApp('south-cambridgeshire', { endpoint: store.endpoint, now, ...extra });
}

async function countCases(app: TestApp): Promise<number> {
  const { Items = [] } = await createStoreClient({ endpoint: store.endpoint }).send(new ScanCommand({ TableName: app.store.tableName }));
  return Items.length;
}

/** Goes through details and check-answers, returning the check-answers page and the submission id. */
async function toCheckAnswers(session: Session, container = 'blue-bin', answers = ANSWERS) {
  const details = await session.get(`${REPORT}/${container}`);
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(await details.text())![1];
  const check = await session.post(`${REPORT}/${container}`, { step: 'details', ...answers, submissionId });
  return { check, html: await check.text(), submissionId };
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&');
  delete fields.csrf;
  return fields;
}

describe('choosing what to report', () => {
  it('lists only the containers the property has', async () => {
    const app = await fresh();
    const html = await (await new Session(app.app).get(REPORT)).text();
    for (const id of ['black-bin', 'blue-bin', 'green-bin', 'food-caddy']) expect(html).toContain(`value="${id}"`);
  });

  it('asks again when no container was chosen', async () => {
    const app = await fresh();
    const res = await new Session(app.app).get(`${REPORT}?choose=1`);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Select the bin that was not collected');
  });

  it('goes on to the details of a chosen container', async () => {
    const app = await fresh();
    const res = await new Session(app.app).get(`${REPORT}?choose=1&container=blue-bin`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${REPORT}/blue-bin`);
  });
});

describe('the reporting window', () => {
  it('allows a report from the collection day', async () => {
    const app = await fresh('2026-12-01T07:00:00Z');
    const res = await new Session(app.app).get(`${REPORT}/blue-bin`);
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain('Your Blue bin was due to be collected on Tuesday 1 December 2026');
  });

  it('allows a report until the end of the second working day after it', async () => {
    const app = await fresh('2026-12-03T23:30:00Z');
    expect((await new Session(app.app).get(`${REPORT}/blue-bin`)).status).toBe(200);
  });

  it('says plainly that it is too late once the window has closed', async () => {
    const app = await fresh('2026-12-04T09:00:00Z');
    const res = await new Session(app.app).get(`${REPORT}/blue-bin`);
    expect(res.status).toBe(422);
    const text = textOf(await res.text());
    expect(text).toContain('You cannot report this collection as missed');
    expect(text).toContain('Your Blue bin was due on Tuesday 1 December 2026');
    expect(text).toContain('by the end of Thursday 3 December 2026');
    expect(text).toContain('Your next collection is on Tuesday 15 December 2026');
  });

  it('says when a report can be made for a collection still to come', async () => {
    const app = await fresh('2026-12-05T09:00:00Z');
    // Black bin: last collected 24 November (window closed), next on 8 December.
    const res = await new Session(app.app).get(`${REPORT}/black-bin`);
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('Tuesday 8 December 2026');
  });

  it('refuses a container the property does not have', async () => {
    const app = await fresh();
    const res = await new Session(app.app).get(`/bins/property/10033500002/report/green-bin`);
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('This address does not have a Green bin');
  });

  it('refuses a report posted after the window closed', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const { html } = await toCheckAnswers(session);
    app.setNow('2026-12-04T09:00:00Z');
    const res = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'submit' });
    expect(res.status).toBe(422);
    expect(await countCases(app)).toBe(0);
  });
});

describe('details and check your answers', () => {
  it.each([
    [{ email: '' }, 'email', 'Enter your email address'],
    [{ email: 'not-an-email' }, 'email', 'Enter an email address in the correct format, like name@example.com'],
    [{ more: 'x'.repeat(501) }, 'more', 'Details must be 500 characters or fewer'],
  ])('explains a problem with %o and keeps the answers', async (change, field, message) => {
    const app = await fresh();
    const session = new Session(app.app);
    const answers = { ...ANSWERS, ...change };
    const res = await session.post(`${REPORT}/blue-bin`, { step: 'details', ...answers });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain(`href="#${field}"`);
    expect(html).toContain(`id="${field}-error"`);
    expect(textOf(html)).toContain(message);
    if (answers.email) expect(html).toContain(`value="${answers.email}"`);
    expect(html).toContain(answers.more.slice(0, 20));
  });

  it('shows the answers to check, each with a way to change it', async () => {
    const app = await fresh();
    const { check, html } = await toCheckAnswers(new Session(app.app));
    expect(check.status).toBe(200);
    const text = textOf(html);
    expect(text).toContain('Check your answers before sending your report');
    expect(text).toContain('3 Foxglove Way, Cambourne, Cambridge, CB23 6DW');
    expect(text).toContain('Tuesday 1 December 2026');
    expect(text).toContain(ANSWERS.more);
    expect(text).toContain(ANSWERS.email);
    expect(text).toContain('Change email address');
  });

  it('goes back to the details with the answers filled in when asked to change them', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const { html } = await toCheckAnswers(session);
    const res = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'change' });
    const details = await res.text();
    expect(textOf(details)).toContain('Tell us about the missed collection');
    expect(details).toContain(`value="${ANSWERS.email}"`);
    expect(details).toContain(ANSWERS.more);
  });
});

describe('sending a report', () => {
  it('creates a case, confirms it with a reference and emails the resident', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const { html } = await toCheckAnswers(session);
    const res = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'submit' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const reference = /\/bins\/report\/([A-Z2-9-]+)$/.exec(location)![1];
    expect(reference).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);

    const confirmation = textOf(await (await session.get(location)).text());
    expect(confirmation).toContain('Missed collection reported');
    expect(confirmation).toContain(reference);
    expect(confirmation).toContain(app.council.services.bins!.missedCollections.whatHappensNext.en);
    expect(confirmation).not.toContain(ANSWERS.email);

    const stored = await getCase(app.store, reference, new Date('2026-12-01T10:00:00Z'));
    expect(stored?.details).toMatchObject({ uprn: UPRN, container: 'blue-bin', collectionDate: '2026-12-01', email: ANSWERS.email });
    expect(stored?.notificationDueAt).toBeUndefined();

    const [email] = app.outbox.sent();
    expect(email).toMatchObject({ to: ANSWERS.email, lang: 'en', reference, subject: `Missed collection reported: ${reference}` });
    expect(email.body).toContain('Blue bin');
    expect(email.body).toContain('Tuesday 1 December 2026');
  });

  it('returns the first reference for a second report of the same collection and says so', async () => {
    const app = await fresh();
    const first = new Session(app.app);
    const a = await toCheckAnswers(first);
    const firstRes = await first.post(`${REPORT}/blue-bin`, { ...hiddenFields(a.html), step: 'submit' });
    const reference = firstRes.headers.get('location')!.split('/').pop();

    const neighbour = new Session(app.app);
    const b = await toCheckAnswers(neighbour, 'blue-bin', { more: '', email: 'someone-else@example.com' });
    const second = await neighbour.post(`${REPORT}/blue-bin`, { ...hiddenFields(b.html), step: 'submit' });
    expect(second.headers.get('location')).toBe(`/bins/report/${reference}?duplicate=1`);
    const text = textOf(await (await neighbour.get(second.headers.get('location')!)).text());
    expect(text).toContain('This collection has already been reported');
    expect(text).toContain(reference);
    expect(await countCases(app)).toBe(1);
    expect(app.outbox.sent()).toHaveLength(1);
  });

  it('treats another container at the same address as a new report', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    for (const container of ['blue-bin', 'food-caddy']) {
      const { html } = await toCheckAnswers(session, container);
      expect((await session.post(`${REPORT}/${container}`, { ...hiddenFields(html), step: 'submit' })).status).toBe(303);
    }
    expect(await countCases(app)).toBe(2);
  });

  it('shows the same confirmation, not a duplicate, when the same submission is sent twice', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    const { html } = await toCheckAnswers(session);
    const one = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'submit' });
    const two = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'submit' });
    expect(two.headers.get('location')).toBe(one.headers.get('location'));
    expect(await countCases(app)).toBe(1);
  });

  it('answers an unknown or malformed reference with a 404 page', async () => {
    const app = await fresh();
    const session = new Session(app.app);
    expect((await session.get('/bins/report/ABCD-EFGH')).status).toBe(404);
    expect((await session.get('/bins/report/0000-OOOO')).status).toBe(404);
  });

  it('sends the confirmation email in Welsh to a resident who used the Welsh pages', async () => {
    // Ceredigion, SY23 1DE, round monday-week-1: clear bags on Monday 30 November 2026.
    const app = await testApp('ceredigion', { endpoint: store.endpoint, now: '2026-11-30T12:00:00Z' });
    const session = new Session(app.app);
    const base = '/cy/bins/property/10009400001/report/clear-bags';
    const details = await (await session.get(base)).text();
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(details)![1];
    const check = await (await session.post(base, { step: 'details', more: '', email: 'preswylydd@example.com', submissionId })).text();
    expect(textOf(check)).toContain('Dydd Llun 30 Tachwedd 2026');
    const res = await session.post(base, { ...hiddenFields(check), step: 'submit' });
    expect(res.headers.get('location')).toMatch(/^\/cy\/bins\/report\//);
    const [email] = app.outbox.sent();
    expect(email.lang).toBe('cy');
    expect(email.subject).toMatch(/^Casgliad wedi’i fethu/);
    expect(email.body).toContain('Dydd Llun 30 Tachwedd 2026');
  });
});

describe('when the store is unreachable', () => {
  it('shows a 503 page that keeps the answers, and a later resubmission creates exactly one case', async () => {
    const proxy = await switchableProxy(store.endpoint);
    try {
      const app = await fresh('2026-12-01T10:00:00Z', { storeEndpoint: proxy.endpoint });
      const session = new Session(app.app);
      const { html } = await toCheckAnswers(session);
      const answers = hiddenFields(html);

      proxy.down();
      const failed = await session.post(`${REPORT}/blue-bin`, { ...answers, step: 'submit' });
      expect(failed.status).toBe(503);
      const page = await failed.text();
      expect(page).toMatch(/<title>Error: /);
      expect(textOf(page)).toContain('Your answers have been kept');
      expect(hiddenFields(page)).toEqual(answers);
      expect(await countCases(app)).toBe(0);
      expect(app.outbox.sent()).toHaveLength(0);

      proxy.up();
      const retried = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(page), step: 'submit' });
      expect(retried.status).toBe(303);
      const again = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(page), step: 'submit' });
      expect(again.headers.get('location')).toBe(retried.headers.get('location'));
      expect(await countCases(app)).toBe(1);
      expect(app.outbox.sent()).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('shows a 503 page, not an error, for a page that needs the store', async () => {
    const proxy = await switchableProxy(store.endpoint);
    try {
      const app = await fresh('2026-12-01T10:00:00Z', { storeEndpoint: proxy.endpoint });
      proxy.down();
      const res = await new Session(app.app).get('/bins/report/ABCD-EFGH');
      expect(res.status).toBe(503);
      expect(textOf(await res.text())).toContain('Sorry, the service is unavailable');
    } finally {
      await proxy.close();
    }
  });
});

describe('when the email cannot be sent', () => {
  class FlakyNotify implements NotificationsPort {
    failing = true;
    sent: EmailMessage[] = [];
    async sendEmail(message: EmailMessage) {
      if (this.failing) throw new Error('Notify is down');
      this.sent.push(message);
    }
  }

  it('keeps the case, confirms it, and sends the email when a retry succeeds', async () => {
    const notify = new FlakyNotify();
    const app = await fresh('2026-12-01T10:00:00Z', { notifications: notify });
    const session = new Session(app.app);
    const { html } = await toCheckAnswers(session);
    const res = await session.post(`${REPORT}/blue-bin`, { ...hiddenFields(html), step: 'submit' });
    expect(res.status).toBe(303);
    const reference = res.headers.get('location')!.split('/').pop()!;
    const pending = await getCase(app.store, reference, new Date('2026-12-01T10:00:00Z'));
    expect(pending?.notificationAttempts).toBe(1);
    expect(pending?.notificationDueAt).toBe('2026-12-01T10:01:00.000Z');

    const logger = createLogger();
    // Not yet due: nothing is tried.
    expect(await retryDueNotifications(app.store, notify, new Date('2026-12-01T10:00:30Z'), logger)).toEqual({ sent: 0, failed: 0 });
    // Due, still failing: counted and put back with a longer wait.
    expect(await retryDueNotifications(app.store, notify, new Date('2026-12-01T10:01:00Z'), logger)).toEqual({ sent: 0, failed: 1 });
    notify.failing = false;
    expect(await retryDueNotifications(app.store, notify, new Date('2026-12-01T10:05:00Z'), logger)).toEqual({ sent: 1, failed: 0 });
    expect(notify.sent).toHaveLength(1);
    expect(notify.sent[0]).toMatchObject({ to: ANSWERS.email, reference, template: 'missed-collection-confirmation' });
    expect(notify.sent[0].personalisation.reference).toBe(reference);
    // Sent once: nothing is left to retry.
    expect(await retryDueNotifications(app.store, notify, new Date('2026-12-02T10:00:00Z'), logger)).toEqual({ sent: 0, failed: 0 });
  });
});
