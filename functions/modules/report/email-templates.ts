import type { EmailTemplate } from '../../core/notifications/port.ts';
import { caseUpdateEmail, caseUpdateTemplate } from '../../core/cases/email-template.ts';

/**
 * The confirmation email's name. It lives here, not beside createProblemReport in reports.ts, so the
 * templates (read at every cold start) do not bring the case store with them.
 */
export const PROBLEM_REPORT_TEMPLATE = 'problem-report-confirmation';

/** The confirmation email for a problem report, in Notify's format (see the bins templates). */
export const reportEmailTemplates: Record<string, EmailTemplate> = {
  // An officer's public update of a report case (functions/core/cases/case-actions.ts).
  [caseUpdateTemplate('report')]: caseUpdateEmail,
  [PROBLEM_REPORT_TEMPLATE]: {
    subject: {
      en: 'Problem reported: ((reference))',
      cy: 'Problem wedi’i adrodd: ((reference))',
    },
    body: {
      en: [
        'Thank you for reporting a problem.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '* Problem: ((category))',
        '* Where: ((location))',
        '',
        '# What happens next',
        '((response_time))',
        '',
        '((what_happens_next))',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Diolch am roi gwybod am broblem.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '* Problem: ((category))',
        '* Ble: ((location))',
        '',
        '# Beth sy’n digwydd nesaf',
        '((response_time))',
        '',
        '((what_happens_next))',
        '',
        '((council))',
      ].join('\n'),
    },
  },
};
