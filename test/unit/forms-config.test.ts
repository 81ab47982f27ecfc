import { describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { CouncilConfigError, parseCouncil } from '../../functions/config/load-councils.ts';
import { adoptionIssues, formAdoptionSchema, optionSourceProblems, optionSources } from '../../functions/modules/forms/config.ts';
import type { FormAdoption, FormDefinition } from '../../functions/modules/forms/definition/types.ts';
import hackney from '../../councils/hackney.ts';

const t = (en: string, cy?: string) => (cy ? { en, cy } : { en });

const form: FormDefinition = {
  id: 'pets',
  version: 1,
  credit: { name: 'Test Council' },
  title: t('Register a pet', 'Cofrestru anifail'),
  summary: t('Tell us about your pet', 'Dywedwch wrthym am eich anifail'),
  start: [t('Start here', 'Dechrau yma')],
  values: { limit: { value: 3, description: 'Most pets' }, opens: { value: '2026-04-01', description: 'Opening day' } },
  pages: [
    {
      id: 'kind',
      questions: [{ key: 'kind', type: 'selection', label: t('Kind', 'Math'), options: [{ value: 'dog', text: t('Dog', 'Ci') }, { value: 'cat', text: t('Cat') }] }],
      routes: [{ when: { question: 'kind', op: 'equals', value: 'cat' }, to: { page: 'home' } }],
    },
    { id: 'breed', title: t('Breed', 'Brid'), questions: [{ key: 'breed', type: 'text', maxLength: 50, label: t('Breed', 'Brid') }, { key: 'colour', type: 'text', maxLength: 50, label: t('Colour', 'Lliw') }] },
    { id: 'home', questions: [{ key: 'home', type: 'address', label: t('Address', 'Cyfeiriad') }] },
    { id: 'bin', questions: [{ key: 'bin', type: 'selection', label: t('Bin', 'Bin'), optionsFrom: { source: 'bin-containers', addressQuestion: 'home' } }] },
  ],
  confirmation: { whatHappensNext: [t('We will write to you.', 'Byddwn yn ysgrifennu atoch.')] },
  retentionDays: 365,
};
const catalogue = [form];

function council(extra: Record<string, unknown> = {}): CouncilConfig {
  return { id: 'testshire', sample: false, languages: ['en'], name: t('Testshire'), services: { bins: {} }, ...extra } as unknown as CouncilConfig;
}
const issues = (adoption: FormAdoption, c = council()) => adoptionIssues({ adopted: { pets: adoption } }, c, catalogue).map((i) => `${i.path.join('.').replace(/^services\.forms\.adopted\.pets\.?/, '')}: ${i.message}`);
const SUFFIX = ' (councils/testshire.ts, adopting catalogue/forms/pets.ts)';


/** Hackney's file as input, without its care request's own states (cases.types), which name the adopted care form. */
function withoutCareStates(): { services: Record<string, unknown>; cases: Record<string, unknown> } {
  const input = structuredClone(hackney) as unknown as { services: Record<string, unknown>; cases: Record<string, unknown> };
  delete input.cases.types;
  return input;
}

describe('the adoption schema', () => {
  it('accepts every override an adoption may give', () => {
    const adoption = {
      texts: { title: t('Pets'), questions: { kind: { label: t('Which?'), options: { cat: t('Cat or kitten') } } }, pages: { breed: { title: t('Breed') } } },
      contact: { phone: '01223 443700', hours: t('9 to 5') },
      values: { limit: 4 },
      hide: ['colour'],
      retentionDays: 90,
      saveAndReturn: false,
      webhook: { url: 'https://pets.testshire.gov.uk/in' },
      mailbox: { email: 'pets@testshire.gov.uk' },
    };
    expect(formAdoptionSchema.safeParse(adoption).success).toBe(true);
  });

  it('refuses unknown fields, a non-web address and a bad mailbox', () => {
    expect(formAdoptionSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(formAdoptionSchema.safeParse({ webhook: { url: 'ftp://x.gov.uk' } }).error?.issues[0].message).toBe('Use an https:// address');
    expect(formAdoptionSchema.safeParse({ mailbox: { email: 'not an email' } }).success).toBe(false);
    expect(formAdoptionSchema.safeParse({ saveAndReturn: true }).success).toBe(false);
  });
});

describe('adoptionIssues', () => {
  it('accepts a plain adoption', () => {
    expect(issues({})).toEqual([]);
  });

  it('names an unknown form and lists the catalogue’s', () => {
    expect(adoptionIssues({ adopted: { ghost: {} } }, council(), catalogue)).toEqual([
      { path: ['services', 'forms', 'adopted', 'ghost'], message: 'councils/testshire.ts adopts "ghost", which is not in the catalogue: catalogue/forms.ts lists pets' },
    ]);
  });

  it('names a catalogue form that is itself broken', () => {
    const broken = { ...form, pages: [] };
    expect(adoptionIssues({ adopted: { pets: {} } }, council(), [broken])[0].message).toBe(
      'catalogue/forms/pets.ts, which councils/testshire.ts adopts, has 1 problem(s): pages: A form has at least one page',
    );
  });

  it('names texts for pages, questions, options and exits the form does not have', () => {
    expect(issues({ texts: { pages: { nope: { title: t('x') } }, exits: { gone: { title: t('x') } } } })).toEqual([
      `texts.pages.nope: catalogue/forms/pets.ts has no page "nope" (its pages: kind, breed, home, bin)${SUFFIX}`,
      `texts.exits.gone: catalogue/forms/pets.ts has no exit "gone" (its exits: none)${SUFFIX}`,
    ]);
    expect(issues({ texts: { questions: { nope: { label: t('x') }, kind: { options: { fish: t('Fish') } }, bin: { options: { a: t('A') } } } } })).toEqual([
      `texts.questions.nope: catalogue/forms/pets.ts has no question "nope" (its questions: kind, breed, colour, home, bin)${SUFFIX}`,
      `texts.questions.kind.options.fish: Question "kind" of catalogue/forms/pets.ts has no option "fish" (its options: dog, cat)${SUFFIX}`,
      `texts.questions.bin.options: Question "bin" of catalogue/forms/pets.ts has no options of its own to rename${SUFFIX}`,
    ]);
  });

  it('names values the form does not have, or of the wrong kind', () => {
    expect(issues({ values: { age: 3, limit: 'three', opens: 'soon' } })).toEqual([
      `values.age: catalogue/forms/pets.ts has no value "age" (its values: limit, opens)${SUFFIX}`,
      `values.limit: "limit" is a number in catalogue/forms/pets.ts (Most pets), not a string${SUFFIX}`,
      `values.opens: "opens" is a date in catalogue/forms/pets.ts: write it like 2026-04-01${SUFFIX}`,
    ]);
    expect(issues({ values: { limit: 5, opens: '2026-05-01' } })).toEqual([]);
  });

  it('refuses hiding an unknown question, one routing needs, or the address another question’s options come from', () => {
    expect(issues({ hide: ['nope', 'kind', 'home'] })).toEqual([
      `hide.0: catalogue/forms/pets.ts has no question "nope" (its questions: kind, breed, colour, home, bin)${SUFFIX}`,
      `hide.1: Question "kind" decides where residents go (catalogue/forms/pets.ts pages.0.routes.0), so it cannot be hidden${SUFFIX}`,
      `hide.2: Question "bin" lists options for the address "home" gives, so "home" cannot be hidden${SUFFIX}`,
    ]);
    expect(issues({ hide: ['home', 'bin', 'colour'] })).toEqual([]);
  });

  it('refuses hiding the email address the confirmation email goes to, but not the name or an other email question', () => {
    const contact = {
      id: 'contact',
      title: t('Contact', 'Cyswllt'),
      questions: [
        { key: 'email', type: 'email', label: t('Email', 'E-bost'), contact: 'email' },
        { key: 'work-email', type: 'email', label: t('Work email', 'E-bost gwaith'), optional: true },
        { key: 'name', type: 'name', format: 'full', label: t('Name', 'Enw'), contact: 'name' },
      ],
    };
    const withContact = { ...form, pages: [...form.pages, contact] } as FormDefinition;
    const hiding = (hide: string[]) => adoptionIssues({ adopted: { pets: { hide } } }, council(), [withContact]).map((i) => `${i.path.slice(-2).join('.')}: ${i.message}`);

    expect(hiding(['work-email', 'email'])).toEqual([`hide.1: Question "email" is the resident's email address, where the confirmation email goes, so it cannot be hidden${SUFFIX}`]);
    expect(hiding(['work-email'])).toEqual([]);
    // A name question is the resident's to give: a council may leave it out.
    expect(hiding(['name'])).toEqual([]);
  });

  it('needs a title for a one-question page the adoption gives guidance, or leaves one question with guidance', () => {
    const why = 'so it needs a title: the page heading, which GOV.UK Forms asks for when a question has guidance';
    expect(issues({ texts: { questions: { home: { guidance: [t('We post your tag here.')] } } } })).toEqual([
      `texts.pages.home.title: Page "home" has guidance (texts.questions.home.guidance), ${why}: give it in texts.pages.home.title${SUFFIX}`,
    ]);
    expect(issues({ texts: { pages: { kind: { guidance: [t('Only pets that live indoors.')] } } } })).toEqual([
      `texts.pages.kind.title: Page "kind" has guidance (texts.pages.kind.guidance), ${why}: give it in texts.pages.kind.title${SUFFIX}`,
    ]);
    expect(issues({ texts: { pages: { home: { title: t('Where your pet lives') } }, questions: { home: { guidance: [t('We post your tag here.')] } } } })).toEqual([]);
    // The page of two keeps its title when one is hidden; a form's untitled page with guidance left showing one question needs one.
    expect(issues({ hide: ['colour'], texts: { questions: { breed: { guidance: [t('As on its papers.')] } } } })).toEqual([]);
    const untitled = { ...form, pages: [form.pages[0], { ...form.pages[1], title: undefined, guidance: [t('Both, please.')] }, ...form.pages.slice(2)] } as FormDefinition;
    expect(adoptionIssues({ adopted: { pets: { hide: ['colour'] } } }, council(), [untitled]).map((i) => i.message)).toEqual([
      `Page "breed" has guidance (catalogue/forms/pets.ts pages.1.guidance), ${why}: give it in texts.pages.breed.title${SUFFIX}`,
    ]);
  });

  it('refuses texts for a hidden question and hiding every question', () => {
    expect(issues({ hide: ['colour'], texts: { questions: { colour: { label: t('Shade') } } } })).toEqual([
      `texts.questions.colour: Question "colour" is hidden, so its texts are never shown${SUFFIX}`,
    ]);
    expect(issues({ hide: ['breed', 'colour', 'home', 'bin', 'kind'] })).toContain(`hide: Every question of catalogue/forms/pets.ts is hidden: adopt another form instead${SUFFIX}`);
    // the page's route tests an earlier question: dropping the page would lose it
    const routed = { ...form, pages: [form.pages[0], { ...form.pages[1], routes: [{ when: { question: 'kind', op: 'equals', value: 'dog' }, to: { page: 'bin' } }] }, ...form.pages.slice(2)] } as FormDefinition;
    expect(adoptionIssues({ adopted: { pets: { hide: ['breed', 'colour'] } } }, council(), [routed]).map((i) => i.message)).toEqual([
      `Hiding every question on page "breed" drops it, but its routes (catalogue/forms/pets.ts pages.1.routes) decide where residents go${SUFFIX}`,
    ]);
  });

  it('needs the service that gives a selection’s options switched on, unless the question is hidden', () => {
    const withoutBins = council({ services: {} });
    expect(issues({}, withoutBins)).toEqual([
      `: Question "bin" of catalogue/forms/pets.ts lists options from "bin-containers", which the bins service gives: switch on services.bins, or hide "bin"${SUFFIX}`,
    ]);
    expect(issues({ hide: ['bin'] }, withoutBins)).toEqual([]);
  });

  it('allows http://localhost webhooks only for sample councils', () => {
    expect(issues({ webhook: { url: 'http://localhost:4000/in' } })).toEqual([`webhook.url: http://localhost is only for sample councils: use an https:// address${SUFFIX}`]);
    expect(issues({ webhook: { url: 'http://localhost:4000/in' } }, council({ sample: true }))).toEqual([]);
    expect(issues({ webhook: { url: 'http://pets.testshire.gov.uk/in' } }, council({ sample: true }))).toEqual([`webhook.url: Use an https:// address${SUFFIX}`]);
  });

  it('refuses an unknown placeholder in an override, and contact hours nobody gives', () => {
    expect(issues({ texts: { title: t('Pets at {councel}') } })).toEqual([`texts.title.en: Unknown placeholder {councel}${SUFFIX}`]);
    expect(issues({ texts: { summary: t('Open {contact.hours}') } })).toEqual([
      `contact.hours: texts.summary says {contact.hours}, but neither catalogue/forms/pets.ts nor the adoption gives contact hours${SUFFIX}`,
    ]);
    expect(issues({ texts: { summary: t('Open {contact.hours}') }, contact: { hours: t('9 to 5') } })).toEqual([]);
  });

  it('names each text a Welsh council would show without Welsh, with where to give it', () => {
    const welsh = council({ languages: ['en', 'cy'] });
    expect(issues({}, welsh)).toEqual([
      `: catalogue/forms/pets.ts pages.0.questions.0.options.1.text has no Welsh (cy), and this council lists cy in languages: add it to the form, or give the text in this adoption's texts.questions.kind.options.cat${SUFFIX}`,
    ]);
    expect(issues({ texts: { questions: { kind: { options: { cat: t('Cat', 'Cath') } } } } }, welsh)).toEqual([]);
    // a hidden question's texts are never shown
    const noWelshColour = { ...form, pages: form.pages.map((p) => (p.id === 'breed' ? { ...p, questions: [p.questions[0], { ...p.questions[1], label: t('Colour') }] } : p)) };
    const withCat = { texts: { questions: { kind: { options: { cat: t('Cat', 'Cath') } } } } };
    expect(adoptionIssues({ adopted: { pets: { ...withCat, hide: ['colour'] } } }, welsh, [noWelshColour])).toEqual([]);
    expect(adoptionIssues({ adopted: { pets: withCat } }, welsh, [noWelshColour])[0].message).toContain('pages.1.questions.1.label has no Welsh');
  });
});

describe('option sources', () => {
  it('knows which module gives each list', () => {
    expect(optionSources().get('bin-containers')).toBe('bins');
    expect(optionSources([{ id: 'a', formOptionSources: { x: () => [] } }, { id: 'b' }])).toEqual(new Map([['x', 'a']]));
  });

  it('names a catalogue form whose selection takes options from a list no module gives', () => {
    const odd = { ...form, pages: [...form.pages.slice(0, 3), { id: 'bin', questions: [{ key: 'bin', type: 'selection' as const, label: t('Bin'), optionsFrom: { source: 'recycling-boxes' } }] }] };
    expect(optionSourceProblems([form, odd], optionSources())).toEqual([
      { file: 'catalogue/forms/pets.ts', path: 'pages.3.questions.0.optionsFrom.source', message: 'No service gives a list called "recycling-boxes" (lists: bin-containers)' },
    ]);
  });
});

describe('a council file adopting forms', () => {
  it('is refused with the council file, the field path and the catalogue’s ids when it adopts an unknown form', () => {
    const input = withoutCareStates();
    input.services.forms = { adopted: { 'no-such-form': {} } };
    let error: CouncilConfigError | undefined;
    try {
      parseCouncil(input, 'councils/hackney.ts');
    } catch (e) {
      error = e as CouncilConfigError;
    }
    expect(error).toBeInstanceOf(CouncilConfigError);
    expect(error!.message).toContain('councils/hackney.ts');
    expect(error!.problems).toEqual([
      { path: 'services.forms.adopted.no-such-form', message: expect.stringMatching(/^councils\/hackney\.ts adopts "no-such-form", which is not in the catalogue: catalogue\/forms\.ts lists/) },
    ]);
  });

  it('reports a malformed adoption once, through the schema, without running the checks on it', () => {
    const input = withoutCareStates();
    input.services.forms = { adopted: { pets: { webhook: { url: 'not a web address' } } } };
    expect(() => parseCouncil(input, 'councils/hackney.ts')).toThrow(CouncilConfigError);
    try {
      parseCouncil(input, 'councils/hackney.ts');
    } catch (e) {
      expect((e as CouncilConfigError).problems).toEqual([{ path: 'services.forms.adopted.pets.webhook.url', message: 'Use an https:// address' }]);
    }
  });

  it('may leave adopted out', () => {
    const input = withoutCareStates();
    input.services.forms = {};
    expect(parseCouncil(input, 'councils/hackney.ts').services.forms).toEqual({ adopted: {} });
  });
});
