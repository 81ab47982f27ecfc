import type { Context } from 'hono';

/**
 * What the local host's stand-ins for S3's POST upload (photos, forms' files) share: reading the
 * multipart body with a cap, and S3's plain error page when it refuses one.
 */

/** Room for the multipart envelope and the hidden fields around the file. */
export const ENVELOPE_BYTES = 64 * 1024;
/** A refused body is still read (so the browser sees the answer, not a reset connection), up to this much. */
const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

/** The request's body, or 'too-large' once it passes `cap` bytes. */
export async function readUploadBody(request: Request, cap: number): Promise<Uint8Array | 'too-large'> {
  if (Number(request.headers.get('content-length') ?? 0) > DRAIN_LIMIT_BYTES) return 'too-large';
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > DRAIN_LIMIT_BYTES) {
      await reader.cancel();
      return 'too-large';
    }
    if (total <= cap) chunks.push(value);
  }
  if (total > cap) return 'too-large';
  return Buffer.concat(chunks);
}

/** A plain 400 page, as S3 answers a refused upload with an error document. */
export function uploadRefusal(c: Context, title: string, message: string): Response {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p><p>Go back and try again.</p></body></html>`,
    400,
  );
}
