import type { CouncilConfig } from '../../config/council-schema.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';
import { formatDate, type Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { localise } from '../../core/localised-text.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * A missed collection as the resident gave it, under the labels of the check answers page they
 * confirmed it on: the address, the bin by the council's name for it (its id if the council has
 * since dropped it), the collection day, anything else they wrote and their email address.
 * Imports nothing but core helpers: it runs in the resident's record, never on a bin page.
 *
 * @example
 * binsResidentAnswers(found, t, 'en', council); // [{ question: 'Address', answer: '12 Albion Road, London' }, …]
 */
export function binsResidentAnswers(found: StoredCase, translate: Translate, lang: Language, council: CouncilConfig): { question: string; answer: string }[] {
  const t = translate as unknown as T;
  const d = found.details;
  const container = council.services.bins?.containers.find((k) => k.id === d.container);
  const rows: { question: string; answer: string | undefined }[] = [
    { question: t('bins.report.check.address'), answer: d.address },
    { question: t('bins.report.check.container'), answer: container ? localise(container.name, lang) : d.container },
    { question: t('bins.report.check.collection'), answer: /^\d{4}-\d{2}-\d{2}$/.test(d.collectionDate ?? '') ? formatDate(d.collectionDate!, lang) : d.collectionDate },
    { question: t('bins.report.check.more'), answer: d.more },
    { question: t('bins.report.check.email'), answer: d.email },
  ];
  return rows.filter((r): r is { question: string; answer: string } => !!r.answer?.trim());
}
