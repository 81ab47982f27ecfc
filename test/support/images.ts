/**
 * Small, real JPEG and PNG files for tests, with the metadata phones put in them (Exif with GPS,
 * camera and dates, XMP, IPTC, comments, PNG text chunks), built byte by byte.
 */
import { crc32, deflateSync } from 'node:zlib';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True when `needle` (text or bytes) occurs in `bytes`. */
export function contains(bytes: Uint8Array, needle: string | Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : Buffer.from(needle)) >= 0;
}

// ---------------------------------------------------------------------------------------------- JPEG

/** A JPEG segment: marker, length, data. */
export function jpegSegment(marker: number, data: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff), data);
}

/**
 * The image itself: a 40 × 8 grayscale baseline JPEG of five blocks, with a restart interval of 4.
 * Its entropy-coded data holds a stuffed 0xFF00 and a restart marker (RST0), so a stripper that
 * stops at the first 0xFF would be caught. Decodes in libjpeg (checked with ImageMagick).
 */
export const JPEG_TABLES_AND_SCAN = {
  dqt: jpegSegment(0xdb, Uint8Array.of(0x00, ...new Array(64).fill(1))),
  sof0: jpegSegment(0xc0, Uint8Array.of(8, 0, 8, 0, 40, 1, 1, 0x11, 0)),
  // DC: "0" → category 0, "10" → category 8. AC: "0" → end of block.
  dhtDc: jpegSegment(0xc4, Uint8Array.of(0x00, 1, 1, ...new Array(14).fill(0), 0x00, 0x08)),
  dhtAc: jpegSegment(0xc4, Uint8Array.of(0x10, 1, ...new Array(15).fill(0), 0x00)),
  dri: jpegSegment(0xdd, Uint8Array.of(0, 4)),
  sos: jpegSegment(0xda, Uint8Array.of(1, 1, 0x00, 0, 63, 0)),
  // Blocks 1–3: DC 0, EOB ("00" each); block 4: DC +255 ("10" + "11111111", stuffed), EOB; RST0; block 5: DC 0, EOB.
  scan: Uint8Array.of(0x02, 0xff, 0x00, 0x7f, 0xff, 0xd0, 0x3f),
};

/** SOS, its entropy-coded data and EOI: what must come out byte for byte. */
export const JPEG_SCAN_TO_END = concatBytes(JPEG_TABLES_AND_SCAN.sos, JPEG_TABLES_AND_SCAN.scan, Uint8Array.of(0xff, 0xd9));

/** A JPEG with these segments (APPn, COM, …) between SOI and the image's own tables. */
export function jpeg(...metadata: Uint8Array[]): Uint8Array {
  const t = JPEG_TABLES_AND_SCAN;
  return concatBytes(Uint8Array.of(0xff, 0xd8), ...metadata, t.dqt, t.sof0, t.dhtDc, t.dhtAc, t.dri, JPEG_SCAN_TO_END);
}

/** A JFIF APP0, with a 1 × 1 thumbnail. */
export const jfifApp0 = (): Uint8Array => jpegSegment(0xe0, concatBytes(ascii('JFIF\0'), Uint8Array.of(1, 2, 1, 0, 72, 0, 72, 1, 1, 0xaa, 0xbb, 0xcc)));

export interface ExifOptions {
  orientation?: number;
  make?: string;
  model?: string;
  dateTime?: string;
  /** Latitude and longitude in degrees. */
  gps?: { lat: number; lon: number };
  bigEndian?: boolean;
}

interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** The value's bytes, in the file's byte order. */
  value: Uint8Array;
}

/** An Exif TIFF structure: IFD0 (camera, date, orientation) and a GPS IFD. */
export function exifTiff(options: ExifOptions): Uint8Array {
  const big = options.bigEndian ?? false;
  const u16 = (n: number) => (big ? Uint8Array.of(n >> 8, n & 0xff) : Uint8Array.of(n & 0xff, n >> 8));
  const u32 = (n: number) => (big ? Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff) : Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24));
  const text = (tag: number, s: string): IfdEntry => ({ tag, type: 2, count: s.length + 1, value: ascii(`${s}\0`) });
  const rationals = (tag: number, values: number[]): IfdEntry => ({
    tag,
    type: 5,
    count: values.length,
    value: concatBytes(...values.flatMap((v) => [u32(Math.round(v * 10000)), u32(10000)])),
  });
  const dms = (deg: number) => {
    const d = Math.floor(Math.abs(deg));
    const m = Math.floor((Math.abs(deg) - d) * 60);
    return [d, m, ((Math.abs(deg) - d) * 60 - m) * 60];
  };

  const ifd0: IfdEntry[] = [];
  if (options.make) ifd0.push(text(0x010f, options.make));
  if (options.model) ifd0.push(text(0x0110, options.model));
  if (options.orientation !== undefined) ifd0.push({ tag: 0x0112, type: 3, count: 1, value: concatBytes(u16(options.orientation), u16(0)) });
  if (options.dateTime) ifd0.push(text(0x0132, options.dateTime));
  const gps: IfdEntry[] = options.gps
    ? [
        text(0x0001, options.gps.lat >= 0 ? 'N' : 'S'),
        rationals(0x0002, dms(options.gps.lat)),
        text(0x0003, options.gps.lon >= 0 ? 'E' : 'W'),
        rationals(0x0004, dms(options.gps.lon)),
      ]
    : [];

  // Layout: header (8), IFD0, GPS IFD, then the values that do not fit in 4 bytes.
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0Offset = 8;
  const gpsOffset = ifd0Offset + ifdSize(ifd0.length + (gps.length ? 1 : 0));
  let dataOffset = gpsOffset + (gps.length ? ifdSize(gps.length) : 0);
  const data: Uint8Array[] = [];
  const write = (entries: IfdEntry[]) =>
    concatBytes(
      u16(entries.length),
      ...entries.map((e) => {
        let field = e.value;
        if (e.value.length > 4) {
          field = u32(dataOffset);
          data.push(e.value);
          dataOffset += e.value.length;
        } else if (e.value.length < 4) field = concatBytes(e.value, new Uint8Array(4 - e.value.length));
        return concatBytes(u16(e.tag), u16(e.type), u32(e.count), field);
      }),
      u32(0),
    );
  const ifd0Entries = gps.length ? [...ifd0, { tag: 0x8825, type: 4, count: 1, value: u32(gpsOffset) }] : ifd0;
  const first = write(ifd0Entries.sort((a, b) => a.tag - b.tag));
  const second = gps.length ? write(gps) : new Uint8Array();
  return concatBytes(big ? ascii('MM') : ascii('II'), u16(42), u32(ifd0Offset), first, second, ...data);
}

/** An Exif APP1 segment. */
export const exifApp1 = (options: ExifOptions): Uint8Array => jpegSegment(0xe1, concatBytes(ascii('Exif\0\0'), exifTiff(options)));

/** An XMP APP1 segment. */
export const xmpApp1 = (xml: string): Uint8Array => jpegSegment(0xe1, concatBytes(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(xml)));

/** An APP13 Photoshop/IPTC segment naming the photographer. */
export const iptcApp13 = (byline: string): Uint8Array =>
  jpegSegment(0xed, concatBytes(ascii('Photoshop 3.0\0'), ascii('8BIM'), Uint8Array.of(0x04, 0x04, 0, 0), Uint8Array.of(0, 0, 0, byline.length + 5), Uint8Array.of(0x1c, 0x02, 0x50, 0, byline.length), ascii(byline)));

export const commentSegment = (text: string): Uint8Array => jpegSegment(0xfe, ascii(text));

/** An ICC profile APP2 segment (a stand-in profile: its contents are not read). */
export const iccApp2 = (): Uint8Array => jpegSegment(0xe2, concatBytes(ascii('ICC_PROFILE\0'), Uint8Array.of(1, 1), ascii('stand-in profile: Display P3')));

/** An MPF APP2 segment, as phones write to point at images appended after the main one. */
export const mpfApp2 = (): Uint8Array => jpegSegment(0xe2, concatBytes(ascii('MPF\0'), ascii('MM'), Uint8Array.of(0, 42, 0, 0, 0, 8)));

/** An Adobe APP14 segment (colour transform). */
export const adobeApp14 = (): Uint8Array => jpegSegment(0xee, concatBytes(ascii('Adobe'), Uint8Array.of(0, 100, 0, 0, 0, 0, 1)));

export interface JpegSegmentInfo {
  marker: number;
  /** The whole segment, marker included. */
  bytes: Uint8Array;
}

/** The segments of a JPEG up to SOS (independent of the code under test), and what follows SOS's header. */
export function jpegSegments(bytes: Uint8Array): { segments: JpegSegmentInfo[]; afterSos: Uint8Array } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('Not a JPEG');
  const segments: JpegSegmentInfo[] = [];
  let pos = 2;
  for (;;) {
    if (bytes[pos] !== 0xff) throw new Error(`No marker at ${pos}`);
    const marker = bytes[pos + 1];
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    const end = pos + 2 + length;
    segments.push({ marker, bytes: bytes.subarray(pos, end) });
    pos = end;
    if (marker === 0xda) return { segments, afterSos: bytes.subarray(pos) };
  }
}

// ----------------------------------------------------------------------------------------------- PNG

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(ascii(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes(ascii(type), data)));
  return concatBytes(head, data, crc);
}

/** A 2 × 2 RGB image's raw scanlines (filter byte 0 each) and the IHDR for it. */
export const PNG_RAW = Uint8Array.of(0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255);
export const pngIhdr = (): Uint8Array => pngChunk('IHDR', Uint8Array.of(0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0));

/** The IDAT chunks of the 2 × 2 image, the compressed data split in two. */
export function pngIdats(): Uint8Array[] {
  const compressed = new Uint8Array(deflateSync(PNG_RAW));
  const half = Math.floor(compressed.length / 2);
  return [pngChunk('IDAT', compressed.subarray(0, half)), pngChunk('IDAT', compressed.subarray(half))];
}

export function png(...chunksBetween: { beforeData?: Uint8Array[]; afterData?: Uint8Array[] }[]): Uint8Array {
  const before = chunksBetween.flatMap((c) => c.beforeData ?? []);
  const after = chunksBetween.flatMap((c) => c.afterData ?? []);
  return concatBytes(PNG_SIGNATURE, pngIhdr(), ...before, ...pngIdats(), ...after, pngChunk('IEND', new Uint8Array()));
}

export interface PngChunkInfo {
  type: string;
  data: Uint8Array;
  crcValid: boolean;
}

/** A PNG's chunks, each with whether its CRC is right (independent of the code under test). */
export function pngChunks(bytes: Uint8Array): { chunks: PngChunkInfo[]; trailing: number } {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('Not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const chunks: PngChunkInfo[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const length = view.getUint32(pos);
    const type = Buffer.from(bytes.subarray(pos + 4, pos + 8)).toString('latin1');
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    const crcValid = view.getUint32(pos + 8 + length) === crc32(bytes.subarray(pos + 4, pos + 8 + length));
    chunks.push({ type, data, crcValid });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  return { chunks, trailing: bytes.length - pos };
}

// ------------------------------------------------------------------------------------------ Typical

/** A photo as a phone takes it: location, camera, date, XMP, IPTC, a comment, rotated (Orientation 6). */
export function phoneJpeg(): Uint8Array {
  return jpeg(
    jfifApp0(),
    exifApp1({ orientation: 6, make: 'Zephyrcam', model: 'Zephyrcam Z9 Pro', dateTime: '2025:06:01 09:41:00', gps: { lat: 51.5454, lon: -0.0553 } }),
    xmpApp1('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="51,32.72N" tiff:Model="Zephyrcam Z9 Pro"/></x:xmpmeta>'),
    iccApp2(),
    mpfApp2(),
    iptcApp13('Jane Resident'),
    commentSegment('Taken outside 12 Acacia Avenue'),
  );
}

/** A screenshot-like PNG with text, Exif and time chunks. */
export function metadataPng(): Uint8Array {
  return png({
    beforeData: [
      pngChunk('gAMA', Uint8Array.of(0, 0, 0xb1, 0x8f)),
      pngChunk('sRGB', Uint8Array.of(0)),
      pngChunk('pHYs', Uint8Array.of(0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1)),
      pngChunk('tEXt', ascii('Author\0Jane Resident')),
      pngChunk('iTXt', concatBytes(ascii('XML:com.adobe.xmp\0\0\0\0\0'), ascii('<x:xmpmeta><exif:GPSLatitude>51,32.72N</exif:GPSLatitude></x:xmpmeta>'))),
      pngChunk('eXIf', exifTiff({ make: 'Zephyrcam', model: 'Zephyrcam Z9 Pro', gps: { lat: 51.5454, lon: -0.0553 } })),
      pngChunk('tRNS', Uint8Array.of(0, 255, 0, 0, 0, 0)),
    ],
    afterData: [pngChunk('tIME', Uint8Array.of(0x07, 0xe9, 6, 1, 9, 41, 0)), pngChunk('zTXt', concatBytes(ascii('Comment\0\0'), new Uint8Array(deflateSync(ascii('12 Acacia Avenue'))))), pngChunk('prVt', ascii('private'))],
  });
}
