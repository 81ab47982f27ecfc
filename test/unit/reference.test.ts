import { describe, expect, it } from 'vitest';
import { candidateReference, normaliseReference, REFERENCE_ALPHABET } from '../../functions/core/cases/reference.ts';

describe('case references', () => {
  it('uses no character a resident could misread', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
  });

  it('is the same for the same dedupe key and attempt, and different for another attempt', () => {
    expect(candidateReference(0, 'k', 'secret')).toBe(candidateReference(0, 'k', 'secret'));
    expect(candidateReference(1, 'k', 'secret')).not.toBe(candidateReference(0, 'k', 'secret'));
    expect(candidateReference(0, 'j', 'secret')).not.toBe(candidateReference(0, 'k', 'secret'));
  });

  it('is random without a dedupe key', () => {
    const seen = new Set(Array.from({ length: 200 }, () => candidateReference(0)));
    expect(seen.size).toBe(200);
    for (const ref of seen) expect(ref).toMatch(new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`));
  });

  it('tidies what a resident types', () => {
    expect(normaliseReference(' abcd efgh ')).toBe('ABCD-EFGH');
    expect(normaliseReference('abcdefgh')).toBe('ABCD-EFGH');
    expect(normaliseReference('ABCD-EFG0')).toBeUndefined();
    expect(normaliseReference('ABC')).toBeUndefined();
  });
});
