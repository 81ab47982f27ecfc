/**
 * A report's photo through the journey: pending while the resident is still answering (shown to
 * them from there), kept once the report is sent, and still served at the address tracking and
 * Open311's media_url give, while a photo they replaced is left to be swept.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../functions/core/cases/case-store.ts';
import { embeddedStore, Session, testApp, uploadPhoto, type TestApp } from '../support/harness.ts';
import { jpeg, phoneJpeg } from '../support/images.ts';

const NOW = '2026-12-01T10:00:00Z';

let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

/** The upload form on the photo page, as a browser would read it. */
function uploadFormOf(html: string) {
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)!;
  const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  return { action: form[1].replace(/&amp;/g, '&'), fields, fileField: 'file' };
}

/** Answers every step for a pothole at an E8 2NS address, up to the check page; the draft's base path. */
async function toCheck(session: Session): Promise<string> {
  const started = await session.post('/report', { group: 'roads' });
  const base = started.headers.get('location')!.replace(/\/[a-z-]+$/, '');
  await session.post(`${base}/category`, { category: 'pothole' });
  await session.post(`${base}/notice`, {});
  await session.post(`${base}/questions`, { 'attribute-depth': 'over_10cm' });
  await session.post(`${base}/location`, { method: 'postcode' });
  await session.post(`${base}/postcode`, { postcode: 'E8 2NS' });
  const uprn = /name="uprn" type="radio" value="(\d+)"/.exec(await (await session.get(`${base}/address`)).text())![1];
  await session.post(`${base}/address`, { uprn });
  await session.post(`${base}/description`, { description: 'A deep hole by the bus stop' });
  await session.post(`${base}/photo`, {});
  await session.post(`${base}/contact`, { name: 'Ann Resident', email: 'ann@example.com', phone: '' });
  return base;
}

/** Uploads a photo on the photo page as a browser would; the photo's id. */
async function addPhoto(app: TestApp, session: Session, base: string, bytes: Uint8Array): Promise<string> {
  const page = await (await session.get(`${base}/photo`)).text();
  const back = new URL(await uploadPhoto(app.photos, uploadFormOf(page), { bytes, name: 'pothole.jpg', type: 'image/jpeg' }), 'http://localhost');
  await session.get(back.pathname + back.search);
  const shown = await (await session.get(`${base}/photo`)).text();
  return /<img class="app-photo" src="[^"]*\/report\/photos\/([^"]+)"/.exec(shown)![1];
}

const folder = (app: TestApp, name: string) => {
  try {
    return readdirSync(path.join(app.photos.dir, name));
  } catch {
    return [];
  }
};

describe('a report’s photo', () => {
  it('is pending until the report is sent, then kept, and served at its address after', async () => {
    const app = await testApp('hackney', { endpoint: store.endpoint, now: NOW });
    const session = new Session(app.app);
    const base = await toCheck(session);
    const replaced = await addPhoto(app, session, base, jpeg());
    const photo = await addPhoto(app, session, base, phoneJpeg());
    expect(photo).not.toBe(replaced);

    // Before sending: both pending, nothing kept; the resident sees theirs.
    expect(folder(app, 'pending').sort()).toEqual([replaced, photo].sort());
    expect(folder(app, 'photos')).toEqual([]);
    expect((await session.get(`/report/photos/${photo}`)).status).toBe(200);

    await session.post(`${base}/photo`, {});
    const sent = await session.post(`${base}/check`, {});
    expect(sent.status).toBe(303);
    const reference = sent.headers.get('location')!.split('/').pop()!;

    // Sent: the report's photo is kept; the replaced one is left pending, for the sweep.
    expect(folder(app, 'photos')).toEqual([photo]);
    expect(folder(app, 'pending')).toEqual([replaced]);
    const stored = await getCase(app.store, reference, new Date(NOW));
    expect(stored!.public!.media).toEqual([photo]);
    // Served where the case's media link (tracking, Open311 media_url) points, to anyone.
    const served = await new Session(app.app).get(`/report/photos/${photo}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
  });
});
