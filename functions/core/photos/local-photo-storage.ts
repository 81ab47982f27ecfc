import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { MAX_PHOTO_BYTES, PENDING_PHOTO_HOURS, PHOTO_ID_PATTERN, type IngestResult, type PhotoStorage, type UploadForm } from './port.ts';
import { checkUpload, contentTypeOfPhoto, isUploadKeyOf, KEPT_PREFIX, MAX_UPLOAD_BYTES, newPhotoId, PENDING_PREFIX, UPLOAD_FORM_SECONDS, uploadPrefix } from './s3-photo-storage.ts';
import { ENVELOPE_BYTES, readUploadBody, uploadRefusal } from '../http/local-upload-body.ts';

export interface LocalPhotoStorageOptions {
  /** The folder for this council's uploads and photos. */
  dir: string;
  /** The local host's upload endpoint for this council, e.g. `/_dev/uploads/hackney`. */
  uploadUrl: string;
  /** Signs upload forms; a random one per storage when not given (forms then stop working on restart). */
  secret?: string | Uint8Array;
  /** The time upload forms expire by; the app's clock, so tests that fix it can upload. */
  clock?: () => Date;
}

/** The hidden fields of a local upload form. */
export interface LocalUploadFields {
  key: string;
  redirect: string;
  expires: string;
  signature: string;
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Photos in a folder, for the local host and tests, laid out as the bucket is:
 * `uploads/<draftId>/<random>`, `pending/<photoId>` until the report is sent (moved by `keep`, a
 * rename), then `photos/<photoId>`. Pending photos older than a day are swept, as the bucket's
 * lifecycle deletes them: on `sweepPending` (the local host calls it at start) and after each
 * ingest. Upload forms post to the host's dev endpoint (localUploadRoute), which behaves like S3's
 * presigned POST: it takes only keys this storage signed, for 15 minutes.
 */
export class LocalPhotoStorage implements PhotoStorage {
  readonly dir: string;
  readonly uploadUrl: string;
  /** The origin forms post to, when that is another origin (the upload URL is usually a path on the host itself). */
  readonly uploadOrigin?: string;
  readonly clock: () => Date;
  private readonly secret: string | Uint8Array;

  constructor(options: LocalPhotoStorageOptions) {
    this.dir = options.dir;
    this.uploadUrl = options.uploadUrl;
    this.secret = options.secret ?? randomBytes(32);
    this.clock = options.clock ?? (() => new Date());
    if (/^https?:\/\//.test(options.uploadUrl)) this.uploadOrigin = new URL(options.uploadUrl).origin;
  }

  private sign(key: string, redirect: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${key}\n${redirect}\n${expires}`).digest('base64url');
  }

  async uploadForm(input: { draftId: string; redirectUrl: string; now: Date }): Promise<UploadForm> {
    const key = `${uploadPrefix(input.draftId)}${randomBytes(16).toString('base64url')}`;
    const expires = String(Math.floor(input.now.getTime() / 1000) + UPLOAD_FORM_SECONDS);
    const fields: LocalUploadFields = { key, redirect: input.redirectUrl, expires, signature: this.sign(key, input.redirectUrl, expires) };
    return { action: this.uploadUrl, fields: { ...fields }, fileField: 'file' };
  }

  /** Whether the dev endpoint should take an upload with these fields: signed by this storage, and in time. */
  checkUploadFields(fields: Partial<Record<keyof LocalUploadFields, unknown>>): 'ok' | 'invalid' | 'expired' {
    const { key, redirect, expires, signature } = fields;
    if (typeof key !== 'string' || typeof redirect !== 'string' || typeof expires !== 'string' || typeof signature !== 'string') return 'invalid';
    if (!/^\d{1,12}$/.test(expires) || !/^uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/.test(key)) return 'invalid';
    if (!sameText(signature, this.sign(key, redirect, expires))) return 'invalid';
    if (Number(expires) * 1000 <= this.clock().getTime()) return 'expired';
    return 'ok';
  }

  /** Stores an upload's bytes under its (checked) key: what S3 does with a valid POST. */
  async saveUpload(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.fileFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }

  private fileFor(key: string): string {
    const file = path.join(this.dir, key);
    if (!file.startsWith(path.join(this.dir, path.sep))) throw new Error('A key must stay inside the storage folder');
    return file;
  }

  async ingest(input: { key: string; draftId: string }): Promise<IngestResult> {
    if (!isUploadKeyOf(input.key, input.draftId)) return { ok: false, problem: 'missing' };
    const file = this.fileFor(input.key);
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return { ok: false, problem: 'missing' };
    try {
      // Refused before it is read, as the S3 adapter does.
      if (size > MAX_PHOTO_BYTES) return { ok: false, problem: 'too-large' };
      const result = checkUpload(new Uint8Array(await readFile(file)));
      if (!result.ok) return result;
      const photoId = newPhotoId(result.contentType);
      const photo = this.fileFor(`${PENDING_PREFIX}${photoId}`);
      await mkdir(path.dirname(photo), { recursive: true });
      await writeFile(photo, result.body);
      return { ok: true, photoId, contentType: result.contentType, bytes: result.body.length };
    } finally {
      await rm(file, { force: true });
      await this.sweepPending();
    }
  }

  async keep(photoIds: string[]): Promise<string[]> {
    const kept: string[] = [];
    for (const photoId of photoIds) {
      if (!PHOTO_ID_PATTERN.test(photoId)) continue;
      const target = this.fileFor(`${KEPT_PREFIX}${photoId}`);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(this.fileFor(`${PENDING_PREFIX}${photoId}`), target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // No pending copy: kept already by an earlier send of the same report, or swept.
        if (!(await exists(target))) continue;
      }
      kept.push(photoId);
    }
    return kept;
  }

  /**
   * Deletes pending photos older than PENDING_PHOTO_HOURS, as the bucket's lifecycle does. Ages are
   * the files' own times, so `now` is the file system's clock (the real one), not the app's.
   */
  async sweepPending(now: Date = new Date()): Promise<number> {
    const folder = path.join(this.dir, PENDING_PREFIX);
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const before = now.getTime() - PENDING_PHOTO_HOURS * 3600_000;
    let swept = 0;
    for (const name of names) {
      const file = path.join(folder, name);
      const modified = await stat(file).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      if (modified === undefined || modified > before) continue;
      await rm(file, { force: true });
      swept++;
    }
    return swept;
  }

  async remove(photoIds: readonly string[]): Promise<void> {
    for (const photoId of photoIds) {
      if (!PHOTO_ID_PATTERN.test(photoId)) continue;
      for (const prefix of [KEPT_PREFIX, PENDING_PREFIX]) await rm(this.fileFor(`${prefix}${photoId}`), { force: true });
    }
  }

  /** Undefined: the app serves local photos itself, from `read`. */
  async viewUrl(_photoId: string): Promise<string | undefined> {
    return undefined;
  }

  async read(photoId: string): Promise<{ body: Uint8Array; contentType: string } | undefined> {
    if (!PHOTO_ID_PATTERN.test(photoId)) return undefined;
    for (const prefix of [KEPT_PREFIX, PENDING_PREFIX]) {
      try {
        return { body: new Uint8Array(await readFile(this.fileFor(`${prefix}${photoId}`))), contentType: contentTypeOfPhoto(photoId) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  }
}

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );




/**
 * The local host's stand-in for S3's POST upload, at `POST /_dev/uploads/:council`: takes a
 * multipart form (the signed fields, then `file`), stores the file and sends the browser on to the
 * signed redirect URL with `key` added, with a 303 as S3 does. Refuses, with a plain 400 page,
 * forms this host did not sign, expired forms and files over MAX_UPLOAD_BYTES. The signature is
 * what a CSRF token is elsewhere: no other site can make a valid form.
 */
export function localUploadRoute(storages: Map<string, LocalPhotoStorage>): (c: Context) => Promise<Response> {
  return async (c) => {
    const storage = storages.get(c.req.param('council') ?? '');
    if (!storage) return c.notFound();
    const contentType = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/i.test(contentType)) return uploadRefusal(c, 'This upload is not valid', 'Uploads must be sent as a form with a file.');
    const body = await readUploadBody(c.req.raw, MAX_UPLOAD_BYTES + ENVELOPE_BYTES);
    if (body === 'too-large') return uploadRefusal(c, 'The file is too large', `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024}MB.`);
    let form: FormData;
    try {
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return uploadRefusal(c, 'This upload is not valid', 'The form could not be read.');
    }
    const field = (name: string) => form.get(name) ?? undefined;
    const check = storage.checkUploadFields({ key: field('key'), redirect: field('redirect'), expires: field('expires'), signature: field('signature') });
    if (check === 'expired') return uploadRefusal(c, 'This upload form has expired', 'Upload forms work for 15 minutes.');
    if (check !== 'ok') return uploadRefusal(c, 'This upload is not valid', 'The upload form was changed or was not made by this service.');
    // As in S3, the file field may also be plain text (as with no file chosen, in some parsers): its value is the content.
    const file = form.get('file');
    if (file === null) return uploadRefusal(c, 'This upload is not valid', 'The form has no file.');
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : new Uint8Array(await file.arrayBuffer());
    if (bytes.length > MAX_UPLOAD_BYTES) return uploadRefusal(c, 'The file is too large', `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024}MB.`);
    const key = form.get('key') as string;
    const redirect = form.get('redirect') as string;
    await storage.saveUpload(key, bytes);
    return c.redirect(`${redirect}${redirect.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`, 303);
  };
}
