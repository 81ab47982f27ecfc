import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedStore, Session, testApp, type TestApp } from '../support/harness.ts';

// Hackney: a pothole at 17 Sandringham Mews, E8 2NS; bins at 58 Linscott Road, E5 0LH.
const NOW = '2026-12-01T10:00:00Z';
const UPRN = '10008200003';
/** Issue 7's budget for one submission, confirmation email included. */
const MAX_STORE_REQUESTS_PER_SUBMISSION = 3;

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

/** Records every request the app's store client sends from now on, by command. */
function countStoreRequests(app: TestApp): string[] {
  const sent: string[] = [];
  app.store.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countSubmissionRequests' },
  );
  return sent;
}

/** Answers a pothole report up to the check page; returns the draft's base path. */
async function toCheck(session: Session): Promise<string> {
  const base = (await session.post('/report', { group: 'roads' })).headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(await (await session.get(`${base}/address`)).text())![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Ann Resident', email: 'ann@example.com', phone: '020 7946 0000' });
  return base;
}

describe('one submission', () => {
  it('of a problem report stores it and sends its confirmation in at most 3 store requests', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toCheck(session);
    const sent = countStoreRequests(app);

    const res = await session.post(`${base}/check`, {});

    expect(res.status).toBe(303);
    expect(app.outbox.sent()).toHaveLength(1);
    // Take the draft, store the case (already held for its first send), mark the email sent.
    expect(sent).toEqual(['DeleteItem', 'PutItem', 'UpdateItem']);
    expect(sent.length).toBeLessThanOrEqual(MAX_STORE_REQUESTS_PER_SUBMISSION);
  });

  it('of a missed collection stores it and sends its confirmation in at most 3 store requests', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const details = await session.get(`/bins/property/${UPRN}/report/black-bin`);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(await details.text())![1];
    const answers = { more: 'By the gate', email: 'resident@example.com', submissionId };
    const check = await session.post(`/bins/property/${UPRN}/report/black-bin`, { step: 'details', ...answers });
    const collectionDate = /name="collectionDate" value="([^"]+)"/.exec(await check.text())![1];
    const sent = countStoreRequests(app);

    const res = await session.post(`/bins/property/${UPRN}/report/black-bin`, { ...answers, collectionDate, step: 'submit' });

    expect(res.status).toBe(303);
    expect(app.outbox.sent()).toHaveLength(1);
    // No draft: the answers travel in the form. Store the case (held for its first send), mark the email sent.
    expect(sent).toEqual(['PutItem', 'UpdateItem']);
    expect(sent.length).toBeLessThanOrEqual(MAX_STORE_REQUESTS_PER_SUBMISSION);
  });
});
