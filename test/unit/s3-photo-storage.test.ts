/**
 * The S3 adapter's own logic: the upload form's key, redirect and policy (signed for real, offline,
 * with made-up credentials), and what ingest does with what S3 returns. No S3 runs here, so the
 * S3 calls in ingest are answered by a small stub that records them.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, PHOTO_ID_PATTERN } from '../../functions/core/photos/port.ts';
import { MAX_UPLOAD_BYTES, S3PhotoStorage } from '../../functions/core/photos/s3-photo-storage.ts';
import { contains, phoneJpeg } from '../support/images.ts';

const BUCKET = 'council-hackney-photosbucket4131342a-abcdef123456';
const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const REDIRECT = 'https://report.hackney.example/report/photo?draft=AbCdEfGhIjKlMnOpQrStUv';

const offlineClient = () =>
  new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session' } });

/** Answers S3 commands from a table of objects, and records them. */
function stubClient(objects: Record<string, { bytes?: Uint8Array; contentLength?: number }>) {
  const calls: { command: string; key: string; contentType?: string; body?: Uint8Array }[] = [];
  let bodyRead = false;
  const client = {
    async send(command: GetObjectCommand | PutObjectCommand | DeleteObjectCommand) {
      const input = command.input as { Key: string; ContentType?: string; Body?: Uint8Array };
      calls.push({ command: command.constructor.name, key: input.Key, contentType: input.ContentType, body: input.Body });
      if (command instanceof GetObjectCommand) {
        const object = objects[input.Key];
        if (!object) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
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

  it('keeps a stripped copy under photos/ with its content type, and deletes the upload', async () => {
    const s3 = stubClient({ [key]: { bytes: phoneJpeg() } });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: s3.client });
    const result = await storage.ingest({ key, draftId: DRAFT });
    expect(result).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    if (!result.ok) return;
    expect(result.photoId).toMatch(PHOTO_ID_PATTERN);
    expect(result.photoId).toMatch(/\.jpg$/);
    const put = s3.calls.find((c) => c.command === 'PutObjectCommand')!;
    expect(put.key).toBe(`photos/${result.photoId}`);
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

describe('S3PhotoStorage view URLs', () => {
  it('are presigned GETs of the photo, for an hour', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    const url = new URL((await storage.viewUrl('abcdefghijklmnopqrstuvwx.jpg'))!);
    expect(url.origin).toBe(storage.uploadOrigin);
    expect(url.pathname).toBe('/photos/abcdefghijklmnopqrstuvwx.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are not made for ids that are not photo ids', async () => {
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'eu-west-2', client: offlineClient() });
    expect(await storage.viewUrl('../uploads/x.jpg')).toBeUndefined();
    expect(await storage.read('short.jpg')).toBeUndefined();
  });
});
