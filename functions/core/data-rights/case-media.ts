import type { StoredCase } from '../cases/case-store.ts';

/** A form's file answer as its case holds it (forms' FileAnswer): core reads only its id. */
const isFileAnswer = (v: unknown): v is { fileId: string } => typeof v === 'object' && v !== null && typeof (v as { fileId?: unknown }).fileId === 'string';

/**
 * The photo and file ids a case holds: its published photos (`public.media`, a report's) and the
 * files answered to a form's file questions (an answer's value, or each item of a repeated one).
 * Each id once, in the order the case holds them. A sealed (special-category) answer's value is
 * ciphertext, so a file asked for by a special-category question is not named here: no adopted
 * form asks for one, and such a file still goes with its bucket's lifecycle rule.
 *
 * @example
 * const { photos, files } = caseMedia(found);
 * await Promise.all([deps.photos?.remove(photos), deps.files?.remove(files)]);
 */
export function caseMedia(c: StoredCase): { photos: string[]; files: string[] } {
  const photos = [...new Set(c.public?.media ?? [])];
  const files = new Set<string>();
  for (const answer of c.form?.answers ?? []) {
    for (const v of Array.isArray(answer.value) ? answer.value : [answer.value]) if (isFileAnswer(v)) files.add(v.fileId);
  }
  return { photos, files: [...files] };
}
