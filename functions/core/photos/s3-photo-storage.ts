import { randomBytes, randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { MAX_PHOTO_BYTES, PHOTO_ID_PATTERN, type IngestResult, type PhotoStorage, type UploadForm } from './port.ts';
import { detectImageType, ImageFormatError, stripMetadata } from './strip-metadata.ts';
import { packageExports } from '../load-package.ts';

/**
 * The most an upload may be, as the storage enforces it (an S3 POST policy's content-length-range):
 * above MAX_PHOTO_BYTES so a slightly large photo reaches the app and gets a helpful message, while
 * anything bigger is refused before it is stored.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** How long an upload form works: 15 minutes. */
export const UPLOAD_FORM_SECONDS = 15 * 60;

/** How long a photo's view URL works: 1 hour. */
export const VIEW_URL_SECONDS = 60 * 60;

/** Checked photos whose report has not been sent; the bucket's lifecycle deletes them after a day. */
export const PENDING_PREFIX = 'pending/';
/** Photos of sent reports, kept for the report retention period. */
export const KEPT_PREFIX = 'photos/';

/** Draft ids and upload names: URL-safe, so keys never hold "/" or ".." of their own. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where a draft's uploads go; a key outside it is never accepted for that draft. */
export const uploadPrefix = (draftId: string): string => {
  if (!SAFE_ID.test(draftId)) throw new Error('A draft id must be 1–64 URL-safe characters');
  return `uploads/${draftId}/`;
};

/** True when the key is one of this draft's uploads (and nothing more: no further "/" or ".."). */
export function isUploadKeyOf(key: string, draftId: string): boolean {
  if (!SAFE_ID.test(draftId)) return false;
  const prefix = `uploads/${draftId}/`;
  return key.startsWith(prefix) && SAFE_ID.test(key.slice(prefix.length));
}

/** A new photo's id: random, URL-safe, with the extension its type calls for. */
export function newPhotoId(contentType: 'image/jpeg' | 'image/png'): string {
  return `${randomBytes(18).toString('base64url')}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
}

export const contentTypeOfPhoto = (photoId: string): 'image/jpeg' | 'image/png' => (photoId.endsWith('.png') ? 'image/png' : 'image/jpeg');

/**
 * Checks an upload's bytes and strips them: the result to return, or the cleaned photo to store.
 * Shared by the adapters so both refuse the same files.
 */
export function checkUpload(bytes: Uint8Array): { ok: false; problem: 'missing' | 'too-large' | 'not-an-image' } | { ok: true; body: Uint8Array; contentType: 'image/jpeg' | 'image/png' } {
  // An empty file is what a browser sends when no file was chosen.
  if (bytes.length === 0) return { ok: false, problem: 'missing' };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, problem: 'too-large' };
  const contentType = detectImageType(bytes);
  if (!contentType) return { ok: false, problem: 'not-an-image' };
  try {
    return { ok: true, body: stripMetadata(bytes), contentType };
  } catch (error) {
    if (error instanceof ImageFormatError) return { ok: false, problem: 'not-an-image' };
    throw error;
  }
}

export interface S3PhotoStorageOptions {
  /** The council's photo bucket. */
  bucket: string;
  region: string;
  /** A client to use instead of a new one (tests). */
  client?: S3Client;
}

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Photos in the council's own S3 bucket: browsers upload to `uploads/<draftId>/…` with a presigned
 * POST; checked, stripped photos wait under `pending/<photoId>`, and move (copy, then delete) to
 * `photos/<photoId>` when their report is sent, to be kept for the report retention period. The
 * bucket's lifecycle deletes uploads and pending photos after a day, so a replaced photo or an
 * abandoned draft's leaves nothing behind. The AWS SDK's S3 modules are loaded on first use, so
 * they add nothing to the function's cold start.
 */
export class S3PhotoStorage implements PhotoStorage {
  readonly bucket: string;
  readonly region: string;
  readonly uploadOrigin: string;
  private client: S3Client | undefined;

  constructor(options: S3PhotoStorageOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.client = options.client;
    this.uploadOrigin = `https://${options.bucket}.s3.${options.region}.amazonaws.com`;
  }

  private async s3() {
    const sdk = packageExports(await import('@aws-sdk/client-s3'));
    this.client ??= new sdk.S3Client({ region: this.region });
    return { sdk, client: this.client };
  }

  async uploadForm(input: { draftId: string; redirectUrl: string; now: Date }): Promise<UploadForm> {
    const prefix = uploadPrefix(input.draftId);
    const { client } = await this.s3();
    const { createPresignedPost } = packageExports(await import('@aws-sdk/s3-presigned-post'));
    // S3 checks the policy against its own clock, so `now` is not used: the form works for 15 minutes from now.
    const { url, fields } = await createPresignedPost(client, {
      Bucket: this.bucket,
      Key: `${prefix}${randomUUID()}`,
      Conditions: [
        // From 0: with no file chosen a browser sends an empty one, which ingest answers with "missing".
        ['content-length-range', 0, MAX_UPLOAD_BYTES],
        { success_action_redirect: input.redirectUrl },
        ['starts-with', '$key', prefix],
      ],
      Fields: { success_action_redirect: input.redirectUrl },
      Expires: UPLOAD_FORM_SECONDS,
    });
    return { action: url, fields, fileField: 'file' };
  }

  async ingest(input: { key: string; draftId: string }): Promise<IngestResult> {
    if (!isUploadKeyOf(input.key, input.draftId)) return { ok: false, problem: 'missing' };
    const { sdk, client } = await this.s3();
    const result = await this.check(input.key);
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: input.key }));
    if (!result.ok) return result;
    const photoId = newPhotoId(result.contentType);
    await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: `${PENDING_PREFIX}${photoId}`, Body: result.body, ContentType: result.contentType }));
    return { ok: true, photoId, contentType: result.contentType, bytes: result.body.length };
  }

  async keep(photoIds: string[]): Promise<string[]> {
    const { sdk, client } = await this.s3();
    const kept: string[] = [];
    for (const photoId of photoIds) {
      if (!PHOTO_ID_PATTERN.test(photoId)) continue;
      try {
        // The copy keeps the content type (metadata is copied) and takes the bucket's encryption.
        await client.send(new sdk.CopyObjectCommand({ Bucket: this.bucket, CopySource: `${this.bucket}/${PENDING_PREFIX}${photoId}`, Key: `${KEPT_PREFIX}${photoId}` }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        // No pending copy: kept already by an earlier send of the same report, or expired.
        if (await this.exists(`${KEPT_PREFIX}${photoId}`)) kept.push(photoId);
        continue;
      }
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: `${PENDING_PREFIX}${photoId}` }));
      kept.push(photoId);
    }
    return kept;
  }

  private async exists(key: string): Promise<boolean> {
    const { sdk, client } = await this.s3();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Where the photo is: kept (the usual case, asked first), pending, or nowhere. */
  private async keyOf(photoId: string): Promise<string | undefined> {
    for (const key of [`${KEPT_PREFIX}${photoId}`, `${PENDING_PREFIX}${photoId}`]) if (await this.exists(key)) return key;
    return undefined;
  }

  private async check(key: string): Promise<ReturnType<typeof checkUpload>> {
    const { sdk, client } = await this.s3();
    let object;
    try {
      object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return { ok: false, problem: 'missing' };
      throw error;
    }
    // Refused before it is read: a large upload never fills the function's memory.
    if ((object.ContentLength ?? 0) > MAX_PHOTO_BYTES) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { ok: false, problem: 'too-large' };
    }
    return checkUpload(object.Body ? await object.Body.transformToByteArray() : new Uint8Array());
  }

  async viewUrl(photoId: string): Promise<string | undefined> {
    if (!PHOTO_ID_PATTERN.test(photoId)) return undefined;
    // A signed URL does not say whether its object exists, so look first: the link then goes to
    // the photo wherever it is, and a photo that is nowhere is the app's 404, not S3's error page.
    const key = await this.keyOf(photoId);
    if (!key) return undefined;
    const { sdk, client } = await this.s3();
    const { getSignedUrl } = packageExports(await import('@aws-sdk/s3-request-presigner'));
    return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: VIEW_URL_SECONDS });
  }

  async read(photoId: string): Promise<{ body: Uint8Array; contentType: string } | undefined> {
    if (!PHOTO_ID_PATTERN.test(photoId)) return undefined;
    const { sdk, client } = await this.s3();
    for (const key of [`${KEPT_PREFIX}${photoId}`, `${PENDING_PREFIX}${photoId}`]) {
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
        const body = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
        return { body, contentType: contentTypeOfPhoto(photoId) };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return undefined;
  }

  async remove(photoIds: readonly string[]): Promise<void> {
    const { sdk, client } = await this.s3();
    for (const photoId of photoIds) {
      if (!PHOTO_ID_PATTERN.test(photoId)) continue;
      // Deleting a key that is not there succeeds; the bucket is not versioned, so a delete is final.
      for (const key of [`${KEPT_PREFIX}${photoId}`, `${PENDING_PREFIX}${photoId}`]) await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    }
  }
}
