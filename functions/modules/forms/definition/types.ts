import type { LocalisedText } from '../../../core/localised-text.ts';

/**
 * A form, as data: the shape of `catalogue/forms/<form-id>.ts`. Validated by one zod schema
 * (form-schema.ts) wherever council files are validated (start-up, tests, the CLI, synthesis), never
 * in the Lambda, which imports the same files as plain data through `defineForm`.
 *
 * Every text is a LocalisedText: English always, Welsh wherever a Welsh council adopts the form (the
 * adoption check refuses a form with a missing Welsh text for a council whose languages include cy).
 * Texts may hold placeholders, replaced when the form is resolved for a council:
 * `{council}`, `{contact.team}`, `{contact.phone}`, `{contact.email}`, `{contact.hours}`, `{values.<name>}`.
 */
export interface FormDefinition {
  /** Lower-case slug, the file's name and the URL's last part: /<councilId>/forms/<id>. */
  id: string;
  /** Whole number, raised when questions change meaning; carried on every submission. */
  version: number;
  /** Who wrote it (a council or a team), shown on the start page and in the platform's catalogue. */
  credit: { name: string; url?: string };
  title: LocalisedText;
  /** One sentence: the council's home page and the platform catalogue show it. */
  summary: LocalisedText;
  /** The start page's paragraphs, under the title. */
  start: LocalisedText[];
  /** Who to contact about the form; each field defaults to the council's own contact details. */
  contact?: FormContact;
  /** Values routing (and texts) use, each overridable by a council: an eligibility age, a limit. */
  values?: Record<string, FormValue>;
  pages: FormPage[];
  /** Pages that end the form early ("You are not eligible"). */
  exits?: ExitPage[];
  /** Shown on check answers above the send button; sending means agreeing to it. */
  declaration?: LocalisedText[];
  /** The confirmation page and email: what happens next, and (optionally) when. */
  confirmation: { whatHappensNext: LocalisedText[]; responseTime?: LocalisedText };
  /** How long a submission is kept, in days (a council may shorten or lengthen it). */
  retentionDays: number;
  /** Save and return: how many days an emailed link to carry on lasts. Absent: not offered. */
  saveAndReturn?: { days: number };
  /**
   * Only staff with this role see the form's cases (and their special-category answers): a social
   * care request is `'care'`. Copied onto each case as `restrictedTo`.
   */
  restrictedTo?: 'care';
  /**
   * The law the council relies on to ask, by the council's nation (the start page and the privacy
   * notice name it), and the UK GDPR Article 9 condition for its special-category answers. A council
   * may give its own wording in its adoption's `texts.lawfulBasis` and `texts.article9`.
   */
  lawfulBasis?: FormLawfulBasis;
}

/** The UK's nations, as a council file names its own (`nation`). */
export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';

export interface FormLawfulBasis {
  byNation: Partial<Record<Nation, LocalisedText>>;
  article9?: LocalisedText;
}

export interface FormContact {
  team?: LocalisedText;
  phone?: string;
  email?: string;
  hours?: LocalisedText;
}

export interface FormValue {
  /**
   * The form's default. Absent: every adopting council must give its own in `values` (a number only
   * the council knows, like its safeguarding line); the adoption check refuses an adoption without it.
   */
  value?: number | string;
  /** What it is, for councils reading the catalogue (not shown to residents). */
  description: string;
  /** `'uk-phone'`: the value is a UK phone number, checked like the council's contact numbers. */
  format?: 'uk-phone';
}

/** One page; one question by default. A page of several closely related questions has a title. */
export interface FormPage {
  /** Slug, unique in the form; the page's URL part. */
  id: string;
  /**
   * The page heading: needed on a page of several questions, and on a one-question page with
   * guidance (GOV.UK Forms); without one, the single question's label is the heading.
   */
  title?: LocalisedText;
  /** Paragraphs above the questions. */
  guidance?: LocalisedText[];
  questions: Question[];
  /** Tried in order after the page is answered; the first that holds decides where to go. */
  routes?: Route[];
  /** Where to go when no route holds; the next page in the list when absent (check answers after the last). */
  next?: Destination;
}

/** A page id, 'check-answers', or an exit page. */
export type Destination = { page: string } | { checkAnswers: true } | { exit: string };

export interface Route {
  when: Condition;
  to: Destination;
}

export interface ExitPage {
  id: string;
  title: LocalisedText;
  body: LocalisedText[];
}

/**
 * A test on earlier answers. Comparisons: numbers compare as numbers; dates (YYYY-MM-DD) as dates;
 * `age-*` compare a date of birth's age in whole years today. `includes` asks whether a selection
 * (one or many) holds an option; `equals` on a many-selection asks for exactly that one option.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; op: 'answered' | 'not-answered' }
  | { question: string; op: 'equals' | 'not-equals' | 'gt' | 'gte' | 'lt' | 'lte' | 'age-gte' | 'age-lt'; value: Operand }
  | { question: string; op: 'includes' | 'not-includes'; value: string }
  /** How many answers a repeatable question has. */
  | { question: string; op: 'count-gte' | 'count-lt'; value: Operand };

/** A literal; one of the form's values (`{ value: 'age' }`); or a date relative to today. */
export type Operand = string | number | { value: string } | { daysFromToday: number };

export type AnswerType = Question['type'];

interface QuestionBase {
  /** Unique in the form, [a-z][a-z0-9-]*: the answer's key in the case, the webhook and the export. */
  key: string;
  label: LocalisedText;
  /**
   * What error messages call the answer, when the label cannot go into them (it is a question):
   * `{ en: 'your council tax account number', cy: 'eich rhif cyfrif treth gyngor' }` gives "Enter
   * your council tax account number" (GOV.UK: say specifically what is wrong). Without it, a
   * question label gets a neutral noun ("Enter an answer").
   */
  errorName?: LocalisedText;
  hint?: LocalisedText;
  /** Paragraphs shown with the question (what counts as evidence, why we ask). */
  guidance?: LocalisedText[];
  /** Required unless this says otherwise. */
  optional?: boolean;
  /** "Add another": up to `max` answers. Only on a page of its own. */
  repeatable?: { max: number };
  /** UK GDPR special-category data (health, care): encrypted field by field (the social care issue). */
  specialCategory?: boolean;
  /** The answer is how to reach the resident: copied into the case's contact details (and the confirmation email goes to `email`). */
  contact?: 'name' | 'email' | 'phone';
}

export type Question =
  | (QuestionBase & { type: 'name'; format: 'full' | 'first-last'; title?: boolean })
  | (QuestionBase & { type: 'organisation' })
  | (QuestionBase & { type: 'email' })
  | (QuestionBase & { type: 'phone' })
  | (QuestionBase & { type: 'nino' })
  /** Through the platform's address look-up (postcode, then a list), with manual entry as the fallback. */
  | (QuestionBase & { type: 'address' })
  | (QuestionBase & { type: 'date'; kind: 'date-of-birth' | 'other'; min?: DateLimit; max?: DateLimit })
  | (QuestionBase & { type: 'number'; whole?: boolean; min?: number; max?: number; prefix?: string; suffix?: LocalisedText })
  | (QuestionBase & { type: 'text'; long?: boolean; maxLength: number })
  | (QuestionBase & { type: 'yesno' })
  | (QuestionBase & SelectionQuestion)
  /** Only on a page of its own (the browser sends the file straight to storage). */
  | (QuestionBase & { type: 'file'; accept: FileKind[]; maxMegabytes: number })
  | (QuestionBase & DetailsQuestion);

/**
 * "Tell us more" about each option chosen in an earlier many-selection (`of`): one character-count
 * box per option chosen, the option's text as its label. Its page is skipped when nothing was chosen
 * (or "None of the above"). The answer is `Record<optionValue, string>`.
 */
export interface DetailsQuestion {
  type: 'details';
  /** The key of a many-selection on an earlier page. */
  of: string;
  maxLength: number;
  /** The options of `of` as the council runs it: filled in by resolveForm, never written in a form (the schema refuses it). */
  options?: SelectionOption[];
}

export interface SelectionQuestion {
  type: 'selection';
  multiple?: boolean;
  /** The options; or `optionsFrom` names a list another service provides (e.g. 'bin-containers'). */
  options?: SelectionOption[];
  optionsFrom?: { source: string; /** An earlier address question: the list is that property's. */ addressQuestion?: string };
  /** A many-selection's "None of the above", exclusive of the others (its value is `none`). */
  noneOption?: LocalisedText;
}

export interface SelectionOption {
  value: string;
  text: LocalisedText;
  hint?: LocalisedText;
  /** Offered only by councils in these nations (a nation's own legal list); everywhere when absent. */
  nations?: Nation[];
}

export type DateLimit = { date: string } | { daysFromToday: number };

export type FileKind = 'pdf' | 'jpeg' | 'png';

/**
 * An answer, as the draft and the case hold it. Repeatable questions hold a list of these.
 * - name: NameAnswer; organisation, email, phone, nino, text: string (nino and phone normalised);
 * - address: AddressAnswer; date: 'YYYY-MM-DD'; number: number; yesno: 'yes' | 'no';
 * - selection: string (one) or string[] (many; ['none'] for none of the above); file: FileAnswer;
 * - details: DetailsAnswer (option value → text).
 */
export type AnswerValue = string | number | string[] | NameAnswer | AddressAnswer | FileAnswer | DetailsAnswer;

/** A details answer: what the resident wrote about each option chosen, by the option's value. */
export type DetailsAnswer = Record<string, string>;

export interface NameAnswer {
  title?: string;
  full?: string;
  first?: string;
  last?: string;
}

export interface AddressAnswer {
  /** Chosen from the look-up; absent when entered by hand. */
  uprn?: string;
  lines: string[];
  postcode: string;
}

export interface FileAnswer {
  fileId: string;
  /** The file's name as the resident's device gave it. */
  name: string;
  contentType: string;
  bytes: number;
}

/** The answers so far, by question key. */
export type Answers = Record<string, AnswerValue | AnswerValue[]>;

/** A resident's progress through one form, kept in a draft (service 'forms'). */
export interface FormDraft {
  formId: string;
  version: number;
  answers: Answers;
  /** Pages the resident has continued from: an optional question left blank there counts as answered. */
  visited: string[];
}

/** What a council's file says about one catalogue form it adopts (`services.forms.adopted[<form-id>]`). */
export interface FormAdoption {
  /** Texts replaced for this council; keys are those of the form. */
  texts?: TextOverrides;
  contact?: FormContact;
  /** New values for the form's values, by name. */
  values?: Record<string, number | string>;
  /** Question keys not asked at this council (their pages are skipped when empty). */
  hide?: string[];
  retentionDays?: number;
  saveAndReturn?: { days: number } | false;
  /** Each submission POSTed, signed, to the council's system. */
  webhook?: { url: string };
  /** Each submission emailed (answers only, no attachments) to a council mailbox. */
  mailbox?: { email: string };
  /**
   * A selection's options replaced by the council's own list, by question key: where the form has no
   * list for the council's nation (Scotland's own outcomes), or the council words its own.
   */
  options?: Record<string, SelectionOption[]>;
}

export interface TextOverrides {
  /** The law the council relies on, in place of the form's for its nation. */
  lawfulBasis?: LocalisedText;
  /** The UK GDPR Article 9 condition, in place of the form's. */
  article9?: LocalisedText;
  title?: LocalisedText;
  summary?: LocalisedText;
  start?: LocalisedText[];
  declaration?: LocalisedText[];
  whatHappensNext?: LocalisedText[];
  responseTime?: LocalisedText;
  pages?: Record<string, { title?: LocalisedText; guidance?: LocalisedText[] }>;
  questions?: Record<string, { label?: LocalisedText; errorName?: LocalisedText; hint?: LocalisedText; guidance?: LocalisedText[]; options?: Record<string, LocalisedText> }>;
  exits?: Record<string, { title?: LocalisedText; body?: LocalisedText[] }>;
}

/**
 * A catalogue form as one council runs it: the adoption's overrides applied, hidden questions
 * removed, placeholders replaced, values settled, `optionsFrom` still named (it may depend on the
 * answers). Pure data; made by resolveForm at run time (memoised per council).
 */
export interface ResolvedForm extends Omit<FormDefinition, 'contact' | 'saveAndReturn' | 'lawfulBasis'> {
  contact: FormContact;
  /** The law for the council's nation (or the council's own words) and the Article 9 condition; absent when the form names none. */
  lawfulBasis?: { law?: LocalisedText; article9?: LocalisedText };
  values: Record<string, FormValue>;
  saveAndReturn?: { days: number };
  webhook?: { url: string };
  mailbox?: { email: string };
  /** The form's file, for messages: `catalogue/forms/<id>.ts`. */
  source: string;
}
