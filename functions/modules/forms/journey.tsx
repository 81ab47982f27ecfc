import type { Child } from 'hono/jsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { createAddressLookup, type AddressLookup, type Property } from '../../core/address/address-lookup.ts';
import { todayIn, type IsoDate } from '../../core/calendar/dates.ts';
import { draftOwnerOf } from '../../core/drafts/draft-session.ts';
import { getDraft, saveDraft, type Draft } from '../../core/drafts/draft-store.ts';
import { SealedFieldError, type FieldCipher, type SealContext } from '../../core/crypto/field-cipher.ts';
import type { AppContext, CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { localise, type LocalisedText } from '../../core/localised-text.ts';
import type { ServiceModule } from '../../core/module.ts';
import type { Errors } from '../../../web/components.tsx';
import { Page } from '../../../web/layout.tsx';
import type { AnswerContext } from './answers/answer-types.ts';
import { firstUnanswered, walk } from './definition/flow.ts';
import { resolveForm } from './definition/resolve.ts';
import type { AddressAnswer, AnswerValue, Destination, FormDraft, FormPage, Question, ResolvedForm, SelectionOption } from './definition/types.ts';
import { firstValue, formFields } from '../../core/http/body.ts';

export const SERVICE = 'forms';

/** Where a page of a form's journey is, under /forms/<form-id>/d/<draft-id>/. */
export type Place = Destination | { addAnother: string } | { item: string; n: number } | { save: true };

/** What every step of a form's journey shares: the form, the draft, the page frame. */
export type FormsJourney = ReturnType<typeof formsJourney>;

/** Built once per app, in the routes factory; the step files take it. */
export function formsJourney(council: CouncilConfig, deps: CouncilAppDeps) {
  const text = (c: AppContext, t: LocalisedText) => localise(t, c.get('lang'));
  // A browser without a draft cookie owns no draft: '' matches none (starting one makes the cookie).
  const owner = (c: AppContext, options: { create?: boolean } = {}) => draftOwnerOf(c, options) ?? '';
  const today = (): IsoDate => todayIn(deps.clock());
  // Only a form with an address question needs the look-up; a council without one can run the rest.
  let lookup: AddressLookup | undefined;
  const addresses: AddressLookup = {
    byPostcode: (postcode) => (lookup ??= createAddressLookup(council)).byPostcode(postcode),
    byUprn: (uprn) => (lookup ??= createAddressLookup(council)).byUprn(uprn),
  };

  /**
   * The form at the URL's `:formId`, as this council runs it; a 404 page when it does not adopt it.
   * A form with special-category questions needs the council's cipher: without one every page of
   * it (the start page first) is the 503 "service unavailable" page, logged, and nothing is stored.
   */
  function formOf(c: AppContext): ResolvedForm {
    const form = resolveForm(council, c.req.param('formId') ?? '');
    if (!form) throw httpErrors.notFound('No such form');
    if (!deps.cipher && specialKeys(form).size > 0) {
      c.get('log').error('special-category form without a cipher: not started', { module: SERVICE, form: form.id });
      throw httpErrors.unavailable(`Form ${form.id} has special-category questions but the council has no cipher`);
    }
    return form;
  }

  /** The council's cipher, for a form formOf let through with special-category questions. */
  function cipherFor(form: ResolvedForm): FieldCipher {
    if (!deps.cipher) throw new Error(`Form ${form.id} has special-category questions but the council has no cipher`);
    return deps.cipher;
  }

  /**
   * A draft's special-category answers at rest: each sealed on its own with `{ council, draft, form }`,
   * under `sealed` by question key, and left out of `answers`. In memory (loadDraft) they are plaintext;
   * each answer's ciphertext from the load is kept beside the draft, so a save that leaves an answer
   * as it was stores the same ciphertext again rather than sealing it anew.
   */
  const sealedAtLoad = new WeakMap<FormDraft, Map<string, { plain: string; sealed: string }>>();
  const draftContext = (form: ResolvedForm, draftId: string): SealContext => ({ council: council.id, draft: draftId, form: form.id });

  /** A draft as read from the store, with its sealed answers opened; a draft that does not open is gone (the expired page). */
  async function openDraft(c: AppContext, form: ResolvedForm, stored: Draft<StoredFormDraft>): Promise<Draft<FormDraft>> {
    const { sealed = {}, ...rest } = stored.data;
    // A copy: the stored draft keeps no plaintext, whatever is done with it after.
    const data: FormDraft = { ...rest, answers: { ...rest.answers } };
    const keys = Object.keys(sealed);
    const kept = new Map<string, { plain: string; sealed: string }>();
    if (keys.length > 0) {
      const cipher = cipherFor(form);
      const ctx = draftContext(form, stored.id);
      try {
        await Promise.all(
          keys.map(async (key) => {
            const plain = await cipher.open(sealed[key]!, ctx);
            data.answers[key] = JSON.parse(plain) as AnswerValue | AnswerValue[];
            kept.set(key, { plain, sealed: sealed[key]! });
          }),
        );
      } catch (error) {
        if (!(error instanceof SealedFieldError)) throw error;
        c.get('log').warn('a draft’s special-category answer did not open: treated as gone', { module: SERVICE, form: form.id });
        throw httpErrors.notFound('Draft does not open', 'forms.journey.expired');
      }
    }
    const draft: Draft<FormDraft> = { ...stored, data };
    sealedAtLoad.set(data, kept);
    return draft;
  }

  /** A draft as it is stored: its special-category answers sealed (the ones unchanged since the load keep their ciphertext). */
  async function sealDraft(form: ResolvedForm, draft: Draft<FormDraft>): Promise<Draft<StoredFormDraft>> {
    const marked = specialKeys(form);
    const keys = Object.keys(draft.data.answers).filter((k) => marked.has(k));
    if (keys.length === 0) return draft;
    const cipher = cipherFor(form);
    const ctx = draftContext(form, draft.id);
    const kept = sealedAtLoad.get(draft.data) ?? new Map<string, { plain: string; sealed: string }>();
    const answers = { ...draft.data.answers };
    const sealed: Record<string, string> = {};
    await Promise.all(
      keys.map(async (key) => {
        const plain = JSON.stringify(answers[key]);
        delete answers[key];
        const before = kept.get(key);
        sealed[key] = before?.plain === plain ? before.sealed : await cipher.seal(plain, ctx);
        kept.set(key, { plain, sealed: sealed[key] });
      }),
    );
    sealedAtLoad.set(draft.data, kept);
    return { ...draft, data: { ...draft.data, answers, sealed } };
  }

  const formHref = (c: AppContext, form: ResolvedForm, rest = '') => c.get('paths').href(`/forms/${form.id}${rest}`);

  /** The address of a place in the draft's journey; `change` keeps a change from check answers going back there. */
  function placeHref(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, place: Place, options: { change?: boolean } = {}): string {
    const base = `/d/${draft.id}`;
    const query = options.change ? '?change=1' : '';
    if ('checkAnswers' in place) return formHref(c, form, `${base}/check-answers`);
    if ('exit' in place) return formHref(c, form, `${base}/exit/${place.exit}`);
    if ('save' in place) return formHref(c, form, `${base}/save`);
    if ('addAnother' in place) return formHref(c, form, `${base}/${place.addAnother}/add-another${query}`);
    if ('item' in place) return formHref(c, form, `${base}/${place.item}/${place.n}${query}`);
    return formHref(c, form, `${base}/${place.page}${query}`);
  }

  /** The draft at the URL's `:draftId`: this browser's, for this form, live; else the "expired" 404 page. */
  async function loadDraft(c: AppContext, form: ResolvedForm): Promise<Draft<FormDraft>> {
    const draft = await getDraft<StoredFormDraft>(deps.store, c.req.param('draftId') ?? '', SERVICE, owner(c), deps.clock());
    if (!draft || draft.data.formId !== form.id) throw httpErrors.notFound('No such draft', 'forms.journey.expired');
    return openDraft(c, form, draft);
  }

  /** Saves the draft's answers (of the form at the URL), its special-category ones sealed. */
  async function save(c: AppContext, draft: Draft<FormDraft>): Promise<void> {
    const stored = await sealDraft(formOf(c), draft);
    if (!(await saveDraft(deps.store, stored, owner(c), deps.clock()))) throw httpErrors.notFound('Draft gone', 'forms.journey.expired');
  }

  /** The first page still to answer (or check answers, or an exit), as an address. */
  function resumeHref(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>): string {
    return placeHref(c, form, draft, firstUnanswered(form, draft.data, today()));
  }

  /** The pages the resident may open now: those on their path, and the first one still to answer. */
  function pagesOpen(form: ResolvedForm, draft: FormDraft): FormPage[] {
    const { pages, next } = walk(form, draft, today());
    const open = [...pages];
    if ('page' in next) {
      const page = form.pages.find((p) => p.id === next.page);
      if (page && !open.includes(page)) open.push(page);
    }
    return open;
  }

  /** The page before this one on the resident's path, for the back link; the start page before the first. */
  function backFrom(c: AppContext, form: ResolvedForm, draft: Draft<FormDraft>, pageId: string | undefined): string {
    const { pages } = walk(form, draft.data, today());
    const at = pageId === undefined ? pages.length : pages.findIndex((p) => p.id === pageId);
    const before = at === -1 ? pages[pages.length - 1] : pages[at - 1];
    if (!before) return formHref(c, form);
    return placeHref(c, form, draft, repeatable(before) ? { addAnother: before.id } : { page: before.id });
  }

  /**
   * What the answer handlers use. A selection whose options come from another module for an earlier
   * address answer's property has that property looked up first, so `optionsFor` can answer at once.
   */
  async function answerContext(c: AppContext, form: ResolvedForm, draft: FormDraft | undefined): Promise<AnswerContext> {
    const properties = new Map<string, Property | undefined>();
    for (const q of form.pages.flatMap((p) => p.questions)) {
      const from = q.type === 'selection' ? q.optionsFrom?.addressQuestion : undefined;
      if (!from || properties.has(from)) continue;
      const uprn = (draft?.answers[from] as AddressAnswer | undefined)?.uprn;
      properties.set(from, typeof uprn === 'string' ? await addresses.byUprn(uprn) : undefined);
    }
    return {
      lang: c.get('lang'),
      t: c.get('t'),
      today: today(),
      council,
      form,
      addresses,
      answers: draft?.answers,
      optionsFor: (q) => optionsFor(q, properties),
    };
  }

  /** A selection's options: its own, or the list another module gives (for the property of an earlier address answer). */
  function optionsFor(q: Question, properties: Map<string, Property | undefined>): SelectionOption[] {
    if (q.type !== 'selection') return [];
    if (q.options) return q.options;
    if (!q.optionsFrom) return [];
    const property = q.optionsFrom.addressQuestion ? properties.get(q.optionsFrom.addressQuestion) : undefined;
    const source = optionSources?.get(q.optionsFrom.source);
    return source ? source(council, { property }).map((o) => ({ value: o.value, text: o.text })) : [];
  }

  // Other modules' lists, through the module list: imported once, on the first request, because the
  // list imports this module (a static import would run before the list exists).
  type OptionSource = NonNullable<ServiceModule['formOptionSources']>[string];
  let optionSources: Map<string, OptionSource> | undefined;
  async function loadOptionSources(): Promise<void> {
    if (optionSources) return;
    const { enabledModules } = await import('../index.ts');
    optionSources = new Map(enabledModules(council).flatMap((m) => Object.entries(m.formOptionSources ?? {})));
  }

  const formBody = formFields;
  const one = firstValue;

  // Every page of a form shares a frame: the form's title as the caption, back link, errors.
  async function formPage(
    c: AppContext,
    form: ResolvedForm,
    title: string,
    body: Child,
    options: { errors?: Errors; back?: string; status?: 200 | 400 | 404 | 429 | 503; caption?: boolean } = {},
  ): Promise<Response> {
    const page = (
      <Page c={c} title={title} errors={options.errors} backLink={options.back}>
        {options.caption !== false && <span class="govuk-caption-l">{text(c, form.title)}</span>}
        {body}
      </Page>
    );
    // An answer's fields may render asynchronously (an address's list for its postcode): awaited here.
    const html = await page.toString();
    return c.html(`<!DOCTYPE html>${html}`, options.status ?? (options.errors && Object.keys(options.errors).length > 0 ? 400 : 200));
  }

  return { council, deps, text, owner, today, addresses, loadOptionSources, formOf, formHref, placeHref, loadDraft, openDraft, sealDraft, save, resumeHref, pagesOpen, backFrom, answerContext, formBody, one, formPage };
}

/** A form's draft as stored: its special-category answers out of `answers`, sealed by question key. */
export type StoredFormDraft = FormDraft & { sealed?: Record<string, string> };

/** The keys of a form's special-category questions (its answers are sealed wherever they are stored). */
export function specialKeys(form: ResolvedForm): Set<string> {
  let keys = specialKeysOf.get(form);
  if (!keys) specialKeysOf.set(form, (keys = new Set(form.pages.flatMap((p) => p.questions).filter((q) => q.specialCategory).map((q) => q.key))));
  return keys;
}
// resolveForm memoises each council's forms, so this is worked out once per form.
const specialKeysOf = new WeakMap<ResolvedForm, Set<string>>();

/** The repeatable question of a page ("add another"): such a question is on a page of its own. */
export function repeatable(page: FormPage): Question | undefined {
  const q = page.questions[0];
  return page.questions.length === 1 && q?.repeatable ? q : undefined;
}

/** A repeatable question's answers so far. */
export function itemsOf(draft: FormDraft, q: Question): AnswerValue[] {
  // A repeatable question's answer is always the list of its items (a many-selection's item is itself a list).
  const v = draft.answers[q.key];
  return Array.isArray(v) ? (v as AnswerValue[]) : [];
}
