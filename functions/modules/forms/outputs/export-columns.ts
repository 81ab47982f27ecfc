import { CATALOGUE_FORMS } from '../../../../catalogue/forms.ts';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { Translate } from '../../../core/i18n.ts';
import type { Language } from '../../../core/language.ts';
import { localise } from '../../../core/localised-text.ts';
import type { ExportColumn } from '../../../core/module.ts';
import { resolveForm } from '../definition/resolve.ts';
import type { FormDefinition } from '../definition/types.ts';
import { answerText } from './webhook.ts';

/**
 * The staff CSV export's extra columns for one form's cases (ServiceModule.exportColumns): one per
 * question the council's form asks, headed by the question in the export's language, each cell the
 * answer as the resident gave it (a repeated question's answers joined by "; ", a file by its
 * name). Answers are personal data: none for a role that may not see it. Special-category
 * answers are never exported (the social care issue decides who may read them).
 *
 * @example
 * exportColumns: formsExportColumns,
 */
export function formsExportColumns(
  council: CouncilConfig,
  type: string,
  view: { lang: Language; t: Translate; personal: boolean },
  catalogue: readonly FormDefinition[] = CATALOGUE_FORMS,
): ExportColumn[] {
  if (!view.personal) return [];
  const form = resolveForm(council, type, catalogue);
  if (!form) return [];
  return form.pages
    .flatMap((p) => p.questions)
    .filter((q) => !q.specialCategory)
    .map((q) => ({
      heading: localise(q.label, view.lang),
      cell: (x) => {
        const a = x.form?.answers.find((answer) => answer.key === q.key);
        // A case from a version of the form that marked it special category keeps it out too.
        return a && !a.specialCategory ? answerText(a) : undefined;
      },
    }));
}
