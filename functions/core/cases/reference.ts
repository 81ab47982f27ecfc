import { createHash, randomBytes } from 'node:crypto';

/** Letters and digits a resident cannot misread or mistype: no 0/O, 1/I/L. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += REFERENCE_ALPHABET[bytes[i] % REFERENCE_ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/**
 * The reference to try on a given attempt. With a dedupe key the sequence is fixed, so the same
 * report always probes the same references and finds its earlier case; without one it is random.
 */
export function candidateReference(attempt: number, dedupeKey?: string): string {
  if (dedupeKey === undefined) return encode(randomBytes(LENGTH));
  return encode(createHash('sha256').update(`${dedupeKey}\u0000${attempt}`).digest());
}

/** Tidies what a resident typed: case, spaces, a missing hyphen. Undefined when it cannot be a reference. */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH || [...compact].some((ch) => !REFERENCE_ALPHABET.includes(ch))) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
