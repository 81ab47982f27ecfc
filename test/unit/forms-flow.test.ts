import { describe, expect, it } from 'vitest';
import { ageOn, holds } from '../../functions/modules/forms/definition/conditions.ts';
import { answersOnPath, firstUnanswered, isAnswered, nextAfter, walk } from '../../functions/modules/forms/definition/flow.ts';
import type { Answers, Condition, FormDraft, FormPage, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';

const TODAY = '2026-03-15';
const ctx = { values: { 'minimum-age': { value: 18, description: 'Youngest applicant' }, 'limit-date': { value: '2026-04-01', description: 'Deadline' } }, today: TODAY };
const t = (en: string) => ({ en });

const answers: Answers = {
  name: 'Ada Lovelace',
  blank: '  ',
  pets: 'yes',
  colour: 'red',
  toppings: ['cheese', 'ham'],
  single: ['cheese'],
  nothing: ['none'],
  count: 3,
  moved: '2026-03-10',
  born: '2008-03-15',
  children: [{ full: 'A' }, { full: 'B' }],
};
const check = (c: Condition) => holds(c, answers, ctx);

describe('holds', () => {
  it('compares text, yes/no and one-selection answers for equality', () => {
    expect(check({ question: 'name', op: 'equals', value: 'Ada Lovelace' })).toBe(true);
    expect(check({ question: 'name', op: 'equals', value: 'Ada' })).toBe(false);
    expect(check({ question: 'pets', op: 'equals', value: 'yes' })).toBe(true);
    expect(check({ question: 'pets', op: 'not-equals', value: 'no' })).toBe(true);
    expect(check({ question: 'colour', op: 'not-equals', value: 'red' })).toBe(false);
  });

  it('treats equals on a many-selection as exactly that one option', () => {
    expect(check({ question: 'single', op: 'equals', value: 'cheese' })).toBe(true);
    expect(check({ question: 'toppings', op: 'equals', value: 'cheese' })).toBe(false);
    expect(check({ question: 'toppings', op: 'not-equals', value: 'cheese' })).toBe(true);
  });

  it('compares numbers as numbers, with literals and form values', () => {
    expect(check({ question: 'count', op: 'equals', value: 3 })).toBe(true);
    expect(check({ question: 'count', op: 'equals', value: '3' })).toBe(true);
    expect(check({ question: 'count', op: 'gt', value: 2 })).toBe(true);
    expect(check({ question: 'count', op: 'gt', value: 3 })).toBe(false);
    expect(check({ question: 'count', op: 'gte', value: 3 })).toBe(true);
    expect(check({ question: 'count', op: 'lt', value: 3 })).toBe(false);
    expect(check({ question: 'count', op: 'lte', value: 3 })).toBe(true);
    // 3 < 18 and 3 < 10 numerically, although "3" > "18" as text
    expect(check({ question: 'count', op: 'lt', value: { value: 'minimum-age' } })).toBe(true);
    expect(check({ question: 'count', op: 'lt', value: 10 })).toBe(true);
  });

  it('compares dates with ISO literals, form values and days from today', () => {
    expect(check({ question: 'moved', op: 'equals', value: '2026-03-10' })).toBe(true);
    expect(check({ question: 'moved', op: 'lt', value: '2026-03-11' })).toBe(true);
    expect(check({ question: 'moved', op: 'gt', value: '2026-03-10' })).toBe(false);
    expect(check({ question: 'moved', op: 'gte', value: '2026-03-10' })).toBe(true);
    expect(check({ question: 'moved', op: 'lt', value: { value: 'limit-date' } })).toBe(true);
    // 5 days ago: within the last week, not within the last 3 days
    expect(check({ question: 'moved', op: 'gte', value: { daysFromToday: -7 } })).toBe(true);
    expect(check({ question: 'moved', op: 'gte', value: { daysFromToday: -3 } })).toBe(false);
    expect(check({ question: 'moved', op: 'lte', value: { daysFromToday: -5 } })).toBe(true);
  });

  it('compares a date of birth’s age in whole years today', () => {
    // born 2008-03-15: 18 today, exactly
    expect(check({ question: 'born', op: 'age-gte', value: 18 })).toBe(true);
    expect(check({ question: 'born', op: 'age-gte', value: { value: 'minimum-age' } })).toBe(true);
    expect(check({ question: 'born', op: 'age-lt', value: 18 })).toBe(false);
    expect(holds({ question: 'born', op: 'age-gte', value: 18 }, answers, { ...ctx, today: '2026-03-14' })).toBe(false);
    expect(holds({ question: 'born', op: 'age-lt', value: 18 }, answers, { ...ctx, today: '2026-03-14' })).toBe(true);
  });

  it('counts a birthday on 29 February from 1 March in other years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('asks whether a selection includes an option', () => {
    expect(check({ question: 'toppings', op: 'includes', value: 'ham' })).toBe(true);
    expect(check({ question: 'toppings', op: 'includes', value: 'egg' })).toBe(false);
    expect(check({ question: 'toppings', op: 'not-includes', value: 'egg' })).toBe(true);
    expect(check({ question: 'colour', op: 'includes', value: 'red' })).toBe(true);
    expect(check({ question: 'colour', op: 'not-includes', value: 'red' })).toBe(false);
    expect(check({ question: 'nothing', op: 'includes', value: 'none' })).toBe(true);
  });

  it('counts a repeatable question’s answers, none when unanswered', () => {
    expect(check({ question: 'children', op: 'count-gte', value: 2 })).toBe(true);
    expect(check({ question: 'children', op: 'count-gte', value: 3 })).toBe(false);
    expect(check({ question: 'children', op: 'count-lt', value: 3 })).toBe(true);
    expect(check({ question: 'missing', op: 'count-lt', value: 1 })).toBe(true);
    expect(check({ question: 'missing', op: 'count-gte', value: 1 })).toBe(false);
  });

  it('tells answered from not answered, counting a blank text as not answered', () => {
    expect(check({ question: 'name', op: 'answered' })).toBe(true);
    expect(check({ question: 'missing', op: 'answered' })).toBe(false);
    expect(check({ question: 'missing', op: 'not-answered' })).toBe(true);
    expect(check({ question: 'blank', op: 'not-answered' })).toBe(true);
  });

  it('never holds a comparison on an unanswered question, not even a negative one', () => {
    expect(check({ question: 'missing', op: 'equals', value: 'x' })).toBe(false);
    expect(check({ question: 'missing', op: 'not-equals', value: 'x' })).toBe(false);
    expect(check({ question: 'missing', op: 'not-includes', value: 'x' })).toBe(false);
    expect(check({ question: 'missing', op: 'gt', value: 1 })).toBe(false);
    expect(check({ question: 'missing', op: 'age-gte', value: 1 })).toBe(false);
  });

  it('does not hold on values it cannot compare', () => {
    expect(check({ question: 'name', op: 'gt', value: 'A' })).toBe(false);
    expect(check({ question: 'count', op: 'gt', value: 'lots' })).toBe(false);
    expect(check({ question: 'count', op: 'equals', value: { value: 'no-such-value' } })).toBe(false);
    expect(check({ question: 'name', op: 'age-gte', value: 18 })).toBe(false);
  });

  it('nests all, any and not', () => {
    const yes: Condition = { question: 'pets', op: 'equals', value: 'yes' };
    const no: Condition = { question: 'pets', op: 'equals', value: 'no' };
    expect(check({ all: [yes, { not: no }] })).toBe(true);
    expect(check({ all: [yes, no] })).toBe(false);
    expect(check({ any: [no, yes] })).toBe(true);
    expect(check({ any: [no, { not: yes }] })).toBe(false);
    expect(check({ not: { any: [no] } })).toBe(true);
    expect(check({ all: [] })).toBe(true);
    expect(check({ any: [] })).toBe(false);
  });
});

const page = (id: string, questions: FormPage['questions'], extra: Partial<FormPage> = {}): FormPage => ({ id, questions, ...extra });
const yesno = (key: string, extra = {}) => ({ key, type: 'yesno' as const, label: t(key), ...extra });
const text = (key: string, extra = {}) => ({ key, type: 'text' as const, maxLength: 100, label: t(key), ...extra });

/** A form with a route to an exit, a route that skips a page, an optional question and a repeatable. */
const form: ResolvedForm = {
  id: 'test-form',
  version: 1,
  credit: { name: 'Test' },
  title: t('Test'),
  summary: t('Test'),
  start: [],
  contact: {},
  values: ctx.values,
  retentionDays: 30,
  confirmation: { whatHappensNext: [] },
  source: 'catalogue/forms/test-form.ts',
  exits: [{ id: 'too-young', title: t('Too young'), body: [] }],
  pages: [
    page('born', [{ key: 'born', type: 'date', kind: 'date-of-birth', label: t('Born') }], {
      routes: [{ when: { question: 'born', op: 'age-lt', value: { value: 'minimum-age' } }, to: { exit: 'too-young' } }],
    }),
    page('has-pets', [yesno('has-pets')], { routes: [{ when: { question: 'has-pets', op: 'equals', value: 'no' }, to: { page: 'notes' } }] }),
    page('pets', [{ ...text('pet-name'), repeatable: { max: 3 } }]),
    page('notes', [text('notes', { optional: true }), text('more')]),
    page('last', [yesno('last')], { next: { checkAnswers: true } }),
  ],
};
const draft = (answers: Answers, visited: string[] = []): FormDraft => ({ formId: 'test-form', version: 1, answers, visited });
const ids = (pages: FormPage[]) => pages.map((p) => p.id);
const adult = '1990-01-01';

describe('nextAfter', () => {
  it('takes the first route that holds', () => {
    expect(nextAfter(form, form.pages[0], { born: '2015-01-01' }, TODAY)).toEqual({ exit: 'too-young' });
    expect(nextAfter(form, form.pages[1], { 'has-pets': 'no' }, TODAY)).toEqual({ page: 'notes' });
  });

  it('goes to the following page when no route holds, and to check answers after the last', () => {
    expect(nextAfter(form, form.pages[0], { born: adult }, TODAY)).toEqual({ page: 'has-pets' });
    expect(nextAfter(form, form.pages[1], { 'has-pets': 'yes' }, TODAY)).toEqual({ page: 'pets' });
    const withoutNext = { ...form, pages: form.pages.map((p) => ({ ...p, next: undefined })) };
    expect(nextAfter(withoutNext, withoutNext.pages[4], {}, TODAY)).toEqual({ checkAnswers: true });
  });

  it('follows a page’s next when no route holds', () => {
    const jumping = { ...form, pages: [{ ...form.pages[0], next: { page: 'notes' } }, ...form.pages.slice(1)] };
    expect(nextAfter(jumping, jumping.pages[0], { born: adult }, TODAY)).toEqual({ page: 'notes' });
    expect(nextAfter(jumping, jumping.pages[0], { born: '2015-01-01' }, TODAY)).toEqual({ exit: 'too-young' });
  });
});

describe('walk', () => {
  it('stops at the first page when nothing is answered', () => {
    expect(walk(form, draft({}), TODAY)).toEqual({ pages: [], next: { page: 'born' } });
  });

  it('follows the routes the answers take and stops at the first unanswered page', () => {
    const result = walk(form, draft({ born: adult, 'has-pets': 'no' }), TODAY);
    expect(ids(result.pages)).toEqual(['born', 'has-pets']);
    expect(result.next).toEqual({ page: 'notes' });
  });

  it('ends at an exit when the answers lead to one', () => {
    const result = walk(form, draft({ born: '2015-01-01', 'has-pets': 'yes' }), TODAY);
    expect(ids(result.pages)).toEqual(['born']);
    expect(result.next).toEqual({ exit: 'too-young' });
  });

  it('reaches check answers when every page on the path is answered', () => {
    const result = walk(form, draft({ born: adult, 'has-pets': 'no', more: 'x', last: 'yes' }, ['notes']), TODAY);
    expect(ids(result.pages)).toEqual(['born', 'has-pets', 'notes', 'last']);
    expect(result.next).toEqual({ checkAnswers: true });
  });

  it('asks a repeatable page until the resident has continued from it', () => {
    const some = { born: adult, 'has-pets': 'yes', 'pet-name': ['Rex'] };
    expect(walk(form, draft(some), TODAY).next).toEqual({ page: 'pets' });
    expect(walk(form, draft(some, ['pets']), TODAY).next).toEqual({ page: 'notes' });
    expect(walk(form, draft({ ...some, 'pet-name': [] }, ['pets']), TODAY).next).toEqual({ page: 'pets' });
  });

  it('stops rather than loops when a broken form routes back', () => {
    const looping = { ...form, pages: [form.pages[0], { ...form.pages[1], next: { page: 'born' } }] };
    const result = walk(looping, draft({ born: adult, 'has-pets': 'yes' }), TODAY);
    expect(ids(result.pages)).toEqual(['born', 'has-pets']);
    expect(result.next).toEqual({ page: 'born' });
  });
});

describe('firstUnanswered', () => {
  it('is where the walk ends', () => {
    expect(firstUnanswered(form, draft({}), TODAY)).toEqual({ page: 'born' });
    expect(firstUnanswered(form, draft({ born: adult, 'has-pets': 'no' }), TODAY)).toEqual({ page: 'notes' });
    expect(firstUnanswered(form, draft({ born: adult, 'has-pets': 'no', more: 'x', last: 'no' }, ['notes']), TODAY)).toEqual({ checkAnswers: true });
  });

  it('finds a page a changed answer now needs', () => {
    // they said no to pets, reached the end, then changed it to yes: the pets page is now on the path
    const changed = draft({ born: adult, 'has-pets': 'yes', more: 'x', last: 'no' }, ['notes']);
    expect(firstUnanswered(form, changed, TODAY)).toEqual({ page: 'pets' });
  });
});

describe('answersOnPath', () => {
  it('drops answers to pages the routes no longer pass through', () => {
    const d = draft({ born: adult, 'has-pets': 'no', 'pet-name': ['Rex'], more: 'x', last: 'yes', stray: 'x' }, ['pets', 'notes']);
    expect(answersOnPath(form, d, TODAY)).toEqual({ born: adult, 'has-pets': 'no', more: 'x', last: 'yes' });
  });

  it('keeps nothing past an unanswered page', () => {
    const d = draft({ born: adult, 'has-pets': 'yes', more: 'x' });
    expect(answersOnPath(form, d, TODAY)).toEqual({ born: adult, 'has-pets': 'yes' });
  });
});

describe('isAnswered', () => {
  it('needs every required question answered', () => {
    expect(isAnswered(form.pages[3], draft({ notes: 'n' }, ['notes']))).toBe(false);
    expect(isAnswered(form.pages[3], draft({ notes: 'n', more: 'm' }))).toBe(true);
  });

  it('counts an optional question left blank as answered once its page is visited', () => {
    expect(isAnswered(form.pages[3], draft({ more: 'm' }))).toBe(false);
    expect(isAnswered(form.pages[3], draft({ more: 'm' }, ['notes']))).toBe(true);
    expect(isAnswered(form.pages[3], draft({ more: 'm', notes: '' }, ['notes']))).toBe(true);
  });

  it('does not count a blank required answer, even on a visited page', () => {
    expect(isAnswered(form.pages[4], draft({ last: '' }, ['last']))).toBe(false);
  });

  it('counts an optional repeatable with no items once visited', () => {
    const optionalPets = page('pets', [{ ...text('pet-name'), repeatable: { max: 3 }, optional: true }]);
    expect(isAnswered(optionalPets, draft({}))).toBe(false);
    expect(isAnswered(optionalPets, draft({}, ['pets']))).toBe(true);
  });
});
