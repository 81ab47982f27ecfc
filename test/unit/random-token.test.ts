import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pooledNonce, randomToken } from '../../functions/core/http/random-token.ts';

// Tokens come from a pool of CSPRNG bytes refilled 4 KiB at a time; these check no byte is handed
// out twice, across refills too.

describe('randomToken', () => {
  it('never repeats a token, across many refills of the pool', () => {
    // 2,000 × 24 bytes is about twelve pools' worth.
    const tokens = Array.from({ length: 2000 }, () => randomToken(24));

    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('gives 24 bytes as 32 characters of base64url, and 16 as base64 for a nonce', () => {
    expect(randomToken(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(randomToken(16, 'base64'), 'base64')).toHaveLength(16);
  });

  it('does not hand out the zeros a spent part of the pool is wiped to', () => {
    // Drawing sizes that do not divide the pool would reach wiped bytes if the offset slipped.
    const zero = Buffer.alloc(23).toString('base64url');
    const tokens = Array.from({ length: 1000 }, () => randomToken(23));

    expect(tokens).not.toContain(zero);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('refuses more bytes than the pool holds rather than repeating any', () => {
    expect(() => randomToken(5000)).toThrow(RangeError);
  });
});

describe('pooledNonce', () => {
  it('puts one nonce per response in the CSP and on the context, and a new one for the next response', async () => {
    const app = new Hono();
    app.get('/', (c) => {
      const first = pooledNonce(c);
      const again = pooledNonce(c);
      return c.json({ first, again, kept: c.get('secureHeadersNonce' as never) });
    });

    const a = await (await app.request('/')).json();
    const b = await (await app.request('/')).json();

    expect(a.first).toMatch(/^'nonce-[A-Za-z0-9+/]{22}==' *$/);
    expect(a.again).toBe(a.first);
    expect(a.first).toBe(`'nonce-${a.kept}'`);
    expect(b.first).not.toBe(a.first);
  });
});
