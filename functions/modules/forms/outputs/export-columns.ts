import { catalogueForms } from '../definition/catalogue-source.ts';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import { localise } from '../../../core/localised-text.ts';
import type { ExportColumn, ExportView } from '../../../core/module.ts';
import { resolveForm } from '../definition/resolve.ts';
import type { FormDefinition } from '../definition/types.ts';
import { answerText } from './webhook.ts';

/**
 * The staff CSV export's extra columns for one form's cases (ServiceModule.exportColumns): one per
 * question the council's form asks, headed by the question in the export's language, each cell the
 * answer as the resident gave it (a repeated question's answers joined by "; ", a file by its
 * name). Answers are personal data: none for a role that may not see it. Special-category
 * answers only for care staff (`view.specialCategory`: the export has opened them, auditing each
 * case, before these cells read them); for everyone else their questions are not columns at all.
 *
 * @example
 * exportColumns: formsExportColumns,
 */
export function formsExportColumns(
  council: CouncilConfig,
  type: string,
  view: ExportView,
  catalogue: readonly FormDefinition[] = catalogueForms(),
): ExportColumn[] {
  if (!view.personal) return [];
  const form = resolveForm(council, type, catalogue);
  if (!form) return [];
  return form.pages
    .flatMap((p) => p.questions)
    .filter((q) => !q.specialCategory || view.specialCategory === true)
    .map((q) => ({
      heading: localise(q.label, view.lang),
      cell: (x) => {
        const a = x.form?.answers.find((answer) => answer.key === q.key);
        // A case from a version of the form that marked it special category keeps it out too; a
        // sealed answer the export did not open has no text to give.
        return a && (!a.specialCategory || view.specialCategory === true) && a.sealed === undefined ? answerText(a) : undefined;
      },
    }));
}
