import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { localise } from '../../core/localised-text.ts';
import { enabledModules } from '../../modules/index.ts';
import type { CaseTypeChoice } from './filters.ts';

/** A service the queue can filter by, with its name in the page's language. */
export interface ServiceChoice {
  id: string;
  label: string;
}

export interface LabelledType extends CaseTypeChoice {
  label: string;
  /** The restriction the type's cases carry (CaseType.restrictedTo), e.g. 'care'. */
  restrictedTo?: string;
}

/**
 * The kinds of case each of the council's services makes, for the queue's "category or type"
 * filter, its rows and the export: each enabled module's own `caseTypes`, through the module
 * contract (the back office never reads a module's config).
 *
 * `visible` (visibleRestrictions of the reader's roles) drops the restricted types the reader may
 * not see: a care form's type is not offered, nor accepted in a filter (it is then an unknown type,
 * as any other the council does not have), to staff without the care role. Absent: every type.
 *
 * @example
 * const types = caseTypes(council, lang, visibleRestrictions(staff.roles));
 */
export function caseTypes(council: CouncilConfig, lang: Language, visible?: readonly string[]): LabelledType[] {
  return enabledModules(council).flatMap((m) =>
    m
      .caseTypes(council)
      .filter((x) => visible === undefined || x.restrictedTo === undefined || visible.includes(x.restrictedTo))
      .map((x) => ({ service: m.id, type: x.id, label: localise(x.name, lang), ...(x.restrictedTo && { restrictedTo: x.restrictedTo }) })),
  );
}

/** The council's services, by their modules' names. */
export function serviceChoices(council: CouncilConfig, t: Translate): ServiceChoice[] {
  return enabledModules(council).map((m) => ({ id: m.id, label: m.describe(t).name }));
}
