import type { CaseAnswer, StoredCase } from '../../../core/cases/case-store.ts';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import { localise } from '../../../core/localised-text.ts';
import type { Language } from '../../../core/language.ts';
import type { EmailMessage, EmailTemplate } from '../../../core/notifications/port.ts';
import type { ResolvedForm } from '../definition/types.ts';
import { answerText } from './webhook.ts';

/** The council mailbox's email of a submission: its answers, never its files or special-category answers. */
export const FORM_TO_COUNCIL_TEMPLATE = 'form-to-council';

export const formsOutputsEmailTemplates: Record<string, EmailTemplate> = {
  [FORM_TO_COUNCIL_TEMPLATE]: {
    subject: {
      en: 'New form: ((form)) – ((reference))',
      cy: 'Ffurflen newydd: ((form)) – ((reference))',
    },
    body: {
      en: ['# ((form))', '', 'Reference: ((reference))', 'Submitted: ((submitted))', '', '# Answers', '', '((answers))', '', '((withheld))', '', '((case_link))'].join('\n'),
      cy: ['# ((form))', '', 'Cyfeirnod: ((reference))', 'Cyflwynwyd: ((submitted))', '', '# Atebion', '', '((answers))', '', '((withheld))', '', '((case_link))'].join('\n'),
    },
  },
};

/** Strings of the email, per language (a council mailbox is staff: the email is in the council's first language). */
const WORDS: Record<Language, { file: string; withheld: string; caseLink: string; unanswered: string }> = {
  en: {
    file: '{name} (uploaded file: download it from the case in the back office)',
    withheld: 'Some answers are special category data and are not in this email: read them on the case in the back office.',
    caseLink: 'The case in the back office: {url}',
    unanswered: 'Not answered',
  },
  cy: {
    file: '{name} (ffeil wedi’i huwchlwytho: lawrlwythwch hi o’r achos yn y swyddfa gefn)',
    withheld: 'Mae rhai atebion yn ddata categori arbennig ac nid ydynt yn yr e-bost hwn: darllenwch nhw ar yr achos yn y swyddfa gefn.',
    caseLink: 'Yr achos yn y swyddfa gefn: {url}',
    unanswered: 'Heb ei ateb',
  },
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);

type FileLike = { fileId: string; name: string };
const isFile = (v: unknown): v is FileLike => typeof v === 'object' && v !== null && typeof (v as FileLike).fileId === 'string' && typeof (v as FileLike).name === 'string';

/** An answer as the email's text: a file by its name only (no attachment, no link that would work outside the back office). */
function emailAnswer(a: CaseAnswer, words: (typeof WORDS)[Language]): string {
  const items = Array.isArray(a.value) && a.value.some(isFile) ? a.value : [a.value];
  if (items.some(isFile)) return items.filter(isFile).map((f) => fill(words.file, { name: f.name })).join('; ');
  return answerText(a) || words.unanswered;
}

/** A time as the council's staff read it: UK time. */
function ukTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}

/**
 * The email to the form's council mailbox for a stored submission: the form, reference, time and
 * each answer as a "question: answer" line, in the council's first language; special-category
 * answers left out with a line saying where they are; files named only.
 *
 * @example
 * const message = mailboxMessage(council, form, stored, 'council@example.gov.uk', 'https://…/hackney');
 */
export function mailboxMessage(council: CouncilConfig, form: ResolvedForm, stored: StoredCase, to: string, publicBaseUrl?: string): EmailMessage {
  const lang: Language = council.languages[0] ?? 'en';
  const words = WORDS[lang];
  const answers = stored.form?.answers ?? [];
  const shown = answers.filter((a) => !a.specialCategory && a.sealed === undefined);
  const lines = shown.map((a) => `${(lang === 'cy' ? a.question.cy : undefined) ?? a.question.en}: ${emailAnswer(a, words)}`);
  return {
    template: FORM_TO_COUNCIL_TEMPLATE,
    lang,
    to,
    reference: stored.reference,
    personalisation: {
      form: localise(form.title, lang),
      reference: stored.reference,
      submitted: ukTime(stored.createdAt, lang),
      answers: lines.join('\n'),
      withheld: shown.length < answers.length ? words.withheld : '',
      case_link: publicBaseUrl ? fill(words.caseLink, { url: `${publicBaseUrl}${lang === 'cy' ? '/cy' : ''}/staff/cases/${stored.reference}` }) : '',
    },
  };
}
