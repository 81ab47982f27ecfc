import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { localise } from '../../core/localised-text.ts';
import type { CaseType, PrivacyEntry } from '../../core/module.ts';
import { adoptedForms } from './definition/resolve.ts';
import type { ResolvedForm } from './definition/types.ts';

/**
 * The module's answers about the council's adopted forms, each form a service of its own: the home
 * page's entries, the case types, the privacy notice's lines and the longest retention.
 */

/** Each adopted form on the council's home page, linking to its start page. */
export function formsHomeEntries(council: CouncilConfig, _t: Translate, lang: Language): { name: string; description: string; path: string }[] {
  return adoptedForms(council).map((form) => ({ name: localise(form.title, lang), description: localise(form.summary, lang), path: `/forms/${form.id}` }));
}

/** A case type per adopted form: its id, named by its title. */
export function formsCaseTypes(council: CouncilConfig): CaseType[] {
  return adoptedForms(council).map((form) => ({ id: form.id, name: form.title, ...(form.restrictedTo && { restrictedTo: form.restrictedTo }) }));
}

/** A line of the privacy notice per adopted form, with how long its submissions are kept. */
export function formsPrivacy(council: CouncilConfig, t: Translate, lang: Language): PrivacyEntry[] {
  return adoptedForms(council).map((form) => ({
    service: localise(form.title, lang),
    collects: t('forms.journey.privacy.collects'),
    why: t('forms.journey.privacy.why'),
    retentionDays: form.retentionDays,
    ...(form.saveAndReturn && { savedDraftDays: form.saveAndReturn.days }),
    ...(form.lawfulBasis ? { lawfulBasis: lawfulBasisLine(form, t, lang) } : {}),
  }));
}

/** The notice's words for the law a form relies on: the council's nation's (or its own), and the Article 9 condition. */
function lawfulBasisLine(form: ResolvedForm, t: Translate, lang: Language): string {
  const { law, article9 } = form.lawfulBasis ?? {};
  return [law && t('forms.journey.privacy.law', { law: localise(law, lang) }), article9 && t('forms.journey.privacy.article9', { article9: localise(article9, lang) })].filter(Boolean).join(' ');
}

/** The longest any adopted form keeps its submissions (and their files); 0 with none adopted. */
export function formsRetentionDays(council: CouncilConfig): number {
  return Math.max(0, ...adoptedForms(council).map((form) => form.retentionDays));
}
