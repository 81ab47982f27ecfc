/**
 * Removes what a photo says about the person who took it (where, when, with which phone) and keeps
 * what it needs to look right. Works on the file's structure only: the image data is copied
 * byte for byte, never decoded or re-encoded. Pure functions, no dependencies.
 */

export type ImageType = 'image/jpeg' | 'image/png';

/** The file is not a JPEG or PNG, or is truncated or corrupt. */
export class ImageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFormatError';
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the file is, from its first bytes (never from its name or the type the browser claimed). */
export function detectImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

/**
 * The same image without its metadata: JPEG APPn and comment segments go (Exif with GPS, camera and
 * dates; XMP; IPTC), except JFIF, Adobe and the ICC colour profile; a JPEG's orientation is kept in
 * a new, minimal Exif. PNG keeps its critical and colour chunks only. Anything after the image's
 * end (phones append depth maps, motion-photo videos and maker data there) is dropped.
 *
 * @throws ImageFormatError when the file is not a JPEG or PNG, or is truncated or corrupt.
 */
export function stripMetadata(bytes: Uint8Array): Uint8Array {
  const type = detectImageType(bytes);
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  throw new ImageFormatError('Not a JPEG or PNG file');
}

// ---------------------------------------------------------------------------------------------- JPEG

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
/** The orientation Exif tag. */
const ORIENTATION = 0x0112;

const startsWith = (bytes: Uint8Array, at: number, end: number, ascii: string): boolean => {
  if (end - at < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
};

/** Start-of-frame markers: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameHeader = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers that stand alone, without a length: TEM and the restart markers. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  let jfif: Uint8Array | undefined;
  let orientation: number | undefined;
  let sawFrame = false;
  let sawScan = false;
  const kept: Uint8Array[] = [];
  let pos = 2; // after SOI

  for (;;) {
    if (pos >= length) throw new ImageFormatError('The JPEG is truncated: it ends before its end-of-image marker');
    if (bytes[pos] !== 0xff) throw new ImageFormatError(`The JPEG is corrupt: expected a marker at byte ${pos}`);
    // Any number of 0xFF fill bytes may come before a marker.
    while (pos < length && bytes[pos] === 0xff) pos++;
    if (pos >= length) throw new ImageFormatError('The JPEG is truncated: it ends inside a marker');
    const marker = bytes[pos];
    const start = pos - 1;
    pos++;

    if (marker === EOI) {
      if (!sawScan) throw new ImageFormatError('The JPEG has no image data');
      break;
    }
    if (marker === SOI || marker === 0x00) throw new ImageFormatError(`The JPEG is corrupt: unexpected marker at byte ${start}`);
    if (isStandalone(marker)) {
      kept.push(bytes.subarray(start, pos));
      continue;
    }

    if (pos + 2 > length) throw new ImageFormatError('The JPEG is truncated: it ends inside a segment header');
    const segmentLength = (bytes[pos] << 8) | bytes[pos + 1];
    if (segmentLength < 2) throw new ImageFormatError(`The JPEG is corrupt: a segment at byte ${start} has an impossible length`);
    const dataStart = pos + 2;
    const end = pos + segmentLength;
    if (end > length) throw new ImageFormatError('The JPEG is truncated: it ends inside a segment');
    pos = end;

    if (marker === APP0) {
      // JFIF: kept (readers expect it), without any thumbnail. JFXX extension thumbnails and any other APP0 go.
      if (!jfif && startsWith(bytes, dataStart, end, 'JFIF\0') && end - dataStart >= 14) jfif = jfifWithoutThumbnail(bytes.subarray(dataStart, dataStart + 14));
      continue;
    }
    if (marker === APP1) {
      if (orientation === undefined && startsWith(bytes, dataStart, end, 'Exif\0\0')) orientation = readOrientation(bytes.subarray(dataStart + 6, end));
      continue; // Exif, XMP, extended XMP
    }
    if (marker === APP2) {
      // The colour profile, so phone photos (often Display P3) keep their colours; MPF, FlashPix and the rest go.
      if (startsWith(bytes, dataStart, end, 'ICC_PROFILE\0')) kept.push(bytes.subarray(start, end));
      continue;
    }
    if (marker === APP14) {
      // Adobe: says how to transform the colours of CMYK and YCCK images.
      if (startsWith(bytes, dataStart, end, 'Adobe')) kept.push(bytes.subarray(start, end));
      continue;
    }
    if ((marker >= APP0 && marker <= 0xef) || marker === COM) continue;

    if (isFrameHeader(marker)) sawFrame = true;
    kept.push(bytes.subarray(start, end));

    if (marker === SOS) {
      if (!sawFrame) throw new ImageFormatError('The JPEG is corrupt: image data comes before the frame header');
      sawScan = true;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      const dataEnd = endOfEntropyCodedData(bytes, pos);
      kept.push(bytes.subarray(pos, dataEnd));
      pos = dataEnd;
    }
  }

  const exif = orientation !== undefined && orientation !== 1 ? minimalExif(orientation) : undefined;
  const parts: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
  if (jfif) parts.push(segment(APP0, jfif));
  if (exif) parts.push(segment(APP1, exif));
  parts.push(...kept, Uint8Array.of(0xff, EOI));
  return concat(parts);
}

function endOfEntropyCodedData(bytes: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = bytes.indexOf(0xff, i);
    if (i < 0 || i + 1 >= bytes.length) throw new ImageFormatError('The JPEG is truncated: its image data does not end');
    const next = bytes[i + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1; // fill bytes before a marker
    else return i;
  }
}

/** The JFIF header's 14 bytes with the thumbnail size set to 0 × 0. */
function jfifWithoutThumbnail(header: Uint8Array): Uint8Array {
  const copy = header.slice();
  copy[12] = 0;
  copy[13] = 0;
  return copy;
}

/** The Orientation (1–8) in IFD0 of an Exif TIFF structure, or undefined when it has none or cannot be read. */
function readOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d;
  if (!little && !big) return undefined;
  const u16 = (at: number) => (little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1]);
  const u32 = (at: number) => (little ? (tiff[at] | (tiff[at + 1] << 8) | (tiff[at + 2] << 16)) + tiff[at + 3] * 0x1000000 : tiff[at] * 0x1000000 + ((tiff[at + 1] << 16) | (tiff[at + 2] << 8) | tiff[at + 3]));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) !== ORIENTATION) continue;
    // SHORT, one value, held in the first two bytes of the value field.
    if (u16(entry + 2) !== 3 || u32(entry + 4) !== 1) return undefined;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** An Exif block holding only IFD0 with the Orientation tag: no location, camera, dates or thumbnail. */
function minimalExif(orientation: number): Uint8Array {
  return Uint8Array.of(
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // big-endian TIFF header, IFD0 at offset 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  );
}

function segment(marker: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  out.set([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]);
  out.set(data, 4);
  return out;
}

// ----------------------------------------------------------------------------------------------- PNG

/** Critical chunks, and the ancillary ones that change how the image looks. */
const PNG_KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs']);

function stripPng(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let first = true;
  let sawData = false;
  for (;;) {
    if (pos + 12 > bytes.length) throw new ImageFormatError('The PNG is truncated: it ends before its IEND chunk');
    const dataLength = readU32(bytes, pos);
    const end = pos + 12 + dataLength;
    if (dataLength > 0x7fffffff || end > bytes.length) throw new ImageFormatError('The PNG is truncated: it ends inside a chunk');
    const typeBytes = bytes.subarray(pos + 4, pos + 8);
    if (!typeBytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) throw new ImageFormatError(`The PNG is corrupt: bad chunk type at byte ${pos}`);
    const type = String.fromCharCode(...typeBytes);
    if (first && (type !== 'IHDR' || dataLength !== 13)) throw new ImageFormatError('The PNG is corrupt: it does not start with IHDR');
    first = false;
    const critical = (typeBytes[0] & 0x20) === 0;
    if (PNG_KEPT_CHUNKS.has(type)) {
      if (crc32(bytes.subarray(pos + 4, end - 4)) !== readU32(bytes, end - 4)) throw new ImageFormatError(`The PNG is corrupt: the ${type} chunk's checksum is wrong`);
      kept.push(bytes.subarray(pos, end));
    } else if (critical) {
      throw new ImageFormatError(`The PNG uses an unknown critical chunk, ${type}`);
    }
    if (type === 'IDAT') sawData = true;
    pos = end;
    if (type === 'IEND') break;
  }
  if (!sawData) throw new ImageFormatError('The PNG has no image data');
  return concat(kept);
}

const readU32 = (bytes: Uint8Array, at: number) => bytes[at] * 0x1000000 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG uses it (ISO 3309). */
function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
