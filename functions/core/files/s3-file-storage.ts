import type { S3Client } from '@aws-sdk/client-s3';
import {
  assertLimits,
  assertRetention,
  checkFile,
  contentDisposition,
  contentTypeOfFile,
  fallbackName,
  KEPT_PREFIX,
  NAME_METADATA,
  newFileId,
  newUploadKey,
  parseUploadKey,
  PENDING_PREFIX,
  RETENTION_TAG,
  sanitiseFileName,
  uploadPrefix,
} from './check-file.ts';
import {
  acceptAttribute,
  CONTENT_TYPES,
  DOWNLOAD_URL_SECONDS,
  FILE_ID_PATTERN,
  uploadLimitBytes,
  type FileIngestResult,
  type FileKind,
  type FileStorage,
  type FileUploadForm,
  type StoredFile,
} from './port.ts';
import { packageExports } from '../load-package.ts';

/** How long an upload form works: 15 minutes, as for photos. */
export const UPLOAD_FORM_SECONDS = 15 * 60;

export interface S3FileStorageOptions {
  /** The council's file bucket (FILE_BUCKET). */
  bucket: string;
  region: string;
  /** A client to use instead of a new one (tests). */
  client?: S3Client;
}

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** A stored name, percent-encoded because S3 metadata is sent as HTTP headers (ASCII only). */
const decodeName = (value: string | undefined, fileId: string): string => {
  try {
    return value ? decodeURIComponent(value) : fallbackName(fileId);
  } catch {
    return fallbackName(fileId);
  }
};

/**
 * Form files in the council's own S3 bucket. Browsers upload to `uploads/<draftId>/<random>/<their
 * file's name>` with a presigned POST (S3 fills in the name, which is how the app learns it without
 * JavaScript); checked files wait under `pending/<fileId>` with the name as metadata, and move
 * (copy, then delete) to `files/<fileId>`, tagged with their form's retention, when the form is
 * sent. The bucket's lifecycle deletes uploads and pending files after a day and each kept file
 * when its tag says (CouncilFiles). The AWS SDK's S3 modules are loaded on first use, so they add
 * nothing to the function's cold start.
 */
export class S3FileStorage implements FileStorage {
  readonly bucket: string;
  readonly region: string;
  readonly uploadOrigin: string;
  private client: S3Client | undefined;

  constructor(options: S3FileStorageOptions) {
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

  async uploadForm(input: { draftId: string; redirectUrl: string; now: Date; maxBytes: number; accept: readonly FileKind[] }): Promise<FileUploadForm> {
    assertLimits(input.maxBytes, input.accept);
    const prefix = uploadPrefix(input.draftId);
    const { client } = await this.s3();
    const { createPresignedPost } = packageExports(await import('@aws-sdk/s3-presigned-post'));
    // S3 checks the policy against its own clock, so `now` is not used: the form works for 15 minutes from now.
    // A key ending in ${filename} gets a starts-with condition on the part before it.
    const { url, fields } = await createPresignedPost(client, {
      Bucket: this.bucket,
      Key: newUploadKey(input.draftId),
      Conditions: [
        // From 0: with no file chosen a browser sends an empty one, which ingest answers with "missing".
        ['content-length-range', 0, uploadLimitBytes(input.maxBytes)],
        { success_action_redirect: input.redirectUrl },
        ['starts-with', '$key', prefix],
      ],
      Fields: { success_action_redirect: input.redirectUrl },
      Expires: UPLOAD_FORM_SECONDS,
    });
    return { action: url, fields, fileField: 'file', accept: acceptAttribute(input.accept) };
  }

  async ingest(input: { key: string; draftId: string; accept: readonly FileKind[]; maxBytes: number; fileName?: string }): Promise<FileIngestResult> {
    const parsed = parseUploadKey(input.key, input.draftId);
    if (!parsed) return { ok: false, problem: 'missing' };
    const { sdk, client } = await this.s3();
    let bytes: Uint8Array | 'too-large' | undefined;
    try {
      bytes = await this.readUpload(input.key, input.maxBytes);
    } finally {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: input.key }));
    }
    if (bytes === undefined) return { ok: false, problem: 'missing' };
    if (bytes === 'too-large') return { ok: false, problem: 'too-large' };
    const originalName = input.fileName ?? parsed.name;
    const result = checkFile(bytes, input);
    // An empty file with no name is what a browser sends when no file was chosen.
    if (!result.ok) return { ok: false, problem: result.problem === 'empty' && originalName === '' ? 'missing' : result.problem };
    const fileId = newFileId(result.kind);
    const name = sanitiseFileName(originalName, result.kind);
    const contentType = CONTENT_TYPES[result.kind];
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.bucket, Key: `${PENDING_PREFIX}${fileId}`, Body: result.body, ContentType: contentType, Metadata: { [NAME_METADATA]: encodeURIComponent(name) } }),
    );
    return { ok: true, fileId, contentType, bytes: result.body.length, name };
  }

  /** The upload's bytes; 'too-large' (by its length, before it is read, so a big file never fills the function's memory); undefined when there is none. */
  private async readUpload(key: string, maxBytes: number): Promise<Uint8Array | 'too-large' | undefined> {
    const { sdk, client } = await this.s3();
    let object;
    try {
      object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if ((object.ContentLength ?? 0) > maxBytes) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return 'too-large';
    }
    return object.Body ? object.Body.transformToByteArray() : new Uint8Array();
  }

  async keep(fileIds: readonly string[], retentionDays: number): Promise<string[]> {
    assertRetention(retentionDays);
    const { sdk, client } = await this.s3();
    const kept: string[] = [];
    for (const fileId of fileIds) {
      if (!FILE_ID_PATTERN.test(fileId)) continue;
      try {
        // The copy keeps the content type and name (metadata is copied), takes the bucket's
        // encryption, and gets the tag the lifecycle rule for this retention filters on.
        await client.send(
          new sdk.CopyObjectCommand({
            Bucket: this.bucket,
            CopySource: `${this.bucket}/${PENDING_PREFIX}${fileId}`,
            Key: `${KEPT_PREFIX}${fileId}`,
            TaggingDirective: 'REPLACE',
            Tagging: `${RETENTION_TAG}=${retentionDays}`,
          }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
        // No pending copy: kept already (saved to come back to, or sent twice), or expired. A kept
        // one is copied onto itself with the new period's tag: the copy is a new object, so the
        // lifecycle rule counts the period from now.
        const existing = await this.head(`${KEPT_PREFIX}${fileId}`);
        if (!existing) continue;
        await client.send(
          new sdk.CopyObjectCommand({
            Bucket: this.bucket,
            CopySource: `${this.bucket}/${KEPT_PREFIX}${fileId}`,
            Key: `${KEPT_PREFIX}${fileId}`,
            MetadataDirective: 'REPLACE',
            Metadata: existing.metadata,
            ContentType: existing.contentType,
            TaggingDirective: 'REPLACE',
            Tagging: `${RETENTION_TAG}=${retentionDays}`,
          }),
        );
        kept.push(fileId);
        continue;
      }
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: `${PENDING_PREFIX}${fileId}` }));
      kept.push(fileId);
    }
    return kept;
  }

  /** The object's metadata, or undefined when there is no such object. */
  private async head(key: string): Promise<{ metadata: Record<string, string>; contentType?: string } | undefined> {
    const { sdk, client } = await this.s3();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { metadata: head.Metadata ?? {}, contentType: head.ContentType };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(fileId: string): Promise<StoredFile | undefined> {
    if (!FILE_ID_PATTERN.test(fileId)) return undefined;
    const { sdk, client } = await this.s3();
    // Kept first: the staff download, the usual reader, comes after the form is sent.
    for (const key of [`${KEPT_PREFIX}${fileId}`, `${PENDING_PREFIX}${fileId}`]) {
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
        const body = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
        return { body, contentType: contentTypeOfFile(fileId), name: decodeName(object.Metadata?.[NAME_METADATA], fileId) };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return undefined;
  }

  async downloadUrl(fileId: string): Promise<string | undefined> {
    if (!FILE_ID_PATTERN.test(fileId)) return undefined;
    // A signed URL does not say whether its object exists, so look first: a file that is nowhere
    // is the app's 404, not S3's error page; the look also gives the name to download it under.
    for (const key of [`${KEPT_PREFIX}${fileId}`, `${PENDING_PREFIX}${fileId}`]) {
      const found = await this.head(key);
      if (!found) continue;
      const { sdk, client } = await this.s3();
      const { getSignedUrl } = packageExports(await import('@aws-sdk/s3-request-presigner'));
      const command = new sdk.GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        // Always an attachment of its real type: a PDF or image is never opened inside S3's origin.
        ResponseContentDisposition: contentDisposition(decodeName(found.metadata[NAME_METADATA], fileId)),
        ResponseContentType: contentTypeOfFile(fileId),
      });
      return getSignedUrl(client, command, { expiresIn: DOWNLOAD_URL_SECONDS });
    }
    return undefined;
  }

  async remove(fileIds: readonly string[]): Promise<void> {
    const { sdk, client } = await this.s3();
    for (const fileId of fileIds) {
      if (!FILE_ID_PATTERN.test(fileId)) continue;
      // Deleting a key that is not there succeeds; the bucket is not versioned, so a delete is final.
      for (const key of [`${KEPT_PREFIX}${fileId}`, `${PENDING_PREFIX}${fileId}`]) await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    }
  }
}
