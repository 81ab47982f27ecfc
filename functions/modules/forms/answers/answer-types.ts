import type { JSX } from 'hono/jsx/jsx-runtime';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { AddressLookup } from '../../../core/address/address-lookup.ts';
import type { IsoDate } from '../../../core/calendar/dates.ts';
import type { Translate } from '../../../core/i18n.ts';
import type { Language } from '../../../core/language.ts';
import type { Errors } from '../../../../web/components.tsx';
import type { Answers, AnswerType, AnswerValue, Question, ResolvedForm, SelectionOption } from '../definition/types.ts';
import { addressHandler } from './address.tsx';
import { dateHandler } from './date.tsx';
import { detailsHandler } from './details.tsx';
import { emailHandler } from './email.tsx';
import { fileHandler } from './file.tsx';
import { nameHandler } from './name.tsx';
import { ninoHandler } from './nino.tsx';
import { numberHandler } from './number.tsx';
import { organisationHandler } from './organisation.tsx';
import { phoneHandler } from './phone.tsx';
import { selectionHandler } from './selection.tsx';
import { textHandler } from './text.tsx';
import { yesnoHandler } from './yesno.tsx';

/** What a handler may use besides the question: the page's language and messages, today, the council, its look-ups. */
export interface AnswerContext {
  lang: Language;
  t: Translate;
  today: IsoDate;
  council: CouncilConfig;
  form: ResolvedForm;
  addresses: AddressLookup;
  /** The draft's answers so far: a details question's boxes are the options chosen in an earlier selection. */
  answers?: Answers;
  /** A selection question's options: its own, or those its `optionsFrom` source gives (resolved by the journey). */
  optionsFor(q: Extract<Question, { type: 'selection' }>): SelectionOption[];
}

/** The posted body, as the journey parses it: each field's value, or values for a repeated name (checkboxes). */
export type PostedFields = Record<string, string | string[]>;

/** What `display` needs: the language and messages; `optionsFor` where the selection's options come from a source. */
export interface DisplayContext {
  lang: Language;
  t: Translate;
  optionsFor?: AnswerContext['optionsFor'];
}

export type ReadResult<V> =
  /** `value` undefined: an optional question left blank. */
  | { kind: 'value'; value: V | undefined }
  /** Field id → message; the error summary links to each id (so a question's first field comes first). */
  | { kind: 'errors'; errors: Errors }
  /** Not an answer yet, nor a mistake (an address's postcode was found: now choose): render Fields again with `raw`. */
  | { kind: 'again' };

/**
 * One answer type: how its fields look, how a POST becomes an answer, and how an answer reads back.
 *
 * @example
 * const handler = ANSWER_HANDLERS[q.type] as AnswerHandler;
 * const result = await handler.read(q, body, ctx, q.key);
 * if (result.kind === 'errors') return page(<handler.Fields q={q} raw={body} errors={result.errors} ctx={ctx} asPageHeading idPrefix={q.key} />);
 */
export interface AnswerHandler<Q extends Question = Question, V extends AnswerValue = AnswerValue> {
  /**
   * The fields, inside the page's <form>. `asPageHeading`: the question is the page's only one (its
   * label or legend is the h1). `raw` (what was posted) wins over `value` so that errors keep what the
   * resident typed. May render asynchronously (address: the list for the postcode); Hono awaits it.
   */
  Fields(p: { q: Q; value?: V; raw?: PostedFields; errors: Errors; ctx: AnswerContext; asPageHeading: boolean; idPrefix: string }): JSX.Element;
  /** Reads the posted fields (ids and names start with `idPrefix`), validating with GOV.UK's messages. */
  read(q: Q, body: PostedFields, ctx: AnswerContext, idPrefix: string): ReadResult<V> | Promise<ReadResult<V>>;
  /**
   * The answer as lines of text, for check answers, staff pages and emails (an address: its lines).
   * A selection shows its options' texts: from the question, or from `optionsFor` where given
   * (options from a source); otherwise the stored value.
   */
  display(q: Q, value: V, ctx: DisplayContext): string[];
}

type HandlerFor<T extends AnswerType> = AnswerHandler<Extract<Question, { type: T }>, any>;

/**
 * Every answer type's handler. Values by type (definition/types.ts `AnswerValue`): name → NameAnswer;
 * organisation, email, text → the trimmed text; phone → the number grouped as written in the UK
 * ("01632 960 001", or "+33 1 23…" digits for abroad); nino → upper case without spaces ("QQ123456C",
 * shown as "QQ 12 34 56 C"); address → AddressAnswer; date → 'YYYY-MM-DD'; number → number;
 * yesno → 'yes' | 'no'; selection → the option's value, or values (['none'] for none of the above);
 * file → FileAnswer, which the upload step makes (file `read` is not used: it always says 'again');
 * details → option value → text, for the options chosen in its selection (answers/details.tsx).
 */
export const ANSWER_HANDLERS: { [T in AnswerType]: HandlerFor<T> } = {
  name: nameHandler,
  organisation: organisationHandler,
  email: emailHandler,
  phone: phoneHandler,
  nino: ninoHandler,
  address: addressHandler,
  date: dateHandler,
  number: numberHandler,
  text: textHandler,
  yesno: yesnoHandler,
  selection: selectionHandler,
  file: fileHandler,
  details: detailsHandler,
};

/** The handler for a question, typed loosely for code that handles every type alike. */
export function handlerFor(q: Question): AnswerHandler {
  return ANSWER_HANDLERS[q.type] as unknown as AnswerHandler;
}
