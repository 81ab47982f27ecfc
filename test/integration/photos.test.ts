/**
 * The local photo storage end to end, as a browser uses it without JavaScript: the upload form posts
 * the file to the local host's upload route (standing in for S3's POST), which redirects back with
 * the key; the app then ingests the upload.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalPhotoStorage, localUploadRoute } from '../../functions/core/photos/local-photo-storage.ts';
import { MAX_PHOTO_BYTES, PHOTO_ID_PATTERN, type UploadForm } from '../../functions/core/photos/port.ts';
import { MAX_UPLOAD_BYTES } from '../../functions/core/photos/s3-photo-storage.ts';
import { stripMetadata } from '../../functions/core/photos/strip-metadata.ts';
import { createLocalHost } from '../../functions/local/server.ts';
import { council, embeddedStore, postUpload, uploadPhoto } from '../support/harness.ts';
import { concatBytes, contains, jpeg, metadataPng, phoneJpeg, pngChunks } from '../support/images.ts';

const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const OTHER_DRAFT = 'ZyXwVuTsRqPoNmLkJiHgFe';
const REDIRECT = '/report/photo?draft=AbCdEfGhIjKlMnOpQrStUv';

let now: Date;
let dir: string;
let storage: LocalPhotoStorage;
let host: Hono;

beforeEach(() => {
  now = new Date('2025-06-01T09:00:00Z');
  dir = mkdtempSync(path.join(tmpdir(), 'ldf-photos-test-'));
  storage = new LocalPhotoStorage({ dir, uploadUrl: '/_dev/uploads/hackney', clock: () => now });
  host = new Hono();
  host.post('/_dev/uploads/:council', localUploadRoute(new Map([['hackney', storage]])));
});

const form = (draftId = DRAFT, redirectUrl = REDIRECT) => storage.uploadForm({ draftId, redirectUrl, now });

/** Posts the form's fields (changed as given) and a file, as multipart, to the host. */
async function post(upload: UploadForm, file: Uint8Array, changes: Record<string, string> = {}, action = upload.action): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...changes })) body.append(name, value);
  body.append(upload.fileField, new Blob([file as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'IMG_0001.jpg');
  return host.request(action, { method: 'POST', body });
}

const keyFrom = (location: string) => new URL(location, 'http://localhost').searchParams.get('key')!;
const uploadsLeft = () => (existsSync(path.join(dir, 'uploads', DRAFT)) ? readdirSync(path.join(dir, 'uploads', DRAFT)) : []);

describe('an upload form', () => {
  it('posts to the local host’s upload route with signed fields before the file', async () => {
    const upload = await form();
    expect(upload.action).toBe('/_dev/uploads/hackney');
    expect(upload.fileField).toBe('file');
    expect(Object.keys(upload.fields)).toEqual(['key', 'redirect', 'expires', 'signature']);
    expect(upload.fields.key).toMatch(new RegExp(`^uploads/${DRAFT}/[A-Za-z0-9_-]{22}$`));
    expect(upload.fields.redirect).toBe(REDIRECT);
    expect(Number(upload.fields.expires)).toBe(now.getTime() / 1000 + 15 * 60);
    expect(storage.uploadOrigin).toBeUndefined(); // the same origin as the pages: form-action 'self'
  });
});

describe('uploading and ingesting a photo', () => {
  it('redirects back with the key; ingest keeps the photo without its metadata and deletes the upload', async () => {
    const upload = await form();
    const res = await post(upload, phoneJpeg());
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`${REDIRECT}&key=${encodeURIComponent(upload.fields.key)}`);

    const result = await storage.ingest({ key: keyFrom(location), draftId: DRAFT });
    expect(result).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    if (!result.ok) return;
    expect(result.photoId).toMatch(PHOTO_ID_PATTERN);
    expect(result.photoId.endsWith('.jpg')).toBe(true);

    const photo = (await storage.read(result.photoId))!;
    expect(photo.contentType).toBe('image/jpeg');
    expect(Buffer.from(photo.body).equals(Buffer.from(stripMetadata(phoneJpeg())))).toBe(true);
    expect(result.bytes).toBe(photo.body.length);
    for (const needle of ['GPS', 'Zephyrcam', '2025:06:01', 'Jane Resident', 'Acacia Avenue', 'xmpmeta']) expect(contains(photo.body, needle), needle).toBe(false);
    // What is on disk is the stripped photo too, pending until its report is sent, and the upload has gone.
    expect(contains(readFileSync(path.join(dir, 'pending', result.photoId)), 'GPS')).toBe(false);
    expect(existsSync(path.join(dir, 'photos', result.photoId))).toBe(false);
    expect(uploadsLeft()).toEqual([]);
    expect(await storage.viewUrl(result.photoId)).toBeUndefined();
  });

  it('takes PNGs too, and strips them', async () => {
    const location = await uploadPhoto(storage, await form(), { bytes: metadataPng(), name: 'screenshot.png', type: 'image/png' });
    const result = await storage.ingest({ key: keyFrom(location), draftId: DRAFT });
    expect(result).toMatchObject({ ok: true, contentType: 'image/png' });
    if (!result.ok) return;
    expect(result.photoId.endsWith('.png')).toBe(true);
    const photo = (await storage.read(result.photoId))!;
    expect(photo.contentType).toBe('image/png');
    expect(pngChunks(photo.body).chunks.map((c) => c.type)).not.toContain('tEXt');
    expect(contains(photo.body, 'Jane Resident')).toBe(false);
  });

  it('adds the key with "?" when the redirect URL has no query', async () => {
    const upload = await form(DRAFT, '/report/photo');
    const location = await uploadPhoto(storage, upload, { bytes: jpeg() });
    expect(location).toBe(`/report/photo?key=${encodeURIComponent(upload.fields.key)}`);
  });

  it('calls a file over 10 MB (but under the upload limit) too large, and deletes it', async () => {
    const big = concatBytes(jpeg(), new Uint8Array(MAX_PHOTO_BYTES));
    const location = await uploadPhoto(storage, await form(), { bytes: big });
    expect(await storage.ingest({ key: keyFrom(location), draftId: DRAFT })).toEqual({ ok: false, problem: 'too-large' });
    expect(uploadsLeft()).toEqual([]);
  });

  it('calls a text file, a PDF or a truncated JPEG not an image, and deletes it', async () => {
    for (const bytes of [new TextEncoder().encode('Dear council, there is a pothole.'), new TextEncoder().encode('%PDF-1.7\n'), phoneJpeg().subarray(0, 200)]) {
      const location = await uploadPhoto(storage, await form(), { bytes, name: 'letter.jpg', type: 'image/jpeg' });
      expect(await storage.ingest({ key: keyFrom(location), draftId: DRAFT })).toEqual({ ok: false, problem: 'not-an-image' });
    }
    expect(uploadsLeft()).toEqual([]);
  });

  it('calls it missing when no file was chosen, or the upload is not there', async () => {
    const location = await uploadPhoto(storage, await form(), { bytes: new Uint8Array(), name: '' });
    expect(await storage.ingest({ key: keyFrom(location), draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    // Exactly what a browser sends when the resident chose no file.
    const upload = await form();
    const boundary = '----WebKitFormBoundaryx8Yb0nP3qLz2Tn1c';
    const parts = Object.entries(upload.fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const body = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`;
    const res = await host.request(upload.action, { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.status).toBe(303);
    expect(await storage.ingest({ key: keyFrom(res.headers.get('location')!), draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    expect(await storage.ingest({ key: `uploads/${DRAFT}/neverUploadedAtAll`, draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
  });

  it('will not let one draft claim another’s upload', async () => {
    const location = await uploadPhoto(storage, await form(OTHER_DRAFT), { bytes: phoneJpeg() });
    expect(await storage.ingest({ key: keyFrom(location), draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    for (const key of [`uploads/${DRAFT}/../${OTHER_DRAFT}/x`, '../../etc/passwd', `photos/abcdefghijklmnop.jpg`]) {
      expect(await storage.ingest({ key, draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    }
    // The owner still can.
    expect(await storage.ingest({ key: keyFrom(location), draftId: OTHER_DRAFT })).toMatchObject({ ok: true });
  });

  it('reads only photo ids', async () => {
    expect(await storage.read('../uploads/x.jpg')).toBeUndefined();
    expect(await storage.read('abcdefghijklmnopqrstuvwx.jpg')).toBeUndefined();
  });
});

describe('keeping a sent report’s photos', () => {
  const ingested = async (): Promise<string> => {
    const result = await storage.ingest({ key: keyFrom(await uploadPhoto(storage, await form(), { bytes: phoneJpeg() })), draftId: DRAFT });
    if (!result.ok) throw new Error(result.problem);
    return result.photoId;
  };

  it('moves the photo from pending to the kept photos, where it is still read', async () => {
    const photoId = await ingested();
    const before = (await storage.read(photoId))!.body;
    expect(await storage.keep([photoId])).toEqual([photoId]);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'photos'))).toEqual([photoId]);
    expect(Buffer.from((await storage.read(photoId))!.body).equals(Buffer.from(before))).toBe(true);
  });

  it('counts a photo already kept (the report sent twice), and leaves out one that is gone or not a photo id', async () => {
    const photoId = await ingested();
    await storage.keep([photoId]);
    expect(await storage.keep([photoId, 'zyxwvutsrqponmlkjihgfedc.jpg', '../uploads/x.jpg'])).toEqual([photoId]);
  });
});

describe('pending photos', () => {
  const DAY = 24 * 3600_000;
  /** A pending photo (as ingest leaves one) last written at `at`. */
  const pendingAt = (name: string, at: Date) => {
    mkdirSync(path.join(dir, 'pending'), { recursive: true });
    writeFileSync(path.join(dir, 'pending', name), 'photo');
    utimesSync(path.join(dir, 'pending', name), at, at);
  };

  it('are swept after a day, as the bucket’s lifecycle deletes them; newer and kept ones stay', async () => {
    pendingAt('abandonedAbandoned01.jpg', new Date(now.getTime() - DAY - 1000));
    pendingAt('recentRecentRecent01.jpg', new Date(now.getTime() - DAY + 60_000));
    mkdirSync(path.join(dir, 'photos'), { recursive: true });
    writeFileSync(path.join(dir, 'photos', 'keptKeptKeptKept0001.jpg'), 'photo');
    utimesSync(path.join(dir, 'photos', 'keptKeptKeptKept0001.jpg'), new Date(now.getTime() - 300 * DAY), new Date(now.getTime() - 300 * DAY));

    expect(await storage.sweepPending(now)).toBe(1);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual(['recentRecentRecent01.jpg']);
    expect(readdirSync(path.join(dir, 'photos'))).toEqual(['keptKeptKeptKept0001.jpg']);
    expect(await storage.sweepPending(new Date(now.getTime() + DAY))).toBe(1);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
  });

  it('include a photo the resident replaced: only the one sent is kept', async () => {
    const first = await storage.ingest({ key: keyFrom(await uploadPhoto(storage, await form(), { bytes: phoneJpeg() })), draftId: DRAFT });
    const second = await storage.ingest({ key: keyFrom(await uploadPhoto(storage, await form(), { bytes: jpeg() })), draftId: DRAFT });
    if (!first.ok || !second.ok) throw new Error('ingest failed');
    await storage.keep([second.photoId]);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([first.photoId]);
    // A day on (file times are the real clock's), the replaced one has gone; the kept one has not.
    expect(await storage.sweepPending(new Date(Date.now() + DAY + 1000))).toBe(1);
    expect(await storage.read(first.photoId)).toBeUndefined();
    expect(await storage.read(second.photoId)).toBeDefined();
  });

  it('are read (the resident sees theirs before sending) until they are swept', async () => {
    const result = await storage.ingest({ key: keyFrom(await uploadPhoto(storage, await form(), { bytes: jpeg() })), draftId: DRAFT });
    if (!result.ok) throw new Error(result.problem);
    expect(await storage.read(result.photoId)).toBeDefined();
    await storage.sweepPending(new Date(Date.now() + DAY + 1000));
    expect(await storage.read(result.photoId)).toBeUndefined();
  });

  it('are swept by the storage’s own ingest too, so a long-running host does not collect them', async () => {
    pendingAt('abandonedAbandoned01.jpg', new Date(Date.now() - DAY - 60_000));
    await storage.ingest({ key: keyFrom(await uploadPhoto(storage, await form(), { bytes: jpeg() })), draftId: DRAFT });
    expect(readdirSync(path.join(dir, 'pending'))).not.toContain('abandonedAbandoned01.jpg');
  });
});

describe('the upload route refuses, with a plain 400 page', () => {
  const refused = async (res: Response, text: RegExp) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(text);
    expect(uploadsLeft()).toEqual([]);
  };

  it('a file over the upload limit', async () => {
    await refused(await post(await form(), new Uint8Array(MAX_UPLOAD_BYTES + 1)), /too large/);
  });

  it('a tampered signature', async () => {
    const upload = await form();
    const signature = upload.fields.signature;
    await refused(await post(upload, jpeg(), { signature: `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}` }), /not valid/);
    await refused(await post(upload, jpeg(), { signature: '' }), /not valid/);
  });

  it('a key for another draft, or another key for this one', async () => {
    const upload = await form();
    await refused(await post(upload, jpeg(), { key: upload.fields.key.replace(DRAFT, OTHER_DRAFT) }), /not valid/);
    await refused(await post(upload, jpeg(), { key: `uploads/${DRAFT}/chosenByTheBrowser` }), /not valid/);
    await refused(await post(upload, jpeg(), { key: `uploads/${DRAFT}/../../../escape` }), /not valid/);
  });

  it('a changed redirect, so the route cannot send people elsewhere', async () => {
    await refused(await post(await form(), jpeg(), { redirect: 'https://evil.example/' }), /not valid/);
  });

  it('a later expiry, or a form used after 15 minutes', async () => {
    const upload = await form();
    await refused(await post(upload, jpeg(), { expires: String(Number(upload.fields.expires) + 3600) }), /not valid/);
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    await refused(await post(upload, jpeg()), /expired/);
  });

  it('a form with no file, or not a multipart form at all', async () => {
    const upload = await form();
    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    await refused(await host.request(upload.action, { method: 'POST', body }), /not valid/);
    await refused(await host.request(upload.action, { method: 'POST', body: new URLSearchParams(upload.fields) }), /not valid/);
  });

  it('another council’s form (and a council it does not know is not found)', async () => {
    const other = new LocalPhotoStorage({ dir: mkdtempSync(path.join(tmpdir(), 'ldf-photos-test-')), uploadUrl: '/_dev/uploads/ceredigion', clock: () => now });
    host = new Hono();
    host.post('/_dev/uploads/:council', localUploadRoute(new Map([['hackney', storage], ['ceredigion', other]])));
    const upload = await form();
    await refused(await post(upload, jpeg(), {}, '/_dev/uploads/ceredigion'), /not valid/);
    expect((await post(upload, jpeg(), {}, '/_dev/uploads/nowhere')).status).toBe(404);
  });
});

describe('the test harness’s upload helper', () => {
  it('uploads as a browser would and returns where storage sends it', async () => {
    const upload = await form();
    const location = await uploadPhoto(storage, upload, { bytes: jpeg() });
    expect(keyFrom(location)).toBe(upload.fields.key);
    const res = await postUpload(storage, upload, { bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1) });
    expect(res.status).toBe(400);
  });
});

describe('the local host', () => {
  let store: Awaited<ReturnType<typeof embeddedStore>>;
  beforeAll(async () => {
    store = await embeddedStore();
  });
  afterAll(() => store.close());

  it('gives each report-a-problem council its own photo folder, and takes uploads before any council route', async () => {
    const hackney = await council('hackney');
    const photosDir = mkdtempSync(path.join(tmpdir(), 'ldf-host-photos-'));
    const local = await createLocalHost({ councils: [hackney], storeEndpoint: store.endpoint, photosDir, clock: () => now });
    const photos = local.photos.get('hackney')!;
    expect(photos.dir).toBe(path.join(photosDir, 'hackney'));
    const upload = await photos.uploadForm({ draftId: DRAFT, redirectUrl: '/hackney/report/photo', now });
    expect(upload.action).toBe('/_dev/uploads/hackney');

    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    body.append('file', new Blob([phoneJpeg() as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const res = await local.app.request(upload.action, { method: 'POST', body });
    expect(res.status).toBe(303);
    const result = await photos.ingest({ key: keyFrom(res.headers.get('location')!), draftId: DRAFT });
    expect(result).toMatchObject({ ok: true });
    expect(readdirSync(path.join(photosDir, 'hackney', 'pending'))).toHaveLength(1);
  });

  it('sweeps pending photos older than a day when it starts', async () => {
    const hackney = await council('hackney');
    const photosDir = mkdtempSync(path.join(tmpdir(), 'ldf-host-photos-'));
    const pending = path.join(photosDir, 'hackney', 'pending');
    mkdirSync(pending, { recursive: true });
    writeFileSync(path.join(pending, 'abandonedAbandoned01.jpg'), 'photo');
    const old = new Date(Date.now() - 25 * 3600_000);
    utimesSync(path.join(pending, 'abandonedAbandoned01.jpg'), old, old);
    await createLocalHost({ councils: [hackney], storeEndpoint: store.endpoint, photosDir, clock: () => now });
    expect(readdirSync(pending)).toEqual([]);
  });
});
