import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectImageType, ImageFormatError, stripMetadata } from '../../functions/core/photos/strip-metadata.ts';
import {
  adobeApp14,
  commentSegment,
  concatBytes,
  contains,
  exifApp1,
  iccApp2,
  jfifApp0,
  jpeg,
  JPEG_SCAN_TO_END,
  JPEG_TABLES_AND_SCAN,
  jpegSegments,
  metadataPng,
  phoneJpeg,
  PNG_RAW,
  pngChunk,
  pngChunks,
  pngIdats,
  PNG_SIGNATURE,
  pngIhdr,
  xmpApp1,
} from '../support/images.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The Orientation held by a JPEG's Exif APP1, read the simple way: the output's Exif is always minimal. */
function exifSegments(bytes: Uint8Array) {
  return jpegSegments(bytes).segments.filter((s) => s.marker === 0xe1 && contains(s.bytes.subarray(4, 10), 'Exif\0\0'));
}

describe('detectImageType', () => {
  it('knows JPEG and PNG by their first bytes', () => {
    expect(detectImageType(jpeg())).toBe('image/jpeg');
    expect(detectImageType(metadataPng())).toBe('image/png');
  });

  it('knows nothing else, whatever the file claims to be', () => {
    expect(detectImageType(ascii('%PDF-1.7\n1 0 obj << /Type /Catalog >>'))).toBeUndefined();
    expect(detectImageType(concatBytes(ascii('GIF89a'), Uint8Array.of(1, 0, 1, 0, 0x80, 0, 0)))).toBeUndefined();
    expect(detectImageType(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectImageType(new Uint8Array())).toBeUndefined();
    expect(detectImageType(Uint8Array.of(0xff, 0xd8))).toBeUndefined();
  });
});

describe('stripMetadata on a JPEG from a phone', () => {
  const input = phoneJpeg();
  const output = stripMetadata(input);

  it('starts from a file that does carry the metadata', () => {
    for (const needle of ['Exif', 'GPS', 'Zephyrcam', '2025:06:01', 'Jane Resident', 'Acacia Avenue', 'http://ns.adobe.com/xap', 'MPF']) expect(contains(input, needle), needle).toBe(true);
  });

  it('removes location, camera, dates, XMP, IPTC, comments and MPF', () => {
    for (const needle of ['GPS', 'Zephyrcam', '2025:06:01', 'Jane Resident', 'Acacia Avenue', 'http://ns.adobe.com/xap', 'xmpmeta', 'Photoshop', '8BIM', 'MPF']) {
      expect(contains(output, needle), needle).toBe(false);
    }
    const markers = jpegSegments(output).segments.map((s) => s.marker);
    expect(markers).not.toContain(0xfe); // COM
    expect(markers).not.toContain(0xed); // APP13
  });

  it('keeps the orientation, alone, in a minimal Exif', () => {
    const exif = exifSegments(output);
    expect(exif).toHaveLength(1);
    // Exif header, big-endian TIFF header, IFD0 with one entry: Orientation (0x0112), SHORT, 1 value, 6; no next IFD.
    expect(hex(exif[0].bytes)).toBe(`ffe10022${hex(ascii('Exif\0\0'))}4d4d002a00000008` + '0001' + '011200030000000100060000' + '00000000');
  });

  it('keeps JFIF (without its thumbnail), the colour profile and the image byte for byte', () => {
    const { segments, afterSos } = jpegSegments(output);
    const t = JPEG_TABLES_AND_SCAN;
    expect(segments.map((s) => hex(s.bytes))).toEqual(
      [jpegSegmentJfifNoThumbnail(), exifSegments(output)[0].bytes, iccApp2(), t.dqt, t.sof0, t.dhtDc, t.dhtAc, t.dri, t.sos].map(hex),
    );
    expect(hex(afterSos)).toBe(hex(concatBytes(JPEG_TABLES_AND_SCAN.scan, Uint8Array.of(0xff, 0xd9))));
  });

  it('still decodes: SOI first, EOI last, SOS and its data intact, nothing after', () => {
    expect(hex(output.subarray(0, 2))).toBe('ffd8');
    expect(hex(output.subarray(-2))).toBe('ffd9');
    expect(hex(output.subarray(output.length - JPEG_SCAN_TO_END.length))).toBe(hex(JPEG_SCAN_TO_END));
    // Stripping twice changes nothing.
    expect(hex(stripMetadata(output))).toBe(hex(output));
  });
});

function jpegSegmentJfifNoThumbnail(): Uint8Array {
  const original = jfifApp0();
  // Length 16, "JFIF\0", version, units, densities, thumbnail 0 × 0.
  return concatBytes(Uint8Array.of(0xff, 0xe0, 0, 16), original.subarray(4, 16), Uint8Array.of(0, 0));
}

describe('stripMetadata on other JPEGs', () => {
  it('writes no Exif when the photo is upright or says nothing of its orientation', () => {
    for (const input of [jpeg(exifApp1({ orientation: 1, make: 'Zephyrcam' })), jpeg(exifApp1({ make: 'Zephyrcam', gps: { lat: 57.1, lon: -2.1 } })), jpeg(xmpApp1('<x/>'))]) {
      const output = stripMetadata(input);
      expect(contains(output, 'Exif')).toBe(false);
      expect(contains(output, 'Zephyrcam')).toBe(false);
      expect(hex(output)).toBe(hex(jpeg()));
    }
  });

  it('reads the orientation from big-endian Exif too', () => {
    const output = stripMetadata(jpeg(exifApp1({ orientation: 8, bigEndian: true, make: 'Zephyrcam', gps: { lat: 51.5, lon: 0.1 } })));
    expect(hex(exifSegments(output)[0].bytes.subarray(-8))).toBe('0008000000000000');
  });

  it('keeps the Adobe segment, which says how to convert the colours', () => {
    const output = stripMetadata(jpeg(adobeApp14(), commentSegment('hello')));
    expect(jpegSegments(output).segments.map((s) => s.marker)).toContain(0xee);
    expect(contains(output, 'hello')).toBe(false);
  });

  it('drops whatever a phone appends after the image (depth maps, motion-photo video, other JPEGs with Exif)', () => {
    const appended = jpeg(exifApp1({ make: 'Zephyrcam', gps: { lat: 51.5, lon: 0.1 } }));
    const output = stripMetadata(concatBytes(jpeg(), appended, ascii('ftypmp42 …video…')));
    expect(hex(output)).toBe(hex(jpeg()));
  });

  it('leaves an image with no metadata as it was', () => {
    expect(hex(stripMetadata(jpeg()))).toBe(hex(jpeg()));
  });
});

describe('stripMetadata on a PNG', () => {
  const input = metadataPng();
  const output = stripMetadata(input);

  it('starts from a file that does carry the metadata', () => {
    for (const needle of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'Jane Resident', 'Zephyrcam']) expect(contains(input, needle), needle).toBe(true);
  });

  it('removes text, Exif, time and unknown chunks', () => {
    for (const needle of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'prVt', 'Jane Resident', 'Zephyrcam', 'GPS', 'xmpmeta']) expect(contains(output, needle), needle).toBe(false);
  });

  it('keeps the critical and colour chunks whole, in order, with valid CRCs', () => {
    const { chunks, trailing } = pngChunks(output);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'gAMA', 'sRGB', 'pHYs', 'tRNS', 'IDAT', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcValid)).toBe(true);
    expect(trailing).toBe(0);
    expect(hex(output.subarray(0, 8))).toBe(hex(PNG_SIGNATURE));
  });

  it('keeps the image data byte for byte, and it still inflates to the pixels', () => {
    const idat = pngChunks(output).chunks.filter((c) => c.type === 'IDAT');
    expect(idat.map((c) => hex(c.data))).toEqual(pngChunks(concatBytes(PNG_SIGNATURE, ...pngIdats())).chunks.map((c) => hex(c.data)));
    expect(hex(inflateSync(concatBytes(...idat.map((c) => c.data))))).toBe(hex(PNG_RAW));
  });

  it('drops anything after IEND', () => {
    const output = stripMetadata(concatBytes(input, ascii('tEXtAuthor Jane')));
    expect(pngChunks(output).trailing).toBe(0);
    expect(contains(output, 'Jane')).toBe(false);
  });
});

describe('stripMetadata refuses what is not a whole JPEG or PNG', () => {
  const refuses = (bytes: Uint8Array) => {
    expect(() => stripMetadata(bytes)).toThrow(ImageFormatError);
    try {
      stripMetadata(bytes);
    } catch (error) {
      expect((error as Error).name).toBe('ImageFormatError');
    }
  };

  it('refuses other kinds of file', () => {
    refuses(ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF'));
    refuses(concatBytes(ascii('GIF89a'), Uint8Array.of(1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b)));
    refuses(ascii('Just some text'));
    refuses(new Uint8Array());
  });

  it('refuses truncated JPEGs, wherever they stop', () => {
    const whole = phoneJpeg();
    const sos = whole.length - JPEG_SCAN_TO_END.length;
    for (const cut of [3, 4, 10, sos - 5, sos + 3, whole.length - 4, whole.length - 1]) refuses(whole.subarray(0, cut));
  });

  it('refuses corrupt JPEGs', () => {
    const t = JPEG_TABLES_AND_SCAN;
    // Image data before any frame header.
    refuses(concatBytes(Uint8Array.of(0xff, 0xd8), t.dqt, t.dhtDc, t.dhtAc, JPEG_SCAN_TO_END));
    // No image data at all.
    refuses(concatBytes(Uint8Array.of(0xff, 0xd8), t.dqt, t.sof0, Uint8Array.of(0xff, 0xd9)));
    // Garbage where a marker should be.
    refuses(concatBytes(Uint8Array.of(0xff, 0xd8), t.dqt, Uint8Array.of(0x12, 0x34), t.sof0, JPEG_SCAN_TO_END));
    // A segment claiming a length of 1.
    refuses(concatBytes(Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01), t.sof0, JPEG_SCAN_TO_END));
  });

  it('refuses truncated PNGs', () => {
    const whole = metadataPng();
    for (const cut of [8, 20, 33, Math.floor(whole.length / 2), whole.length - 12, whole.length - 1]) refuses(whole.subarray(0, cut));
  });

  it('refuses corrupt PNGs: a wrong checksum, no IHDR first, no image data', () => {
    const idats = pngIdats();
    const iend = pngChunk('IEND', new Uint8Array());
    const badIdat = idats[0].slice();
    badIdat[10] ^= 0xff;
    refuses(concatBytes(PNG_SIGNATURE, pngIhdr(), badIdat, idats[1], iend));
    refuses(concatBytes(PNG_SIGNATURE, ...idats, pngIhdr(), iend));
    refuses(concatBytes(PNG_SIGNATURE, pngIhdr(), iend));
    // An unknown critical chunk: a reader must not guess.
    refuses(concatBytes(PNG_SIGNATURE, pngIhdr(), pngChunk('ABCD', ascii('?')), ...idats, iend));
  });
});
