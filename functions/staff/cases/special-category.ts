import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import type { CaseAnswer, StoredCase } from '../../core/cases/case-store.ts';
import type { Actor } from '../../core/cases/history-item.ts';
import { caseSealContext, hasSealedAnswers, openCaseAnswers } from '../../core/cases/sealed-answers.ts';
import { SealedFieldError, type FieldCipher } from '../../core/crypto/field-cipher.ts';
import type { Logger } from '../../core/logger.ts';
import type { CouncilStore } from '../../core/store/store.ts';

/** Where special-category answers were opened, as the audit record's detail says. */
export type OpenedFor = 'case page' | 'export' | 'file';

/** Whether a case has answers only care staff may read (sealed, or marked special category). */
export const hasSpecialCategory = (found: StoredCase): boolean => !!found.form?.answers.some((a) => a.specialCategory || a.sealed !== undefined);

/**
 * A case's form answers with its special-category ones opened, for a member of staff holding
 * `case:care` (the caller checks the permission), and the opening written to the case's audit
 * (`special-category-opened`: who, when, and where) once it has succeeded and before anything is
 * shown. A case with nothing special category gives its answers as they are, unaudited.
 *
 * @throws SealedFieldError when an answer does not open (another case's or council's ciphertext, a
 *   damaged one, or no cipher on this host); logged here, without the answers. Nothing is audited then.
 * @example
 * const answers = await openSpecialCategory({ store, cipher, clock }, council, found, staffActor(staff), 'case page', log);
 */
export async function openSpecialCategory(
  deps: { store: CouncilStore; cipher?: FieldCipher; clock: () => Date },
  council: CouncilConfig,
  found: StoredCase,
  who: Actor,
  openedFor: OpenedFor,
  log: Logger,
): Promise<CaseAnswer[]> {
  const form = found.form;
  if (!form || !hasSpecialCategory(found)) return form?.answers ?? [];
  let answers: CaseAnswer[];
  try {
    if (!deps.cipher) {
      if (hasSealedAnswers(form.answers)) throw new SealedFieldError('This host has no cipher to open special-category answers with');
      answers = form.answers;
    } else {
      answers = await openCaseAnswers(deps.cipher, form.answers, caseSealContext(council.id, found.reference, form.id));
    }
  } catch (error) {
    // A payload that opened but is not the JSON sealCaseAnswers wrote is as damaged as one that did not open.
    const failure = error instanceof SyntaxError ? new SealedFieldError('A special-category answer opened to something that is not an answer', { cause: error }) : error;
    if (failure instanceof SealedFieldError) log.error('special-category answers could not be opened', { reference: found.reference, form: form.id, openedFor, error: failure.message });
    throw failure;
  }
  await recordAudit(deps.store, { who, action: 'special-category-opened', caseRef: found.reference, detail: openedFor, at: deps.clock().toISOString() });
  return answers;
}
