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
 * filter and its rows. The module contract does not list a module's case types yet, so this reads
 * them from the two modules' config as they are today (a report's categories; a bin's missed
 * collection); a module contract field (`caseTypes(council, lang)`) should replace it.
 */
export function caseTypes(council: CouncilConfig, lang: Language, t: Translate): LabelledType[] {
  const types: LabelledType[] = [];
  if (council.services.bins) types.push({ service: 'bins', type: 'missed-collection', label: t('staff.queue.type.missedCollection') });
  for (const group of council.services.report?.groups ?? []) {
    for (const category of group.categories) types.push({ service: 'report', type: category.code, label: localise(category.name, lang) });
  }
  return types;
}

/** The council's services, by their modules' names. */
export function serviceChoices(council: CouncilConfig, t: Translate): ServiceChoice[] {
  return enabledModules(council).map((m) => ({ id: m.id, label: m.describe(t).name }));
}
