/**
 * A catalogue form as one council runs it. Runs in the Lambda on validated data, so it is pure and
 * has no schema library: the council file and the catalogue were checked where they were loaded.
 */
import { catalogueForms } from './catalogue-source.ts';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { LocalisedText } from '../../../core/localised-text.ts';
import type { Destination, FormAdoption, FormContact, FormDefinition, FormPage, FormValue, Question, ResolvedForm, TextOverrides } from './types.ts';

type Catalogue = readonly FormDefinition[];

// Per catalogue, per council (its config object), per form: a council's config never changes while
// it is loaded, and a reloaded council is a new object, so nothing here goes stale.
const memo = new WeakMap<Catalogue, WeakMap<CouncilConfig, Map<string, ResolvedForm | undefined>>>();

/** The council's adoption of a form, if it adopts it. */
export function adoptionOf(council: CouncilConfig, formId: string): FormAdoption | undefined {
  const adopted = (council.services as { forms?: { adopted?: Record<string, FormAdoption> } }).forms?.adopted;
  return adopted && Object.hasOwn(adopted, formId) ? adopted[formId] : undefined;
}

/**
 * The form as the council runs it, or undefined when the catalogue has no such form or the council
 * does not adopt it. Memoised: the same object for the same council and form.
 *
 * @example
 * const form = resolveForm(council, 'assisted-bin-collection');
 * if (!form) return c.notFound();
 */
export function resolveForm(council: CouncilConfig, formId: string, catalogue: Catalogue = catalogueForms()): ResolvedForm | undefined {
  let byCouncil = memo.get(catalogue);
  if (!byCouncil) memo.set(catalogue, (byCouncil = new WeakMap()));
  let byForm = byCouncil.get(council);
  if (!byForm) byCouncil.set(council, (byForm = new Map()));
  if (byForm.has(formId)) return byForm.get(formId);
  const definition = catalogue.find((f) => f.id === formId);
  const adoption = adoptionOf(council, formId);
  const resolved = definition && adoption ? applyAdoption(definition, adoption, council) : undefined;
  byForm.set(formId, resolved);
  return resolved;
}

/**
 * Every catalogue form the council adopts, resolved, in the council file's order.
 *
 * @example
 * adoptedForms(council).map((f) => ({ name: f.title, path: `/forms/${f.id}` }))
 */
export function adoptedForms(council: CouncilConfig, catalogue: Catalogue = catalogueForms()): ResolvedForm[] {
  const adopted = (council.services as { forms?: { adopted?: Record<string, FormAdoption> } }).forms?.adopted ?? {};
  return Object.keys(adopted).flatMap((id) => resolveForm(council, id, catalogue) ?? []);
}

/**
 * Applies an adoption to a form (no memo; resolveForm memoises): texts replaced, values settled,
 * hidden questions removed and the pages they empty dropped (routes to a dropped page go where it
 * would have led), contact defaulting to the council's, placeholders replaced.
 */
export function applyAdoption(form: FormDefinition, adoption: FormAdoption, council: CouncilConfig): ResolvedForm {
  const texts = adoption.texts ?? {};
  const values: Record<string, FormValue> = {};
  for (const [name, v] of Object.entries(form.values ?? {})) {
    const value = adoption.values && Object.hasOwn(adoption.values, name) ? adoption.values[name] : v.value;
    values[name] = { ...v, ...(value !== undefined ? { value } : {}) };
  }
  const contact: FormContact = {
    team: adoption.contact?.team ?? form.contact?.team ?? council.name,
    phone: adoption.contact?.phone ?? form.contact?.phone ?? council.contact.phone,
    email: adoption.contact?.email ?? form.contact?.email ?? council.contact.email,
    hours: adoption.contact?.hours ?? form.contact?.hours,
  };

  const hidden = new Set(adoption.hide ?? []);
  const pages = form.pages.map((page): FormPage => {
    const pageTexts = texts.pages?.[page.id];
    return {
      ...page,
      ...(pageTexts?.title ? { title: pageTexts.title } : {}),
      ...(pageTexts?.guidance ? { guidance: pageTexts.guidance } : {}),
      questions: page.questions.filter((q) => !hidden.has(q.key)).map((q) => questionWithTexts(forCouncil(q, adoption, council), texts.questions?.[q.key])),
    };
  });
  withDetailsOptions(pages);

  // The law for the council's nation: a council's own wording wins.
  const law = texts.lawfulBasis ?? form.lawfulBasis?.byNation[council.nation];
  const article9 = texts.article9 ?? form.lawfulBasis?.article9;
  const resolved: ResolvedForm = {
    ...form,
    lawfulBasis: law || article9 ? { ...(law ? { law } : {}), ...(article9 ? { article9 } : {}) } : undefined,
    title: texts.title ?? form.title,
    summary: texts.summary ?? form.summary,
    start: texts.start ?? form.start,
    declaration: texts.declaration ?? form.declaration,
    confirmation: {
      whatHappensNext: texts.whatHappensNext ?? form.confirmation.whatHappensNext,
      ...((texts.responseTime ?? form.confirmation.responseTime) ? { responseTime: texts.responseTime ?? form.confirmation.responseTime } : {}),
    },
    exits: form.exits?.map((exit) => ({ ...exit, title: texts.exits?.[exit.id]?.title ?? exit.title, body: texts.exits?.[exit.id]?.body ?? exit.body })),
    pages: dropEmptyPages(pages),
    contact,
    values,
    retentionDays: adoption.retentionDays ?? form.retentionDays,
    saveAndReturn: adoption.saveAndReturn === false ? undefined : (adoption.saveAndReturn ?? form.saveAndReturn),
    webhook: adoption.webhook,
    mailbox: adoption.mailbox,
    source: `catalogue/forms/${form.id}.ts`,
  };
  if (resolved.declaration === undefined) delete resolved.declaration;
  if (resolved.exits === undefined) delete resolved.exits;
  for (const key of ['saveAndReturn', 'webhook', 'mailbox', 'lawfulBasis'] as const) if (resolved[key] === undefined) delete resolved[key];

  const fill = placeholderFiller(council, contact, values);
  return { ...replaceTexts(resolved, fill), contact, values, credit: form.credit };
}

/**
 * A selection's options as the council offers them: the adoption's own list where it gives one,
 * else the form's, less those kept for other nations.
 */
function forCouncil(q: Question, adoption: FormAdoption, council: CouncilConfig): Question {
  if (q.type !== 'selection' || !q.options) return q;
  const own = adoption.options && Object.hasOwn(adoption.options, q.key) ? adoption.options[q.key] : undefined;
  const options = (own ?? q.options).filter((o) => !o.nations || o.nations.includes(council.nation));
  return { ...q, options };
}

/** Each details question gets the options of the selection it asks about (as the council runs it), for its labels and display. */
function withDetailsOptions(pages: FormPage[]): void {
  const selections = new Map(pages.flatMap((p) => p.questions.flatMap((q) => (q.type === 'selection' ? [[q.key, q] as const] : []))));
  for (const page of pages) {
    page.questions = page.questions.map((q) => (q.type === 'details' ? { ...q, options: selections.get(q.of)?.options ?? [] } : q));
  }
}

function questionWithTexts(q: Question, over: NonNullable<TextOverrides['questions']>[string] | undefined): Question {
  if (!over) return q;
  const next = { ...q, ...(over.label ? { label: over.label } : {}), ...(over.errorName ? { errorName: over.errorName } : {}), ...(over.hint ? { hint: over.hint } : {}), ...(over.guidance ? { guidance: over.guidance } : {}) } as Question;
  if (next.type === 'selection' && next.options && over.options) {
    const options = over.options;
    next.options = next.options.map((o) => (Object.hasOwn(options, o.value) ? { ...o, text: options[o.value] } : o));
  }
  return next;
}

/**
 * Drops pages left with no questions. A destination naming a dropped page goes where that page
 * would have led (its `next`, else the page after it), so routes still skip what they skipped.
 */
function dropEmptyPages(pages: FormPage[]): FormPage[] {
  const index = new Map(pages.map((p, i) => [p.id, i]));
  const dropped = (id: string) => pages[index.get(id)!]?.questions.length === 0;
  // Where a dropped page leads; routes only go forward, so this ends.
  const onward = (i: number): Destination => {
    const page = pages[i];
    if (page.next) return settle(page.next);
    return i + 1 < pages.length ? settle({ page: pages[i + 1].id }) : { checkAnswers: true };
  };
  const settle = (to: Destination): Destination => ('page' in to && index.has(to.page) && dropped(to.page) ? onward(index.get(to.page)!) : to);

  const kept = pages.filter((p) => p.questions.length > 0);
  return kept.map((page) => {
    const out: FormPage = { ...page };
    if (page.routes) out.routes = page.routes.map((r) => ({ ...r, to: settle(r.to) }));
    if (page.next) out.next = settle(page.next);
    else {
      // The page after this one in the catalogue form was dropped: go where it would have led.
      const i = index.get(page.id)!;
      if (i + 1 < pages.length && dropped(pages[i + 1].id)) {
        const to = onward(i + 1);
        const following = kept[kept.indexOf(page) + 1];
        const implicit: Destination = following ? { page: following.id } : { checkAnswers: true };
        if (JSON.stringify(to) !== JSON.stringify(implicit)) out.next = to;
      }
    }
    return out;
  });
}

type Fill = (text: string, lang: 'en' | 'cy') => string;

function placeholderFiller(council: CouncilConfig, contact: FormContact, values: Record<string, FormValue>): Fill {
  const pick = (t: LocalisedText | undefined, lang: 'en' | 'cy') => (t ? ((lang === 'cy' ? t.cy : undefined) ?? t.en) : '');
  return (text, lang) =>
    text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
      if (name === 'council') return pick(council.name, lang);
      if (name === 'contact.team') return pick(contact.team, lang);
      if (name === 'contact.hours') return pick(contact.hours, lang);
      if (name === 'contact.phone') return contact.phone ?? '';
      if (name === 'contact.email') return contact.email ?? '';
      if (name.startsWith('values.') && Object.hasOwn(values, name.slice(7)) && values[name.slice(7)].value !== undefined) return String(values[name.slice(7)].value);
      return whole;
    });
}

/** A copy of a value with every LocalisedText in it passed through `fill`. */
function replaceTexts<T>(value: T, fill: Fill): T {
  if (Array.isArray(value)) return value.map((v) => replaceTexts(v, fill)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (typeof (value as { en?: unknown }).en === 'string' && entries.every(([k]) => k === 'en' || k === 'cy')) {
    const text = value as unknown as LocalisedText;
    return { en: fill(text.en, 'en'), ...(text.cy !== undefined ? { cy: fill(text.cy, 'cy') } : {}) } as T;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, replaceTexts(v, fill)])) as T;
}
