/**
 * The S3 file adapter's own logic: the upload form's key, redirect and policy (signed for real,
 * offline, with made-up credentials: the size range is the question's limit and its slack), and what
 * ingest, keep, read, download links and remove ask of S3. No S3 runs here: a small stub answers
 * and records the calls.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { KEPT_PREFIX, PENDING_PREFIX, RETENTION_TAG, UPLOADS_PREFIX } from '../../functions/core/files/check-file.ts';
import { FILE_ID_PATTERN, MEGABYTE, UPLOAD_SLACK_BYTES } from '../../functions/core/files/port.ts';
import { S3FileStorage } from '../../functions/core/files/s3-file-storage.ts';
import { FILES_KEPT_PREFIX, FILES_PENDING_PREFIX, FILES_RETENTION_TAG, FILES_UPLOADS_PREFIX } from '../../infra/constructs/council-files.ts';
import { contains, phoneJpeg } from '../support/images.ts';

const BUCKET = 'council-hackney-filesbucket4131342a-abcdef123456';
const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const REDIRECT = 'https://hackney.example/forms/blue-badge/d/AbCdEfGhIjKlMnOpQrStUv/proof/uploaded';
const FILE = 'abcdefghijklmnopqrstuvwx.pdf';

const ascii = (text: string) => new TextEncoder().encode(text);
const samplePdf = () => ascii('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const offlineClient = () =>
  new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session' } });

const notFound = (name = 'NoSuchKey') => Object.assign(new Error('The specified key does not exist.'), { name, $metadata: { httpStatusCode: 404 } });

interface StubObject {
  bytes?: Uint8Array;
  contentLength?: number;
  metadata?: Record<string, string>;
}

interface Call {
  command: string;
  key: string;
  input: Record<string, unknown>;
}

/** Answers S3 commands from a table of objects (which puts, copies and deletes change), and records them. */
function stubClient(objects: Record<string, StubObject>) {
  const calls: Call[] = [];
  let bodyRead = false;
  const client = {
    async send(command: GetObjectCommand | PutObjectCommand | DeleteObjectCommand | CopyObjectCommand | HeadObjectCommand) {
      const input = command.input as { Bucket: string; Key: string; CopySource?: string; Body?: Uint8Array; Metadata?: Record<string, string> };
      expect(input.Bucket).toBe(BUCKET);
      calls.push({ command: command.constructor.name, key: input.Key, input: { ...input } });
      if (command instanceof HeadObjectCommand) {
        if (!objects[input.Key]) throw notFound('NotFound');
        return { Metadata: objects[input.Key].metadata };
      }
      if (command instanceof CopyObjectCommand) {
        const source = objects[input.CopySource!.slice(`${BUCKET}/`.length)];
        if (!input.CopySource!.startsWith(`${BUCKET}/`) || !source) throw notFound();
        objects[input.Key] = source;
        return {};
      }
      if (command instanceof PutObjectCommand) {
        objects[input.Key] = { bytes: input.Body, metadata: input.Metadata };
        return {};
      }
      if (command instanceof DeleteObjectCommand) {
        delete objects[input.Key];
        return {};
      }
      const object = objects[input.Key];
      if (!object) throw notFound();
      return {
        ContentLength: object.contentLength ?? object.bytes!.length,
        Metadata: object.metadata,
        Body: { transformToByteArray: async () => ((bodyRead = true), object.bytes!), destroy: () => undefined },
      };
    },
  };
  return { client: client as unknown as S3Client, calls, bodyRead: () => bodyRead };
}

const storageWith = (client: S3Client) => new S3FileStorage({ bucket: BUCKET, region: 'eu-west-2', client });

describe('S3FileStorage upload forms', () => {
  it('post straight to the council’s file bucket, for a key S3 completes with the file’s name, redirecting back to the app', async () => {
    const storage = storageWith(offlineClient());
    const before = Date.now();
    const form = await storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date(), maxBytes: 5 * MEGABYTE, accept: ['pdf', 'jpeg'] });

    expect(storage.uploadOrigin).toBe(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(new URL(form.action).origin).toBe(storage.uploadOrigin);
    expect(form.fileField).toBe('file');
    expect(form.accept).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
    expect(form.fields.key).toMatch(new RegExp(`^uploads/${DRAFT}/[A-Za-z0-9_-]{22}/\\$\\{filename\\}$`));
    expect(form.fields.success_action_redirect).toBe(REDIRECT);

    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    const uploadFolder = form.fields.key.slice(0, -'${filename}'.length);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 0, 5 * MEGABYTE + UPLOAD_SLACK_BYTES],
        { success_action_redirect: REDIRECT },
        ['starts-with', '$key', `uploads/${DRAFT}/`],
        ['starts-with', '$key', uploadFolder],
        { bucket: BUCKET },
      ]),
    );
    // The key is not fixed (S3 puts the name in), so no exact-key condition.
    expect(policy.conditions).not.toContainEqual({ key: form.fields.key });
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(14 * 60_000);
    expect(expires).toBeLessThanOrEqual(15 * 60_000 + 1000);
  });

  it('take the size range from the question: a 1 MB question’s uploads stop at 11 MB', async () => {
    const form = await storageWith(offlineClient()).uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date(), maxBytes: MEGABYTE, accept: ['png'] });
    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['content-length-range', 0, 11 * MEGABYTE]);
  });

  it('are refused for a draft id that could reach outside its folder, and for impossible limits', async () => {
    const storage = storageWith(offlineClient());
    for (const draftId of ['', '../files', 'a/b', 'x'.repeat(65)]) {
      await expect(storage.uploadForm({ draftId, redirectUrl: REDIRECT, now: new Date(), maxBytes: MEGABYTE, accept: ['pdf'] })).rejects.toThrow();
    }
    await expect(storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date(), maxBytes: 21 * MEGABYTE, accept: ['pdf'] })).rejects.toThrow(RangeError);
    await expect(storage.uploadForm({ draftId: DRAFT, redirectUrl: REDIRECT, now: new Date(), maxBytes: MEGABYTE, accept: [] })).rejects.toThrow(RangeError);
  });
});

describe('S3FileStorage ingest', () => {
  const upload = `uploads/${DRAFT}/0b8f1a528f4e4a7e9a516a/Bank statement.pdf`;
  const limits = { accept: ['pdf', 'jpeg', 'png'] as const, maxBytes: MEGABYTE };

  it('holds a PDF under pending/ with its type and its name as metadata, and deletes the upload', async () => {
    const s3 = stubClient({ [upload]: { bytes: samplePdf() } });
    const result = await storageWith(s3.client).ingest({ key: upload, draftId: DRAFT, ...limits });
    expect(result).toMatchObject({ ok: true, contentType: 'application/pdf', bytes: samplePdf().length, name: 'Bank statement.pdf' });
    if (!result.ok) return;
    expect(result.fileId).toMatch(FILE_ID_PATTERN);
    expect(result.fileId).toMatch(/\.pdf$/);
    const put = s3.calls.find((c) => c.command === 'PutObjectCommand')!;
    expect(put.key).toBe(`pending/${result.fileId}`);
    expect(put.input.ContentType).toBe('application/pdf');
    expect(put.input.Metadata).toEqual({ name: 'Bank%20statement.pdf' });
    expect(s3.calls.filter((c) => c.command === 'DeleteObjectCommand').map((c) => c.key)).toEqual([upload]);
  });

  it('strips a JPEG’s metadata before it is stored, and names it for its real type', async () => {
    const key = `uploads/${DRAFT}/abc/IMG_0001.HEIC`;
    const s3 = stubClient({ [key]: { bytes: phoneJpeg() } });
    const result = await storageWith(s3.client).ingest({ key, draftId: DRAFT, ...limits });
    expect(result).toMatchObject({ ok: true, contentType: 'image/jpeg', name: 'IMG_0001.HEIC.jpg' });
    const put = s3.calls.find((c) => c.command === 'PutObjectCommand')!;
    expect(contains(put.input.Body as Uint8Array, 'GPS')).toBe(false);
    expect(contains(put.input.Body as Uint8Array, 'Zephyrcam')).toBe(false);
  });

  it('takes the name it is given over the one in the key', async () => {
    const s3 = stubClient({ [upload]: { bytes: samplePdf() } });
    expect(await storageWith(s3.client).ingest({ key: upload, draftId: DRAFT, ...limits, fileName: 'Renamed.pdf' })).toMatchObject({ ok: true, name: 'Renamed.pdf' });
  });

  it('refuses a file over the question’s limit by its length, without reading it, and deletes it', async () => {
    const s3 = stubClient({ [upload]: { contentLength: MEGABYTE + 1 } });
    expect(await storageWith(s3.client).ingest({ key: upload, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'too-large' });
    expect(s3.bodyRead()).toBe(false);
    expect(s3.calls.map((c) => c.command)).toEqual(['GetObjectCommand', 'DeleteObjectCommand']);
  });

  it('answers "wrong type" for a file pretending to be a PDF, and for a kind the question does not take', async () => {
    const s3 = stubClient({ [upload]: { bytes: ascii('<html>not a statement</html>') } });
    expect(await storageWith(s3.client).ingest({ key: upload, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'wrong-type' });
    const jpegKey = `uploads/${DRAFT}/abc/photo.jpg`;
    const s3b = stubClient({ [jpegKey]: { bytes: phoneJpeg() } });
    expect(await storageWith(s3b.client).ingest({ key: jpegKey, draftId: DRAFT, accept: ['pdf'], maxBytes: MEGABYTE })).toEqual({ ok: false, problem: 'wrong-type' });
    expect([...s3.calls, ...s3b.calls].some((c) => c.command === 'PutObjectCommand')).toBe(false);
    expect(s3b.calls.at(-1)).toMatchObject({ command: 'DeleteObjectCommand', key: jpegKey });
  });

  it('answers "empty" for a chosen file of no bytes, and "missing" when no file was chosen or nothing was uploaded', async () => {
    const chosen = `uploads/${DRAFT}/abc/blank.pdf`;
    const none = `uploads/${DRAFT}/abd/`;
    const s3 = stubClient({ [chosen]: { bytes: new Uint8Array() }, [none]: { bytes: new Uint8Array() } });
    const storage = storageWith(s3.client);
    expect(await storage.ingest({ key: chosen, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'empty' });
    expect(await storage.ingest({ key: none, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
    expect(await storage.ingest({ key: `uploads/${DRAFT}/gone/x.pdf`, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
  });

  it('never touches a key that is not one of this draft’s uploads', async () => {
    const s3 = stubClient({});
    for (const other of [`uploads/someone-elses-draft/abc/x.pdf`, `files/${FILE}`, `pending/${FILE}`, `uploads/${DRAFT}/../../files/x`]) {
      expect(await storageWith(s3.client).ingest({ key: other, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
    }
    expect(s3.calls).toEqual([]);
  });
});

describe('S3FileStorage keep', () => {
  it('moves a sent form’s file to files/, tagged with the form’s retention, then deletes the pending one', async () => {
    const objects: Record<string, StubObject> = { [`pending/${FILE}`]: { bytes: samplePdf(), metadata: { name: 'a.pdf' } } };
    const s3 = stubClient(objects);
    expect(await storageWith(s3.client).keep([FILE], 365)).toEqual([FILE]);
    expect(s3.calls.map(({ command, key }) => ({ command, key }))).toEqual([
      { command: 'CopyObjectCommand', key: `files/${FILE}` },
      { command: 'DeleteObjectCommand', key: `pending/${FILE}` },
    ]);
    expect(s3.calls[0].input).toMatchObject({ CopySource: `${BUCKET}/pending/${FILE}`, TaggingDirective: 'REPLACE', Tagging: 'retention-days=365' });
    // Metadata (the name, the type) is copied as it is.
    expect(s3.calls[0].input.MetadataDirective).toBeUndefined();
    expect(Object.keys(objects)).toEqual([`files/${FILE}`]);
  });

  it('counts a file kept already (saved to come back to, or sent before), and leaves out one that expired', async () => {
    const s3 = stubClient({ [`files/${FILE}`]: { bytes: samplePdf() } });
    expect(await storageWith(s3.client).keep([FILE, 'zyxwvutsrqponmlkjihgfedc.png'], 365)).toEqual([FILE]);
    expect(s3.calls.some((c) => c.command === 'DeleteObjectCommand' || c.command === 'PutObjectCommand')).toBe(false);
  });

  it('keeps an already kept file again for the new period, from now: copied onto itself with the new tag and its own name', async () => {
    const s3 = stubClient({ [`files/${FILE}`]: { bytes: samplePdf(), metadata: { name: 'plan.pdf' } } });
    expect(await storageWith(s3.client).keep([FILE], 1095)).toEqual([FILE]);
    const copy = s3.calls.filter((c) => c.command === 'CopyObjectCommand').at(-1)!;
    expect(copy).toMatchObject({ key: `files/${FILE}` });
    expect(copy.input).toMatchObject({ CopySource: `${BUCKET}/files/${FILE}`, MetadataDirective: 'REPLACE', Metadata: { name: 'plan.pdf' }, TaggingDirective: 'REPLACE', Tagging: 'retention-days=1095' });
  });

  it('never touches a key for something that is not a file id, and refuses a retention that is not whole days', async () => {
    const s3 = stubClient({});
    expect(await storageWith(s3.client).keep(['../uploads/x.pdf', `uploads/${DRAFT}/x`, 'short.pdf', 'abcdefghijklmnopqrstuvwx.exe'], 30)).toEqual([]);
    expect(s3.calls).toEqual([]);
    await expect(storageWith(s3.client).keep([FILE], 0)).rejects.toThrow(RangeError);
    await expect(storageWith(s3.client).keep([FILE], 1.5)).rejects.toThrow(RangeError);
  });

  it('uses the prefixes and tag the bucket’s lifecycle rules expire', () => {
    expect([UPLOADS_PREFIX, PENDING_PREFIX, KEPT_PREFIX, RETENTION_TAG]).toEqual([FILES_UPLOADS_PREFIX, FILES_PENDING_PREFIX, FILES_KEPT_PREFIX, FILES_RETENTION_TAG]);
  });
});

describe('S3FileStorage read, download links and remove', () => {
  it('reads a kept file, or else the pending one, with its name', async () => {
    const both = stubClient({ [`files/${FILE}`]: { bytes: Uint8Array.of(1), metadata: { name: 'Cais%20%E2%80%93%20llun.pdf' } }, [`pending/${FILE}`]: { bytes: Uint8Array.of(2) } });
    expect(await storageWith(both.client).read(FILE)).toEqual({ body: Uint8Array.of(1), contentType: 'application/pdf', name: 'Cais – llun.pdf' });
    const pending = stubClient({ [`pending/${FILE}`]: { bytes: Uint8Array.of(2), metadata: { name: '%E0%A4%A' } } });
    // A name that cannot be decoded reads as "file" with the type's extension.
    expect(await storageWith(pending.client).read(FILE)).toEqual({ body: Uint8Array.of(2), contentType: 'application/pdf', name: 'file.pdf' });
    expect(await storageWith(stubClient({}).client).read(FILE)).toBeUndefined();
    expect(await storageWith(stubClient({}).client).read('../files/x.pdf')).toBeUndefined();
  });

  it('signs a five-minute link that downloads the kept file as an attachment under its name', async () => {
    const client = offlineClient();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'HeadObjectCommand') return next(args);
        if ((args.input as { Key: string }).Key !== `files/${FILE}`) throw notFound('NotFound');
        return { output: { $metadata: { httpStatusCode: 200 }, Metadata: { name: 'Bank%20statement.pdf' } }, response: {} };
      },
      { step: 'initialize', name: 'answerHeads' },
    );
    const storage = storageWith(client);
    const url = new URL((await storage.downloadUrl(FILE))!);
    expect(url.origin).toBe(storage.uploadOrigin);
    expect(url.pathname).toBe(`/files/${FILE}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(`attachment; filename="Bank statement.pdf"; filename*=UTF-8''Bank%20statement.pdf`);
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(await storage.downloadUrl('zyxwvutsrqponmlkjihgfedc.pdf')).toBeUndefined();
    expect(await storage.downloadUrl('../x.pdf')).toBeUndefined();
  });

  it('removes a file wherever it is, and ignores ids that are not file ids', async () => {
    const objects: Record<string, StubObject> = { [`files/${FILE}`]: { bytes: Uint8Array.of(1) }, [`pending/${FILE}`]: { bytes: Uint8Array.of(2) }, 'files/other.pdf': { bytes: Uint8Array.of(3) } };
    const s3 = stubClient(objects);
    await storageWith(s3.client).remove([FILE, '../other.pdf']);
    expect(Object.keys(objects)).toEqual(['files/other.pdf']);
    expect(s3.calls.map((c) => c.key)).toEqual([`files/${FILE}`, `pending/${FILE}`]);
  });
});
