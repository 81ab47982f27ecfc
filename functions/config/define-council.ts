import type { CouncilInput } from './council-schema.ts';

/**
 * Declares a council. The file is validated when it is loaded, so a mistake names the file and field.
 * It lives apart from the schema so that a council file loads nothing but data: the schema (with
 * every module's section) is loaded by whatever validates the file.
 *
 * @example
 * export default defineCouncil({ id: 'ceredigion', name: { en: 'Ceredigion County Council', cy: 'Cyngor Sir Ceredigion' }, ... });
 */
export function defineCouncil(input: CouncilInput): CouncilInput {
  return input;
}
