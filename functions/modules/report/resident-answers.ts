import type { CouncilConfig } from '../../config/council-schema.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { localise } from '../../core/localised-text.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * A problem report as the resident gave it, under the labels of the pages they answered: the
 * problem (its category's name), where (their own address when they chose one, else the street
 * published), what they wrote, each of the category's questions with the answer's option names,
 * and their contact details. Imports nothing but core helpers and types: it runs in the
 * resident's record, never on a report page.
 *
 * @example
 * reportResidentAnswers(found, t, 'en', council); // [{ question: 'Problem', answer: 'Pothole' }, …]
 */
export function reportResidentAnswers(found: StoredCase, translate: Translate, lang: Language, council: CouncilConfig): { question: string; answer: string }[] {
  const t = translate as unknown as T;
  const d = found.details;
  const p = found.public;
  const category = council.services.report?.groups.flatMap((g) => g.categories).find((c) => c.code === found.type);
  const rows: { question: string; answer: string | undefined }[] = [
    { question: t('report.check.problem'), answer: category ? localise(category.name, lang) : (p?.serviceName ?? found.type) },
    { question: t('report.check.location'), answer: d.address ?? p?.address ?? (p?.lat !== undefined && p.long !== undefined ? `${p.lat}, ${p.long}` : undefined) },
    { question: t('report.check.description'), answer: p?.description },
  ];
  for (const [code, value] of Object.entries(p?.attributes ?? {})) {
    const q = category?.questions.find((x) => x.code === code);
    const named = [value].flat().map((v) => {
      const option = q?.options?.find((o) => o.key === v);
      return option ? localise(option.name, lang) : v;
    });
    rows.push({ question: q ? localise(q.question, lang) : code, answer: named.join(', ') });
  }
  rows.push(
    { question: t('report.contact.name'), answer: d.name },
    { question: t('common.email.label'), answer: d.email },
    { question: t('report.contact.phone'), answer: d.phone },
  );
  return rows.filter((r): r is { question: string; answer: string } => !!r.answer?.trim());
}
