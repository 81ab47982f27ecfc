/**
 * The S3 adapter's own logic: the upload form's key, redirect and policy (signed for real, offline,
 * with made-up credentials), and what ingest does with what S3 returns. No S3 runs here, so the
 * S3 calls in ingest are answered by a small stub that records them.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, PHOTO_ID_PATTERN } from '../../functions/core/photos/port.ts';
import { KEPT_PREFIX, MAX_UPLOAD_BYTES, PENDING_PREFIX, S3PhotoStorage } from '../../functions/core/photos/s3-photo-storage.ts';
import { PENDING_PREFIX as BUCKET_PENDING_PREFIX, PHOTOS_PREFIX as BUCKET_PHOTOS_PREFIX } from '../../infra/constructs/council-photos.ts';
import { contains, phoneJpeg } from '../support/images.ts';

const BUCKET = 'council-hackney-photosbucket4131342a-abcdef123456';
const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const REDIRECT = 'https://report.hackney.example/report/photo?draft=AbCdEfGhIjKlMnOpQrStUv';

const offlineClient = () =>
  new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session' } });

const noSuchKey = () => Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });

/** Answers S3 commands from a table of objects (which copies and deletes change), and records them. */
function stubClient(objects: Record<string, { bytes?: Uint8Array; contentLength?: number }>) {
  const calls: { command: string; key: string; contentType?: string; body?: Uint8Array; copySource?: string }[] = [];
  let bodyRead = false;
  const client = {
    async send(command: GetObjectCommand | PutObjectCommand | DeleteObjectCommand | CopyObjectCommand | HeadObjectCommand) {
      const input = command.input as { Bucket: string; Key: string; ContentType?: string; Body?: Uint8Array; CopySource?: string };
      expect(input.Bucket).toBe(BUCKET);
      calls.push({ command: command.constructor.name, key: input.Key, contentType: input.ContentType, body: input.Body, ...(input.CopySource && { copySource: input.CopySource }) });
      if (command instanceof HeadObjectCommand) {
        if (!objects[input.Key]) throw Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
        return {};
      }
      if (command instanceof CopyObjectCommand) {
        const source = objects[input.CopySource!.slice(`${BUCKET}/`.length)];
        if (!input.CopySource!.startsWith(`${BUCKET}/`) || !source) throw noSuchKey();
        objects[input.Key] = source;
        return {};
      }
      if (command instanceof DeleteObjectCommand) {
        delete objects[input.Key];
        return {};
      }
      if (command instanceof GetObjectCommand) {
        const object = objects[input.Key];
        if (!object) throw noSuchKey();
        return {
          ContentLength: object.contentLength ?? object.bytes!.length,
          Body: {
            transformToByteArray: async () => ((bodyRead = true), object.bytes!),
            destroy: () => undefined,
          },
        };
      }
      return {};
    },
  };
  return { client: client as unknown as S3Client, calls, bodyRead: () => bodyRead };
}

describe('S3PhotoStorage upload forms', () => {
  it('post straight to the council’s bucket, for a key under the draft’s uploads, redirecting back to the app', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    const before = Date.now();
    const form = await storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date() });

    expect(storage.uploadOrigin).toBe(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(new URL(form.action).origin).toBe(storage.uploadOrigin);
    expect(form.fileField).toBe('file');
    expect(form.fields.key).toMatch(new RegExp(`^uploads/${DRAFT}/[0-9a-f-]{36}$`));
    expect(form.fields.success_action_redirect).toBe(REDIRECT);
    expect(form.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);

    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 0, MAX_UPLOAD_BYTES],
        { success_action_redirect: REDIRECT },
        ['starts-with', '$key', `uploads/${DRAFT}/`],
        { bucket: BUCKET },
        { key: form.fields.key },
      ]),
    );
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(14 * 60_000);
    expect(expires).toBeLessThanOrEqual(15 * 60_000 + 1000);
  });

  it('give every upload its own key', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    const a = await storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date() });
    const b = await storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date() });
    expect(a.fields.key).not.toBe(b.fields.key);
  });

  it('are refused for a draft id that could reach outside its folder', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    for (const draftId of ['', '../photos', 'a/b', 'x'.repeat(65)]) {
      await expect(storage.uploadForm({ draftId, redirectUrl: REDIRECT, now: new Date() })).rejects.toThrow();
    }
  });
});

describe('S3PhotoStorage ingest', () => {
  const key = `uploads/${DRAFT}/0b8f1a52-8f4e-4a7e-9a51-6a2b0c1d2e3f`;

  it('holds a stripped copy under pending/ (not yet kept) with its content type, and deletes the upload', async () => {
    const s3 = stubClient({ [key]: { bytes: phoneJpeg() } });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    const result = await storage.ingest({ key, draftId: DRAFT });
    expect(result).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    if (!result.ok) return;
    expect(result.photoId).toMatch(PHOTO_ID_PATTERN);
    expect(result.photoId).toMatch(/\.jpg$/);
    const put = s3.calls.find((c) => c.command === 'PutObjectCommand')!;
    expect(put.key).toBe(`pending/${result.photoId}`);
    expect(put.contentType).toBe('image/jpeg');
    expect(contains(put.body!, 'GPS')).toBe(false);
    expect(result.bytes).toBe(put.body!.length);
    expect(s3.calls.filter((c) => c.command === 'DeleteObjectCommand').map((c) => c.key)).toEqual([key]);
  });

  it('refuses a file over 10 MB by its length, without reading it, and deletes it', async () => {
    const s3 = stubClient({ [key]: { contentLength: MAX_PHOTO_BYTES + 1 } });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    expect(await storage.ingest({ key, draftId: DRAFT })).toEqual({ ok: false, problem: 'too-large' });
    expect(s3.bodyRead()).toBe(false);
    expect(s3.calls.map((c) => c.command)).toEqual(['GetObjectCommand', 'DeleteObjectCommand']);
  });

  it('answers "not an image" for other files, and "missing" when nothing was uploaded', async () => {
    const s3 = stubClient({ [key]: { bytes: new TextEncoder().encode('%PDF-1.7') } });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    expect(await storage.ingest({ key, draftId: DRAFT })).toEqual({ ok: false, problem: 'not-an-image' });
    expect(await storage.ingest({ key: `uploads/${DRAFT}/gone`, draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    expect(s3.calls.some((c) => c.command === 'PutObjectCommand')).toBe(false);
  });

  it('never touches a key that is not one of this draft’s uploads', async () => {
    const s3 = stubClient({});
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    for (const other of [`uploads/someone-elses-draft/x`, `photos/abcdefghijklmnop.jpg`, `uploads/${DRAFT}/../../photos/x`, `uploads/${DRAFT}/a/b`]) {
      expect(await storage.ingest({ key: other, draftId: DRAFT })).toEqual({ ok: false, problem: 'missing' });
    }
    expect(s3.calls).toEqual([]);
  });
});

describe('S3PhotoStorage keep', () => {
  const photo = 'abcdefghijklmnopqrstuvwx.jpg';

  it('moves a sent report’s photo from pending/ to photos/: a copy in the bucket, then the pending one deleted', async () => {
    const objects: Record<string, { bytes: Uint8Array }> = { [`pending/${photo}`]: { bytes: phoneJpeg() } };
    const s3 = stubClient(objects);
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    expect(await storage.keep([photo])).toEqual([photo]);
    expect(s3.calls.map(({ command, key, copySource }) => ({ command, key, copySource }))).toEqual([
      { command: 'CopyObjectCommand', key: `photos/${photo}`, copySource: `${BUCKET}/pending/${photo}` },
      { command: 'DeleteObjectCommand', key: `pending/${photo}`, copySource: undefined },
    ]);
    expect(Object.keys(objects)).toEqual([`photos/${photo}`]);
  });

  it('counts a photo kept by an earlier send of the same report, and leaves out one that expired', async () => {
    const s3 = stubClient({ [`photos/${photo}`]: { bytes: phoneJpeg() } });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    expect(await storage.keep([photo, 'zyxwvutsrqponmlkjihgfedc.png'])).toEqual([photo]);
    expect(s3.calls.some((c) => c.command === 'DeleteObjectCommand' || c.command === 'PutObjectCommand')).toBe(false);
  });

  it('never touches a key for something that is not a photo id', async () => {
    const s3 = stubClient({});
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    expect(await storage.keep(['../uploads/x.jpg', `uploads/${DRAFT}/x`, 'short.jpg'])).toEqual([]);
    expect(s3.calls).toEqual([]);
  });

  it('uses the prefixes the bucket’s lifecycle rules expire', () => {
    expect(PENDING_PREFIX).toBe(BUCKET_PENDING_PREFIX);
    expect(KEPT_PREFIX).toBe(BUCKET_PHOTOS_PREFIX);
  });
});

/** A real client (so URLs are signed for real, offline) whose HeadObject calls are answered from a list of keys. */
function headingClient(keys: string[]): S3Client {
  const client = offlineClient();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'HeadObjectCommand') return next(args);
      const { Key } = args.input as { Key: string };
      if (!keys.includes(Key)) throw Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
      return { output: { $metadata: { httpStatusCode: 200 } }, response: {} };
    },
    { step: 'initialize', name: 'answerHeads' },
  );
  return client;
}

describe('S3PhotoStorage view URLs', () => {
  it('are presigned GETs of the kept photo, for an hour', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: headingClient(['photos/abcdefghijklmnopqrstuvwx.jpg', 'pending/abcdefghijklmnopqrstuvwx.jpg']) });
    const url = new URL((await storage.viewUrl('abcdefghijklmnopqrstuvwx.jpg'))!);
    expect(url.origin).toBe(storage.uploadOrigin);
    expect(url.pathname).toBe('/photos/abcdefghijklmnopqrstuvwx.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('go to the pending photo while its report is not yet sent, and are not made for a photo that is nowhere', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: headingClient(['pending/abcdefghijklmnopqrstuvwx.jpg']) });
    expect(new URL((await storage.viewUrl('abcdefghijklmnopqrstuvwx.jpg'))!).pathname).toBe('/pending/abcdefghijklmnopqrstuvwx.jpg');
    expect(await storage.viewUrl('zyxwvutsrqponmlkjihgfedc.jpg')).toBeUndefined();
  });

  it('read a kept photo, or else the pending one', async () => {
    const kept = stubClient({ 'photos/abcdefghijklmnopqrstuvwx.jpg': { bytes: Uint8Array.of(1) }, 'pending/abcdefghijklmnopqrstuvwx.jpg': { bytes: Uint8Array.of(2) } });
    expect((await new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: kept.client }).read('abcdefghijklmnopqrstuvwx.jpg'))?.body).toEqual(Uint8Array.of(1));
    const pending = stubClient({ 'pending/abcdefghijklmnopqrstuvwx.jpg': { bytes: Uint8Array.of(2) } });
    expect((await new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: pending.client }).read('abcdefghijklmnopqrstuvwx.jpg'))?.body).toEqual(Uint8Array.of(2));
    expect(await new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: stubClient({}).client }).read('abcdefghijklmnopqrstuvwx.jpg')).toBeUndefined();
  });

  it('are not made for ids that are not photo ids', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    expect(await storage.viewUrl('../uploads/x.jpg')).toBeUndefined();
    expect(await storage.read('short.jpg')).toBeUndefined();
  });
});
