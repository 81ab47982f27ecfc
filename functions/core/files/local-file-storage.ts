import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import {
  assertLimits,
  assertRetention,
  checkFile,
  contentTypeOfFile,
  fallbackName,
  FILENAME_VARIABLE,
  KEPT_PREFIX,
  newFileId,
  newUploadKey,
  parseUploadKey,
  PENDING_PREFIX,
  sanitiseFileName,
  UPLOADS_PREFIX,
} from './check-file.ts';
import {
  acceptAttribute,
  CONTENT_TYPES,
  FILE_ID_PATTERN,
  MAX_FILE_MEGABYTES,
  MEGABYTE,
  PENDING_FILE_HOURS,
  uploadLimitBytes,
  type FileIngestResult,
  type FileKind,
  type FileStorage,
  type FileUploadForm,
  type StoredFile,
} from './port.ts';
import { UPLOAD_FORM_SECONDS } from './s3-file-storage.ts';
import { ENVELOPE_BYTES, readUploadBody, uploadRefusal } from '../http/local-upload-body.ts';

export interface LocalFileStorageOptions {
  /** The folder for this council's uploads and files, e.g. `.data/files/<councilId>`. */
  dir: string;
  /** The local host's upload endpoint for this council, e.g. `/_dev/file-uploads/hackney`. */
  uploadUrl: string;
  /** Signs upload forms; a random one per storage when not given (forms then stop working on restart). */
  secret?: string | Uint8Array;
  /** The app's clock: upload forms expire by it, and pending and kept files age by it (tests fix it). */
  clock?: () => Date;
}

/** The hidden fields of a local upload form. */
export interface LocalFileUploadFields {
  key: string;
  redirect: string;
  expires: string;
  /** The most the endpoint takes, in bytes (S3's content-length-range). */
  max: string;
  signature: string;
}

/** What is kept beside each pending or kept file. */
interface Sidecar {
  name: string;
  /** When it was checked (pending) or kept, by the storage's clock. */
  at: string;
  /** Kept files: how many days they are kept for. */
  retentionDays?: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The file an upload's bytes are saved in: the name is hashed, since a browser's file name is no safe path. */
const uploadFileName = (name: string) => createHash('sha256').update(name).digest('hex');

/**
 * Form files in a folder, for the local host and tests, laid out as the bucket is: uploads under
 * `uploads/<draftId>/<random>/`, checked files under `pending/<fileId>` until the form is sent
 * (moved by `keep`, a rename), then `files/<fileId>`; each with a `.json` beside it holding its
 * name and times. What the bucket's lifecycle deletes in AWS is swept here (`sweepExpired`: the
 * local host calls it at start, and ingest after each upload): pending files after a day, kept
 * files after their retention. Upload forms post to the host's dev endpoint (localFileUploadRoute),
 * which behaves like S3's presigned POST: it takes only keys this storage signed, for 15 minutes,
 * up to the signed size.
 */
export class LocalFileStorage implements FileStorage {
  readonly dir: string;
  readonly uploadUrl: string;
  /** The origin forms post to, when that is another origin (the upload URL is usually a path on the host itself). */
  readonly uploadOrigin?: string;
  readonly clock: () => Date;
  private readonly secret: string | Uint8Array;

  constructor(options: LocalFileStorageOptions) {
    this.dir = options.dir;
    this.uploadUrl = options.uploadUrl;
    this.secret = options.secret ?? randomBytes(32);
    this.clock = options.clock ?? (() => new Date());
    if (/^https?:\/\//.test(options.uploadUrl)) this.uploadOrigin = new URL(options.uploadUrl).origin;
  }

  private sign(key: string, redirect: string, expires: string, max: string): string {
    return createHmac('sha256', this.secret).update(`${key}\n${redirect}\n${expires}\n${max}`).digest('base64url');
  }

  async uploadForm(input: { draftId: string; redirectUrl: string; now: Date; maxBytes: number; accept: readonly FileKind[] }): Promise<FileUploadForm> {
    assertLimits(input.maxBytes, input.accept);
    const key = newUploadKey(input.draftId);
    const expires = String(Math.floor(input.now.getTime() / 1000) + UPLOAD_FORM_SECONDS);
    const max = String(uploadLimitBytes(input.maxBytes));
    const fields: LocalFileUploadFields = { key, redirect: input.redirectUrl, expires, max, signature: this.sign(key, input.redirectUrl, expires, max) };
    return { action: this.uploadUrl, fields: { ...fields }, fileField: 'file', accept: acceptAttribute(input.accept) };
  }

  /** Whether the dev endpoint should take an upload with these fields: signed by this storage, and in time. */
  checkUploadFields(fields: Partial<Record<keyof LocalFileUploadFields, unknown>>): { ok: true; maxBytes: number } | { ok: false; problem: 'invalid' | 'expired' } {
    const { key, redirect, expires, max, signature } = fields;
    if (typeof key !== 'string' || typeof redirect !== 'string' || typeof expires !== 'string' || typeof max !== 'string' || typeof signature !== 'string') return { ok: false, problem: 'invalid' };
    if (!/^\d{1,12}$/.test(expires) || !/^\d{1,12}$/.test(max) || !/^uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\/\$\{filename\}$/.test(key)) return { ok: false, problem: 'invalid' };
    if (!sameText(signature, this.sign(key, redirect, expires, max))) return { ok: false, problem: 'invalid' };
    if (Number(expires) * 1000 <= this.clock().getTime()) return { ok: false, problem: 'expired' };
    return { ok: true, maxBytes: Number(max) };
  }

  /**
   * Stores an upload's bytes under its (checked) key with the browser's file name put in, as S3
   * does with a valid POST; answers the key the browser is sent back with.
   */
  async saveUpload(signedKey: string, fileName: string, bytes: Uint8Array): Promise<string> {
    const key = signedKey.replace(FILENAME_VARIABLE, fileName);
    const folder = this.pathFor(signedKey.slice(0, -FILENAME_VARIABLE.length));
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, uploadFileName(fileName)), bytes);
    return key;
  }

  /** A path inside the storage's folder; keys are checked before they get here, and this makes sure. */
  private pathFor(key: string): string {
    const file = path.join(this.dir, key);
    if (!file.startsWith(path.join(this.dir, path.sep))) throw new Error('A key must stay inside the storage folder');
    return file;
  }

  async ingest(input: { key: string; draftId: string; accept: readonly FileKind[]; maxBytes: number; fileName?: string }): Promise<FileIngestResult> {
    const parsed = parseUploadKey(input.key, input.draftId);
    if (!parsed) return { ok: false, problem: 'missing' };
    const folder = this.pathFor(`${UPLOADS_PREFIX}${input.draftId}/${parsed.upload}`);
    const file = path.join(folder, uploadFileName(parsed.name));
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return { ok: false, problem: 'missing' };
    try {
      // Refused by its size before it is read, as the S3 adapter does.
      if (size > input.maxBytes) return { ok: false, problem: 'too-large' };
      const originalName = input.fileName ?? parsed.name;
      const result = checkFile(new Uint8Array(await readFile(file)), input);
      if (!result.ok) return { ok: false, problem: result.problem === 'empty' && originalName === '' ? 'missing' : result.problem };
      const fileId = newFileId(result.kind);
      const name = sanitiseFileName(originalName, result.kind);
      await this.write(`${PENDING_PREFIX}${fileId}`, result.body, { name, at: this.clock().toISOString() });
      return { ok: true, fileId, contentType: CONTENT_TYPES[result.kind], bytes: result.body.length, name };
    } finally {
      await rm(folder, { recursive: true, force: true });
      await this.sweepExpired();
    }
  }

  private async write(key: string, body: Uint8Array, sidecar: Sidecar): Promise<void> {
    const file = this.pathFor(key);
    await mkdir(path.dirname(file), { recursive: true });
    // The sidecar first: a sweep skips a file without one, so it never takes a file being written.
    await writeFile(`${file}.json`, JSON.stringify(sidecar));
    await writeFile(file, body);
  }

  private async sidecar(key: string): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await readFile(`${this.pathFor(key)}.json`, 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error) || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async keep(fileIds: readonly string[], retentionDays: number): Promise<string[]> {
    assertRetention(retentionDays);
    const kept: string[] = [];
    for (const fileId of fileIds) {
      if (!FILE_ID_PATTERN.test(fileId)) continue;
      const from = this.pathFor(`${PENDING_PREFIX}${fileId}`);
      const to = this.pathFor(`${KEPT_PREFIX}${fileId}`);
      const pending = await this.sidecar(`${PENDING_PREFIX}${fileId}`);
      if (!pending) {
        // No pending copy: kept already (saved to come back to, or sent twice), or swept. A kept
        // one's period starts again from now, as S3's copy onto itself does.
        const before = await this.sidecar(`${KEPT_PREFIX}${fileId}`);
        if (await exists(to)) {
          await writeFile(`${to}.json`, JSON.stringify({ name: before?.name ?? fallbackName(fileId), at: this.clock().toISOString(), retentionDays } satisfies Sidecar));
          kept.push(fileId);
        }
        continue;
      }
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(`${to}.json`, JSON.stringify({ name: pending.name, at: this.clock().toISOString(), retentionDays } satisfies Sidecar));
      try {
        await rename(from, to);
      } catch (error) {
        if (!isMissing(error)) throw error;
        // Moved by an earlier keep that stopped before tidying up, or swept meanwhile.
        await rm(`${from}.json`, { force: true });
        if (await exists(to)) kept.push(fileId);
        else await rm(`${to}.json`, { force: true });
        continue;
      }
      await rm(`${from}.json`, { force: true });
      kept.push(fileId);
    }
    return kept;
  }

  async read(fileId: string): Promise<StoredFile | undefined> {
    if (!FILE_ID_PATTERN.test(fileId)) return undefined;
    for (const prefix of [KEPT_PREFIX, PENDING_PREFIX]) {
      try {
        const body = new Uint8Array(await readFile(this.pathFor(`${prefix}${fileId}`)));
        const sidecar = await this.sidecar(`${prefix}${fileId}`);
        return { body, contentType: contentTypeOfFile(fileId), name: sidecar?.name ?? fallbackName(fileId) };
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return undefined;
  }

  /** Undefined: the app serves local files itself, from `read`. */
  async downloadUrl(_fileId: string): Promise<string | undefined> {
    return undefined;
  }

  async remove(fileIds: readonly string[]): Promise<void> {
    for (const fileId of fileIds) {
      if (!FILE_ID_PATTERN.test(fileId)) continue;
      for (const prefix of [KEPT_PREFIX, PENDING_PREFIX]) {
        const file = this.pathFor(`${prefix}${fileId}`);
        await rm(file, { force: true });
        await rm(`${file}.json`, { force: true });
      }
    }
  }

  /**
   * Deletes what the bucket's lifecycle would have: pending files older than PENDING_FILE_HOURS
   * and kept files past their retention, by the storage's clock; and uploads never ingested, older
   * than a day by the file system's (real) clock, which wrote them. Answers how many files went.
   */
  async sweepExpired(now: Date = this.clock()): Promise<number> {
    let swept = 0;
    for (const [prefix, lifetime] of [
      [PENDING_PREFIX, () => PENDING_FILE_HOURS * HOUR],
      [KEPT_PREFIX, (s: Sidecar) => (s.retentionDays ?? 0) * DAY],
    ] as const) {
      for (const name of await listFolder(path.join(this.dir, prefix))) {
        if (!FILE_ID_PATTERN.test(name)) continue;
        const sidecar = await this.sidecar(`${prefix}${name}`);
        // A file without its sidecar is being moved (keep writes the new sidecar first): left alone.
        if (!sidecar || Date.parse(sidecar.at) + lifetime(sidecar) > now.getTime()) continue;
        await this.remove([name]);
        swept++;
      }
    }
    const before = Date.now() - DAY;
    for (const draft of await listFolder(path.join(this.dir, UPLOADS_PREFIX))) {
      const folder = path.join(this.dir, UPLOADS_PREFIX, draft);
      for (const upload of await listFolder(folder)) {
        const modified = await stat(path.join(folder, upload)).then(
          (s) => s.mtimeMs,
          () => undefined,
        );
        if (modified !== undefined && modified <= before) await rm(path.join(folder, upload), { recursive: true, force: true });
      }
    }
    return swept;
  }
}

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

const listFolder = (folder: string): Promise<string[]> =>
  readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });

/** The most any upload may be: the largest question limit and its slack. */
const MAX_ANY_UPLOAD_BYTES = uploadLimitBytes(MAX_FILE_MEGABYTES * MEGABYTE);



/**
 * The local host's stand-in for S3's POST upload of form files, at `POST /_dev/file-uploads/:council`:
 * takes a multipart form (the signed fields, then `file`), stores the file, and sends the browser
 * on to the signed redirect URL with `key` added (the file's name put in it, as S3 does), with a 303.
 * Refuses, with a plain 400 page as S3 answers with an error document, forms this host did not sign,
 * expired forms and files over the signed size. The signature is what a CSRF token is elsewhere:
 * no other site can make a valid form.
 */
export function localFileUploadRoute(storages: Map<string, LocalFileStorage>): (c: Context) => Promise<Response> {
  return async (c) => {
    const storage = storages.get(c.req.param('council') ?? '');
    if (!storage) return c.notFound();
    const contentType = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/i.test(contentType)) return uploadRefusal(c, 'This upload is not valid', 'Uploads must be sent as a form with a file.');
    const body = await readUploadBody(c.req.raw, MAX_ANY_UPLOAD_BYTES + ENVELOPE_BYTES);
    if (body === 'too-large') return uploadRefusal(c, 'The file is too large', 'The file is larger than this form takes.');
    let form: FormData;
    try {
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return uploadRefusal(c, 'This upload is not valid', 'The form could not be read.');
    }
    const field = (name: string) => form.get(name) ?? undefined;
    const check = storage.checkUploadFields({ key: field('key'), redirect: field('redirect'), expires: field('expires'), max: field('max'), signature: field('signature') });
    if (!check.ok && check.problem === 'expired') return uploadRefusal(c, 'This upload form has expired', 'Upload forms work for 15 minutes.');
    if (!check.ok) return uploadRefusal(c, 'This upload is not valid', 'The upload form was changed or was not made by this service.');
    // As in S3, the file field may also be plain text (no file name): its value is the content.
    const file = form.get('file');
    if (file === null) return uploadRefusal(c, 'This upload is not valid', 'The form has no file.');
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : new Uint8Array(await file.arrayBuffer());
    if (bytes.length > check.maxBytes) return uploadRefusal(c, 'The file is too large', `The file must be smaller than ${Math.floor(check.maxBytes / MEGABYTE)}MB.`);
    const redirect = form.get('redirect') as string;
    const key = await storage.saveUpload(form.get('key') as string, typeof file === 'string' ? '' : file.name, bytes);
    return c.redirect(`${redirect}${redirect.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`, 303);
  };
}
