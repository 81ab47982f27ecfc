import type { IsoDate } from '../../../core/calendar/dates.ts';
import { hasValue, holds } from './conditions.ts';
import type { Answers, Destination, FormDraft, FormPage, ResolvedForm } from './types.ts';

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
    if (seen.has(page.id) || !isAnswered(page, draft)) return { pages, next: { page: page.id } };
    seen.add(page.id);
    pages.push(page);
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
  const ctx = { values: form.values, today };
  for (const route of page.routes ?? []) if (holds(route.when, answers, ctx)) return route.to;
  if (page.next) return page.next;
  const index = form.pages.findIndex((p) => p.id === page.id);
  const following = index >= 0 ? form.pages[index + 1] : undefined;
  return following ? { page: following.id } : { checkAnswers: true };
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
      if (Object.hasOwn(draft.answers, q.key) && hasValue(draft.answers[q.key])) answers[q.key] = draft.answers[q.key];
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
    return present || (q.optional === true && visited);
  });
}

function pageById(form: ResolvedForm, id: string): FormPage | undefined {
  return form.pages.find((p) => p.id === id);
}
