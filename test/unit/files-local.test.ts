/**
 * The local file storage end to end, as a browser uses it without JavaScript: the upload form posts
 * the file to the local host's file upload route (standing in for S3's POST), which redirects back
 * with the key (the file's name put in it); the app then ingests, keeps, reads and removes it, and
 * what the bucket's lifecycle deletes in AWS is swept here.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalFileStorage, localFileUploadRoute } from '../../functions/core/files/local-file-storage.ts';
import { FILE_ID_PATTERN, MEGABYTE, type FileKind, type FileUploadForm } from '../../functions/core/files/port.ts';
import { contains, metadataPng, phoneJpeg } from '../support/images.ts';

const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const OTHER_DRAFT = 'ZyXwVuTsRqPoNmLkJiHgFe';
const REDIRECT = '/forms/blue-badge/d/AbCdEfGhIjKlMnOpQrStUv/proof/uploaded';
const ALL: FileKind[] = ['pdf', 'jpeg', 'png'];

const ascii = (text: string) => new TextEncoder().encode(text);
const samplePdf = () => ascii('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let now: Date;
let dir: string;
let storage: LocalFileStorage;
let host: Hono;

beforeEach(() => {
  now = new Date('2025-06-01T09:00:00Z');
  dir = mkdtempSync(path.join(tmpdir(), 'ldf-files-test-'));
  storage = new LocalFileStorage({ dir, uploadUrl: '/_dev/file-uploads/hackney', clock: () => now });
  host = new Hono();
  host.post('/_dev/file-uploads/:council', localFileUploadRoute(new Map([['hackney', storage]])));
});

const form = (options: { draftId?: string; maxBytes?: number; accept?: FileKind[] } = {}) =>
  storage.uploadForm({ draftId: options.draftId ?? DRAFT, redirectUrl: REDIRECT, now, maxBytes: options.maxBytes ?? MEGABYTE, accept: options.accept ?? ALL });

/** Posts the form's fields (changed as given) and a file, as multipart, to the host; `name` "" is no file chosen. */
async function post(upload: FileUploadForm, file: Uint8Array, name = 'Bank statement.pdf', changes: Record<string, string> = {}): Promise<Response> {
  const body = new FormData();
  for (const [field, value] of Object.entries({ ...upload.fields, ...changes })) body.append(field, value);
  body.append(upload.fileField, new Blob([file as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), name);
  return host.request(upload.action, { method: 'POST', body });
}

/** Uploads a file and returns the key storage sent the browser back with. */
async function upload(file: Uint8Array, name?: string, options?: Parameters<typeof form>[0]): Promise<string> {
  const res = await post(await form(options), file, name);
  expect(res.status, await res.clone().text()).toBe(303);
  const location = new URL(res.headers.get('location')!, 'http://localhost');
  expect(location.pathname).toBe(REDIRECT);
  return location.searchParams.get('key')!;
}

const limits = { accept: ALL, maxBytes: MEGABYTE };
const uploadsLeft = () => (existsSync(path.join(dir, 'uploads', DRAFT)) ? readdirSync(path.join(dir, 'uploads', DRAFT)) : []);

describe('a local upload form', () => {
  it('posts to the local host’s file upload route, with signed fields before the file and the input’s accept attribute', async () => {
    const upload = await form({ accept: ['pdf'] });
    expect(upload.action).toBe('/_dev/file-uploads/hackney');
    expect(upload.fileField).toBe('file');
    expect(upload.accept).toBe('.pdf,application/pdf');
    expect(Object.keys(upload.fields)).toEqual(['key', 'redirect', 'expires', 'max', 'signature']);
    expect(upload.fields.key).toMatch(new RegExp(`^uploads/${DRAFT}/[A-Za-z0-9_-]{22}/\\$\\{filename\\}$`));
    expect(Number(upload.fields.expires)).toBe(now.getTime() / 1000 + 15 * 60);
    expect(upload.fields.max).toBe(String(11 * MEGABYTE));
    expect(storage.uploadOrigin).toBeUndefined();
  });

  it('comes back with the file’s name in the key, as S3 does', async () => {
    const key = await upload(samplePdf(), 'Bank statement.pdf');
    expect(key).toMatch(new RegExp(`^uploads/${DRAFT}/[A-Za-z0-9_-]{22}/Bank statement\\.pdf$`));
  });

  it('is refused when changed, expired, or sent with a file over its size', async () => {
    const signed = await form({ maxBytes: 100 });
    expect((await post(signed, samplePdf(), 'a.pdf', { max: String(50 * MEGABYTE) })).status).toBe(400);
    expect((await post(signed, samplePdf(), 'a.pdf', { key: `uploads/${OTHER_DRAFT}/abc/\${filename}` })).status).toBe(400);
    const tooBig = await post(signed, new Uint8Array(100 + 10 * MEGABYTE + 1), 'big.pdf');
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('The file is too large');
    now = new Date(now.getTime() + 15 * 60_000);
    const expired = await post(signed, samplePdf(), 'a.pdf');
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('expired');
    expect(uploadsLeft()).toEqual([]);
  });

  it('is answered 404 for a council that has no file storage', async () => {
    const res = await host.request('/_dev/file-uploads/elsewhere', { method: 'POST', body: new FormData() });
    expect(res.status).toBe(404);
  });
});

describe('ingesting a local upload', () => {
  it('holds a PDF as pending, named as the resident’s device named it, and deletes the upload', async () => {
    const key = await upload(samplePdf(), 'Bank statement.pdf');
    const result = await storage.ingest({ key, draftId: DRAFT, ...limits });
    expect(result).toMatchObject({ ok: true, contentType: 'application/pdf', bytes: samplePdf().length, name: 'Bank statement.pdf' });
    if (!result.ok) return;
    expect(result.fileId).toMatch(FILE_ID_PATTERN);
    expect(await storage.read(result.fileId)).toEqual({ body: samplePdf(), contentType: 'application/pdf', name: 'Bank statement.pdf' });
    expect(uploadsLeft()).toEqual([]);
  });

  it('strips a JPEG’s and a PNG’s metadata', async () => {
    for (const [bytes, name, type] of [
      [phoneJpeg(), 'IMG_0001.JPG', 'image/jpeg'],
      [metadataPng(), 'Screenshot.png', 'image/png'],
    ] as const) {
      const result = await storage.ingest({ key: await upload(bytes, name), draftId: DRAFT, ...limits });
      expect(result).toMatchObject({ ok: true, contentType: type, name });
      if (!result.ok) continue;
      const stored = (await storage.read(result.fileId))!.body;
      expect(contains(bytes, 'Zephyrcam')).toBe(true);
      expect(contains(stored, 'Zephyrcam'), name).toBe(false);
      expect(contains(stored, 'Jane Resident'), name).toBe(false);
    }
  });

  it('refuses a file pretending to be a PDF, a kind the question does not take, one too large and an empty one; and deletes each', async () => {
    expect(await storage.ingest({ key: await upload(ascii('Dear council, please find attached'), 'letter.pdf'), draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'wrong-type' });
    expect(await storage.ingest({ key: await upload(phoneJpeg(), 'photo.jpg'), draftId: DRAFT, accept: ['pdf'], maxBytes: MEGABYTE })).toEqual({ ok: false, problem: 'wrong-type' });
    // Over the question's limit but inside the upload's slack: it reaches the app, which says why.
    const large = new Uint8Array(MEGABYTE + 1);
    large.set(samplePdf());
    expect(await storage.ingest({ key: await upload(large, 'big.pdf'), draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'too-large' });
    expect(await storage.ingest({ key: await upload(new Uint8Array(), 'blank.pdf'), draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'empty' });
    expect(uploadsLeft()).toEqual([]);
    expect(existsSync(path.join(dir, 'pending'))).toBe(false);
  });

  it('answers "missing" when no file was chosen, for an upload that is not there, and for another draft’s upload', async () => {
    expect(await storage.ingest({ key: await upload(new Uint8Array(), ''), draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
    const key = await upload(samplePdf());
    expect(await storage.ingest({ key, draftId: OTHER_DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
    // The name in the key is the one stored: a key with another name finds nothing.
    expect(await storage.ingest({ key: key.replace('Bank statement', 'Other'), draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
    expect(await storage.ingest({ key, draftId: DRAFT, ...limits })).toMatchObject({ ok: true });
    expect(await storage.ingest({ key, draftId: DRAFT, ...limits })).toEqual({ ok: false, problem: 'missing' });
  });

  it('keeps a safe name: no path, no invisible characters, the real type’s extension', async () => {
    const result = await storage.ingest({ key: await upload(samplePdf(), 'C:\\Users\\sam\\invoice\u202Efdp.exe'), draftId: DRAFT, ...limits });
    expect(result).toMatchObject({ ok: true, name: 'invoicefdp.exe.pdf' });
  });
});

describe('keeping, reading and removing local files', () => {
  const ingestPdf = async () => {
    const result = await storage.ingest({ key: await upload(samplePdf(), 'Tenancy agreement.pdf'), draftId: DRAFT, ...limits });
    if (!result.ok) throw new Error(result.problem);
    return result.fileId;
  };

  it('keeps a sent form’s files, counts one kept already, and leaves out one that is not there', async () => {
    const a = await ingestPdf();
    const b = await ingestPdf();
    expect(await storage.keep([a, b, 'zyxwvutsrqponmlkjihgfedc.pdf', '../x.pdf'], 365)).toEqual([a, b]);
    expect(await storage.keep([a], 365)).toEqual([a]);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
    expect(await storage.read(a)).toEqual({ body: samplePdf(), contentType: 'application/pdf', name: 'Tenancy agreement.pdf' });
    expect(await storage.downloadUrl(a)).toBeUndefined();
  });

  it('sweeps pending files after a day, as the bucket’s lifecycle does', async () => {
    const fileId = await ingestPdf();
    now = new Date('2025-06-02T08:59:59Z');
    expect(await storage.sweepExpired()).toBe(0);
    expect(await storage.read(fileId)).toBeDefined();
    now = new Date('2025-06-02T09:00:00Z');
    expect(await storage.sweepExpired()).toBe(1);
    expect(await storage.read(fileId)).toBeUndefined();
    expect(await storage.keep([fileId], 365)).toEqual([]);
  });

  it('sweeps a kept file when its form’s retention ends, not before', async () => {
    const short = await ingestPdf();
    const long = await ingestPdf();
    await storage.keep([short], 30);
    await storage.keep([long], 365);
    now = new Date('2025-07-01T08:59:59Z');
    expect(await storage.sweepExpired()).toBe(0);
    now = new Date('2025-07-01T09:00:00Z');
    expect(await storage.sweepExpired()).toBe(1);
    expect(await storage.read(short)).toBeUndefined();
    expect(await storage.read(long)).toBeDefined();
  });

  it('removes files kept or pending, and ignores ids that are not there', async () => {
    const kept = await ingestPdf();
    const pending = await ingestPdf();
    await storage.keep([kept], 365);
    await storage.remove([kept, pending, 'zyxwvutsrqponmlkjihgfedc.pdf', '../../x.pdf']);
    expect(await storage.read(kept)).toBeUndefined();
    expect(await storage.read(pending)).toBeUndefined();
    expect(readdirSync(path.join(dir, 'files'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
  });

  it('refuses a retention that is not whole days', async () => {
    await expect(storage.keep([await ingestPdf()], 0)).rejects.toThrow(RangeError);
  });
});
