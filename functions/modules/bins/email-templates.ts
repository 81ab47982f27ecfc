import type { EmailTemplate } from '../../core/notifications/port.ts';
import { caseUpdateEmail, caseUpdateTemplate } from '../../core/cases/email-template.ts';

export const MISSED_COLLECTION_TEMPLATE = 'missed-collection-confirmation';

/**
 * The confirmation email, in Notify's format. The local outbox renders this text; in GOV.UK Notify
 * each council creates templates with the same text and puts their ids in its file.
 */
export const binsEmailTemplates: Record<string, EmailTemplate> = {
  // An officer's public update of a bins case (functions/core/cases/case-actions.ts).
  [caseUpdateTemplate('bins')]: caseUpdateEmail,
  [MISSED_COLLECTION_TEMPLATE]: {
    subject: {
      en: 'Missed collection reported: ((reference))',
      cy: 'Casgliad wedi’i fethu wedi’i adrodd: ((reference))',
    },
    body: {
      en: [
        'We have received your report of a missed collection.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '* Address: ((address))',
        '* Bin: ((container))',
        '* Collection due: ((collection_date))',
        '',
        '# What happens next',
        '((what_happens_next))',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi cael eich adroddiad am gasgliad a fethwyd.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '* Cyfeiriad: ((address))',
        '* Bin: ((container))',
        '* Dyddiad y casgliad: ((collection_date))',
        '',
        '# Beth sy’n digwydd nesaf',
        '((what_happens_next))',
        '',
        '((council))',
      ].join('\n'),
    },
  },
};
