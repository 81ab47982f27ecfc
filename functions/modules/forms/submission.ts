import type { CaseAnswer, CreateCaseOptions, NewCase } from '../../core/cases/case-store.ts';
import { caseSealContext, sealCaseAnswers } from '../../core/cases/sealed-answers.ts';
import type { FieldCipher } from '../../core/crypto/field-cipher.ts';
import type { IsoDate } from '../../core/calendar/dates.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { localise } from '../../core/localised-text.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { handlerFor, type DisplayContext } from './answers/answer-types.ts';
import { answersOnPath, walk } from './definition/flow.ts';
import type { AddressAnswer, AnswerValue, FileAnswer, FormDraft, Question, ResolvedForm } from './definition/types.ts';
import { FORM_CONFIRMATION_RESTRICTED_TEMPLATE, FORM_CONFIRMATION_TEMPLATE } from './email-templates.ts';


const handlerOf = handlerFor;

/** The questions on the resident's path that have an answer, in the order they were asked, with it. */
export function answeredQuestions(form: ResolvedForm, draft: FormDraft, today: IsoDate): { q: Question; value: AnswerValue | AnswerValue[] }[] {
  const answers = answersOnPath(form, draft, today);
  return walk(form, draft, today)
    .pages.flatMap((p) => p.questions)
    .filter((q) => Object.hasOwn(answers, q.key))
    .map((q) => ({ q, value: answers[q.key] }));
}

/**
 * An answer as text for people: one entry per item of a repeated question, an item's lines joined by
 * ", " (an address); a `details` answer keeps one entry per option, since each is free text of its own.
 */
export function answerText(q: Question, value: AnswerValue | AnswerValue[], view: DisplayContext): string[] {
  if (q.type === 'details') return handlerOf(q).display(q, value as AnswerValue, view);
  const items = q.repeatable ? (value as AnswerValue[]) : [value as AnswerValue];
  return items.map((item) => handlerOf(q).display(q, item, view).join(', '));
}

/** Every file id in the answers on the path (file questions, repeated or not): kept before the case is written. */
export function fileIdsOf(answered: { q: Question; value: AnswerValue | AnswerValue[] }[]): string[] {
  return answered.filter((a) => a.q.type === 'file').flatMap((a) => (a.q.repeatable ? (a.value as FileAnswer[]) : [a.value as FileAnswer]).map((f) => f.fileId));
}

/**
 * A sent form as a case of service `forms`, type the form's id: every answer on the resident's
 * path (answers to pages a changed answer routed around are dropped) with its question in every
 * language, the contact answers copied into the details, and the confirmation email to the
 * `contact: 'email'` answer in the resident's language. Special-category answers are in plaintext
 * here, for `sealFormAnswers` to seal with the reference (never stored so), and are never copied
 * into the details. A restricted form (a care request) makes a case only its role sees, and its
 * email says no more than the reference, the response time and the number to call.
 *
 * @example
 * const input = formCase({ council, form, draftId, draft, lang, t, today });
 * const result = await createCase(store, input, now, secrets, sealFormAnswers(deps.cipher, council.id, input));
 */
export function formCase(input: {
  council: CouncilConfig;
  form: ResolvedForm;
  draftId: string;
  draft: FormDraft;
  lang: Language;
  t: Translate;
  today: IsoDate;
  /** A selection's options when another module gives them (a property's bins): the answer's text names them. */
  optionsFor?: DisplayContext['optionsFor'];
}): NewCase {
  const { council, form, draft, lang, t, today } = input;
  const answered = answeredQuestions(form, draft, today);
  const view: DisplayContext = { lang, t, optionsFor: input.optionsFor };
  const details: Record<string, string> = {};
  for (const { q, value } of answered) {
    // A repeated contact answer would be ambiguous: only a question asked once is the resident's contact.
    if (q.repeatable) continue;
    // Special-category data lives sealed in its answer only: the details are stored as they are.
    if (q.specialCategory) continue;
    if (q.contact === 'name' && details.name === undefined) details.name = handlerOf(q).display(q, value as AnswerValue, view).join(' ');
    if ((q.contact === 'email' || q.contact === 'phone') && details[q.contact] === undefined && typeof value === 'string') details[q.contact] = value;
    if (q.type === 'address' && details.address === undefined) {
      const address = value as AddressAnswer;
      details.address = address.lines.join(', ');
      details.postcode = address.postcode;
      if (address.uprn) details.uprn = address.uprn;
    }
  }
  const answers: CaseAnswer[] = answered.map(({ q, value }) => ({
    key: q.key,
    question: { en: q.label.en, ...(q.label.cy !== undefined && { cy: q.label.cy }) },
    text: answerText(q, value, view),
    value,
    ...(q.specialCategory && { specialCategory: true }),
  }));
  return {
    service: 'forms',
    type: form.id,
    // The draft is the submission: a retry after a lost response finds the first case.
    dedupeKey: `forms|${input.draftId}`,
    submissionId: input.draftId,
    details,
    lang,
    retentionDays: form.retentionDays,
    form: { id: form.id, version: form.version, answers },
    ...(form.restrictedTo && { restrictedTo: form.restrictedTo }),
    notification: details.email ? confirmationEmail(council, form, lang, details.email) : undefined,
  };
}

/** The confirmation email to the resident; a restricted form's says nothing of the request itself (an inbox may be shared). */
function confirmationEmail(council: CouncilConfig, form: ResolvedForm, lang: Language, to: string): NonNullable<NewCase['notification']> {
  const responseTime = form.confirmation.responseTime ? localise(form.confirmation.responseTime, lang) : '';
  if (form.restrictedTo) {
    return {
      template: FORM_CONFIRMATION_RESTRICTED_TEMPLATE,
      lang,
      to,
      personalisation: { response_time: responseTime, contact_phone: form.contact.phone ?? council.contact.phone, council: localise(council.name, lang) },
    };
  }
  return {
    template: FORM_CONFIRMATION_TEMPLATE,
    lang,
    to,
    personalisation: {
      form_title: localise(form.title, lang),
      what_happens_next: form.confirmation.whatHappensNext.map((p) => localise(p, lang)).join('\n\n'),
      response_time: responseTime,
      council: localise(council.name, lang),
    },
  };
}

/**
 * createCase's options for a form's case: its special-category answers sealed, one by one, with
 * `{ council, reference, form }` for the reference the case is written under. None for a case
 * without such answers. Throws without a cipher (formOf refuses such a form's pages before).
 *
 * @example
 * const result = await createCase(deps.store, input, now, deps.secrets, sealFormAnswers(deps.cipher, council.id, input));
 */
export function sealFormAnswers(cipher: FieldCipher | undefined, councilId: string, input: NewCase): CreateCaseOptions {
  const form = input.form;
  if (!form?.answers.some((a) => a.specialCategory)) return {};
  if (!cipher) throw new Error(`Form ${form.id} has special-category answers but the council has no cipher`);
  return { prepare: async (reference) => ({ form: { ...form, answers: await sealCaseAnswers(cipher, form.answers, caseSealContext(councilId, reference, form.id)) } }) };
}
