import type { FieldCipher, SealContext } from '../crypto/field-cipher.ts';
import type { CaseAnswer } from './case-store.ts';

/**
 * Special-category answers on a case (UK GDPR Art. 9: health, care) at rest: each one sealed on
 * its own with the FieldCipher, under the case's context, so that the store (and anything reading
 * the item: a backup, an export of the table) holds ciphertext only. The answer's key, question and
 * `specialCategory` flag stay readable, so a staff page can say what was asked without opening it.
 * A ciphertext moved to another case, form or council fails to open (SealedFieldError).
 */

/**
 * The context a case's special-category answers are sealed with: the council, the case's reference
 * and the form. Every pair is checked when an answer is opened.
 *
 * @example
 * caseSealContext('hackney', 'H7K3-QX2M', 'care-needs-assessment') // { council: 'hackney', reference: 'H7K3-QX2M', form: 'care-needs-assessment' }
 */
export function caseSealContext(councilId: string, reference: string, formId: string): SealContext {
  return { council: councilId, reference, form: formId };
}

/** What a sealed answer's ciphertext holds: the answer as people read it and as data. */
interface SealedPayload {
  text: string[];
  value: unknown;
}

/**
 * Seals every special-category answer (one seal per answer): its `text` becomes [] and its `value`
 * null, with `sealed` the ciphertext of `{ text, value }`. Other answers, and answers already
 * sealed, are returned unchanged. The answers given are not changed.
 *
 * @example
 * const sealed = await sealCaseAnswers(cipher, answers, caseSealContext(council.id, reference, form.id));
 * // [{ key: 'reason', question, text: [], value: null, specialCategory: true, sealed: 'AYAA…' }, …]
 */
export async function sealCaseAnswers(cipher: FieldCipher, answers: readonly CaseAnswer[], ctx: SealContext): Promise<CaseAnswer[]> {
  return Promise.all(
    answers.map(async (a) => {
      if (!a.specialCategory || a.sealed !== undefined) return a;
      const payload: SealedPayload = { text: a.text, value: a.value ?? null };
      return { ...a, text: [], value: null, sealed: await cipher.seal(JSON.stringify(payload), ctx) };
    }),
  );
}

/**
 * Opens every sealed answer (the reverse of sealCaseAnswers): `text` and `value` back, `sealed`
 * dropped. Answers without `sealed` are returned unchanged. Throws SealedFieldError when one does
 * not open under this context (another case's, another council's key, or damaged): the caller
 * decides what to show, and audits the opening (only `case:care` staff may ask for it).
 *
 * @example
 * const answers = await openCaseAnswers(cipher, stored.form.answers, caseSealContext(council.id, stored.reference, stored.form.id));
 */
export async function openCaseAnswers(cipher: FieldCipher, answers: readonly CaseAnswer[], ctx: SealContext): Promise<CaseAnswer[]> {
  return Promise.all(
    answers.map(async (a) => {
      if (a.sealed === undefined) return a;
      const { sealed, ...rest } = a;
      const payload = JSON.parse(await cipher.open(sealed, ctx)) as SealedPayload;
      return { ...rest, text: payload.text, value: payload.value };
    }),
  );
}

/** Whether any answer is sealed (a page or export that may not open them shows that they are withheld). */
export function hasSealedAnswers(answers: readonly CaseAnswer[] | undefined): boolean {
  return !!answers?.some((a) => a.sealed !== undefined);
}
