/**
 * Where residents' photos go. The browser uploads straight to storage (no JavaScript needed: a plain
 * multipart form), which then sends it back to the app; the app checks the file, strips its
 * metadata and holds it as pending. Only when the report is sent does `keep` move it to the kept
 * photos, which live as long as reports do; a pending photo (replaced, removed, or its draft never
 * sent) is deleted after PENDING_PHOTO_HOURS. Adapters: an S3 bucket per council in AWS (presigned
 * POST, lifecycle rules), a folder locally.
 */
export interface PhotoStorage {
  /** The form that uploads one photo for a draft; storage redirects to `redirectUrl` afterwards, adding `?key=…`. */
  uploadForm(input: { draftId: string; redirectUrl: string; now: Date }): Promise<UploadForm>;
  /**
   * Checks an uploaded file (a JPEG or PNG of at most MAX_PHOTO_BYTES), strips its location and
   * camera metadata and stores it as a pending photo; the upload itself is deleted either way.
   */
  ingest(input: { key: string; draftId: string }): Promise<IngestResult>;
  /**
   * Keeps a report's photos: moves each from pending to the kept photos, when the report is sent.
   * Answers the ids that are kept, in order: one already kept (a submission sent twice) counts; one
   * whose pending copy has gone (expired, or never there) is left out.
   *
   * @example
   * const photos = await deps.photos.keep(draft.data.photos ?? []); // before the case is created
   */
  keep(photoIds: string[]): Promise<string[]>;
  /**
   * Where a browser can fetch the photo, kept or pending (the resident sees theirs before sending):
   * a short-lived URL in AWS, undefined when there is no such photo; undefined locally, where the
   * app serves `read`.
   */
  viewUrl(photoId: string): Promise<string | undefined>;
  /** The photo's bytes, kept or pending (local serving and tests). */
  read(photoId: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  /**
   * Deletes kept photos for good (a case past its retention, or erased at the resident's request):
   * the bucket's lifecycle would take them only at the end of the report retention period. Ids that
   * are not there are skipped.
   *
   * @example
   * await deps.photos.remove(found.public?.media ?? []);
   */
  remove(photoIds: readonly string[]): Promise<void>;
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

/** How long a photo that was never sent is kept: a day, as long as the draft it belongs to. */
export const PENDING_PHOTO_HOURS = 24;

/** Photos up to 10 MB, as phones take them. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** A photo id: random, with the image type's extension. Uploads (not photos) are keyed by their draft. */
export const PHOTO_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}\.(jpg|png)$/;
