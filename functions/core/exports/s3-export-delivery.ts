import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { httpErrors } from '../http/errors.ts';
import { attachmentDisposition, type ExportDelivery, type ExportInput, type ExportStorage, type StoredExport } from './port.ts';
import { packageExports } from '../load-package.ts';

/** Where exports go in the council's export bucket; the function may write and read nothing else there. */
export const EXPORT_PREFIX = 'exports/';

/** How long the link to a finished export works: long enough to follow the redirect, and retry once. */
export const EXPORT_URL_SECONDS = 5 * 60;

/**
 * Parts of the multipart upload: S3's minimum, 5 MiB. The length is not known in advance (the rows
 * stream from the store), so lib-storage buffers one part per concurrent upload; two at a time keeps
 * the function's memory to a few parts whatever the export's size (10,000 parts: up to 50 GB).
 */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

export interface S3ExportDeliveryOptions {
  /** The council's export bucket (EXPORT_BUCKET). */
  bucket: string;
  region: string;
  /** A client to use instead of a new one (tests). */
  client?: S3Client;
}

/**
 * Exports through the council's export bucket: the stream is uploaded as it is produced (a
 * multipart upload of unknown length, lib-storage's Upload) to `exports/<random>/<filename>`, and the
 * browser is answered 303 to a presigned GET for it that says to save it as an attachment. The
 * bucket's lifecycle deletes exports after a day. If the upload fails, its parts are aborted and
 * the answer is a 503, never a link to half a file. The SDK's modules load on first use, so they
 * add nothing to the function's cold start.
 */
export class S3ExportDelivery implements ExportDelivery, ExportStorage {
  readonly bucket: string;
  readonly region: string;
  private client: S3Client | undefined;

  constructor(options: S3ExportDeliveryOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.client = options.client;
  }

  private async s3() {
    const sdk = packageExports(await import('@aws-sdk/client-s3'));
    this.client ??= new sdk.S3Client({ region: this.region });
    return { sdk, client: this.client };
  }

  async deliver(input: ExportInput): Promise<Response> {
    const stored = await this.store(input);
    return new Response(null, { status: 303, headers: { Location: await this.link(stored) } });
  }

  /**
   * Uploads the body as it streams, under a new random key; fails (503) with the upload aborted,
   * never leaving half a file. The background export job (functions/staff/export/job.ts) calls this
   * directly, with no response to answer.
   *
   * @example
   * const stored = await delivery.store({ filename: 'hackney-cases-2026-03-02.csv', contentType: 'text/csv; charset=utf-8', body });
   */
  async store(input: ExportInput): Promise<StoredExport> {
    attachmentDisposition(input.filename);
    // A random folder per export: two exports on the same day never overwrite each other, and the
    // key cannot be guessed (the link is what grants access, and only for minutes).
    const key = `${EXPORT_PREFIX}${randomUUID()}/${input.filename}`;
    const { client } = await this.s3();
    const { Upload } = packageExports(await import('@aws-sdk/lib-storage'));
    const upload = new Upload({
      client,
      params: { Bucket: this.bucket, Key: key, Body: input.body, ContentType: input.contentType, ContentDisposition: attachmentDisposition(input.filename) },
      partSize: PART_BYTES,
      queueSize: PARTS_AT_ONCE,
      // Abort the multipart upload on failure, so no half file is left to be completed or fetched.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The rows may still be streaming (a part failed, not the store): stop reading them.
      await input.body.cancel().catch(() => undefined);
      throw httpErrors.unavailable('The export could not be stored', error);
    }
    return { key, filename: input.filename, contentType: input.contentType };
  }

  /**
   * A new short-lived link (EXPORT_URL_SECONDS) to a stored export, saved under its filename.
   *
   * @example
   * return c.redirect(await delivery.link(stored), 303);
   */
  async link(stored: StoredExport): Promise<string> {
    if (!stored.key.startsWith(EXPORT_PREFIX)) throw new Error(`Not an export's key: ${JSON.stringify(stored.key)}`);
    const disposition = attachmentDisposition(stored.filename);
    const { sdk, client } = await this.s3();
    const { getSignedUrl } = packageExports(await import('@aws-sdk/s3-request-presigner'));
    return getSignedUrl(
      client,
      // The response overrides make S3 answer as the app would: saved under the filename, as CSV.
      new sdk.GetObjectCommand({ Bucket: this.bucket, Key: stored.key, ResponseContentDisposition: disposition, ResponseContentType: stored.contentType }),
      { expiresIn: EXPORT_URL_SECONDS },
    );
  }
}
