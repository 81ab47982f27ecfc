import type { IsoDate } from '../../../core/calendar/dates.ts';
import { hasValue, holds } from './conditions.ts';
import type { Answers, Destination, DetailsAnswer, FormDraft, FormPage, Question, ResolvedForm, SelectionOption } from './types.ts';

/** Where a walk through the form stops: an unanswered page, check answers, or an exit page. */
export type WalkEnd = Destination;

/**
 * The pages a resident passes through with the draft's answers, in order: every answered page on
 * the path (not the unanswered one it stops at), and where the path goes next — the first
 * unanswered page, check answers, or an exit. Routes are followed as the answers say, so a page
 * left behind by a changed answer is not on the path.
 *
 * @example
 * const { pages, next } = walk(form, draft, today);
 * // back link from page p: the page before p in `pages`; check answers lists `pages`
 */
export function walk(form: ResolvedForm, draft: FormDraft, today: IsoDate): { pages: FormPage[]; next: WalkEnd } {
  const pages: FormPage[] = [];
  const seen = new Set<string>();
  let page: FormPage | undefined = form.pages[0];
  while (page) {
    // The schema refuses routes that go back, so a repeat is a broken form; stop rather than spin.
    if (seen.has(page.id)) return { pages, next: { page: page.id } };
    // A page with nothing to ask (details of a selection left at "none") is passed by, not visited.
    const skipped = nothingToAsk(page, draft.answers);
    if (!skipped && !isAnswered(page, draft)) return { pages, next: { page: page.id } };
    seen.add(page.id);
    if (!skipped) pages.push(page);
    const to = nextAfter(form, page, draft.answers, today);
    if (!('page' in to)) return { pages, next: to };
    page = pageById(form, to.page);
    if (!page) return { pages, next: { checkAnswers: true } };
  }
  return { pages, next: { checkAnswers: true } };
}

/**
 * Where a page leads with these answers: the first of its routes that holds, else its `next`,
 * else the following page (check answers after the last).
 *
 * @example
 * const to = nextAfter(form, page, draft.answers, today); // { page: 'address' } | { checkAnswers: true } | { exit: 'not-eligible' }
 */
export function nextAfter(form: ResolvedForm, page: FormPage, answers: Answers, today: IsoDate): Destination {
  const to = routedFrom(form, page, answers, today);
  // A page with nothing to ask is passed by: go where it leads (routes only go forward, so this ends).
  const target = 'page' in to ? pageById(form, to.page) : undefined;
  return target && nothingToAsk(target, answers) ? nextAfter(form, target, answers, today) : to;
}

function routedFrom(form: ResolvedForm, page: FormPage, answers: Answers, today: IsoDate): Destination {
  const ctx = { values: form.values, today };
  for (const route of page.routes ?? []) if (holds(route.when, answers, ctx)) return route.to;
  if (page.next) return page.next;
  const index = form.pages.findIndex((p) => p.id === page.id);
  const following = index >= 0 ? form.pages[index + 1] : undefined;
  return following ? { page: following.id } : { checkAnswers: true };
}

/**
 * The options a details question asks about with these answers: those chosen in its selection, in
 * the selection's order ("None of the above" asks about nothing).
 *
 * @example
 * detailsFor(needsDetails, { needs: ['nutrition', 'hygiene'] }) // the two options, each with its text
 */
export function detailsFor(q: Question, answers: Answers): SelectionOption[] {
  if (q.type !== 'details') return [];
  const chosen = Object.hasOwn(answers, q.of) ? answers[q.of] : undefined;
  const values = new Set(Array.isArray(chosen) ? chosen.filter((v): v is string => typeof v === 'string') : typeof chosen === 'string' ? [chosen] : []);
  return (q.options ?? []).filter((o) => values.has(o.value));
}

/** Whether a page has no question to ask: each is a details question about a selection with nothing chosen. */
export function nothingToAsk(page: FormPage, answers: Answers): boolean {
  return page.questions.every((q) => q.type === 'details' && detailsFor(q, answers).length === 0);
}

/**
 * Where a resident carries on (after save and return, or after changing an answer): the first page
 * on the path that still needs an answer, or check answers, or the exit the answers lead to.
 */
export function firstUnanswered(form: ResolvedForm, draft: FormDraft, today: IsoDate): Destination {
  return walk(form, draft, today).next;
}

/**
 * The draft's answers to the questions on the path only: answers to pages a changed answer has
 * routed around are dropped at submission (and not shown on check answers).
 */
export function answersOnPath(form: ResolvedForm, draft: FormDraft, today: IsoDate): Answers {
  const answers: Answers = {};
  for (const page of walk(form, draft, today).pages) {
    for (const q of page.questions) {
      if (!Object.hasOwn(draft.answers, q.key) || !hasValue(draft.answers[q.key])) continue;
      if (q.type !== 'details') {
        answers[q.key] = draft.answers[q.key];
        continue;
      }
      // Only what was written about options still chosen: unticking one leaves its text behind.
      const written = draft.answers[q.key] as DetailsAnswer;
      const kept = Object.fromEntries(detailsFor(q, draft.answers).flatMap((o) => (typeof written[o.value] === 'string' && written[o.value].trim() ? [[o.value, written[o.value]]] : [])));
      if (Object.keys(kept).length > 0) answers[q.key] = kept;
    }
  }
  return answers;
}

/**
 * Whether a page needs nothing more: each required question has an answer, and optional ones
 * left blank count once the resident has continued from the page (it is in `visited`). A
 * repeatable question ("add another") is answered once the resident has continued from its page
 * (said they need no more, or reached the maximum) with at least one item, or none when optional.
 */
export function isAnswered(page: FormPage, draft: FormDraft): boolean {
  const visited = draft.visited.includes(page.id);
  return page.questions.every((q) => {
    const present = Object.hasOwn(draft.answers, q.key) && hasValue(draft.answers[q.key]);
    if (q.repeatable) return visited && (present || q.optional === true);
    if (q.type === 'details') {
      // Every option chosen now has its text: ticking another option later asks again.
      if (q.optional === true && visited) return true;
      const written = (present ? draft.answers[q.key] : {}) as DetailsAnswer;
      return detailsFor(q, draft.answers).every((o) => typeof written[o.value] === 'string' && written[o.value].trim() !== '');
    }
    return present || (q.optional === true && visited);
  });
}

function pageById(form: ResolvedForm, id: string): FormPage | undefined {
  return form.pages.find((p) => p.id === id);
}
