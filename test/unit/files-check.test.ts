/**
 * The checks every form file passes, whichever storage holds it: its real type by its first bytes,
 * its size against the question's limit, an image's metadata stripped, and the name it keeps.
 */
import { describe, expect, it } from 'vitest';
import { checkFile, contentDisposition, detectFileKind, parseUploadKey, sanitiseFileName, MAX_NAME_LENGTH } from '../../functions/core/files/check-file.ts';
import { acceptAttribute } from '../../functions/core/files/port.ts';
import { contains, metadataPng, phoneJpeg } from '../support/images.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const DRAFT = 'AbCdEfGhIjKlMnOpQrStUv';
const ALL = ['pdf', 'jpeg', 'png'] as const;

/** A small, whole PDF, with an author in its information dictionary. */
const samplePdf = (): Uint8Array =>
  ascii(
    '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Author (Jane Resident) >> endobj\ntrailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n',
  );

describe('a file’s kind', () => {
  it('is read from its first bytes: PDF, JPEG or PNG', () => {
    expect(detectFileKind(samplePdf())).toBe('pdf');
    expect(detectFileKind(phoneJpeg())).toBe('jpeg');
    expect(detectFileKind(metadataPng())).toBe('png');
  });

  it('is none for a file that only says it is a PDF: text, HTML, or "%PDF" without a version', () => {
    for (const text of ['Please find my bank statement attached', '<html><body>%PDF-1.7</body></html>', '%PDF-x.y not really', ' %PDF-1.7 leading space']) {
      expect(detectFileKind(ascii(text)), text).toBeUndefined();
    }
  });
});

describe('checking a file', () => {
  it('keeps a PDF byte for byte', () => {
    const pdf = samplePdf();
    expect(checkFile(pdf, { accept: ['pdf'], maxBytes: 1024 })).toEqual({ ok: true, body: pdf, kind: 'pdf' });
  });

  it('strips a JPEG’s location, camera and comments, and a PNG’s text chunks', () => {
    const jpeg = checkFile(phoneJpeg(), { accept: ALL, maxBytes: 1024 * 1024 });
    expect(jpeg).toMatchObject({ ok: true, kind: 'jpeg' });
    if (!jpeg.ok) return;
    expect(contains(phoneJpeg(), 'Zephyrcam')).toBe(true);
    for (const gone of ['GPS', 'Zephyrcam', 'Acacia', 'Jane Resident']) expect(contains(jpeg.body, gone), gone).toBe(false);

    const png = checkFile(metadataPng(), { accept: ['png'], maxBytes: 1024 * 1024 });
    expect(png).toMatchObject({ ok: true, kind: 'png' });
    if (png.ok) for (const gone of ['Jane Resident', 'Zephyrcam', 'GPSLatitude']) expect(contains(png.body, gone), gone).toBe(false);
  });

  it('refuses a kind the question does not accept, and a file pretending to be a PDF', () => {
    expect(checkFile(phoneJpeg(), { accept: ['pdf'], maxBytes: 1024 * 1024 })).toEqual({ ok: false, problem: 'wrong-type' });
    expect(checkFile(samplePdf(), { accept: ['jpeg', 'png'], maxBytes: 1024 * 1024 })).toEqual({ ok: false, problem: 'wrong-type' });
    expect(checkFile(ascii('MZ\x90\x00 not a pdf at all'), { accept: ['pdf'], maxBytes: 1024 })).toEqual({ ok: false, problem: 'wrong-type' });
  });

  it('refuses a file that starts like a JPEG but is not a whole one', () => {
    expect(checkFile(phoneJpeg().subarray(0, 40), { accept: ['jpeg'], maxBytes: 1024 })).toEqual({ ok: false, problem: 'wrong-type' });
  });

  it('refuses a file over the limit, and an empty one, before looking at its type', () => {
    const pdf = samplePdf();
    expect(checkFile(pdf, { accept: ['pdf'], maxBytes: pdf.length })).toMatchObject({ ok: true });
    expect(checkFile(pdf, { accept: ['pdf'], maxBytes: pdf.length - 1 })).toEqual({ ok: false, problem: 'too-large' });
    expect(checkFile(new Uint8Array(), { accept: ['pdf'], maxBytes: 10 })).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('a file’s name', () => {
  it('keeps what the resident called it, with its extension', () => {
    expect(sanitiseFileName('Bank statement June.PDF', 'pdf')).toBe('Bank statement June.PDF');
    expect(sanitiseFileName('IMG_0001.jpeg', 'jpeg')).toBe('IMG_0001.jpeg');
    expect(sanitiseFileName('Tystysgrif geni – Siân.pdf', 'pdf')).toBe('Tystysgrif geni – Siân.pdf');
  });

  it('is the last part of a path an old browser sent', () => {
    expect(sanitiseFileName('C:\\Users\\sam\\Documents\\tenancy.pdf', 'pdf')).toBe('tenancy.pdf');
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
  });

  it('ends with the extension its real type calls for', () => {
    expect(sanitiseFileName('photo.heic', 'jpeg')).toBe('photo.heic.jpg');
    expect(sanitiseFileName('invoice.exe', 'pdf')).toBe('invoice.exe.pdf');
    expect(sanitiseFileName('scan', 'png')).toBe('scan.png');
  });

  it('loses control and invisible characters, a right-to-left override among them, and characters Windows refuses', () => {
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe.pdf');
    expect(sanitiseFileName('line\nbreak\u0000.pdf', 'pdf')).toBe('linebreak.pdf');
    expect(sanitiseFileName('what? "this" <is>|*.pdf', 'pdf')).toBe('what_ _this_ _is___.pdf');
    expect(sanitiseFileName('  ...hidden  .pdf', 'pdf')).toBe('hidden .pdf');
  });

  it('is at most 100 characters, keeping its extension, and "file" when nothing is left', () => {
    const long = sanitiseFileName(`${'ŵ'.repeat(300)}.pdf`, 'pdf');
    expect([...long]).toHaveLength(MAX_NAME_LENGTH);
    expect(long.endsWith('ŵ.pdf')).toBe(true);
    expect(sanitiseFileName('', 'pdf')).toBe('file.pdf');
    expect(sanitiseFileName('\u200B\u200B', 'jpeg')).toBe('file.jpg');
  });

  it('downloads under its name, with an ASCII fallback', () => {
    expect(contentDisposition('Cais – llun (1).pdf')).toBe(`attachment; filename="Cais _ llun (1).pdf"; filename*=UTF-8''Cais%20%E2%80%93%20llun%20%281%29.pdf`);
    expect(contentDisposition('say "hi".pdf')).toBe(`attachment; filename="say _hi_.pdf"; filename*=UTF-8''say%20%22hi%22.pdf`);
  });
});

describe('an upload key', () => {
  it('gives the upload and the name S3 put in it, for this draft only', () => {
    expect(parseUploadKey(`uploads/${DRAFT}/abc_DEF-123/My scan.pdf`, DRAFT)).toEqual({ upload: 'abc_DEF-123', name: 'My scan.pdf' });
    expect(parseUploadKey(`uploads/${DRAFT}/abc/a/b.pdf`, DRAFT)).toEqual({ upload: 'abc', name: 'a/b.pdf' });
    expect(parseUploadKey(`uploads/${DRAFT}/abc/`, DRAFT)).toEqual({ upload: 'abc', name: '' });
  });

  it('is refused for another draft, another prefix, a bad upload part or an overlong key', () => {
    for (const key of [`uploads/other/abc/x.pdf`, `pending/abcdefghijklmnop.pdf`, `uploads/${DRAFT}/abc`, `uploads/${DRAFT}/../x/y.pdf`, `uploads/${DRAFT}/abc/${'x'.repeat(1024)}`]) {
      expect(parseUploadKey(key, DRAFT), key).toBeUndefined();
    }
    expect(parseUploadKey(`uploads/a/b/c.pdf`, 'a/b')).toBeUndefined();
  });
});

describe('the file input’s accept attribute', () => {
  it('names the kinds’ extensions and types', () => {
    expect(acceptAttribute(['pdf', 'jpeg'])).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
    expect(acceptAttribute(['png'])).toBe('.png,image/png');
  });
});
