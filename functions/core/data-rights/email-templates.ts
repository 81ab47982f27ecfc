import type { EmailTemplate } from '../notifications/port.ts';

/** The code that proves a resident holds an email address (functions/core/data-rights/email-proof.ts). Personalisation: code, council. */
export const DATA_RIGHTS_CODE_TEMPLATE = 'data-rights-code';
/** A request to delete their data has been received. Personalisation: reference, due_date, council. */
export const DATA_RIGHTS_REQUEST_RECEIVED_TEMPLATE = 'data-rights-request-received';
/** The request was approved and the data deleted. Personalisation: reference, council. */
export const DATA_RIGHTS_ERASED_TEMPLATE = 'data-rights-erased';
/** The request was refused. Personalisation: reference, reason, data_protection_email, council. */
export const DATA_RIGHTS_REFUSED_TEMPLATE = 'data-rights-refused';

/**
 * The emails of "Your requests and your data", in Notify's format (see the bins templates): each
 * council creates templates with the same text in GOV.UK Notify and puts their ids in its file.
 * They say no more than the resident needs: never what their requests were about (an inbox may be
 * shared), only the reference of the request to delete, and, for the code, that it is for this
 * council's pages and what to do if they did not ask for it.
 */
export const DATA_RIGHTS_EMAIL_TEMPLATES: Record<string, EmailTemplate> = {
  [DATA_RIGHTS_CODE_TEMPLATE]: {
    subject: {
      en: 'Your security code: ((code))',
      cy: 'Eich cod diogelwch: ((code))',
    },
    body: {
      en: [
        'Use this code to see your requests and your data:',
        '',
        '# ((code))',
        '',
        'The code lasts 15 minutes.',
        '',
        'If you did not ask for a code, you can ignore this email. Nobody can see your data without the code.',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Defnyddiwch y cod hwn i weld eich ceisiadau a’ch data:',
        '',
        '# ((code))',
        '',
        'Mae’r cod yn para 15 munud.',
        '',
        'Os na wnaethoch ofyn am god, gallwch anwybyddu’r e-bost hwn. Ni all neb weld eich data heb y cod.',
        '',
        '((council))',
      ].join('\n'),
    },
  },
  [DATA_RIGHTS_REQUEST_RECEIVED_TEMPLATE]: {
    subject: {
      en: 'We have received your request to delete your data: ((reference))',
      cy: 'Rydym wedi cael eich cais i ddileu eich data: ((reference))',
    },
    body: {
      en: [
        'We have received your request to delete the personal data you gave us through our website.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '# What happens next',
        'Our data protection team will look at your request and reply by ((due_date)).',
        '',
        'If we delete your data, your name, contact details, what you wrote, and any photos and files will be removed. We keep a record of the request itself, and some information where the law requires us to, for example to carry out a public task or meet a legal obligation.',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi cael eich cais i ddileu’r data personol a roesoch i ni drwy ein gwefan.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '# Beth sy’n digwydd nesaf',
        'Bydd ein tîm diogelu data yn edrych ar eich cais ac yn ateb erbyn ((due_date)).',
        '',
        'Os byddwn yn dileu eich data, bydd eich enw, eich manylion cyswllt, yr hyn a ysgrifennoch, ac unrhyw luniau a ffeiliau yn cael eu dileu. Rydym yn cadw cofnod o’r cais ei hun, a rhywfaint o wybodaeth lle mae’r gyfraith yn gofyn i ni wneud hynny, er enghraifft i gyflawni tasg gyhoeddus neu i gyflawni rhwymedigaeth gyfreithiol.',
        '',
        '((council))',
      ].join('\n'),
    },
  },
  [DATA_RIGHTS_ERASED_TEMPLATE]: {
    subject: {
      en: 'We have deleted your data: ((reference))',
      cy: 'Rydym wedi dileu eich data: ((reference))',
    },
    body: {
      en: [
        'We have done what you asked in your request to delete your data.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        'Your name, contact details, what you wrote, and any photos and files you sent us through our website have been deleted. This cannot be undone.',
        '',
        'We still keep what is not about you, such as where a problem was and what we did about it. We keep a record of your request to delete your data, as the law asks us to.',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi gwneud yr hyn a ofynnoch yn eich cais i ddileu eich data.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        'Mae eich enw, eich manylion cyswllt, yr hyn a ysgrifennoch, ac unrhyw luniau a ffeiliau a anfonoch atom drwy ein gwefan wedi cael eu dileu. Ni ellir dadwneud hyn.',
        '',
        'Rydym yn dal i gadw’r hyn nad yw amdanoch chi, fel ble roedd problem a beth wnaethom amdani. Rydym yn cadw cofnod o’ch cais i ddileu eich data, fel y mae’r gyfraith yn gofyn i ni.',
        '',
        '((council))',
      ].join('\n'),
    },
  },
  [DATA_RIGHTS_REFUSED_TEMPLATE]: {
    subject: {
      en: 'Your request to delete your data: ((reference))',
      cy: 'Eich cais i ddileu eich data: ((reference))',
    },
    body: {
      en: [
        'We have looked at your request to delete your data and we cannot delete it.',
        '',
        '# Your reference number',
        '((reference))',
        '',
        '# Why',
        '((reason))',
        '',
        'If you disagree, email our data protection team at ((data_protection_email)). You can also complain to the Information Commissioner’s Office (ICO) at https://ico.org.uk/make-a-complaint/',
        '',
        '((council))',
      ].join('\n'),
      cy: [
        'Rydym wedi edrych ar eich cais i ddileu eich data ac ni allwn ei ddileu.',
        '',
        '# Eich cyfeirnod',
        '((reference))',
        '',
        '# Pam',
        '((reason))',
        '',
        'Os ydych yn anghytuno, anfonwch e-bost at ein tîm diogelu data yn ((data_protection_email)). Gallwch hefyd gwyno i Swyddfa’r Comisiynydd Gwybodaeth (ICO) yn https://ico.org.uk/make-a-complaint/',
        '',
        '((council))',
      ].join('\n'),
    },
  },
};
