import type { FormDefinition } from './types.ts';

/**
 * Declares a catalogue form. Like defineCouncil, it only types the data: the form is validated
 * (form-schema.ts) wherever council files are, so that the Lambda imports forms as plain data.
 *
 * @example
 * export default defineForm({ id: 'dropped-kerb', version: 1, credit: { name: 'Local Digital Factory' }, ... });
 */
export function defineForm(form: FormDefinition): FormDefinition {
  return form;
}
