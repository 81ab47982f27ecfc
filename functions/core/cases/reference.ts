import { createHmac, randomBytes } from 'node:crypto';

/** Letters and digits a resident cannot misread or mistype: no 0/O, 1/I/L. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += REFERENCE_ALPHABET[bytes[i] % REFERENCE_ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** A reference nobody can predict, for a case with no dedupe key (or whose fixed references are all taken). */
export function randomReference(): string {
  return encode(randomBytes(LENGTH));
}

/**
 * The reference to try on a given attempt. With a dedupe key the sequence is fixed, so the same
 * report always probes the same references and finds its earlier case; without one it is random.
 * The fixed sequence is an HMAC under the council's secret `reference-key`: a dedupe key is made of
 * things others know (a UPRN, a bin, a date), so a plain hash would let anyone compute a household's
 * reference and look its case up.
 *
 * @example
 * candidateReference(0, 'missed-collection|100023336956|blue|2026-12-01', await deps.secrets.get('reference-key'));
 * // 'K7QM-3XPA', the same every time for that key and secret
 */
export function candidateReference(attempt: number, dedupeKey?: string, referenceKey?: string): string {
  if (dedupeKey === undefined) return randomReference();
  if (!referenceKey) throw new Error('A dedupe key needs the council’s reference-key secret to make its reference');
  return encode(createHmac('sha256', referenceKey).update(`${dedupeKey}\u0000${attempt}`).digest());
}

/** Tidies what a resident typed: case, spaces, a missing hyphen. Undefined when it cannot be a reference. */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH || [...compact].some((ch) => !REFERENCE_ALPHABET.includes(ch))) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
