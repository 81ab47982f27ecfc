/**
 * The forms-engine features the care form brought, each on a small form of its own: restrictedTo and
 * the lawful basis by nation (resolved, overridden, on the privacy notice), options kept to nations
 * and a council's own list (and the adoption check when a nation has no list), values each council
 * must give, and the details answer type (schema rule, flow, reading, display).
 */
import { describe, expect, it } from 'vitest';
import ceredigion from '../../councils/ceredigion.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { CouncilConfigError, parseCouncil } from '../../functions/config/load-councils.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { handlerFor, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import { adoptionIssues, formAdoptionSchema } from '../../functions/modules/forms/config.ts';
import { answersOnPath, nextAfter, walk } from '../../functions/modules/forms/definition/flow.ts';
import { formProblems } from '../../functions/modules/forms/definition/form-schema.ts';
import { applyAdoption } from '../../functions/modules/forms/definition/resolve.ts';
import type { Answers, FormAdoption, FormDefinition, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';

const t = (en: string, cy?: string) => (cy ? { en, cy } : { en });
const TODAY = '2026-05-12';

const form: FormDefinition = {
  id: 'help',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: t('Ask for help', 'Gofyn am help'),
  summary: t('Ask us for help', 'Gofynnwch i ni am help'),
  start: [t('Call {values.line} if it is urgent.', 'Ffoniwch {values.line} os yw’n frys.')],
  values: { line: { description: 'The council’s helpline', format: 'uk-phone' }, days: { value: 5, description: 'Working days to reply' } },
  lawfulBasis: {
    byNation: { england: t('the Care Act 2014, section 9', 'Deddf Gofal 2014, adran 9'), wales: t('the 2014 Wales Act, section 19', 'Deddf 2014 Cymru, adran 19') },
    article9: t('UK GDPR Article 9(2)(h)', 'Erthygl 9(2)(h) GDPR y DU'),
  },
  restrictedTo: 'care',
  pages: [
    {
      id: 'needs',
      questions: [
        {
          key: 'needs',
          type: 'selection',
          multiple: true,
          label: t('What do you need help with?', 'Gyda beth mae angen help arnoch?'),
          noneOption: t('Not sure', 'Ddim yn siŵr'),
          options: [
            { value: 'washing', nations: ['england'], text: t('Personal hygiene', 'Hylendid personol') },
            { value: 'eating', nations: ['england'], text: t('Eating and drinking', 'Bwyta ac yfed') },
            { value: 'self-care', nations: ['wales'], text: t('Self-care', 'Hunanofal') },
            { value: 'talking', nations: ['wales'], text: t('Communicating', 'Cyfathrebu') },
          ],
        },
      ],
    },
    {
      id: 'details',
      questions: [{ key: 'details', type: 'details', of: 'needs', maxLength: 20, label: t('Tell us more', 'Dywedwch fwy'), specialCategory: true }],
    },
    { id: 'phone', questions: [{ key: 'phone', type: 'phone', label: t('Phone number', 'Rhif ffôn') }] },
  ],
  confirmation: { whatHappensNext: [t('We will call you.', 'Byddwn yn eich ffonio.')], responseTime: t('Within {values.days} days.', 'O fewn {values.days} diwrnod.') },
  retentionDays: 2190,
};

function council(nation: CouncilConfig['nation'], extra: Record<string, unknown> = {}): CouncilConfig {
  return {
    id: 'testshire',
    sample: false,
    nation,
    languages: ['en'],
    name: t('Testshire Council', 'Cyngor Testshire'),
    contact: { phone: '01223 443700', email: 'help@testshire.gov.uk' },
    services: { forms: {} },
    ...extra,
  } as unknown as CouncilConfig;
}
const issues = (adoption: FormAdoption, c: CouncilConfig) =>
  adoptionIssues({ adopted: { help: adoption } }, c, [form]).map((i) => `${i.path.join('.').replace(/^services\.forms\.adopted\.help\.?/, '')}: ${i.message}`);
const resolved = (nation: CouncilConfig['nation'], adoption: FormAdoption = { values: { line: '01223 443701' } }) => applyAdoption(form, adoption, council(nation));
const draft = (answers: Answers, visited: string[] = []) => ({ formId: 'help', version: 1, answers, visited });

describe('the form schema', () => {
  it('accepts restrictedTo, a lawful basis by nation, options kept to nations, a value without a default and a details question', () => {
    expect(formProblems(form, 'catalogue/forms/help.ts')).toEqual([]);
  });

  it('refuses a details question whose selection is not a many-selection on an earlier page', () => {
    const on = (pages: FormDefinition['pages']) => formProblems({ ...form, pages }, 'f.ts').map((p) => `${p.path}: ${p.message}`);
    const single = { ...form.pages[0], questions: [{ ...form.pages[0].questions[0], multiple: false, noneOption: undefined }] } as FormDefinition['pages'][number];
    expect(on([single, form.pages[1]])).toEqual(['pages.1.questions.0.of: "needs" is not a selection of many (multiple: true) on an earlier page']);
    expect(on([{ ...form.pages[0], questions: [...form.pages[0].questions, ...form.pages[1].questions] }])).toEqual([
      'pages.0.questions.1.of: "needs" is not a selection of many (multiple: true) on an earlier page',
    ]);
    expect(on([form.pages[1], form.pages[0]])).toEqual(['pages.0.questions.0.of: "needs" is not a selection of many (multiple: true) on an earlier page']);
  });

  it('refuses an empty list of nations, an unknown nation and a route comparing with a value each council gives', () => {
    const withOption = (o: object) => ({ ...form, pages: [{ ...form.pages[0], questions: [{ ...form.pages[0].questions[0], options: [...(form.pages[0].questions[0] as { options: object[] }).options, o] }] }, ...form.pages.slice(1)] });
    expect(formProblems(withOption({ value: 'x', text: t('X', 'X'), nations: [] }), 'f.ts')[0].message).toMatch(/at least one nation/);
    expect(formProblems(withOption({ value: 'x', text: t('X', 'X'), nations: ['cornwall'] }), 'f.ts')).toHaveLength(1);
    const routed = { ...form, pages: [...form.pages.slice(0, 2), { ...form.pages[2], questions: [{ key: 'count', type: 'number', label: t('Count', 'Nifer') }], routes: [{ when: { question: 'count', op: 'gt', value: { value: 'line' } }, to: { checkAnswers: true } }] }] } as FormDefinition;
    expect(formProblems(routed, 'f.ts').map((p) => p.message)).toEqual(['Value "line" has no default (each council gives it), so a route cannot compare with it']);
  });
});

describe('resolving for a council', () => {
  it('settles the law for the council’s nation, keeps restrictedTo, and lets the council word the law itself', () => {
    expect(resolved('england').lawfulBasis).toEqual({ law: t('the Care Act 2014, section 9', 'Deddf Gofal 2014, adran 9'), article9: t('UK GDPR Article 9(2)(h)', 'Erthygl 9(2)(h) GDPR y DU') });
    expect(resolved('wales').lawfulBasis?.law?.en).toBe('the 2014 Wales Act, section 19');
    expect(resolved('scotland').lawfulBasis).toEqual({ article9: t('UK GDPR Article 9(2)(h)', 'Erthygl 9(2)(h) GDPR y DU') });
    expect(resolved('england').restrictedTo).toBe('care');
    const own = resolved('scotland', { values: { line: '01463 702000' }, texts: { lawfulBasis: t('the Social Work (Scotland) Act 1968, section 12A'), article9: t('Article 9(2)(h)') } });
    expect(own.lawfulBasis).toEqual({ law: t('the Social Work (Scotland) Act 1968, section 12A'), article9: t('Article 9(2)(h)') });
  });

  it('offers only the options for the council’s nation, or the council’s own list, and gives them to the details question', () => {
    const values = (f: ResolvedForm, page: number) => (f.pages[page].questions[0] as { options?: { value: string }[] }).options?.map((o) => o.value);
    expect(values(resolved('england'), 0)).toEqual(['washing', 'eating']);
    expect(values(resolved('wales'), 0)).toEqual(['self-care', 'talking']);
    expect(values(resolved('wales'), 1)).toEqual(['self-care', 'talking']);
    const scottish = resolved('scotland', { values: { line: '01463 702000' }, options: { needs: [{ value: 'personal-care', text: t('Personal care') }, { value: 'safety', text: t('Staying safe') }] } });
    expect(values(scottish, 0)).toEqual(['personal-care', 'safety']);
    expect(values(scottish, 1)).toEqual(['personal-care', 'safety']);
  });

  it('fills a value the council gives into texts', () => {
    expect(resolved('england').start[0].en).toBe('Call 01223 443701 if it is urgent.');
  });
});

describe('the adoption check', () => {
  it('asks every council for a value the form leaves to it, and checks a phone number’s format', () => {
    expect(issues({}, council('england'))).toEqual([
      'values.line: catalogue/forms/help.ts leaves "line" for each council to give (The council’s helpline): set services.forms.adopted.help.values.line (councils/testshire.ts, adopting catalogue/forms/help.ts)',
    ]);
    expect(issues({ values: { line: 'ring us' } }, council('england'))[0]).toMatch(/^values\.line: "line" is a phone number/);
    expect(issues({ values: { line: '01223 443701' } }, council('england'))).toEqual([]);
  });

  it('asks a council in a nation the form has no list for to give its own, naming where', () => {
    expect(issues({ values: { line: '01463 702000' }, texts: { lawfulBasis: t('the 1968 Act') } }, council('scotland'))).toEqual([
      'options.needs: Question "needs" of catalogue/forms/help.ts offers no options in scotland (its lists are for england, wales): give the council\'s own list in services.forms.adopted.help.options.needs (councils/testshire.ts, adopting catalogue/forms/help.ts)',
    ]);
    const own = { values: { line: '01463 702000' }, texts: { lawfulBasis: t('the 1968 Act') }, options: { needs: [{ value: 'a', text: t('A') }, { value: 'b', text: t('B') }] } };
    expect(issues(own, council('scotland'))).toEqual([]);
  });

  it('asks for the law where the form names none for the council’s nation', () => {
    const own = { values: { line: '01463 702000' }, options: { needs: [{ value: 'a', text: t('A') }, { value: 'b', text: t('B') }] } };
    expect(issues(own, council('scotland'))).toEqual([
      'texts.lawfulBasis: catalogue/forms/help.ts names no law for scotland: give the law the council relies on in services.forms.adopted.help.texts.lawfulBasis (councils/testshire.ts, adopting catalogue/forms/help.ts)',
    ]);
  });

  it('refuses a list for an unknown question or one that is not a selection, a list of one, and (the council schema) a list without Welsh at a Welsh council', () => {
    const two = [{ value: 'a', text: t('A') }, { value: 'b', text: t('B') }];
    const got = issues({ values: { line: '01223 443701' }, options: { pets: two, phone: two } }, council('england'));
    expect(got[0]).toMatch(/^options\.pets: catalogue\/forms\/help\.ts has no question "pets"/);
    expect(got[1]).toMatch(/^options\.phone: Question "phone" of catalogue\/forms\/help\.ts is not a selection with options of its own/);
    expect(formAdoptionSchema.safeParse({ options: { needs: [two[0]] } }).success).toBe(false);
    // A Welsh council's own list in English only: the council schema asks for the Welsh, as for all its texts.
    const input = structuredClone(ceredigion) as unknown as { services: { forms: { adopted: Record<string, FormAdoption> } } };
    input.services.forms.adopted['care-needs-assessment'].options = { needs: two };
    let problems: { path: string; message: string }[] = [];
    try {
      parseCouncil(input, 'councils/ceredigion.ts');
    } catch (e) {
      problems = (e as CouncilConfigError).problems;
    }
    expect(problems).toEqual([
      { path: 'services.forms.adopted.care-needs-assessment.options.needs.0.text.cy', message: 'Welsh text is required: this council lists cy in languages' },
      { path: 'services.forms.adopted.care-needs-assessment.options.needs.1.text.cy', message: 'Welsh text is required: this council lists cy in languages' },
    ]);
  });

  it('does not ask a Welsh council for Welsh in options it never shows', () => {
    const noWelshForEngland = { ...form, pages: [{ ...form.pages[0], questions: [{ ...form.pages[0].questions[0], options: (form.pages[0].questions[0] as { options: { nations?: string[]; text: object }[] }).options.map((o) => (o.nations?.includes('england') ? { ...o, text: t('English only') } : o)) }] }, ...form.pages.slice(1)] } as FormDefinition;
    const got = adoptionIssues({ adopted: { help: { values: { line: '01970 617911' } } } }, council('wales', { languages: ['en', 'cy'] }), [noWelshForEngland]);
    expect(got).toEqual([]);
  });
});

describe('the details answer type', () => {
  const england = resolved('england');
  const details = england.pages[1].questions[0] as Extract<Question, { type: 'details' }>;
  const ctx = (lang: Language, answers: Answers): AnswerContext => ({
    lang,
    t: translator(MESSAGES[lang]),
    today: TODAY,
    council: council('england'),
    form: england,
    addresses: { byPostcode: async () => [], byUprn: async () => undefined } as unknown as AnswerContext['addresses'],
    answers,
    optionsFor: (q) => (q.type === 'selection' ? (q.options ?? []) : []),
  });
  const read = (body: PostedFields, answers: Answers, lang: Language = 'en', q: Question = details) => handlerFor(q).read(q, body, ctx(lang, answers), q.key);

  it('reads one box per option chosen, by option value', async () => {
    expect(await read({ 'details-washing': ' Cannot bathe ', 'details-eating': 'Forgets\r\nmeals' }, { needs: ['washing', 'eating'] })).toEqual({
      kind: 'value',
      value: { washing: 'Cannot bathe', eating: 'Forgets\nmeals' },
    });
  });

  it('gives each box its own GOV.UK error, in English and Welsh', async () => {
    const answers = { needs: ['washing', 'eating'] };
    expect(await read({ 'details-washing': '', 'details-eating': 'x'.repeat(21) }, answers)).toEqual({
      kind: 'errors',
      errors: { 'details-washing': 'Enter details about personal hygiene', 'details-eating': 'Details about eating and drinking must be 20 characters or less' },
    });
    expect(await read({ 'details-washing': '', 'details-eating': 'x'.repeat(21) }, answers, 'cy')).toEqual({
      kind: 'errors',
      errors: { 'details-washing': 'Rhowch fanylion am hylendid personol', 'details-eating': 'Rhaid i’r manylion am fwyta ac yfed fod yn 20 nod neu lai' },
    });
  });

  it('lets an optional one be left blank', async () => {
    expect(await read({}, { needs: ['washing'] }, 'en', { ...details, optional: true })).toEqual({ kind: 'value', value: undefined });
  });

  it('renders a labelled character count per option chosen', async () => {
    const html = String(await handlerFor(details).Fields({ q: details, value: { washing: 'Kept' }, errors: {}, ctx: ctx('en', { needs: ['washing', 'eating'] }), asPageHeading: true, idPrefix: 'details' }));
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Tell us more</h1>');
    expect(html).toContain('<label class="govuk-label govuk-label--s" for="details-washing">Personal hygiene</label>');
    expect(html).toContain('for="details-eating"');
    expect(html).toContain('>Kept</textarea>');
    expect(html).toContain('data-maxlength="20"');
  });

  it('displays one line per option, named by its text', () => {
    expect(handlerFor(details).display(details, { eating: 'Forgets\nmeals', washing: 'Cannot bathe' }, { lang: 'en', t: translator(MESSAGES.en) })).toEqual([
      'Personal hygiene: Cannot bathe',
      'Eating and drinking: Forgets meals',
    ]);
  });

  it('is skipped when the selection is "none", and asked again when another option is ticked', () => {
    expect(nextAfter(england, england.pages[0], { needs: ['none'] }, TODAY)).toEqual({ page: 'phone' });
    expect(walk(england, draft({ needs: ['none'] }, ['needs']), TODAY)).toEqual({ pages: [england.pages[0]], next: { page: 'phone' } });
    expect(nextAfter(england, england.pages[0], { needs: ['washing'] }, TODAY)).toEqual({ page: 'details' });
    const answered = draft({ needs: ['washing'], details: { washing: 'Cannot bathe' } }, ['needs', 'details']);
    expect(walk(england, answered, TODAY).next).toEqual({ page: 'phone' });
    const ticked = draft({ needs: ['washing', 'eating'], details: { washing: 'Cannot bathe' } }, ['needs', 'details']);
    expect(walk(england, ticked, TODAY).next).toEqual({ page: 'details' });
  });

  it('sends only what was written about options still chosen', () => {
    const unticked = draft({ needs: ['eating'], details: { washing: 'Cannot bathe', eating: 'Forgets' }, phone: '01223 443700' }, ['needs', 'details', 'phone']);
    expect(answersOnPath(england, unticked, TODAY)).toEqual({ needs: ['eating'], details: { eating: 'Forgets' }, phone: '01223 443700' });
  });
});
