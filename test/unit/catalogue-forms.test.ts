/**
 * The shared catalogue's forms: each is sound by the form schema, adopted by at least two sample
 * councils (one of them Welsh), bilingual in every text, and routes as designed, with each council's
 * tailoring (values, hidden questions, texts) showing through resolveForm.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { walk } from '../../functions/modules/forms/definition/flow.ts';
import { catalogueProblems, formFile, formProblems, localisedTexts } from '../../functions/modules/forms/definition/form-schema.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import type { Answers, Destination, FormDefinition, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';

const TODAY = '2026-05-12';
const FORM_IDS = ['assisted-bin-collection', 'single-person-discount', 'dropped-kerb', 'new-bin-request'];

const formById = (id: string): FormDefinition => {
  const form = CATALOGUE_FORMS.find((f) => f.id === id);
  if (!form) throw new Error(`no catalogue form ${id}`);
  return form;
};

const placeholdersIn = (text: string) => [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).sort();

let councils: CouncilConfig[];
const council = (id: string) => councils.find((c) => c.id === id)!;
const adopters = (formId: string) =>
  councils.filter((c) => Object.hasOwn((c.services as { forms?: { adopted: Record<string, unknown> } }).forms?.adopted ?? {}, formId));

/** Where the form goes with these answers, every page counted as continued from (optional ones left blank). */
function endOf(form: ResolvedForm, answers: Answers): Destination {
  return walk(form, { formId: form.id, version: form.version, answers, visited: form.pages.map((p) => p.id) }, TODAY).next;
}

/** The ids of the pages the answers pass through. */
function pathOf(form: ResolvedForm, answers: Answers): string[] {
  return walk(form, { formId: form.id, version: form.version, answers, visited: form.pages.map((p) => p.id) }, TODAY).pages.map((p) => p.id);
}

const ADDRESS = { uprn: '10009400001', lines: ['5 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE' };
const NAME = { first: 'Carys', last: 'Jones' };
const FILE = { fileId: 'f-1', name: 'driveway.jpg', contentType: 'image/jpeg', bytes: 120_000 };

beforeAll(async () => {
  councils = await loadCouncils();
});

describe('the catalogue forms', () => {
  it('holds the four forms the issue asks for, and the catalogue check finds no problem', async () => {
    expect(CATALOGUE_FORMS.map((f) => f.id)).toEqual(expect.arrayContaining(FORM_IDS));
    expect(await catalogueProblems(CATALOGUE_FORMS)).toEqual([]);
  });

  it.each(FORM_IDS)('%s parses against the form schema', (id) => {
    expect(formProblems(formById(id), formFile(id))).toEqual([]);
  });

  it.each(FORM_IDS)('%s credits its author and says what happens next and when', (id) => {
    const form = formById(id);
    expect(form.credit.name.trim()).not.toBe('');
    expect(form.confirmation.whatHappensNext.length).toBeGreaterThan(0);
    expect(form.confirmation.responseTime).toBeDefined();
    expect(form.retentionDays).toBeGreaterThan(0);
  });

  it('offers save and return on the two longer forms', () => {
    expect(formById('single-person-discount').saveAndReturn).toEqual({ days: 28 });
    expect(formById('dropped-kerb').saveAndReturn).toEqual({ days: 28 });
  });

  // Welsh may say "y cyngor" where English says {council}: a placeholder cannot make the mutation after "i" or "gall"
  it.each(FORM_IDS)('%s gives every text in Welsh, with the same placeholders as the English ({council} aside)', (id) => {
    const texts = localisedTexts(formById(id), []);
    expect(texts.length).toBeGreaterThan(20);
    for (const [at, text] of texts) {
      expect(text.cy?.trim(), at.join('.')).toBeTruthy();
      expect(text.cy, `${at.join('.')} is the English copied`).not.toBe(text.en);
      const butCouncil = (t: string) => placeholdersIn(t).filter((p) => p !== 'council');
      expect(butCouncil(text.cy!), at.join('.')).toEqual(butCouncil(text.en));
    }
  });

  it.each(FORM_IDS)('%s tells a resident who cannot go on what to do instead, with a phone number', (id) => {
    for (const exit of formById(id).exits ?? []) {
      expect(exit.body.some((p) => p.en.includes('{contact.phone}') && p.cy!.includes('{contact.phone}')), exit.id).toBe(true);
    }
  });

  it.each(FORM_IDS)('%s is adopted by at least two sample councils, one of them Ceredigion', (id) => {
    const ids = adopters(id).map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids).toContain('ceredigion');
    expect(adopters(id).every((c) => c.sample)).toBe(true);
  });

  it('leaves no placeholder unreplaced in any adopting council’s form', () => {
    for (const id of FORM_IDS) {
      for (const c of adopters(id)) {
        const form = resolveForm(c, id)!;
        for (const [at, text] of localisedTexts(form, [])) {
          expect(`${text.en} ${text.cy ?? ''}`, `${c.id} ${id} ${at.join('.')}`).not.toMatch(/\{[^{}]*\}/);
        }
      }
    }
  });

  // A question label cannot go into "Enter …" or "… must be a number": without errorName the message
  // falls back to "Enter an answer", which GOV.UK says is not specific enough. Yes/no, email, phone,
  // National Insurance number, address, file and a first-and-last name have fixed messages that never name the answer.
  const namesItsAnswer = (q: Question) =>
    ['date', 'number', 'text', 'selection', 'organisation'].includes(q.type) || (q.type === 'name' && q.format === 'full');
  const questionsOf = (id: string) => formById(id).pages.flatMap((p) => p.questions);

  it.each(FORM_IDS)('%s gives every question label whose messages would name the answer an errorName in English and Welsh', (id) => {
    const asked = questionsOf(id).filter((q) => q.label.en.trim().endsWith('?') && namesItsAnswer(q));
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) {
      expect(q.errorName?.en.trim(), q.key).toBeTruthy();
      expect(q.errorName?.cy?.trim(), q.key).toBeTruthy();
    }
  });

  it.each(FORM_IDS)('%s writes each errorName to go mid-sentence', (id) => {
    for (const q of questionsOf(id).filter((q) => q.errorName)) {
      const { en, cy } = q.errorName!;
      // Mid-sentence ("Enter your …"): lower-case unless an acronym, no question mark or full stop.
      // (The engine soft-mutates a Welsh noun phrase's first word and leaves a clause opening with a
      // question word alone: "Dewiswch pwy …", never "bwy"; test/unit/forms-error-name.test.ts.)
      expect(en, q.key).toMatch(/^([a-z]|[A-Z]{2,}\b)[^?.]*[^?.\s]$/);
      expect(cy, q.key).toMatch(/^([a-zâêîôûŵŷ]|[A-Z]{2,}\b)[^?.]*[^?.\s]$/);
    }
  });
});

describe('assisted bin collection', () => {
  const form = () => resolveForm(council('hackney'), 'assisted-bin-collection')!;
  const details: Answers = {
    reason: 'I use a walking frame and cannot pull the bin up the path.',
    'collection-point': 'Beside the back door',
    name: NAME,
    address: ADDRESS,
    phone: '07700 900123',
  };

  it('lets someone who lives alone apply, skipping the question about the others', () => {
    const answers = { household: 'alone', temporary: 'no', ...details };
    expect(endOf(form(), answers)).toEqual({ checkAnswers: true });
    expect(pathOf(form(), answers)).not.toContain('others-able');
    expect(pathOf(form(), answers)).not.toContain('end-date');
  });

  it('asks whether the others can take the bins out, and ends when one of them can', () => {
    expect(endOf(form(), { household: 'with-adults' })).toEqual({ page: 'others-able' });
    expect(endOf(form(), { household: 'with-adults', 'others-able': 'yes' })).toEqual({ exit: 'someone-can-help' });
    expect(endOf(form(), { household: 'with-adults', 'others-able': 'no', temporary: 'no', ...details })).toEqual({ checkAnswers: true });
  });

  it('asks for an end date only when the need is temporary', () => {
    expect(endOf(form(), { household: 'alone', ...details, temporary: 'yes' })).toEqual({ page: 'end-date' });
    expect(endOf(form(), { household: 'alone', ...details, temporary: 'yes', 'end-date': '2026-09-01' })).toEqual({ checkAnswers: true });
  });

  it('marks the reason, which is about health, as special-category data', () => {
    const reason = form().pages.flatMap((p) => p.questions).find((q) => q.key === 'reason')!;
    expect(reason.specialCategory).toBe(true);
  });

  it('says the minimum age the council set, in both languages', () => {
    const household = resolveForm(council('ceredigion'), 'assisted-bin-collection')!.pages[0].questions[0];
    expect(household.type === 'selection' && household.options![1].text).toEqual({
      en: 'I live with other people aged 16 or over',
      cy: "Rwy'n byw gyda phobl eraill sy'n 16 oed neu'n hŷn",
    });
  });
});

describe('single person discount', () => {
  const form = (c = 'south-cambridgeshire') => resolveForm(council(c), 'single-person-discount')!;
  const start: Answers = { 'anyone-else': 'no', 'account-number': '30012345', address: ADDRESS, 'living-alone-from': '2026-03-01' };
  const end: Answers = { nino: 'AB123456C', name: NAME, email: 'carys@example.com' };

  it('ends when another adult lives there', () => {
    expect(endOf(form(), { 'anyone-else': 'yes' })).toEqual({ exit: 'not-alone' });
  });

  it('asks who moved out, up to 5, and where to; the address and evidence may be left blank', () => {
    const moved = form().pages.find((p) => p.id === 'moved-out')!.questions[0];
    expect(moved.repeatable).toEqual({ max: 5 });
    const answers = { ...start, 'someone-moved-out': 'yes', 'moved-out': [{ first: 'Dafydd', last: 'Jones' }], ...end };
    expect(endOf(form(), answers)).toEqual({ checkAnswers: true });
    expect(pathOf(form(), answers)).toEqual(expect.arrayContaining(['moved-out', 'forwarding-address', 'evidence']));
  });

  it('skips the people who moved out when nobody did', () => {
    const answers = { ...start, 'someone-moved-out': 'no', ...end };
    expect(endOf(form(), answers)).toEqual({ checkAnswers: true });
    expect(pathOf(form(), answers)).not.toContain('moved-out');
  });

  it('takes a living-alone date up to 6 years back and none in the future', () => {
    const date = form().pages.find((p) => p.id === 'living-alone-from')!.questions[0];
    expect(date.type === 'date' && [date.min, date.max]).toEqual([{ daysFromToday: -2191 }, { daysFromToday: 0 }]);
  });

  it('states the penalty of the council’s nation: £70 in England and Wales, £50 in Scotland', () => {
    expect(form().declaration![1].en).toContain('£70');
    expect(form('ceredigion').declaration![1].cy).toContain('£70');
    expect(form('highland').declaration![1].en).toContain('£50');
  });
});

describe('dropped kerb', () => {
  const form = (c = 'hackney') => resolveForm(council(c), 'dropped-kerb')!;
  const driveway: Answers = { address: ADDRESS, owner: 'yes', surface: 'block-paving', depth: 6 };
  const end: Answers = { sketch: FILE, name: NAME, email: 'carys@example.com', phone: '07700 900123' };

  it('asks a tenant for the owner’s permission, and ends without it', () => {
    expect(pathOf(form(), driveway)).not.toContain('landlord-permission');
    expect(endOf(form(), { address: ADDRESS, owner: 'no' })).toEqual({ page: 'landlord-permission' });
    expect(endOf(form(), { address: ADDRESS, owner: 'no', 'landlord-permission': 'no' })).toEqual({ exit: 'no-permission' });
    expect(endOf(form(), { address: ADDRESS, owner: 'no', 'landlord-permission': 'yes', surface: 'tarmac' })).toEqual({ page: 'depth' });
  });

  it('ends when the driveway is shorter than the council’s minimum: 4.8 m in the catalogue, 5 m at Ceredigion', () => {
    expect(form().values['minimum-depth-metres'].value).toBe(4.8);
    expect(form('ceredigion').values['minimum-depth-metres'].value).toBe(5);
    expect(endOf(form(), { ...driveway, depth: 4.7 })).toEqual({ exit: 'too-shallow' });
    expect(endOf(form(), { ...driveway, depth: 4.9 })).toEqual({ page: 'classified-road' });
    expect(endOf(form('ceredigion'), { ...driveway, depth: 4.9 })).toEqual({ exit: 'too-shallow' });
    expect(endOf(form('ceredigion'), { ...driveway, depth: 5 })).toEqual({ page: 'classified-road' });
    expect(form('ceredigion').exits!.find((e) => e.id === 'too-shallow')!.body[0].cy).toContain('5 metr');
  });

  it('asks about planning permission only off an unclassified road, and ends on a classified one without it', () => {
    expect(endOf(form(), { ...driveway, 'classified-road': 'no', ...end })).toEqual({ checkAnswers: true });
    expect(pathOf(form(), { ...driveway, 'classified-road': 'no', ...end })).not.toContain('planning');
    expect(endOf(form(), { ...driveway, 'classified-road': 'yes', 'planning-permission': 'no' })).toEqual({ exit: 'planning-needed' });
    expect(endOf(form(), { ...driveway, 'classified-road': 'yes', 'planning-permission': 'applied', ...end })).toEqual({ checkAnswers: true });
  });

  it('goes on when the resident does not know the kind of road, so the council checks', () => {
    expect(endOf(form(), { ...driveway, 'classified-road': 'not-sure', 'planning-permission': 'no', ...end })).toEqual({ checkAnswers: true });
  });

  it('takes the sketch as optional, and Highland does not ask for the planning reference', () => {
    expect(endOf(form(), { ...driveway, 'classified-road': 'no', name: NAME, email: 'carys@example.com', phone: '07700 900123' })).toEqual({ checkAnswers: true });
    const planning = (c: string) => form(c).pages.find((p) => p.id === 'planning')!.questions.map((q) => q.key);
    expect(planning('hackney')).toEqual(['planning-permission', 'planning-reference']);
    expect(planning('highland')).toEqual(['planning-permission']);
  });

  it('names roads the council’s residents know in the hint', () => {
    const hint = (c: string) => form(c).pages.find((p) => p.id === 'classified-road')!.questions[0].hint!;
    expect(hint('highland').en).toContain('A9');
    expect(hint('ceredigion')).toMatchObject({ en: expect.stringContaining('A487'), cy: expect.stringContaining('A487') });
  });
});

describe('new or replacement bin', () => {
  const form = (c = 'south-cambridgeshire') => resolveForm(council(c), 'new-bin-request')!;
  const end: Answers = { containers: ['black-bin'], name: NAME, email: 'carys@example.com' };

  it('asks what is wrong with a damaged bin', () => {
    const answers = { address: ADDRESS, reason: 'damaged', damage: ['lid', 'wheels'], ...end };
    expect(pathOf(form(), answers)).toEqual(['address', 'reason', 'damage', 'containers', 'name', 'contact']);
    expect(endOf(form(), answers)).toEqual({ checkAnswers: true });
  });

  it('asks whether a stolen bin was reported, and for the crime reference only if it was', () => {
    expect(pathOf(form(), { address: ADDRESS, reason: 'stolen', reported: 'no', ...end })).toEqual(['address', 'reason', 'reported', 'containers', 'name', 'contact']);
    const reported = { address: ADDRESS, reason: 'stolen', reported: 'yes', ...end };
    expect(pathOf(form(), reported)).toContain('crime-reference');
    expect(endOf(form(), reported)).toEqual({ checkAnswers: true });
  });

  it('asks a new-build home when it was moved into', () => {
    const answers = { address: ADDRESS, reason: 'new-property', 'moved-in': '2026-06-01', ...end };
    expect(pathOf(form(), answers)).toEqual(['address', 'reason', 'moved-in', 'containers', 'name', 'contact']);
  });

  it('gives more room to households of the council’s size only: 6 by default, 5 at Highland', () => {
    const asked = { address: ADDRESS, reason: 'extra-capacity' };
    expect(endOf(form(), { ...asked, 'household-size': 5 })).toEqual({ exit: 'extra-not-eligible' });
    expect(endOf(form(), { ...asked, 'household-size': 6 })).toEqual({ page: 'containers' });
    expect(endOf(form('highland'), { ...asked, 'household-size': 5 })).toEqual({ page: 'containers' });
  });

  it('lists the bins of the property’s council, from the bins config', () => {
    const containers = form().pages.find((p) => p.id === 'containers')!.questions[0];
    expect(containers.type === 'selection' && containers.optionsFrom).toEqual({ source: 'bin-containers', addressQuestion: 'address' });
    expect(containers.type === 'selection' && containers.multiple).toBe(true);
  });
});
