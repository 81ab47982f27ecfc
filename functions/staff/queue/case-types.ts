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
}

/**
 * The kinds of case each of the council's services makes, for the queue's "category or type"
 * filter, its rows and the export: each enabled module's own `caseTypes`, through the module
 * contract (the back office never reads a module's config). The third argument is unused (the
 * modules name their types in both languages); the queue's and the export's routes still pass it.
 */
export function caseTypes(council: CouncilConfig, lang: Language): LabelledType[] {
  return enabledModules(council).flatMap((m) => m.caseTypes(council).map((x) => ({ service: m.id, type: x.id, label: localise(x.name, lang) })));
}

/** The council's services, by their modules' names. */
export function serviceChoices(council: CouncilConfig, t: Translate): ServiceChoice[] {
  return enabledModules(council).map((m) => ({ id: m.id, label: m.describe(t).name }));
}
