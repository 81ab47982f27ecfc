/**
 * The schema of a catalogue form (`catalogue/forms/<id>.ts`): its shape, then every rule that needs
 * the whole form (unique ids and keys, routes that exist and only go forward, conditions that name
 * earlier questions with operands that fit them, known placeholders). Used wherever council files
 * are validated (start-up, tests, the CLI, synthesis), never in the Lambda.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { isoDateSchema, localisedTextSchema, ukPhoneSchema } from '../../../config/common.ts';
import type { LocalisedText } from '../../../core/localised-text.ts';
import type { Condition, Destination, FormDefinition, FormPage, Operand, Question } from './types.ts';

/** A problem in one file, at a dotted field path. */
export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

const SLUG = /^[a-z][a-z0-9-]*$/;
const slug = (what: string) => z.string().regex(SLUG, `A ${what} is a lower-case slug like proof-of-address`);

/** Page ids the form's URLs already use after /d/<draftId>/. */
export const RESERVED_PAGE_IDS = ['check-answers', 'exit', 'save', 'done', 'resume'] as const;

/** Placeholders a text may hold besides `{values.<name>}`. */
export const PLACEHOLDERS = ['council', 'contact.team', 'contact.phone', 'contact.email', 'contact.hours'] as const;

const texts = z.array(localisedTextSchema);

export const formContactSchema = z.strictObject({
  team: localisedTextSchema.optional(),
  phone: ukPhoneSchema.optional(),
  email: z.email().optional(),
  hours: localisedTextSchema.optional(),
});

const dateLimitSchema = z.union([z.strictObject({ date: isoDateSchema }), z.strictObject({ daysFromToday: z.number().int() })]);

const operandSchema = z.union([
  z.string().min(1),
  z.number(),
  z.strictObject({ value: z.string().min(1) }),
  z.strictObject({ daysFromToday: z.number().int() }),
]);

const COMPARISONS = ['equals', 'not-equals', 'gt', 'gte', 'lt', 'lte', 'age-gte', 'age-lt'] as const;

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ question: z.string(), op: z.enum(['answered', 'not-answered']) }),
    z.strictObject({ question: z.string(), op: z.enum(COMPARISONS), value: operandSchema }),
    z.strictObject({ question: z.string(), op: z.enum(['includes', 'not-includes']), value: z.string().min(1) }),
    z.strictObject({ question: z.string(), op: z.enum(['count-gte', 'count-lt']), value: operandSchema }),
  ]),
);

const destinationSchema = z.union([
  z.strictObject({ page: z.string() }),
  z.strictObject({ checkAnswers: z.literal(true) }),
  z.strictObject({ exit: z.string() }),
]);

const base = {
  key: slug('question key'),
  label: localisedTextSchema,
  errorName: localisedTextSchema.optional(),
  hint: localisedTextSchema.optional(),
  guidance: texts.optional(),
  optional: z.boolean().optional(),
  repeatable: z.strictObject({ max: z.number().int().min(2, 'A repeatable question allows at least 2 answers').max(50) }).optional(),
  specialCategory: z.boolean().optional(),
  contact: z.enum(['name', 'email', 'phone']).optional(),
};

export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;

/** One option of a selection (a form's, or a council's own list in its adoption). */
export const optionSchema = z.strictObject({
  value: slug('option value'),
  text: localisedTextSchema,
  hint: localisedTextSchema.optional(),
  nations: z.array(z.enum(NATIONS)).min(1, 'List at least one nation, or leave nations out to offer the option everywhere').optional(),
});

export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('name'), format: z.enum(['full', 'first-last']), title: z.boolean().optional() }),
  z.strictObject({ ...base, type: z.literal('organisation') }),
  z.strictObject({ ...base, type: z.literal('email') }),
  z.strictObject({ ...base, type: z.literal('phone') }),
  z.strictObject({ ...base, type: z.literal('nino') }),
  z.strictObject({ ...base, type: z.literal('address') }),
  z.strictObject({ ...base, type: z.literal('date'), kind: z.enum(['date-of-birth', 'other']), min: dateLimitSchema.optional(), max: dateLimitSchema.optional() }),
  z.strictObject({
    ...base,
    type: z.literal('number'),
    whole: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    prefix: z.string().min(1).max(3).optional(),
    suffix: localisedTextSchema.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('text'),
    long: z.boolean().optional(),
    maxLength: z.number().int().min(1, 'maxLength must be at least 1').max(10_000, 'maxLength is at most 10000'),
  }),
  z.strictObject({ ...base, type: z.literal('yesno') }),
  z.strictObject({
    ...base,
    type: z.literal('selection'),
    multiple: z.boolean().optional(),
    options: z.array(optionSchema).min(2, 'A selection offers at least 2 options').optional(),
    optionsFrom: z.strictObject({ source: slug('option source'), addressQuestion: z.string().optional() }).optional(),
    noneOption: localisedTextSchema.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('details'),
    of: z.string(),
    maxLength: z.number().int().min(1, 'maxLength must be at least 1').max(5_000, 'maxLength is at most 5000'),
  }),
  z.strictObject({
    ...base,
    type: z.literal('file'),
    accept: z.array(z.enum(['pdf', 'jpeg', 'png'])).min(1),
    maxMegabytes: z.number().positive().max(20, 'A file question accepts at most 20 MB'),
  }),
]);

const pageSchema = z.strictObject({
  id: slug('page id').refine((id) => !(RESERVED_PAGE_IDS as readonly string[]).includes(id), {
    message: `A page id must not be one the form's addresses use: ${RESERVED_PAGE_IDS.join(', ')}`,
  }),
  title: localisedTextSchema.optional(),
  guidance: texts.optional(),
  questions: z.array(questionSchema).min(1, 'A page asks at least one question'),
  routes: z.array(z.strictObject({ when: conditionSchema, to: destinationSchema })).optional(),
  next: destinationSchema.optional(),
});

/** A catalogue form's shape; `formProblems` adds the rules across the form once the shape is right. */
export const formShape = z.strictObject({
  id: slug('form id'),
  version: z.number().int().min(1),
  credit: z.strictObject({ name: z.string().trim().min(1), url: z.url({ protocol: /^https$/ }).optional() }),
  title: localisedTextSchema,
  summary: localisedTextSchema,
  start: texts.min(1, 'The start page needs at least one paragraph'),
  contact: formContactSchema.optional(),
  values: z
    .record(
      slug('value name'),
      z.strictObject({ value: z.union([z.number(), z.string().min(1)]).optional(), description: z.string().trim().min(1), format: z.literal('uk-phone').optional() }),
    )
    .optional(),
  pages: z.array(pageSchema).min(1, 'A form has at least one page'),
  exits: z.array(z.strictObject({ id: slug('exit id'), title: localisedTextSchema, body: texts.min(1) })).optional(),
  declaration: texts.optional(),
  confirmation: z.strictObject({ whatHappensNext: texts.min(1), responseTime: localisedTextSchema.optional() }),
  retentionDays: z.number().int().min(1).max(3650),
  saveAndReturn: z.strictObject({ days: z.number().int().min(1).max(90) }).optional(),
  restrictedTo: z.literal('care').optional(),
  lawfulBasis: z
    .strictObject({
      byNation: z.strictObject(Object.fromEntries(NATIONS.map((n) => [n, localisedTextSchema.optional()])) as Record<(typeof NATIONS)[number], z.ZodOptional<typeof localisedTextSchema>>),
      article9: localisedTextSchema.optional(),
    })
    .optional(),
});

type Path = (string | number)[];
type Add = (path: Path, message: string) => void;

/** Where each question is: its page's index and its own. */
interface Placed {
  q: Question;
  page: number;
  index: number;
}

function formRules(form: FormDefinition, add: Add): void {
  const values = form.values ?? {};
  const valueNames = Object.keys(values);
  const pageIndex = new Map<string, number>();
  const questions = new Map<string, Placed>();
  const exits = new Set<string>();

  form.pages.forEach((page, p) => {
    if (pageIndex.has(page.id)) add(['pages', p, 'id'], `Page id "${page.id}" is used twice`);
    else pageIndex.set(page.id, p);
    page.questions.forEach((q, i) => {
      const at: Path = ['pages', p, 'questions', i];
      if (questions.has(q.key)) add([...at, 'key'], `Question key "${q.key}" is used twice`);
      else questions.set(q.key, { q, page: p, index: i });
      // One upload per file question: its page hands the file to storage and back, one at a time.
      if (q.repeatable && q.type === 'file') add([...at, 'repeatable'], 'A file question cannot be repeatable: ask for each file with its own question');
      if ((q.repeatable || q.type === 'file') && page.questions.length > 1) {
        add(at, `A ${q.repeatable ? 'repeatable' : 'file'} question must be alone on its page`);
      }
      questionRules(q, at, questions, add, p);
    });
    const guided = untitledGuidance(page);
    if (guided) add(['pages', p, 'title'], `Page "${page.id}" has guidance (pages.${p}.${guided === 'page' ? 'guidance' : 'questions.0.guidance'}), ${TITLE_FOR_GUIDANCE}`);
  });
  (form.exits ?? []).forEach((exit, i) => {
    if (exits.has(exit.id)) add(['exits', i, 'id'], `Exit id "${exit.id}" is used twice`);
    exits.add(exit.id);
  });

  const contacts = new Map<string, string>();
  for (const { q, page, index } of questions.values()) {
    if (!q.contact) continue;
    const at = ['pages', page, 'questions', index, 'contact'];
    const fits = { name: 'name', email: 'email', phone: 'phone' }[q.contact];
    if (q.type !== fits) add(at, `contact: '${q.contact}' belongs on a ${fits} question, not a ${q.type} one`);
    else if (q.repeatable) add(at, 'A repeatable question cannot be the resident’s contact');
    // Several pages may each ask for a contact (the requester's, else the person's): the first one on
    // the resident's path is the case's (formCase). On one page two would be ambiguous.
    const slot = `${page}:${q.contact}`;
    if (contacts.has(slot)) add(at, `Question "${contacts.get(slot)}" on the same page is already the ${q.contact} to contact`);
    contacts.set(slot, q.key);
  }

  const reached = new Set<string>();
  form.pages.forEach((page, p) => {
    const destination = (to: Destination, at: Path) => {
      if ('page' in to) {
        const target = pageIndex.get(to.page);
        if (target === undefined) add(at, `Goes to page "${to.page}", which the form does not have`);
        else if (target <= p) add(at, `Goes back to page "${to.page}": routes only go forward, so that a form cannot loop`);
      } else if ('exit' in to) {
        if (!exits.has(to.exit)) add(at, `Goes to exit "${to.exit}", which the form does not have (exits: ${[...exits].join(', ') || 'none'})`);
        reached.add(to.exit);
      }
    };
    (page.routes ?? []).forEach((route, r) => {
      destination(route.to, ['pages', p, 'routes', r, 'to']);
      conditionRules(route.when, ['pages', p, 'routes', r, 'when'], p, questions, values, add);
    });
    if (page.next) destination(page.next, ['pages', p, 'next']);
  });
  (form.exits ?? []).forEach((exit, i) => {
    if (!reached.has(exit.id)) add(['exits', i], `Exit "${exit.id}" is never reached: no route goes to it`);
  });

  for (const [at, text] of localisedTexts(form, [])) {
    for (const lang of ['en', 'cy'] as const) {
      const unknown = unknownPlaceholders(text[lang], valueNames);
      if (unknown.length) add([...at, lang], `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}: use {${PLACEHOLDERS.join('}, {')}} or {values.<name>}`);
    }
  }
}

/** Why a one-question page must have a title, GOV.UK Forms' words; the problem names where the guidance is. */
export const TITLE_FOR_GUIDANCE = 'so it needs a title: the page heading, which GOV.UK Forms asks for when a question has guidance';

/**
 * Where a one-question page without a title has guidance: the page's own (`'page'`) or its
 * question's (`'question'`); undefined when it needs no title. GOV.UK Forms' rule: a question with
 * guidance has a page heading of its own (the h1, then the guidance, then the question as the
 * field's label); without one the question would be both the h1 and, under the guidance, the label.
 *
 * @example
 * untitledGuidance({ id: 'depth', questions: [{ ...depth, guidance: [t('Measure from…')] }] }) // 'question'
 */
export function untitledGuidance(page: Pick<FormPage, 'title' | 'guidance' | 'questions'>): 'page' | 'question' | undefined {
  if (page.title || page.questions.length !== 1) return undefined;
  if (page.guidance?.length) return 'page';
  if (page.questions[0].guidance?.length) return 'question';
  return undefined;
}

function questionRules(q: Question, at: Path, questions: Map<string, Placed>, add: Add, page: number): void {
  if (q.type === 'details') {
    const of = questions.get(q.of);
    // Its boxes are the options chosen, so the selection is answered on a page before this one.
    if (!of || of.q.key === q.key || of.page >= page || of.q.type !== 'selection' || !of.q.multiple || of.q.repeatable) {
      add([...at, 'of'], `"${q.of}" is not a selection of many (multiple: true) on an earlier page`);
    }
    if (q.repeatable) add([...at, 'repeatable'], 'A details question cannot be repeatable: it already has a box for each option chosen');
  }
  if (q.type === 'selection') {
    (q.options ?? []).forEach((o, i) => {
      if (o.nations && new Set(o.nations).size !== o.nations.length) add([...at, 'options', i, 'nations'], 'A nation is listed twice');
    });
    if (!q.options === !q.optionsFrom) add(at, 'A selection has either options or optionsFrom, not both nor neither');
    if (q.noneOption && !q.multiple) add([...at, 'noneOption'], 'noneOption is only for a selection of many (multiple: true)');
    const seen = new Set<string>();
    (q.options ?? []).forEach((o, i) => {
      if (seen.has(o.value)) add([...at, 'options', i, 'value'], `Option "${o.value}" is listed twice`);
      if (o.value === 'none' && q.noneOption) add([...at, 'options', i, 'value'], '"none" is the value of noneOption: give this option another value');
      seen.add(o.value);
    });
    const addressKey = q.optionsFrom?.addressQuestion;
    if (addressKey !== undefined) {
      const address = questions.get(addressKey);
      if (!address || address.q.key === q.key || address.q.type !== 'address') {
        add([...at, 'optionsFrom', 'addressQuestion'], `"${addressKey}" is not an address question before this one`);
      }
    }
  }
  if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) add([...at, 'min'], 'min is more than max');
  if (q.type === 'text' && !q.long && q.maxLength > 500) add([...at, 'maxLength'], 'A short text holds at most 500 characters: use long: true for more');
  if (q.type === 'date' && q.min && q.max) {
    const bothDates = 'date' in q.min && 'date' in q.max && q.min.date > q.max.date;
    const bothDays = 'daysFromToday' in q.min && 'daysFromToday' in q.max && q.min.daysFromToday > q.max.daysFromToday;
    if (bothDates || bothDays) add([...at, 'min'], 'The earliest date is after the latest');
  }
  if (q.type === 'file' && new Set(q.accept).size !== q.accept.length) add([...at, 'accept'], 'A file kind is listed twice');
}

const TEXTISH = new Set(['text', 'email', 'phone', 'nino', 'organisation']);

function conditionRules(c: Condition, at: Path, page: number, questions: Map<string, Placed>, values: NonNullable<FormDefinition['values']>, add: Add): void {
  if ('all' in c) return c.all.forEach((x, i) => conditionRules(x, [...at, 'all', i], page, questions, values, add));
  if ('any' in c) return c.any.forEach((x, i) => conditionRules(x, [...at, 'any', i], page, questions, values, add));
  if ('not' in c) return conditionRules(c.not, [...at, 'not'], page, questions, values, add);

  const placed = questions.get(c.question);
  if (!placed || placed.page > page) {
    add([...at, 'question'], `"${c.question}" is not a question on this page or an earlier one`);
    return;
  }
  const q = placed.q;
  const op = c.op;
  const bad = (why: string) => add([...at, 'op'], `${op} does not fit question "${q.key}" (${q.type}${q.repeatable ? ', repeatable' : ''}): ${why}`);
  if (op === 'answered' || op === 'not-answered') return;
  if (op === 'count-gte' || op === 'count-lt') {
    if (!q.repeatable) return bad('only a repeatable question has a count');
    return operandIs('count', c.value, [...at, 'value'], values, add);
  }
  if (q.repeatable) return bad('a repeatable question is tested with count-gte, count-lt, answered or not-answered');
  if (op === 'includes' || op === 'not-includes') {
    if (q.type !== 'selection') return bad('includes is for selections');
    return optionExists(q, c.value, [...at, 'value'], add);
  }
  // Every operator left compares with an Operand.
  const value = (c as Extract<Condition, { value: Operand }>).value;
  if (op === 'age-gte' || op === 'age-lt') {
    if (q.type !== 'date' || q.kind !== 'date-of-birth') return bad('an age is of a date of birth');
    return operandIs('count', value, [...at, 'value'], values, add);
  }
  const ordered = op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
  if (q.type === 'number') return operandIs('number', value, [...at, 'value'], values, add);
  if (q.type === 'date') return operandIs('date', value, [...at, 'value'], values, add);
  if (ordered) return bad('only numbers and dates are ordered');
  if (q.type === 'yesno') {
    if (value !== 'yes' && value !== 'no') add([...at, 'value'], 'A yes/no answer is "yes" or "no"');
    return;
  }
  if (q.type === 'selection') {
    if (typeof value !== 'string') return add([...at, 'value'], 'A selection is compared with one of its option values');
    return optionExists(q, value, [...at, 'value'], add);
  }
  if (TEXTISH.has(q.type)) return operandIs('text', value, [...at, 'value'], values, add);
  bad(`a ${q.type} answer cannot be compared: test it with answered or not-answered`);
}

function optionExists(q: Extract<Question, { type: 'selection' }>, value: string, at: Path, add: Add): void {
  if (!q.options) return; // optionsFrom: the list is another service's, known only at run time
  const known = q.options.map((o) => o.value).concat(q.noneOption ? ['none'] : []);
  if (!known.includes(value)) add(at, `"${value}" is not an option of "${q.key}" (options: ${known.join(', ')})`);
}

function operandIs(kind: 'number' | 'count' | 'date' | 'text', o: Operand, at: Path, values: NonNullable<FormDefinition['values']>, add: Add): void {
  let literal: string | number;
  if (typeof o === 'object' && 'daysFromToday' in o) {
    if (kind !== 'date') add(at, 'daysFromToday is for comparing dates');
    return;
  }
  if (typeof o === 'object') {
    if (!Object.hasOwn(values, o.value)) {
      add(at, `Names value "${o.value}", which the form does not have (values: ${Object.keys(values).join(', ') || 'none'})`);
      return;
    }
    const given = values[o.value].value;
    // A value each council gives (no default) is known only at the council: routes cannot rely on it.
    if (given === undefined) {
      add(at, `Value "${o.value}" has no default (each council gives it), so a route cannot compare with it`);
      return;
    }
    literal = given;
  } else literal = o;
  if ((kind === 'number' || kind === 'count') && typeof literal !== 'number') add(at, `Compare with a number, not "${literal}"`);
  else if (kind === 'count' && (!Number.isInteger(literal) || (literal as number) < 0)) add(at, 'Compare with a whole number, 0 or more');
  else if (kind === 'date' && !(typeof literal === 'string' && isoDateSchema.safeParse(literal).success)) add(at, `Compare with a date like 2026-04-01 or { daysFromToday: n }, not ${JSON.stringify(literal)}`);
  else if (kind === 'text' && typeof literal !== 'string') add(at, `Compare with text, not ${literal}`);
}

/** Every LocalisedText in a value (a form, an adoption's texts), with its path. */
export function localisedTexts(value: unknown, at: Path): [Path, LocalisedText][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localisedTexts(v, [...at, i]));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  if (typeof (value as { en?: unknown }).en === 'string' && keys.every((k) => k === 'en' || k === 'cy')) return [[at, value as LocalisedText]];
  return keys.flatMap((k) => localisedTexts((value as Record<string, unknown>)[k], [...at, k]));
}

/** The placeholders in a text that are neither known nor one of the form's values. */
export function unknownPlaceholders(text: string | undefined, valueNames: readonly string[]): string[] {
  if (!text) return [];
  return [...text.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1])
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name) && !(name.startsWith('values.') && valueNames.includes(name.slice(7))));
}

/**
 * Validates one catalogue form, naming `file` in each problem: its shape first, then (once the shape
 * is right, so the rules can trust it) the rules across the form.
 *
 * @example
 * formProblems(dogLicence, 'catalogue/forms/dog-licence.ts') // [] or [{ file, path: 'pages.2.routes.0.to', message }]
 */
export function formProblems(input: unknown, file: string): FileProblem[] {
  const result = formShape.safeParse(input);
  if (!result.success) return result.error.issues.map((issue) => ({ file, path: issue.path.map(String).join('.'), message: issue.message }));
  const problems: FileProblem[] = [];
  formRules(input as FormDefinition, (at, message) => problems.push({ file, path: at.map(String).join('.'), message }));
  return problems;
}

export const CATALOGUE_DIR = path.resolve(import.meta.dirname, '../../../../catalogue/forms');

/** The path a form's file is named by in messages. */
export const formFile = (id: string) => `catalogue/forms/${id}.ts`;

/**
 * Every problem in the catalogue: each listed form against the schema, its id against its file's
 * name, and every file in the folder listed in `catalogue/forms.ts` (and nothing listed twice).
 *
 * @example
 * const problems = await catalogueProblems(); // [] when the catalogue is sound
 */
export async function catalogueProblems(forms: readonly FormDefinition[], dir = CATALOGUE_DIR): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.ts')).sort();
  const listed = new Set<unknown>(forms);
  const fileIds = new Set<string>();
  for (const name of names) {
    const id = name.slice(0, -3);
    const file = formFile(id);
    fileIds.add(id);
    let mod: { default?: unknown };
    try {
      mod = await import(pathToFileURL(path.join(dir, name)).href);
    } catch (error) {
      problems.push({ file, path: '', message: `cannot be loaded: ${(error as Error).message}` });
      continue;
    }
    if (!mod.default) {
      problems.push({ file, path: '', message: 'has no default export: use export default defineForm({...})' });
      continue;
    }
    if (!listed.has(mod.default)) problems.push({ file, path: '', message: 'is not listed in CATALOGUE_FORMS (catalogue/forms.ts): add it there' });
    const ownId = (mod.default as { id?: unknown }).id;
    if (ownId !== id) problems.push({ file, path: 'id', message: `The id must match the file name: "${id}"` });
  }
  const seen = new Set<string>();
  forms.forEach((form, i) => {
    const id = typeof form?.id === 'string' ? form.id : `#${i}`;
    if (seen.has(id)) problems.push({ file: 'catalogue/forms.ts', path: `CATALOGUE_FORMS.${i}`, message: `Form "${id}" is listed twice` });
    seen.add(id);
    if (!fileIds.has(id)) problems.push({ file: 'catalogue/forms.ts', path: `CATALOGUE_FORMS.${i}`, message: `Form "${id}" has no file ${formFile(id)}` });
    problems.push(...formProblems(form, formFile(id)));
  });
  return problems;
}

/** Problems as lines, each naming its file and field. */
export function problemText(problems: readonly FileProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.message}`).join('\n');
}

/**
 * The catalogue's problems as one error, grouped by file like a council file's
 * (`catalogue/forms/x.ts: 2 problem(s)` then each field path and problem).
 */
export function catalogueError(problems: readonly FileProblem[]): Error {
  const files = [...new Set(problems.map((p) => p.file))];
  const error = new Error(
    files
      .map((file) => {
        const own = problems.filter((p) => p.file === file);
        return `${file}: ${own.length} problem(s)\n${own.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`;
      })
      .join('\n'),
  );
  error.name = 'CouncilConfigError';
  return error;
}
