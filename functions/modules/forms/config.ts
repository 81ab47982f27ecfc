/**
 * The forms section of a council file: the catalogue forms it adopts, each with its overrides.
 * Loaded only where council files are validated; the Lambda reads the validated data.
 */
import { z } from 'zod';
import { CATALOGUE_FORMS } from '../../../catalogue/forms.ts';
import { useCatalogue } from './definition/catalogue-source.ts';
import { localisedTextSchema, ukPhoneSchema } from '../../config/common.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { ConfigIssue, ModuleConfigSection } from '../../core/module.ts';
import { ALL_MODULES } from '../index.ts';
import { catalogueProblems, formContactSchema, formFile, formProblems, localisedTexts, optionSchema, TITLE_FOR_GUIDANCE, unknownPlaceholders, untitledGuidance, type FileProblem } from './definition/form-schema.ts';
import type { Condition, FormAdoption, FormDefinition, Question } from './definition/types.ts';

// Wherever council files are validated, forms resolve against the catalogue itself.
useCatalogue(() => CATALOGUE_FORMS);

const texts = z.array(localisedTextSchema);
const key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'Use the key as the form writes it, a lower-case slug');

const textOverridesSchema = z.strictObject({
  lawfulBasis: localisedTextSchema.optional(),
  article9: localisedTextSchema.optional(),
  title: localisedTextSchema.optional(),
  summary: localisedTextSchema.optional(),
  start: texts.min(1).optional(),
  declaration: texts.min(1).optional(),
  whatHappensNext: texts.min(1).optional(),
  responseTime: localisedTextSchema.optional(),
  pages: z.record(key, z.strictObject({ title: localisedTextSchema.optional(), guidance: texts.optional() })).optional(),
  questions: z
    .record(
      key,
      z.strictObject({
        label: localisedTextSchema.optional(),
        errorName: localisedTextSchema.optional(),
        hint: localisedTextSchema.optional(),
        guidance: texts.optional(),
        options: z.record(key, localisedTextSchema).optional(),
      }),
    )
    .optional(),
  exits: z.record(key, z.strictObject({ title: localisedTextSchema.optional(), body: texts.min(1).optional() })).optional(),
});

export const formAdoptionSchema = z.strictObject({
  texts: textOverridesSchema.optional(),
  contact: formContactSchema.optional(),
  values: z.record(key, z.union([z.number(), z.string().min(1)])).optional(),
  hide: z.array(key).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  saveAndReturn: z.union([z.strictObject({ days: z.number().int().min(1).max(90) }), z.literal(false)]).optional(),
  // http is allowed only for a sample council's local receiver: check() says so with the council in view.
  webhook: z.strictObject({ url: z.url({ protocol: /^https?$/, error: 'Use an https:// address' }) }).optional(),
  mailbox: z.strictObject({ email: z.email() }).optional(),
  // The council's own list for a selection (Scotland's outcomes): at least two, as a form's must be.
  options: z.record(key, z.array(optionSchema).min(2, 'A selection offers at least 2 options')).optional(),
});

/** The forms section: `{ adopted: { '<form-id>': { ...overrides } } }`. */
export interface FormsConfig {
  adopted: Record<string, FormAdoption>;
}
/** As a council file writes it: `adopted` may be left out. */
export interface FormsConfigInput {
  adopted?: Record<string, FormAdoption>;
}

const formsConfigSchema = z.strictObject({
  adopted: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'A form id is a lower-case slug'), formAdoptionSchema).default({}),
}) as unknown as z.ZodType<FormsConfig, FormsConfigInput>;

export const formsConfigSection: ModuleConfigSection<FormsConfig> = {
  schema: formsConfigSchema as z.ZodType<FormsConfig, unknown>,
  check: (section, council) => adoptionIssues(section, council, CATALOGUE_FORMS),
};

/**
 * Every problem in the catalogue (each form against the schema, every file listed, ids matching
 * file names): what `loadCouncils` (start-up, tests, synthesis) and `ldf form check` refuse to go on with.
 */
export async function catalogueFileProblems(): Promise<FileProblem[]> {
  return [...(await catalogueProblems(CATALOGUE_FORMS)), ...optionSourceProblems(CATALOGUE_FORMS, optionSources())];
}

/** Which module gives each list a selection may take its options from (`formOptionSources`). */
export function optionSources(modules: readonly { id: string; formOptionSources?: Record<string, unknown> }[] = ALL_MODULES): Map<string, string> {
  return new Map(modules.flatMap((m) => Object.keys(m.formOptionSources ?? {}).map((source): [string, string] => [source, m.id])));
}

/** Each `optionsFrom` naming a list no module gives. */
export function optionSourceProblems(forms: readonly FormDefinition[], sources: ReadonlyMap<string, string>): FileProblem[] {
  return forms.flatMap((form) =>
    form.pages.flatMap((page, p) =>
      page.questions.flatMap((q, i) =>
        q.type === 'selection' && q.optionsFrom && !sources.has(q.optionsFrom.source)
          ? [{ file: formFile(form.id), path: `pages.${p}.questions.${i}.optionsFrom.source`, message: `No service gives a list called "${q.optionsFrom.source}" (lists: ${[...sources.keys()].join(', ') || 'none'})` }]
          : [],
      ),
    ),
  );
}

const formChecked = new WeakMap<FormDefinition, FileProblem[]>();
function problemsOf(form: FormDefinition): FileProblem[] {
  let problems = formChecked.get(form);
  if (!problems) formChecked.set(form, (problems = formProblems(form, formFile(form.id))));
  return problems;
}

/**
 * Checks each adoption against its catalogue form: the form exists and is valid; every key the
 * adoption names (texts, values, hidden questions) is the form's; a hidden question is not one
 * routing needs; a Welsh council has every text the form shows in Welsh. Messages name the council's
 * file and the form's.
 */
export function adoptionIssues(section: FormsConfig, council: CouncilConfig, catalogue: readonly FormDefinition[], sources: ReadonlyMap<string, string> = optionSources()): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const councilFile = `councils/${council.id}.ts`;
  for (const [formId, adoption] of Object.entries(section.adopted)) {
    const base = ['services', 'forms', 'adopted', formId];
    // zod runs the council's checks even after a field failed its format (a bad webhook address):
    // the schema has reported that, and the checks below trust the adoption's shape.
    if (!formAdoptionSchema.safeParse(adoption).success) continue;
    const form = catalogue.find((f) => f.id === formId);
    if (!form) {
      const ids = catalogue.map((f) => f.id);
      issues.push({ path: base, message: `${councilFile} adopts "${formId}", which is not in the catalogue: ${ids.length ? `catalogue/forms.ts lists ${ids.join(', ')}` : 'catalogue/forms.ts lists no forms yet'}` });
      continue;
    }
    const file = formFile(formId);
    const broken = problemsOf(form);
    if (broken.length > 0) {
      const shown = broken.slice(0, 3).map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
      issues.push({ path: base, message: `${file}, which ${councilFile} adopts, has ${broken.length} problem(s): ${shown}` });
      continue;
    }
    const add = (at: (string | number)[], message: string) => issues.push({ path: [...base, ...at], message: `${message} (${councilFile}, adopting ${file})` });
    checkAdoption(form, adoption, council, add, sources);
  }
  return issues;
}

type Add = (at: (string | number)[], message: string) => void;

function checkAdoption(form: FormDefinition, adoption: FormAdoption, council: CouncilConfig, add: Add, sources: ReadonlyMap<string, string>): void {
  const file = formFile(form.id);
  const questions = new Map<string, Question>(form.pages.flatMap((p) => p.questions.map((q): [string, Question] => [q.key, q])));
  const pages = new Set(form.pages.map((p) => p.id));
  const exits = new Set((form.exits ?? []).map((e) => e.id));
  const values = form.values ?? {};
  const hidden = new Set(adoption.hide ?? []);
  const list = (s: Iterable<string>) => [...s].join(', ') || 'none';

  for (const id of Object.keys(adoption.texts?.pages ?? {})) if (!pages.has(id)) add(['texts', 'pages', id], `${file} has no page "${id}" (its pages: ${list(pages)})`);
  for (const id of Object.keys(adoption.texts?.exits ?? {})) if (!exits.has(id)) add(['texts', 'exits', id], `${file} has no exit "${id}" (its exits: ${list(exits)})`);
  for (const [k, over] of Object.entries(adoption.texts?.questions ?? {})) {
    const q = questions.get(k);
    if (!q) {
      add(['texts', 'questions', k], `${file} has no question "${k}" (its questions: ${list(questions.keys())})`);
      continue;
    }
    if (hidden.has(k)) add(['texts', 'questions', k], `Question "${k}" is hidden, so its texts are never shown`);
    for (const value of Object.keys(over.options ?? {})) {
      const options = q.type === 'selection' ? (adoption.options?.[k] ?? q.options)?.map((o) => o.value) : undefined;
      if (!options) add(['texts', 'questions', k, 'options'], `Question "${k}" of ${file} has no options of its own to rename`);
      else if (!options.includes(value)) add(['texts', 'questions', k, 'options', value], `Question "${k}" of ${file} has no option "${value}" (its options: ${list(options)})`);
    }
  }

  for (const [name, v] of Object.entries(values)) {
    if (v.value === undefined && !Object.hasOwn(adoption.values ?? {}, name)) {
      add(['values', name], `${file} leaves "${name}" for each council to give (${v.description}): set services.forms.adopted.${form.id}.values.${name}`);
    }
  }
  for (const [name, value] of Object.entries(adoption.values ?? {})) {
    if (!Object.hasOwn(values, name)) add(['values', name], `${file} has no value "${name}" (its values: ${list(Object.keys(values))})`);
    else if (values[name].format === 'uk-phone' && (typeof value !== 'string' || !ukPhoneSchema.safeParse(value).success)) add(['values', name], `"${name}" is a phone number (${values[name].description}): use one like 01223 443700`);
    else if (values[name].value !== undefined && typeof value !== typeof values[name].value) add(['values', name], `"${name}" is a ${typeof values[name].value} in ${file} (${values[name].description}), not a ${typeof value}`);
    else if (typeof value === 'string' && values[name].value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(String(values[name].value)) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) add(['values', name], `"${name}" is a date in ${file}: write it like 2026-04-01`);
  }

  // A council's own lists: for a selection of the form's own options, each named by its key.
  for (const [k, own] of Object.entries(adoption.options ?? {})) {
    const q = questions.get(k);
    if (!q) add(['options', k], `${file} has no question "${k}" (its questions: ${list(questions.keys())})`);
    else if (q.type !== 'selection' || !q.options) add(['options', k], `Question "${k}" of ${file} is not a selection with options of its own, so it takes no list`);
    else {
      const seen = new Set<string>();
      own.forEach((o, i) => {
        if (seen.has(o.value)) add(['options', k, i, 'value'], `Option "${o.value}" is listed twice`);
        if (o.value === 'none' && q.noneOption) add(['options', k, i, 'value'], '"none" is the value of the question\'s "None of the above": give this option another value');
        seen.add(o.value);
      });
      // Routes testing an option of the form's list would never hold with the council's.
      for (const value of conditionValues(form, k)) if (value !== 'none' && !seen.has(value)) add(['options', k], `${file} routes on option "${value}" of "${k}", which this list does not have`);
    }
  }
  // A selection the form offers no list for in this council's nation (its options are kept for other nations).
  for (const q of questions.values()) {
    if (q.type !== 'selection' || !q.options || hidden.has(q.key) || Object.hasOwn(adoption.options ?? {}, q.key)) continue;
    const offered = q.options.filter((o) => !o.nations || o.nations.includes(council.nation));
    if (offered.length < 2) {
      add(['options', q.key], `Question "${q.key}" of ${file} offers ${offered.length === 0 ? 'no options' : 'only 1 option'} in ${council.nation} (its lists are for ${list(new Set(q.options.flatMap((o) => o.nations ?? [])))}): give the council's own list in services.forms.adopted.${form.id}.options.${q.key}`);
    }
  }
  // The law for this council's nation: the form's, or the council's own words.
  if (form.lawfulBasis && !form.lawfulBasis.byNation[council.nation] && !adoption.texts?.lawfulBasis) {
    add(['texts', 'lawfulBasis'], `${file} names no law for ${council.nation}: give the law the council relies on in services.forms.adopted.${form.id}.texts.lawfulBasis`);
  }

  const routeQuestions = new Map<string, string>();
  for (const page of form.pages) for (const [r, route] of (page.routes ?? []).entries()) for (const k of conditionQuestions(route.when)) routeQuestions.set(k, `pages.${form.pages.indexOf(page)}.routes.${r}`);
  (adoption.hide ?? []).forEach((k, i) => {
    const q = questions.get(k);
    if (!q) return add(['hide', i], `${file} has no question "${k}" (its questions: ${list(questions.keys())})`);
    if (routeQuestions.has(k)) add(['hide', i], `Question "${k}" decides where residents go (${file} ${routeQuestions.get(k)}), so it cannot be hidden`);
    // The confirmation email goes to the form's one `contact: 'email'` question (the schema allows no
    // second): hidden, the form would send none. A name or phone question may go: the case keeps what there is.
    if (q.contact === 'email') add(['hide', i], `Question "${k}" is the resident's email address, where the confirmation email goes, so it cannot be hidden`);
    for (const other of questions.values()) {
      if (other.type === 'selection' && other.optionsFrom?.addressQuestion === k && !hidden.has(other.key)) add(['hide', i], `Question "${other.key}" lists options for the address "${k}" gives, so "${k}" cannot be hidden`);
    }
  });
  if (hidden.size > 0) {
    form.pages.forEach((page, p) => {
      if (!page.questions.every((q) => hidden.has(q.key))) return;
      // Routes testing a hidden question are reported above; these test others, which dropping the page loses.
      if (page.routes?.flatMap((r) => conditionQuestions(r.when)).some((k) => !hidden.has(k))) add(['hide'], `Hiding every question on page "${page.id}" drops it, but its routes (${file} pages.${p}.routes) decide where residents go`);
    });
    if ([...questions.keys()].every((k) => hidden.has(k))) add(['hide'], `Every question of ${file} is hidden: adopt another form instead`);
  }

  // As the schema asks of the catalogue: a page left showing one question with guidance (the
  // adoption's, or the form's once the others are hidden) needs a title, the page heading.
  form.pages.forEach((page, p) => {
    const own = adoption.texts?.pages?.[page.id];
    const shown = page.questions.filter((q) => !hidden.has(q.key));
    const guidance = (q: Question) => adoption.texts?.questions?.[q.key]?.guidance ?? q.guidance;
    const guided = untitledGuidance({ title: own?.title ?? page.title, guidance: own?.guidance ?? page.guidance, questions: shown.map((q) => ({ ...q, guidance: guidance(q) })) });
    if (!guided) return;
    const q = shown[0];
    const where =
      guided === 'page'
        ? own?.guidance ? `texts.pages.${page.id}.guidance` : `${file} pages.${p}.guidance`
        : adoption.texts?.questions?.[q.key]?.guidance ? `texts.questions.${q.key}.guidance` : `${file} pages.${p}.questions.${page.questions.indexOf(q)}.guidance`;
    add(['texts', 'pages', page.id, 'title'], `Page "${page.id}" has guidance (${where}), ${TITLE_FOR_GUIDANCE}: give it in texts.pages.${page.id}.title`);
  });

  for (const q of questions.values()) {
    if (q.type !== 'selection' || !q.optionsFrom || hidden.has(q.key)) continue;
    const service = sources.get(q.optionsFrom.source);
    if (service && (council.services as Record<string, unknown>)[service] === undefined) {
      add([], `Question "${q.key}" of ${file} lists options from "${q.optionsFrom.source}", which the ${service} service gives: switch on services.${service}, or hide "${q.key}"`);
    }
  }

  if (adoption.webhook) {
    const url = new URL(adoption.webhook.url);
    const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
    if (url.protocol !== 'https:' && !(local && council.sample)) {
      add(['webhook', 'url'], local ? 'http://localhost is only for sample councils: use an https:// address' : 'Use an https:// address');
    }
  }

  const valueNames = Object.keys(values);
  for (const [at, text] of localisedTexts(adoption.texts ?? {}, ['texts'])) {
    for (const lang of ['en', 'cy'] as const) {
      const unknown = unknownPlaceholders(text[lang], valueNames);
      if (unknown.length) add([...at, lang], `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}`);
    }
  }
  const hasHours = Boolean(adoption.contact?.hours ?? form.contact?.hours);
  if (!hasHours) {
    const shown = [...localisedTexts(form, []).filter(([at]) => !isReplaced(form, adoption, at, council)), ...localisedTexts(adoption.texts ?? {}, ['texts'])];
    const using = shown.find(([, text]) => `${text.en} ${text.cy ?? ''}`.includes('{contact.hours}'));
    if (using) add(['contact', 'hours'], `${using[0].join('.')} says {contact.hours}, but neither ${file} nor the adoption gives contact hours`);
  }

  if (council.languages.includes('cy')) {
    // The council's own texts (its options among them) are the council schema's to check (requireWelsh).
    for (const [at, text] of localisedTexts(form, [])) {
      if (text.cy || isReplaced(form, adoption, at, council)) continue;
      const instead = overrideHint(form, at);
      add([], `${file} ${at.join('.')} has no Welsh (cy), and this council lists cy in languages: add it to the form${instead ? `, or give the text in this adoption's ${instead}` : ''}`);
    }
  }
}

/** The option values the form's routes test a question against. */
function conditionValues(form: FormDefinition, key: string): string[] {
  const of = (c: Condition): string[] => {
    if ('all' in c) return c.all.flatMap(of);
    if ('any' in c) return c.any.flatMap(of);
    if ('not' in c) return of(c.not);
    return c.question === key && 'value' in c && typeof c.value === 'string' ? [c.value] : [];
  };
  return form.pages.flatMap((p) => (p.routes ?? []).flatMap((r) => of(r.when)));
}

/** The questions a condition reads. */
function conditionQuestions(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionQuestions);
  if ('any' in c) return c.any.flatMap(conditionQuestions);
  if ('not' in c) return conditionQuestions(c.not);
  return [c.question];
}

/** Whether the text at a path of the form is never shown at this council: hidden, or replaced by the adoption. */
function isReplaced(form: FormDefinition, adoption: FormAdoption, at: (string | number)[], council: CouncilConfig): boolean {
  const texts = adoption.texts ?? {};
  const hidden = new Set(adoption.hide ?? []);
  const [top, a, b, c, d, e] = at;
  if (top === 'title' || top === 'summary' || top === 'start' || top === 'declaration') return texts[top] !== undefined;
  if (top === 'confirmation') return (a === 'whatHappensNext' ? texts.whatHappensNext : texts.responseTime) !== undefined;
  if (top === 'contact') return (a === 'team' ? adoption.contact?.team : adoption.contact?.hours) !== undefined;
  // Only the council's nation's law is shown, and not even that when the council gives its own.
  if (top === 'lawfulBasis') return a === 'article9' ? texts.article9 !== undefined : b !== council.nation || texts.lawfulBasis !== undefined;
  if (top === 'exits') {
    const exit = form.exits![a as number];
    return texts.exits?.[exit.id]?.[b as 'title' | 'body'] !== undefined;
  }
  if (top === 'pages') {
    const page = form.pages[a as number];
    if (page.questions.every((q) => hidden.has(q.key))) return true;
    if (b !== 'questions') return texts.pages?.[page.id]?.[b as 'title' | 'guidance'] !== undefined;
    const q = page.questions[c as number];
    if (hidden.has(q.key)) return true;
    const over = texts.questions?.[q.key];
    if (d === 'label' || d === 'errorName' || d === 'hint' || d === 'guidance') return over?.[d] !== undefined;
    if (d === 'options' && q.type === 'selection') {
      const option = q.options![e as number];
      // The council's own list, or an option kept for another nation: never shown here.
      if (Object.hasOwn(adoption.options ?? {}, q.key) || (option.nations && !option.nations.includes(council.nation))) return true;
      if (at[6] === 'text') return over?.options?.[option.value] !== undefined;
    }
  }
  return false;
}

/** Where in an adoption a text of the form may be given instead; undefined when only the form can give it. */
function overrideHint(form: FormDefinition, at: (string | number)[]): string | undefined {
  const [top, a, b, c, d, e, f] = at;
  if (top === 'title' || top === 'summary' || top === 'start' || top === 'declaration') return `texts.${top}`;
  if (top === 'confirmation') return `texts.${String(a)}`;
  if (top === 'contact') return `contact.${String(a)}`;
  if (top === 'lawfulBasis') return a === 'article9' ? 'texts.article9' : 'texts.lawfulBasis';
  if (top === 'exits') return `texts.exits.${form.exits![a as number].id}.${String(b)}`;
  if (top !== 'pages') return undefined;
  const page = form.pages[a as number];
  if (b !== 'questions') return `texts.pages.${page.id}.${String(b)}`;
  const q = page.questions[c as number];
  if (d === 'label' || d === 'errorName' || d === 'hint' || d === 'guidance') return `texts.questions.${q.key}.${d}`;
  if (d === 'options' && f === 'text' && q.type === 'selection') return `texts.questions.${q.key}.options.${q.options![e as number].value}`;
  return undefined;
}
