import { randomFillSync } from 'node:crypto';
import type { Context } from 'hono';

// Every page needs fresh random values (a CSP nonce, often a CSRF token), and asking the CSPRNG for
// 16 or 24 bytes at a time costs more than the value is worth (crypto.getRandomValues measured at
// ~5% of the bin-day page). So bytes are drawn from the CSPRNG a few KiB at a time and each byte is
// handed out once, as Node itself does for crypto.randomUUID().
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function take(bytes: number): Buffer {
  if (bytes > POOL_BYTES) throw new RangeError(`randomToken: at most ${POOL_BYTES} bytes`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + bytes));
  // Spent bytes are wiped, so the pool never holds a value already handed out.
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

/**
 * `bytes` bytes from the CSPRNG, never handed out before, as text.
 *
 * @example
 * randomToken(24);            // 'q3Jx…' (32 characters of base64url), e.g. a CSRF token
 * randomToken(16, 'base64');  // 'mB0f…==' e.g. a CSP nonce
 */
export function randomToken(bytes: number, encoding: 'base64url' | 'base64' = 'base64url'): string {
  return take(bytes).toString(encoding);
}

/**
 * The CSP nonce source for hono's secureHeaders, as its `NONCE` but drawn from the pool: one fresh
 * nonce per response, kept on the context as `secureHeadersNonce` for the page's scripts and styles.
 *
 * @example
 * secureHeaders({ contentSecurityPolicy: { scriptSrc: ["'self'", pooledNonce] } });
 */
export function pooledNonce(c: Context): string {
  let nonce = c.get('secureHeadersNonce') as string | undefined;
  if (!nonce) {
    nonce = randomToken(16, 'base64');
    c.set('secureHeadersNonce', nonce);
  }
  return `'nonce-${nonce}'`;
}
