/**
 * Retention of care requests: a case's expiry comes from the form's retention as the council's file
 * settles it (six years in the catalogue), its sealed answers live in the case's own item, and once
 * it has expired the case is read by nobody (DynamoDB's TTL deletes lazily, and locally not at all:
 * reads filter expired items), in the queue, including care staff's, or on its confirmation page; a
 * saved draft, with its sealed answers, goes the same way at the end of its own period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { listQueue } from '../../functions/core/cases/queue.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import { careRequestForYourself } from '../support/care-requests.ts';
import { next } from '../support/forms.ts';
import { embeddedStore, Session, testApp, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const DAY = 86_400_000;

let server: Awaited<ReturnType<typeof embeddedStore>>;
let app: TestApp;
beforeAll(async () => {
  server = await embeddedStore();
  app = await testApp('hackney', { endpoint: server.endpoint, now: NOW });
});
afterAll(() => server.close());

/** A request for yourself, to check answers; returns the draft's base path. */
const request = (session: Session) => careRequestForYourself(session, { needs: { nutrition: 'Forgets to eat' } });

describe('a care request’s retention', () => {
  it('expires with the form’s retention from config: then it is in no queue, not even care staff’s, and its page is gone', async () => {
    const session = new Session(app.app);
    const base = await request(session);
    const sent = await session.post(`${base}/check-answers`, {});
    const confirmation = sent.headers.get('location')!;
    const reference = confirmation.split('/').pop()!;

    const days = resolveForm(app.council, 'care-needs-assessment')!.retentionDays;
    expect(days).toBe(2190);
    const stored = (await getCase(app.store, reference, new Date(NOW)))!;
    expect(stored.expiresAt).toBe(Math.floor(Date.parse(NOW) / 1000) + days * 86_400);
    expect(stored.form!.answers.some((a) => a.sealed)).toBe(true);
    const careQueue = (at: Date) => listQueue(app.store, { filters: { service: 'forms', restrictedVisible: ['care'] }, pageSize: 50 }, at);
    expect((await careQueue(new Date(NOW))).cases.map((c) => c.reference)).toContain(reference);

    // The day before it expires it is still there; the day after, nobody reads it.
    const dayBefore = new Date(Date.parse(NOW) + (days - 1) * DAY);
    expect(await getCase(app.store, reference, dayBefore)).toBeDefined();
    const dayAfter = new Date(Date.parse(NOW) + (days + 1) * DAY);
    expect(await getCase(app.store, reference, dayAfter)).toBeUndefined();
    expect((await careQueue(dayAfter)).cases.map((c) => c.reference)).not.toContain(reference);
    app.setNow(dayAfter.toISOString());
    try {
      expect((await session.get(confirmation)).status).toBe(404);
    } finally {
      app.setNow(NOW);
    }
  });

  it('drops a saved draft, sealed answers and all, at the end of its save-and-return period', async () => {
    const session = new Session(app.app);
    const base = await request(session);
    expect(await next(session, `${base}/save`, { email: 'doreen@example.com' })).toBe(`${base}/save/sent`);
    const saveDays = resolveForm(app.council, 'care-needs-assessment')!.saveAndReturn!.days;
    // Kept while the emailed link lasts (the draft itself answers for the browser that saved it)…
    app.setNow(new Date(Date.parse(NOW) + (saveDays - 1) * DAY).toISOString());
    expect((await session.get(`${base}/check-answers`)).status).toBe(200);
    // …and gone after it.
    app.setNow(new Date(Date.parse(NOW) + (saveDays + 2) * DAY).toISOString());
    try {
      expect((await session.get(`${base}/check-answers`)).status).toBe(404);
    } finally {
      app.setNow(NOW);
    }
  });
});
