/**
 * A form saved to come back to keeps its uploads: files wait a day as pending, but a saved draft
 * lives for the form's saved days, so saving keeps them as long; sending keeps them for the form's
 * retention. A file that is gone all the same (uploaded after the save and left for days) is never
 * sent as a case naming a file it does not have: the resident is asked for it again.
 * Hackney's dropped-kerb (save and return for 28 days, an optional sketch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import type { FileAnswer } from '../../functions/modules/forms/definition/types.ts';
import { answerAddress, countCases, next, startForm, upload } from '../support/forms.ts';
import { embeddedStore, Session, testApp, textOf, type TestApp } from '../support/harness.ts';

const NOW = '2026-05-12T09:00:00Z';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

/** From Start now to the sketch page: the owner of 58 Linscott Road, a 5.5 m driveway, not a classified road. */
async function toSketch(session: Session): Promise<string> {
  const base = await startForm(session, '/forms/dropped-kerb', 'address');
  await answerAddress(session, `${base}/address`, { postcode: 'E5 0LH', uprn: '10008200003' }, { typed: 'e5 0lh' });
  await next(session, `${base}/owner`, { owner: 'yes' });
  await next(session, `${base}/surface`, { surface: 'block-paving' });
  await next(session, `${base}/depth`, { depth: '5.5' });
  expect(await next(session, `${base}/classified-road`, { 'classified-road': 'no' })).toBe(`${base}/sketch`);
  return base;
}

async function finish(app: TestApp, session: Session, base: string) {
  await next(session, `${base}/sketch`, {});
  await next(session, `${base}/name`, { 'name-first': 'Ann', 'name-last': 'Jones' });
  await next(session, `${base}/contact`, { email: 'ann@example.com', phone: '020 7946 0000' });
  return session.post(`${base}/check-answers`, {});
}

const save = (session: Session, base: string) => session.post(`${base}/save`, { email: 'ann@example.com' });

describe('uploads in a form saved to come back to', () => {
  it('are still there when the resident comes back days later, and are sent with the form', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toSketch(session);
    expect((await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'plan.pdf', type: 'application/pdf' })).status).toBe(303);
    expect((await save(session, base)).status).toBe(303);

    // Three days on: pending uploads are a day old at most, as the bucket's lifecycle deletes them.
    app.setNow(at(3));
    await app.files.sweepExpired();
    const sent = await finish(app, session, base);

    expect(sent.headers.get('location')).toMatch(/\/forms\/dropped-kerb\/done\//);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    const sketch = (await getCase(app.store, reference, new Date(at(3))))!.form!.answers.find((a) => a.key === 'sketch')!.value as FileAnswer;
    expect(await app.files.read(sketch.fileId)).toMatchObject({ name: 'plan.pdf', contentType: 'application/pdf' });
    // Kept for the form's retention from when it was sent, not the saved draft's days.
    await app.files.sweepExpired(new Date(at(3 + 40)));
    expect(await app.files.read(sketch.fileId)).toBeDefined();
  });

  it('are asked for again when one is gone by the time the form is sent, and no case names it', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toSketch(session);
    expect((await save(session, base)).status).toBe(303);
    // The next day the resident carries on in the same browser and uploads a sketch, then leaves it.
    app.setNow(at(1));
    await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'plan.pdf', type: 'application/pdf' });
    app.setNow(at(4));
    await app.files.sweepExpired();

    const sent = await finish(app, session, base);

    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`${base}/sketch?change=1&lost=1`);
    expect(await countCases(app)).toBe(0);
    const page = await (await session.get(sent.headers.get('location')!)).text();
    expect(textOf(page)).toContain('The file you uploaded is no longer held: upload it again');
    expect(textOf(page)).not.toContain('You have uploaded plan.pdf');
  });
});

describe('an optional upload', () => {
  it('can be taken back before the form is sent, and the case then has no file', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toSketch(session);
    await upload(app, session, `${base}/sketch`, { bytes: PDF, name: 'plan.pdf', type: 'application/pdf' });
    const withFile = await (await session.get(`${base}/sketch`)).text();
    expect(withFile).toContain(`action="${base}/sketch/remove-file"`);
    expect(textOf(withFile)).toContain('Remove plan.pdf');

    const removed = await session.post(`${base}/sketch/remove-file`, {});

    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`${base}/sketch`);
    const without = textOf(await (await session.get(`${base}/sketch`)).text());
    expect(without).not.toContain('You have uploaded plan.pdf');
    expect(without).toContain('Continue without a file');
    const sent = await finish(app, session, base);
    const reference = sent.headers.get('location')!.split('/').pop()!;
    expect((await getCase(app.store, reference, new Date(NOW)))!.form!.answers.map((a) => a.key)).not.toContain('sketch');
  });
});
