/**
 * Where residents' photos go. The browser uploads straight to storage (no JavaScript needed: a plain
 * multipart form), which then sends it back to the app; the app checks the file, strips its
 * metadata and keeps it. Adapters: an S3 bucket per council in AWS (presigned POST), a folder locally.
 */
export interface PhotoStorage {
  /** The form that uploads one photo for a draft; storage redirects to `redirectUrl` afterwards, adding `?key=…`. */
  uploadForm(input: { draftId: string; redirectUrl: string; now: Date }): Promise<UploadForm>;
  /**
   * Checks an uploaded file (a JPEG or PNG of at most MAX_PHOTO_BYTES), strips its location and
   * camera metadata and stores it as a photo; the upload itself is deleted either way.
   */
  ingest(input: { key: string; draftId: string }): Promise<IngestResult>;
  /** Where a browser can fetch the photo: a short-lived URL in AWS, a local path locally. */
  viewUrl(photoId: string): Promise<string | undefined>;
  /** The photo's bytes (local serving and tests). */
  read(photoId: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  /** The origin forms post to, for the page's Content-Security-Policy (form-action). */
  readonly uploadOrigin?: string;
}

export interface UploadForm {
  /** The form's action URL. */
  action: string;
  /** Hidden fields that must come before the file field. */
  fields: Record<string, string>;
  /** The name of the file field. */
  fileField: string;
}

export type IngestResult =
  | { ok: true; photoId: string; contentType: 'image/jpeg' | 'image/png'; bytes: number }
  | { ok: false; problem: 'missing' | 'too-large' | 'not-an-image' };

/** Photos up to 10 MB, as phones take them. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** A photo id: random, with the image type's extension. Uploads (not photos) are keyed by their draft. */
export const PHOTO_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}\.(jpg|png)$/;
