import type { CouncilConfig } from '../../config/council-schema.ts';
import { createCase, type CreateCaseResult } from '../../core/cases/case-store.ts';
import { localise } from '../../core/localised-text.ts';
import type { SecretsPort } from '../../core/secrets/port.ts';
import type { CouncilStore } from '../../core/store/store.ts';
import { serviceConfig } from '../../core/service-config.ts';
import { PROBLEM_REPORT_TEMPLATE } from './email-templates.ts';
import { DUPLICATE_WINDOW_HOURS, publicLocation, type ProblemReport } from './report-answers.ts';

export * from './report-answers.ts';
export { PROBLEM_REPORT_TEMPLATE };

/**
 * Stores a problem report as a case, with a confirmation email queued when the resident gave an
 * address. The web journey and Open311's POST requests both come through here: they make the same cases.
 */
export async function createProblemReport(store: CouncilStore, council: CouncilConfig, report: ProblemReport, now: Date, secrets: SecretsPort): Promise<CreateCaseResult> {
  const config = serviceConfig(council, 'report');
  const lang = report.lang;
  const categoryName = localise(report.category.name, lang);
  return createCase(
    store,
    {
      service: 'report',
      type: report.category.code,
      // Reports have no natural duplicate; keying on the submission makes a re-sent one find its case.
      dedupeKey: `report|${report.submissionId}`,
      dedupeWindowHours: DUPLICATE_WINDOW_HOURS,
      submissionId: report.submissionId,
      details: {
        source: report.source,
        ...(report.contact.name && { name: report.contact.name }),
        ...(report.contact.email && { email: report.contact.email }),
        ...(report.contact.phone && { phone: report.contact.phone }),
        // A resident's own address is for officers only: the public side gets its street.
        ...(report.location.addressId && { uprn: report.location.addressId, ...(report.location.address && { address: report.location.address }) }),
      },
      public: {
        serviceCode: report.category.code,
        serviceName: localise(report.category.name, 'en'),
        description: report.description,
        ...publicLocation(council, report.location),
        media: report.photos,
        externalMediaUrl: report.externalMediaUrl,
        attributes: report.attributes,
      },
      lang,
      retentionDays: config.retentionDays,
      ...(report.channel && { channel: report.channel }),
      ...(report.madeBy && { madeBy: report.madeBy }),
      notification: report.contact.email
        ? {
            template: PROBLEM_REPORT_TEMPLATE,
            lang,
            to: report.contact.email,
            personalisation: {
              category: categoryName,
              location: report.location.address ?? `${report.location.lat.toFixed(5)}, ${report.location.long.toFixed(5)}`,
              response_time: localise(report.category.responseTime, lang),
              what_happens_next: localise(config.whatHappensNext, lang),
              council: localise(council.name, lang),
            },
          }
        : undefined,
    },
    now,
    secrets,
  );
}
