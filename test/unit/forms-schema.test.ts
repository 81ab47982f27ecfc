import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueProblems, formProblems, problemText } from '../../functions/modules/forms/definition/form-schema.ts';
import type { FormDefinition } from '../../functions/modules/forms/definition/types.ts';

const t = (en: string, cy?: string) => (cy ? { en, cy } : { en });

/** A sound form using most of what the schema knows; each test breaks one thing. */
function sound(): FormDefinition {
  return {
    id: 'test-form',
    version: 1,
    credit: { name: 'Test Council', url: 'https://www.test.gov.uk' },
    title: t('Apply for a thing'),
    summary: t('Apply for a thing from {council}'),
    start: [t('Call {contact.phone} if you need help. The limit is {values.limit}.')],
    values: { limit: { value: 3, description: 'Most things' }, 'minimum-age': { value: 16, description: 'Youngest' }, opens: { value: '2026-04-01', description: 'Opening day' } },
    pages: [
      {
        id: 'born',
        questions: [{ key: 'born', type: 'date', kind: 'date-of-birth', label: t('Date of birth'), max: { daysFromToday: 0 } }],
        routes: [{ when: { question: 'born', op: 'age-lt', value: { value: 'minimum-age' } }, to: { exit: 'too-young' } }],
      },
      {
        id: 'about',
        title: t('About you'),
        questions: [
          { key: 'name', type: 'name', format: 'full', label: t('Name'), contact: 'name' },
          { key: 'email', type: 'email', label: t('Email'), contact: 'email' },
          { key: 'home', type: 'address', label: t('Address') },
        ],
      },
      {
        id: 'kind',
        questions: [
          {
            key: 'kind',
            type: 'selection',
            multiple: true,
            label: t('Which?'),
            options: [
              { value: 'a', text: t('A') },
              { value: 'b', text: t('B') },
            ],
            noneOption: t('None of these'),
          },
        ],
        routes: [
          { when: { all: [{ question: 'kind', op: 'includes', value: 'none' }, { question: 'born', op: 'lt', value: { value: 'opens' } }] }, to: { page: 'notes' } },
        ],
      },
      { id: 'bins', questions: [{ key: 'bins', type: 'selection', label: t('Bin'), optionsFrom: { source: 'bin-containers', addressQuestion: 'home' } }] },
      { id: 'children', questions: [{ key: 'children', type: 'name', format: 'first-last', label: t('Child'), repeatable: { max: 5 } }] },
      {
        id: 'count',
        questions: [{ key: 'count', type: 'number', whole: true, min: 0, max: 10, label: t('How many') }],
        routes: [
          { when: { question: 'children', op: 'count-gte', value: { value: 'limit' } }, to: { checkAnswers: true } },
          { when: { question: 'count', op: 'gt', value: { value: 'limit' } }, to: { page: 'notes' } },
        ],
      },
      { id: 'proof', questions: [{ key: 'proof', type: 'file', accept: ['pdf', 'jpeg'], maxMegabytes: 10, label: t('Proof') }] },
      { id: 'notes', questions: [{ key: 'notes', type: 'text', long: true, maxLength: 2000, optional: true, label: t('Notes') }] },
    ],
    exits: [{ id: 'too-young', title: t('You cannot apply'), body: [t('You must be {values.minimum-age} or over.')] }],
    declaration: [t('I declare it true.')],
    confirmation: { whatHappensNext: [t('We will write to you.')], responseTime: t('10 working days') },
    retentionDays: 365,
    saveAndReturn: { days: 28 },
  };
}

/** The sound form with one change made by `edit`; its problems as "path: message". */
function problems(edit: (f: FormDefinition) => void): string[] {
  const form = sound();
  edit(form);
  return formProblems(form, 'catalogue/forms/test-form.ts').map((p) => `${p.path}: ${p.message}`);
}
const q = (f: FormDefinition, page: number, i = 0) => f.pages[page].questions[i] as unknown as Record<string, unknown>;

describe('formProblems', () => {
  it('accepts a sound form', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('names the file and the field path of each problem', () => {
    const form = sound();
    form.pages[0].id = 'Born Page';
    expect(formProblems(form, 'catalogue/forms/test-form.ts')).toEqual([
      { file: 'catalogue/forms/test-form.ts', path: 'pages.0.id', message: 'A page id is a lower-case slug like proof-of-address' },
    ]);
  });

  it('needs at least one page, English texts and known fields', () => {
    expect(problems((f) => (f.pages = []))).toEqual(['pages: A form has at least one page']);
    expect(problems((f) => (f.title = { en: ' ' }))).toEqual(['title.en: English text is required']);
    expect(problems((f) => ((f as unknown as Record<string, unknown>).colour = 'red'))).toHaveLength(1);
  });

  it('refuses a page id the form’s addresses use', () => {
    expect(problems((f) => (f.pages[7].id = 'check-answers'))[0]).toMatch(/^pages\.7\.id: A page id must not be one/);
  });

  it('refuses a page id or question key used twice', () => {
    expect(problems((f) => (f.pages[7].id = 'born'))).toContain('pages.7.id: Page id "born" is used twice');
    expect(problems((f) => (q(f, 7).key = 'born'))).toContain('pages.7.questions.0.key: Question key "born" is used twice');
  });

  it('keeps repeatable and file questions alone on their page', () => {
    expect(problems((f) => f.pages[4].questions.push({ key: 'x', type: 'yesno', label: t('X') }))).toEqual([
      'pages.4.questions.0: A repeatable question must be alone on its page',
    ]);
    expect(problems((f) => f.pages[6].questions.push({ key: 'x', type: 'yesno', label: t('X') }))).toEqual([
      'pages.6.questions.0: A file question must be alone on its page',
    ]);
  });

  it('needs a title on a one-question page with guidance, its own or its question’s: GOV.UK Forms’ page heading', () => {
    const why = 'so it needs a title: the page heading, which GOV.UK Forms asks for when a question has guidance';
    expect(problems((f) => (q(f, 7).guidance = [t('Tell us anything else.')]))).toEqual([`pages.7.title: Page "notes" has guidance (pages.7.questions.0.guidance), ${why}`]);
    expect(problems((f) => (f.pages[6].guidance = [t('A bank statement will do.')]))).toEqual([`pages.6.title: Page "proof" has guidance (pages.6.guidance), ${why}`]);
    expect(problems((f) => ((q(f, 7).guidance = [t('Tell us anything else.')]), (f.pages[7].title = t('Anything else'))))).toEqual([]);
    // A page of several questions has its title already; a question's guidance goes with its field.
    expect(problems((f) => (q(f, 1, 2).guidance = [t('Where you live.')]))).toEqual([]);
  });

  it('refuses a repeatable file question: each file is asked for by a question of its own', () => {
    expect(problems((f) => (q(f, 6).repeatable = { max: 3 }))).toContain('pages.6.questions.0.repeatable: A file question cannot be repeatable: ask for each file with its own question');
  });

  it('needs a selection’s options or optionsFrom, not both', () => {
    expect(problems((f) => delete q(f, 2).options)).toEqual(['pages.2.questions.0: A selection has either options or optionsFrom, not both nor neither']);
    expect(problems((f) => (q(f, 2).optionsFrom = { source: 'x' }))).toEqual(['pages.2.questions.0: A selection has either options or optionsFrom, not both nor neither']);
  });

  it('refuses options listed twice, a noneOption on a one-choice selection and an option called none beside it', () => {
    expect(problems((f) => ((q(f, 2).options as { value: string }[])[1].value = 'a'))).toEqual(['pages.2.questions.0.options.1.value: Option "a" is listed twice']);
    expect(problems((f) => delete q(f, 2).multiple)).toContain('pages.2.questions.0.noneOption: noneOption is only for a selection of many (multiple: true)');
    expect(problems((f) => ((q(f, 2).options as { value: string }[])[1].value = 'none'))).toContain(
      'pages.2.questions.0.options.1.value: "none" is the value of noneOption: give this option another value',
    );
  });

  it('needs optionsFrom’s address question to be an earlier address question', () => {
    expect(problems((f) => ((q(f, 3).optionsFrom as { addressQuestion: string }).addressQuestion = 'email'))).toEqual([
      'pages.3.questions.0.optionsFrom.addressQuestion: "email" is not an address question before this one',
    ]);
  });

  it('bounds a text’s maxLength and a number’s and date’s limits', () => {
    expect(problems((f) => (q(f, 7).maxLength = 0))).toEqual(['pages.7.questions.0.maxLength: maxLength must be at least 1']);
    expect(problems((f) => (q(f, 7).maxLength = 20_000))).toEqual(['pages.7.questions.0.maxLength: maxLength is at most 10000']);
    expect(problems((f) => delete q(f, 7).long)).toEqual(['pages.7.questions.0.maxLength: A short text holds at most 500 characters: use long: true for more']);
    expect(problems((f) => (q(f, 5).min = 11))).toEqual(['pages.5.questions.0.min: min is more than max']);
    expect(problems((f) => Object.assign(q(f, 0), { min: { date: '2026-01-02' }, max: { date: '2026-01-01' } }))).toEqual(['pages.0.questions.0.min: The earliest date is after the latest']);
    expect(problems((f) => Object.assign(q(f, 0), { min: { daysFromToday: 1 } }))).toEqual(['pages.0.questions.0.min: The earliest date is after the latest']);
    expect(problems((f) => (q(f, 0).min = { date: '2026-02-30' }))).toEqual(['pages.0.questions.0.min.date: Not a real calendar date']);
  });

  it('refuses a contact flag on the wrong kind of question, or twice on one page', () => {
    expect(problems((f) => (q(f, 1, 2).contact = 'email'))).toEqual([
      "pages.1.questions.2.contact: contact: 'email' belongs on a email question, not a address one",
      'pages.1.questions.2.contact: Question "email" on the same page is already the email to contact',
    ]);
  });

  it('needs every destination to exist', () => {
    expect(problems((f) => (f.pages[5].routes![1].to = { page: 'nowhere' }))).toEqual(['pages.5.routes.1.to: Goes to page "nowhere", which the form does not have']);
    expect(problems((f) => (f.pages[1].next = { exit: 'nowhere' }))).toEqual(['pages.1.next: Goes to exit "nowhere", which the form does not have (exits: too-young)']);
  });

  it('refuses a route that goes back or to its own page, so no form can loop', () => {
    expect(problems((f) => (f.pages[5].routes![1].to = { page: 'born' }))).toEqual([
      'pages.5.routes.1.to: Goes back to page "born": routes only go forward, so that a form cannot loop',
    ]);
    expect(problems((f) => (f.pages[5].next = { page: 'count' }))).toEqual(['pages.5.next: Goes back to page "count": routes only go forward, so that a form cannot loop']);
  });

  it('refuses an exit no route reaches', () => {
    expect(problems((f) => (f.pages[0].routes = []))).toEqual(['exits.0: Exit "too-young" is never reached: no route goes to it']);
  });

  it('needs a condition to name a question on its page or an earlier one', () => {
    expect(problems((f) => (f.pages[0].routes![0].when = { question: 'count', op: 'answered' }))).toEqual([
      'pages.0.routes.0.when.question: "count" is not a question on this page or an earlier one',
    ]);
    expect(problems((f) => (f.pages[2].routes![0].when = { not: { question: 'ghost', op: 'answered' } }))).toEqual([
      'pages.2.routes.0.when.not.question: "ghost" is not a question on this page or an earlier one',
    ]);
  });

  it('needs an operator that fits the question', () => {
    const when = (c: unknown) => problems((f) => (f.pages[5].routes![1].when = c as never));
    expect(when({ question: 'name', op: 'equals', value: 'x' })).toEqual([
      'pages.5.routes.1.when.op: equals does not fit question "name" (name): a name answer cannot be compared: test it with answered or not-answered',
    ]);
    expect(when({ question: 'email', op: 'gt', value: 'x' })).toEqual(['pages.5.routes.1.when.op: gt does not fit question "email" (email): only numbers and dates are ordered']);
    expect(when({ question: 'count', op: 'age-gte', value: 3 })).toEqual(['pages.5.routes.1.when.op: age-gte does not fit question "count" (number): an age is of a date of birth']);
    expect(when({ question: 'count', op: 'includes', value: 'a' })).toEqual(['pages.5.routes.1.when.op: includes does not fit question "count" (number): includes is for selections']);
    expect(when({ question: 'count', op: 'count-gte', value: 1 })).toEqual(['pages.5.routes.1.when.op: count-gte does not fit question "count" (number): only a repeatable question has a count']);
    expect(when({ question: 'children', op: 'equals', value: 'x' })).toEqual([
      'pages.5.routes.1.when.op: equals does not fit question "children" (name, repeatable): a repeatable question is tested with count-gte, count-lt, answered or not-answered',
    ]);
    expect(when({ question: 'children', op: 'not-answered' })).toEqual([]);
  });

  it('needs an operand that fits the question’s type', () => {
    const when = (c: unknown) => problems((f) => (f.pages[5].routes![1].when = c as never));
    expect(when({ question: 'count', op: 'gt', value: 'many' })).toEqual(['pages.5.routes.1.when.value: Compare with a number, not "many"']);
    expect(when({ question: 'count', op: 'gt', value: { value: 'opens' } })).toEqual(['pages.5.routes.1.when.value: Compare with a number, not "2026-04-01"']);
    expect(when({ question: 'count', op: 'gt', value: { daysFromToday: 1 } })).toEqual(['pages.5.routes.1.when.value: daysFromToday is for comparing dates']);
    expect(when({ question: 'born', op: 'gte', value: '2026-13-01' })).toEqual(['pages.5.routes.1.when.value: Compare with a date like 2026-04-01 or { daysFromToday: n }, not "2026-13-01"']);
    expect(when({ question: 'born', op: 'gte', value: { daysFromToday: -30 } })).toEqual([]);
    expect(when({ question: 'born', op: 'age-gte', value: 17.5 })).toEqual(['pages.5.routes.1.when.value: Compare with a whole number, 0 or more']);
    expect(when({ question: 'children', op: 'count-lt', value: 'two' })).toEqual(['pages.5.routes.1.when.value: Compare with a number, not "two"']);
    expect(when({ question: 'email', op: 'equals', value: 5 })).toEqual(['pages.5.routes.1.when.value: Compare with text, not 5']);
  });

  it('needs yes/no and option operands to be real answers', () => {
    const when = (c: unknown) => problems((f) => (f.pages[5].routes![1].when = c as never));
    expect(when({ question: 'kind', op: 'includes', value: 'c' })).toEqual(['pages.5.routes.1.when.value: "c" is not an option of "kind" (options: a, b, none)']);
    expect(when({ question: 'kind', op: 'equals', value: 'c' })).toEqual(['pages.5.routes.1.when.value: "c" is not an option of "kind" (options: a, b, none)']);
    expect(when({ question: 'kind', op: 'equals', value: 'none' })).toEqual([]);
    // a list another service gives is known only at run time
    expect(when({ question: 'bins', op: 'equals', value: 'anything' })).toEqual([]);
    const yes = problems((f) => {
      f.pages[7].questions = [{ key: 'agree', type: 'yesno', label: t('Agree?') }];
      f.pages[7].routes = [{ when: { question: 'agree', op: 'equals', value: 'true' }, to: { checkAnswers: true } }];
    });
    expect(yes).toEqual(['pages.7.routes.0.when.value: A yes/no answer is "yes" or "no"']);
  });

  it('needs each value a condition names to exist', () => {
    expect(problems((f) => (f.pages[0].routes![0].when = { question: 'born', op: 'age-lt', value: { value: 'age' } }))).toEqual([
      'pages.0.routes.0.when.value: Names value "age", which the form does not have (values: limit, minimum-age, opens)',
    ]);
  });

  it('refuses unknown placeholders, in English and Welsh', () => {
    expect(problems((f) => (f.summary = t('From {councll}', 'Gan {values.nope}')))).toEqual([
      'summary.en: Unknown placeholder {councll}: use {council}, {contact.team}, {contact.phone}, {contact.email}, {contact.hours} or {values.<name>}',
      'summary.cy: Unknown placeholder {values.nope}: use {council}, {contact.team}, {contact.phone}, {contact.email}, {contact.hours} or {values.<name>}',
    ]);
    expect(problems((f) => (q(f, 2).options as { text: unknown }[])[0].text = t('{contact.hours}'))).toEqual([]);
  });
});

describe('catalogueProblems', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function catalogue(files: Record<string, unknown>): Promise<Record<string, FormDefinition>> {
    dir = await mkdtemp(path.join(import.meta.dirname, '.tmp-catalogue-'));
    const loaded: Record<string, FormDefinition> = {};
    for (const [name, form] of Object.entries(files)) {
      await writeFile(path.join(dir, name), `export default ${JSON.stringify(form)};\n`);
      loaded[name] = (await import(pathToFileURL(path.join(dir, name)).href)).default;
    }
    return loaded;
  }

  it('accepts a catalogue whose every file is listed and valid', async () => {
    const files = await catalogue({ 'test-form.ts': sound() });
    expect(await catalogueProblems([files['test-form.ts']], dir)).toEqual([]);
  });

  it('names a file that is not listed, and an id that is not its file’s name', async () => {
    const other = { ...sound(), id: 'other-name' };
    const files = await catalogue({ 'test-form.ts': sound(), 'renamed.ts': other });
    const problems = await catalogueProblems([files['test-form.ts']], dir);
    expect(problemText(problems)).toBe(
      [
        'catalogue/forms/renamed.ts: (root): is not listed in CATALOGUE_FORMS (catalogue/forms.ts): add it there',
        'catalogue/forms/renamed.ts: id: The id must match the file name: "renamed"',
      ].join('\n'),
    );
  });

  it('names a listed form without a file, one listed twice, and each invalid form’s file, path and problem', async () => {
    const broken = { ...sound(), retentionDays: 0 };
    const files = await catalogue({ 'test-form.ts': broken });
    const stray = { ...sound(), id: 'stray' };
    const problems = await catalogueProblems([files['test-form.ts'], files['test-form.ts'], stray], dir);
    expect(problems).toContainEqual({ file: 'catalogue/forms/test-form.ts', path: 'retentionDays', message: expect.stringMatching(/>=1/) });
    expect(problems).toContainEqual({ file: 'catalogue/forms.ts', path: 'CATALOGUE_FORMS.1', message: 'Form "test-form" is listed twice' });
    expect(problems).toContainEqual({ file: 'catalogue/forms.ts', path: 'CATALOGUE_FORMS.2', message: 'Form "stray" has no file catalogue/forms/stray.ts' });
  });

  it('names a file with no default export', async () => {
    dir = await mkdtemp(path.join(import.meta.dirname, '.tmp-catalogue-'));
    await writeFile(path.join(dir, 'empty.ts'), 'export const x = 1;\n');
    expect(await catalogueProblems([], dir)).toEqual([
      { file: 'catalogue/forms/empty.ts', path: '', message: 'has no default export: use export default defineForm({...})' },
    ]);
  });
});
