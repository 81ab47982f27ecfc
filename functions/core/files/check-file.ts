/**
 * What both file adapters do the same way: the keys files live under, the checks an upload must
 * pass, and the name it keeps. Shared so the S3 bucket and the local folder refuse the same files.
 */
import { randomBytes } from 'node:crypto';
import { ImageFormatError, stripMetadata } from '../photos/strip-metadata.ts';
import { CONTENT_TYPES, MAX_FILE_MEGABYTES, MEGABYTE, type FileKind, type FileProblem } from './port.ts';

/** Where uploads land, unchecked; the bucket's lifecycle removes what the app never took. */
export const UPLOADS_PREFIX = 'uploads/';
/** Checked files whose form has not been sent; deleted after a day. */
export const PENDING_PREFIX = 'pending/';
/** Files of sent forms, each tagged with its retention (RETENTION_TAG). */
export const KEPT_PREFIX = 'files/';
/** The tag on a kept file that says how many days it is kept: the bucket's lifecycle rules filter on it. */
export const RETENTION_TAG = 'retention-days';
/** The object metadata (S3) or sidecar field (local) holding the original name, percent-encoded in S3. */
export const NAME_METADATA = 'name';

/** S3 puts the chosen file's name where this stands in an upload form's key. */
export const FILENAME_VARIABLE = '${filename}';

/** Draft ids and upload names: URL-safe, so keys never hold "/" or ".." of their own. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** S3's longest key, in bytes. */
const MAX_KEY_BYTES = 1024;

/** Where a draft's uploads go: `uploads/<draftId>/`. */
export function uploadPrefix(draftId: string): string {
  if (!SAFE_ID.test(draftId)) throw new Error('A draft id must be 1–64 URL-safe characters');
  return `${UPLOADS_PREFIX}${draftId}/`;
}

/** A new upload's key, as the form sends it: `uploads/<draftId>/<random>/${filename}`. */
export const newUploadKey = (draftId: string): string => `${uploadPrefix(draftId)}${randomBytes(16).toString('base64url')}/${FILENAME_VARIABLE}`;

/**
 * The parts of one of this draft's upload keys, after storage put the file's name in it
 * (`uploads/<draftId>/<random>/<name as the browser sent it>`; the name may be empty, when no file
 * was chosen); undefined for any other key.
 */
export function parseUploadKey(key: string, draftId: string): { upload: string; name: string } | undefined {
  if (!SAFE_ID.test(draftId) || Buffer.byteLength(key) > MAX_KEY_BYTES) return undefined;
  const prefix = `${UPLOADS_PREFIX}${draftId}/`;
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const upload = rest.slice(0, slash);
  if (!SAFE_ID.test(upload)) return undefined;
  return { upload, name: rest.slice(slash + 1) };
}

const EXTENSIONS: Record<FileKind, string[]> = { pdf: ['pdf'], jpeg: ['jpg', 'jpeg'], png: ['png'] };

/** A new file's id: random, URL-safe, with its kind's extension. */
export const newFileId = (kind: FileKind): string => `${randomBytes(18).toString('base64url')}.${EXTENSIONS[kind][0]}`;

/** The content type a file id's extension says (ids are made from the real type). */
export function contentTypeOfFile(fileId: string): string {
  if (fileId.endsWith('.pdf')) return CONTENT_TYPES.pdf;
  if (fileId.endsWith('.png')) return CONTENT_TYPES.png;
  return CONTENT_TYPES.jpeg;
}

const kindOfFileId = (fileId: string): FileKind => (fileId.endsWith('.pdf') ? 'pdf' : fileId.endsWith('.png') ? 'png' : 'jpeg');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** What the file is, from its first bytes (never its name or the type the browser claimed). */
export function detectFileKind(bytes: Uint8Array): FileKind | undefined {
  if (bytes.length >= 8 && PDF_HEADER.every((b, i) => bytes[i] === b) && bytes[5] >= 0x30 && bytes[5] <= 0x39) return 'pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  return undefined;
}

/**
 * Checks an upload's bytes against a question's limits, and strips an image's metadata: the
 * problem, or the file to store. A PDF is stored as it came (its type checked, nothing rewritten).
 */
export function checkFile(
  bytes: Uint8Array,
  limits: { accept: readonly FileKind[]; maxBytes: number },
): { ok: false; problem: Exclude<FileProblem, 'missing'> } | { ok: true; body: Uint8Array; kind: FileKind } {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > limits.maxBytes) return { ok: false, problem: 'too-large' };
  const kind = detectFileKind(bytes);
  if (!kind || !limits.accept.includes(kind)) return { ok: false, problem: 'wrong-type' };
  if (kind === 'pdf') return { ok: true, body: bytes, kind };
  try {
    return { ok: true, body: stripMetadata(bytes), kind };
  } catch (error) {
    // Starts like an image but is not a whole one: what it claims to be is not what it is.
    if (error instanceof ImageFormatError) return { ok: false, problem: 'wrong-type' };
    throw error;
  }
}

/** Checks a question's limits: a form definition's fault, not a resident's, when they are wrong. */
export function assertLimits(maxBytes: number, accept: readonly FileKind[]): void {
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_FILE_MEGABYTES * MEGABYTE) throw new RangeError(`A file question's limit must be 1 byte to ${MAX_FILE_MEGABYTES} MB`);
  if (accept.length === 0 || accept.some((k) => !(k in CONTENT_TYPES))) throw new RangeError('A file question must accept pdf, jpeg or png files');
}

export function assertRetention(retentionDays: number): void {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError('Files are kept for a whole number of days, at least 1');
}

/** The longest file name kept, in characters, extension included. */
export const MAX_NAME_LENGTH = 100;

/**
 * The name a file keeps: the original's last path part (old browsers send a whole Windows path),
 * without control and invisible formatting characters (a right-to-left override can make
 * "invoice‮fdp.exe" look like a PDF), characters Windows refuses in names, or leading dots; at most
 * MAX_NAME_LENGTH characters; ending with the extension its real type calls for (so a download
 * opens in the right program); `file.<ext>` when nothing is left.
 *
 * @example
 * sanitiseFileName('C:\\Users\\sam\\Bank statement.PDF', 'pdf') // 'Bank statement.PDF'
 * sanitiseFileName('photo.heic', 'jpeg') // 'photo.heic.jpg'
 */
export function sanitiseFileName(raw: string, kind: FileKind): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const extensions = EXTENSIONS[kind];
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && extensions.includes(name.slice(dot + 1).toLowerCase());
  let stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : `.${extensions[0]}`;
  const chars = [...stem];
  const room = MAX_NAME_LENGTH - extension.length;
  if (chars.length > room) stem = chars.slice(0, room).join('').trimEnd();
  name = stem ? `${stem}${extension}` : `file${extension}`;
  return name;
}

/** The name to fall back on when a stored name cannot be read. */
export const fallbackName = (fileId: string): string => `file.${EXTENSIONS[kindOfFileId(fileId)][0]}`;

/**
 * A Content-Disposition header that downloads the file under its name: an ASCII fallback for old
 * clients and the UTF-8 name (RFC 6266).
 *
 * @example
 * contentDisposition('Cais – llun.pdf') // `attachment; filename="Cais _ llun.pdf"; filename*=UTF-8''Cais%20%E2%80%93%20llun.pdf`
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
