import type { UploadForm } from '../photos/port.ts';

/** The kinds of file a form's file question may accept (FileKind in the forms definition types). */
export type FileKind = 'pdf' | 'jpeg' | 'png';

/** The content type each kind is stored and served with. */
export const CONTENT_TYPES: Record<FileKind, 'application/pdf' | 'image/jpeg' | 'image/png'> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/**
 * Where residents' files for forms go (a form's `type: 'file'` questions). As with photos, the
 * browser posts the file straight to storage (a plain multipart form, no JavaScript), which sends
 * the browser back to the app with the upload's key; the app then `ingest`s it: checks its real type
 * by its bytes, strips an image's metadata and holds it as pending. When the form is sent, `keep`
 * moves its files to the kept ones, which live as long as the form's submissions do; a pending file
 * (replaced, removed, or its draft never sent) is deleted after PENDING_FILE_HOURS. Adapters: an S3
 * bucket per council in AWS (presigned POST, lifecycle rules), a folder locally.
 *
 * @example
 * const form = await deps.files.uploadForm({ draftId, redirectUrl, now, maxBytes: q.maxMegabytes * MEGABYTE, accept: q.accept });
 * // … the browser posts the file and comes back to redirectUrl?key=…
 * const result = await deps.files.ingest({ key, draftId, maxBytes: q.maxMegabytes * MEGABYTE, accept: q.accept });
 * if (result.ok) answers[q.key] = { fileId: result.fileId, name: result.name, contentType: result.contentType, bytes: result.bytes };
 * // … on submission, before the case is written:
 * await deps.files.keep(fileIdsOf(answers), form.retentionDays);
 */
export interface FileStorage {
  /**
   * The form that uploads one file for a draft; storage redirects to `redirectUrl` afterwards,
   * adding `key=…`. Storage itself refuses a file more than UPLOAD_SLACK_BYTES over `maxBytes`;
   * one over `maxBytes` by less is stored, and `ingest` answers `too-large`, so the resident sees
   * the page's own error message rather than storage's.
   *
   * @throws RangeError when `maxBytes` is not 1 byte to MAX_FILE_MEGABYTES, or `accept` is empty (a form definition's fault).
   */
  uploadForm(input: { draftId: string; redirectUrl: string; now: Date; maxBytes: number; accept: readonly FileKind[] }): Promise<FileUploadForm>;
  /**
   * Checks an upload and stores it as a pending file: its real type (PDF, JPEG or PNG, by its
   * first bytes, never its name or the type the browser claimed) must be one of `accept`, its size
   * at most `maxBytes`; an image's location and camera metadata are stripped. The original file
   * name (from the upload's key, or `fileName` when given) is kept, made safe (see
   * sanitiseFileName). The upload itself is deleted either way. `missing`: no such upload, or no
   * file was chosen; `empty`: a chosen file of 0 bytes.
   */
  ingest(input: { key: string; draftId: string; accept: readonly FileKind[]; maxBytes: number; fileName?: string }): Promise<FileIngestResult>;
  /**
   * Keeps a submission's files: moves each from pending to the kept files, which are deleted
   * `retentionDays` after (the form's retention; the bucket has a lifecycle rule per period its
   * council's forms use, and one for the longest that catches any other). Answers the ids that are
   * kept, in order: one already kept counts, and is kept again for `retentionDays` from now (files
   * of a form saved to come back to are kept for the saved days, then for the form's retention
   * when it is sent); one whose pending copy has gone (expired, removed, or never there) is left out.
   *
   * @throws RangeError when `retentionDays` is not a whole number of days from 1.
   */
  keep(fileIds: readonly string[], retentionDays: number): Promise<string[]>;
  /** The file, kept or pending: its bytes, type and (safe) original name; undefined when there is none. */
  read(fileId: string): Promise<StoredFile | undefined>;
  /**
   * A short-lived link that downloads the file (as an attachment, under its original name), for
   * the staff download in AWS, where a function's response cannot carry a large file; undefined
   * when there is no such file, and always undefined locally, where the app serves `read`.
   */
  downloadUrl(fileId: string): Promise<string | undefined>;
  /** Deletes files, kept or pending (erasure); ids that are not there are ignored. */
  remove(fileIds: readonly string[]): Promise<void>;
  /** The origin upload forms post to, for the page's Content-Security-Policy (form-action). */
  readonly uploadOrigin?: string;
}

/** An upload form, with the file input's `accept` attribute for its kinds. */
export interface FileUploadForm extends UploadForm {
  /** For `<input type="file" accept="…">`: the kinds' extensions and content types (a hint to the browser; ingest checks). */
  accept: string;
}

export interface StoredFile {
  body: Uint8Array;
  contentType: string;
  /** The original file name, made safe, with the extension its real type calls for. */
  name: string;
}

export type FileProblem = 'missing' | 'too-large' | 'wrong-type' | 'empty';

export type FileIngestResult =
  | { ok: true; fileId: string; contentType: (typeof CONTENT_TYPES)[FileKind]; bytes: number; name: string }
  | { ok: false; problem: FileProblem };

export const MEGABYTE = 1024 * 1024;

/** The largest limit a file question may set: the function reads a file whole to check it. */
export const MAX_FILE_MEGABYTES = 20;

/**
 * How far over a question's limit an upload may go and still reach the app (which then answers
 * `too-large` with the page's message); storage refuses anything bigger before it is stored.
 */
export const UPLOAD_SLACK_BYTES = 10 * MEGABYTE;

/** The most storage takes for a question limited to `maxBytes`. */
export const uploadLimitBytes = (maxBytes: number): number => maxBytes + UPLOAD_SLACK_BYTES;

/** How long a file that was never sent is kept: a day, as long as the draft it belongs to. */
export const PENDING_FILE_HOURS = 24;

/** How long a download link works: 5 minutes (a member of staff follows it at once). */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** A file id: random, with its real type's extension. */
export const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}\.(pdf|jpg|png)$/;

const ACCEPT_PARTS: Record<FileKind, string[]> = {
  pdf: ['.pdf', 'application/pdf'],
  jpeg: ['.jpg', '.jpeg', 'image/jpeg'],
  png: ['.png', 'image/png'],
};

/**
 * The file input's `accept` attribute for these kinds.
 *
 * @example
 * acceptAttribute(['pdf', 'jpeg']) // '.pdf,application/pdf,.jpg,.jpeg,image/jpeg'
 */
export const acceptAttribute = (kinds: readonly FileKind[]): string => kinds.flatMap((k) => ACCEPT_PARTS[k]).join(',');
