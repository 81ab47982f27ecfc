/**
 * The S3 export adapter's own logic: what it uploads (lib-storage's multipart upload of a stream of
 * unknown length, or one PUT when it is small), where, and what it answers; and that a failed
 * upload is aborted and answered 503, never linked to. No S3 runs here: the client signs for real,
 * offline, with made-up credentials, and its `send` is a stub that records each command.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../functions/core/exports/port.ts';
import { EXPORT_PREFIX, EXPORT_URL_SECONDS, S3ExportDelivery } from '../../functions/core/exports/s3-export-delivery.ts';
import { HttpError } from '../../functions/core/http/errors.ts';
import { EXPORTS_PREFIX as BUCKET_EXPORTS_PREFIX } from '../../infra/constructs/council-exports.ts';

const BUCKET = 'council-hackney-exportsbucket4131342a-abcdef123456';
const FILENAME = 'hackney-cases-2026-03-02.csv';
const CSV = 'text/csv; charset=utf-8';
const MiB = 1024 * 1024;

interface Call {
  command: string;
  key: string;
  uploadId?: string;
  partNumber?: number;
  body?: Uint8Array;
  contentDisposition?: string;
  contentType?: string;
  parts?: { PartNumber?: number; ETag?: string }[];
}

/** An offline client whose sends are answered by a stub; `failPart` makes that part's upload fail. */
function stubbedClient(options: { failPart?: number } = {}) {
  const client = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session' } });
  const calls: Call[] = [];
  const send = async (command: { input: Record<string, unknown> }) => {
    const input = command.input as { Bucket: string; Key: string; UploadId?: string; PartNumber?: number; Body?: Uint8Array; ContentDisposition?: string; ContentType?: string; MultipartUpload?: { Parts: Call['parts'] } };
    expect(input.Bucket).toBe(BUCKET);
    calls.push({
      command: command.constructor.name,
      key: input.Key,
      uploadId: input.UploadId,
      partNumber: input.PartNumber,
      body: input.Body ? new Uint8Array(input.Body) : undefined,
      contentDisposition: input.ContentDisposition,
      contentType: input.ContentType,
      parts: input.MultipartUpload?.Parts,
    });
    if (command instanceof CreateMultipartUploadCommand) return { UploadId: 'upload-1' };
    if (command instanceof UploadPartCommand) {
      if (input.PartNumber === options.failPart) throw Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
      return { ETag: `"etag-${input.PartNumber}"` };
    }
    if (command instanceof CompleteMultipartUploadCommand || command instanceof PutObjectCommand || command instanceof AbortMultipartUploadCommand) return {};
    throw new Error(`Unexpected ${command.constructor.name}`);
  };
  (client as unknown as { send: typeof send }).send = send;
  return { client, calls, named: (name: string) => calls.filter((c) => c.command === name) };
}

/** `bytes` of a repeating pattern, in 64 KiB chunks, as rows arrive from the store; optionally failing after `failAfter` bytes. */
function streamOf(bytes: number, options: { failAfter?: number } = {}): { stream: ReadableStream<Uint8Array>; expected: Uint8Array } {
  const expected = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) expected[i] = i % 251;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.failAfter !== undefined && sent >= options.failAfter) {
        controller.error(new Error('The store stopped answering'));
        return;
      }
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const chunk = expected.slice(sent, Math.min(bytes, sent + 64 * 1024));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, expected };
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Compared as buffers: a deep equality over megabytes, element by element, takes minutes. */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('S3ExportDelivery', () => {
  it('uploads a large export in parts as it streams, then answers 303 to a short-lived link that saves it under its filename', async () => {
    const { client, calls, named } = stubbedClient();
    const { stream, expected } = streamOf(12 * MiB);

    const res = await new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client }).deliver({ filename: FILENAME, contentType: CSV, body: stream });

    const [create] = named('CreateMultipartUploadCommand');
    expect(create.key).toMatch(new RegExp(`^${EXPORT_PREFIX}[0-9a-f-]{36}/${FILENAME.replace(/\./g, '\\.')}$`));
    expect(create.contentDisposition).toBe(`attachment; filename="${FILENAME}"`);
    expect(create.contentType).toBe(CSV);
    const parts = named('UploadPartCommand').sort((a, b) => a.partNumber! - b.partNumber!);
    expect(parts.map((p) => [p.partNumber, p.body!.length, p.uploadId, p.key])).toEqual([
      [1, 5 * MiB, 'upload-1', create.key],
      [2, 5 * MiB, 'upload-1', create.key],
      [3, 2 * MiB, 'upload-1', create.key],
    ]);
    expect(sameBytes(concat(parts.map((p) => p.body!)), expected)).toBe(true);
    expect(named('CompleteMultipartUploadCommand')).toEqual([
      expect.objectContaining({ key: create.key, uploadId: 'upload-1', parts: [1, 2, 3].map((n) => expect.objectContaining({ PartNumber: n, ETag: `"etag-${n}"` })) }),
    ]);
    expect(calls.map((c) => c.command)).not.toContain('AbortMultipartUploadCommand');

    expect(res.status).toBe(303);
    expect(await res.text()).toBe('');
    const link = new URL(res.headers.get('location')!);
    expect(link.origin).toBe(`https://${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(decodeURIComponent(link.pathname.slice(1))).toBe(create.key);
    expect(link.searchParams.get('response-content-disposition')).toBe(`attachment; filename="${FILENAME}"`);
    expect(link.searchParams.get('response-content-type')).toBe(CSV);
    expect(link.searchParams.get('X-Amz-Expires')).toBe(String(EXPORT_URL_SECONDS));
    expect(EXPORT_URL_SECONDS).toBeLessThanOrEqual(10 * 60);
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a small export with one PUT of the whole body', async () => {
    const { client, calls, named } = stubbedClient();
    const { stream, expected } = streamOf(300 * 1024);

    const res = await new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client }).deliver({ filename: FILENAME, contentType: CSV, body: stream });

    expect(calls.map((c) => c.command)).toEqual(['PutObjectCommand']);
    const [put] = named('PutObjectCommand');
    expect(sameBytes(put.body!, expected)).toBe(true);
    expect(put.contentDisposition).toBe(`attachment; filename="${FILENAME}"`);
    expect(res.status).toBe(303);
    expect(decodeURIComponent(new URL(res.headers.get('location')!).pathname.slice(1))).toBe(put.key);
  });

  it('aborts the multipart upload and answers 503, not a link to half a file, when a part fails', async () => {
    const { client, calls, named } = stubbedClient({ failPart: 2 });
    const { stream } = streamOf(12 * MiB);

    const error = await new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client }).deliver({ filename: FILENAME, contentType: CSV, body: stream }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    const [create] = named('CreateMultipartUploadCommand');
    expect(named('AbortMultipartUploadCommand')).toEqual([expect.objectContaining({ key: create.key, uploadId: 'upload-1' })]);
    expect(calls.map((c) => c.command)).not.toContain('CompleteMultipartUploadCommand');
  });

  it('aborts the multipart upload and answers 503 when the rows stop coming mid-way', async () => {
    const { client, calls, named } = stubbedClient();
    const { stream } = streamOf(12 * MiB, { failAfter: 7 * MiB });

    const error = await new S3ExportDelivery({ bucket: BUCKET, region: 'eu-west-2', client }).deliver({ filename: FILENAME, contentType: CSV, body: stream }).catch((e: unknown) => e);

    expect((error as HttpError).status).toBe(503);
    expect(named('AbortMultipartUploadCommand')).toHaveLength(1);
    expect(calls.map((c) => c.command)).not.toContain('CompleteMultipartUploadCommand');
    expect(calls.map((c) => c.command)).not.toContain('PutObjectCommand');
  });

  it('writes under the prefix the bucket’s grant and lifecycle cover', () => {
    expect(EXPORT_PREFIX).toBe(BUCKET_EXPORTS_PREFIX);
  });

  it('refuses a filename that would need escaping in a header or a key', () => {
    expect(() => attachmentDisposition('a"; filename="evil.exe')).toThrow();
    expect(() => attachmentDisposition('../other/file.csv')).toThrow();
    expect(attachmentDisposition(FILENAME)).toBe(`attachment; filename="${FILENAME}"`);
  });
});
