/**
 * The care-needs-assessment form's routes, through the flow functions with each sample council's
 * adoption: every exit reachable (danger, safeguarding, no agreement, under 18), the three ways of
 * asking, the consent and capacity branches, the carer branches, the details page skipped for "not
 * sure"; each council's nation's list of needs; the special-category marks; the safeguarding numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { walk } from '../../functions/modules/forms/definition/flow.ts';
import { localisedTexts } from '../../functions/modules/forms/definition/form-schema.ts';
import { resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import type { Answers, Destination, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { handlerFor, type AnswerContext } from '../../functions/modules/forms/answers/answer-types.ts';
import { formCase } from '../../functions/modules/forms/submission.ts';

const TODAY = '2026-05-12';
let councils: CouncilConfig[];
const form = (id: string): ResolvedForm => resolveForm(councils.find((c) => c.id === id)!, 'care-needs-assessment')!;

beforeAll(async () => {
  councils = await loadCouncils();
});

/** Where the answers lead and through which pages, every page counted as continued from. */
function route(f: ResolvedForm, answers: Answers): { pages: string[]; next: Destination } {
  const { pages, next } = walk(f, { formId: f.id, version: f.version, answers, visited: f.pages.map((p) => p.id) }, TODAY);
  return { pages: pages.map((p) => p.id), next };
}

const PERSON: Answers = {
  'person-name': { full: 'Doreen Okafor' },
  'date-of-birth': '1941-07-03',
  'person-address': { uprn: '10008200011', lines: ['17 Sandringham Mews', 'London'], postcode: 'E8 2NS' },
  'person-phone': '020 7946 0123',
  'lives-with': 'alone',
  'preferred-language': 'English',
  interpreter: 'no',
  advocate: 'no',
  needs: ['personal-hygiene'],
  'needs-details': { 'personal-hygiene': 'Cannot get in the bath.' },
  'unpaid-carer': 'no',
  'contact-method': 'phone',
  'contact-time': 'Mornings',
};
const PERSON_PAGES = ['person-name', 'date-of-birth', 'person-address', 'person-contact', 'lives-with', 'language', 'interpreter', 'communication-needs', 'advocate', 'needs', 'needs-details', 'unpaid-carer', 'health-conditions', 'gp-practice', 'how-to-contact'];
const ASSESS = { 'what-you-want': 'assessment' };
const REQUESTER = { 'requester-name': { full: 'Ola Okafor' }, 'requester-phone': '020 7946 0124' };

describe('the care-needs-assessment routes', () => {
  it('is adopted by every sample council, restricted to care staff', () => {
    expect(councils.map((c) => form(c.id)?.restrictedTo)).toEqual(councils.map(() => 'care'));
  });

  it('sends someone in danger to 999 and a worry about abuse to safeguarding, from the first page', () => {
    const f = form('hackney');
    expect(route(f, { 'what-you-want': 'danger' })).toEqual({ pages: ['what-you-want'], next: { exit: 'immediate-danger' } });
    expect(route(f, { 'what-you-want': 'abuse' })).toEqual({ pages: ['what-you-want'], next: { exit: 'safeguarding' } });
    const exit = f.exits!.find((e) => e.id === 'safeguarding')!;
    expect(exit.body.map((p) => p.en).join(' ')).toContain('020 8356 3000');
    expect(exit.body.map((p) => p.en).join(' ')).toContain('020 8356 2300');
  });

  it('asks someone asking for themselves about themselves only', () => {
    expect(route(form('hackney'), { ...ASSESS, 'who-is-asking': 'myself', ...PERSON })).toEqual({ pages: ['what-you-want', 'who-is-asking', ...PERSON_PAGES], next: { checkAnswers: true } });
  });

  it('asks someone else for their details and the person’s agreement: yes goes on, no ends, unable to decide asks why and about attorney', () => {
    const f = form('hackney');
    const asking = { ...ASSESS, 'who-is-asking': 'someone-else', ...REQUESTER };
    expect(route(f, { ...asking, agreement: 'yes', ...PERSON }).pages).toEqual(['what-you-want', 'who-is-asking', 'your-details', 'agreement', ...PERSON_PAGES]);
    expect(route(f, { ...asking, agreement: 'no', ...PERSON })).toEqual({ pages: ['what-you-want', 'who-is-asking', 'your-details', 'agreement'], next: { exit: 'no-agreement' } });
    expect(route(f, { ...asking, agreement: 'unable-to-decide' }).next).toEqual({ page: 'capacity' });
    const unable = route(f, { ...asking, agreement: 'unable-to-decide', 'capacity-explanation': 'Advanced dementia.', 'power-of-attorney': 'not-known', ...PERSON });
    expect(unable).toEqual({ pages: ['what-you-want', 'who-is-asking', 'your-details', 'agreement', 'capacity', ...PERSON_PAGES], next: { checkAnswers: true } });
  });

  it('asks a professional for their organisation and role as well', () => {
    const f = form('hackney');
    const answers = { ...ASSESS, 'who-is-asking': 'professional', organisation: 'Homerton GP Surgery', role: 'District nurse', ...REQUESTER, agreement: 'yes', ...PERSON };
    expect(route(f, answers).pages).toEqual(['what-you-want', 'who-is-asking', 'professional', 'your-details', 'agreement', ...PERSON_PAGES]);
  });

  it('sends a child to children’s services', () => {
    expect(route(form('hackney'), { ...ASSESS, 'who-is-asking': 'myself', ...PERSON, 'date-of-birth': '2010-01-01' }).next).toEqual({ exit: 'not-an-adult' });
  });

  it('offers the unpaid carer an assessment, and asks for their details unless they are not to be contacted', () => {
    const f = form('hackney');
    const base = { ...ASSESS, 'who-is-asking': 'myself', ...PERSON, 'unpaid-carer': 'yes' };
    const carer = (rest: Answers) => route(f, { ...base, ...rest }).pages.filter((p) => p.startsWith('carer'));
    expect(carer({ 'carer-assessment': 'no' })).toEqual(['carer-assessment']);
    expect(carer({ 'carer-assessment': 'yes', 'carer-name': { full: 'Ola Okafor' }, 'carer-phone': '020 7946 0124' })).toEqual(['carer-assessment', 'carer-details']);
    expect(carer({ 'carer-assessment': 'not-sure', 'carer-name': { full: 'Ola Okafor' }, 'carer-phone': '020 7946 0124' })).toEqual(['carer-assessment', 'carer-details']);
  });

  it('passes by the details page when the needs are "not sure"', () => {
    const { 'needs-details': _, ...rest } = PERSON;
    expect(route(form('hackney'), { ...ASSESS, 'who-is-asking': 'myself', ...rest, needs: ['none'] }).pages).not.toContain('needs-details');
  });

  it('offers each council its nation’s needs: England’s ten, Wales’ seven, Highland’s own', () => {
    const needs = (id: string) => (form(id).pages.find((p) => p.id === 'needs')!.questions[0] as { options: { value: string }[] }).options.map((o) => o.value);
    const england = ['nutrition', 'personal-hygiene', 'toilet-needs', 'dressing', 'home-safety', 'habitable-home', 'relationships', 'work-education', 'community', 'caring-for-child'];
    expect(needs('hackney')).toEqual(england);
    expect(needs('south-cambridgeshire')).toEqual(england);
    expect(needs('ceredigion')).toEqual(['self-care', 'communication', 'protection', 'work-learning-leisure', 'family-relationships', 'social-community', 'child-caring']);
    expect(needs('highland')).toEqual(['personal-care', 'eating-drinking', 'moving-safely', 'daily-routines', 'health-wellbeing', 'staying-safe', 'family-community', 'work-learning', 'caring-for-others']);
    const details = form('highland').pages.find((p) => p.id === 'needs-details')!.questions[0] as { options: { value: string }[] };
    expect(details.options.map((o) => o.value)).toEqual(needs('highland'));
  });

  it('names each nation’s law', () => {
    expect(form('hackney').lawfulBasis?.law?.en).toBe('the Care Act 2014, section 9');
    expect(form('ceredigion').lawfulBasis?.law?.cy).toBe('Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014, adran 19');
    expect(form('highland').lawfulBasis?.law?.en).toBe('the Social Work (Scotland) Act 1968, section 12A');
    expect(form('hackney').lawfulBasis?.article9?.en).toContain('Data Protection Act 2018, Schedule 1, paragraph 2');
  });

  it('marks every answer about health, care, capacity or communication as special category, and no contact detail', () => {
    const marked = form('hackney').pages.flatMap((p) => p.questions.filter((q) => q.specialCategory).map((q) => q.key));
    expect(marked).toEqual(['capacity-explanation', 'power-of-attorney', 'preferred-language', 'interpreter', 'communication-needs', 'advocate', 'needs', 'needs-details', 'unpaid-carer', 'health-conditions', 'gp-practice']);
    expect(form('hackney').pages.flatMap((p) => p.questions.filter((q) => q.contact && q.specialCategory))).toEqual([]);
  });

  it('gives every text in Welsh, not copied from the English', () => {
    const definition = CATALOGUE_FORMS.find((f) => f.id === 'care-needs-assessment')!;
    for (const [at, text] of localisedTexts(definition, [])) {
      expect(text.cy?.trim(), at.join('.')).toBeTruthy();
      expect(text.cy, at.join('.')).not.toBe(text.en);
    }
  });

  it('says what is wrong in natural English and Welsh', async () => {
    const f = form('ceredigion');
    const question = (key: string) => f.pages.flatMap((p) => p.questions).find((q) => q.key === key)!;
    const errorOf = async (key: string, body: Record<string, string>, lang: Language) => {
      const q: Question = question(key);
      const ctx = { lang, t: translator(MESSAGES[lang]), today: TODAY, council: councils.find((c) => c.id === 'ceredigion')!, form: f, optionsFor: (s: Question) => (s.type === 'selection' ? (s.options ?? []) : []) } as unknown as AnswerContext;
      const result = await handlerFor(q).read(q, body, ctx, q.key);
      return result.kind === 'errors' ? Object.values(result.errors)[0] : undefined;
    };
    expect(await errorOf('lives-with', {}, 'en')).toBe('Select who they live with');
    expect(await errorOf('lives-with', {}, 'cy')).toBe("Dewiswch pwy sy'n byw gyda nhw");
    expect(await errorOf('needs', {}, 'cy')).toBe('Dewiswch beth mae angen help arnynt gydag ef');
    expect(await errorOf('what-you-want', {}, 'cy')).toBe('Dewiswch beth rydych eisiau ei wneud');
    const future = { 'date-of-birth-day': '1', 'date-of-birth-month': '1', 'date-of-birth-year': '2030' };
    expect(await errorOf('date-of-birth', future, 'en')).toBe('Their date of birth must be in the past');
    expect(await errorOf('date-of-birth', future, 'cy')).toBe('Rhaid i’w dyddiad geni fod yn y gorffennol');
    // A mistyped year (1850) is refused, not sent on as a case.
    expect(await errorOf('date-of-birth', { 'date-of-birth-day': '1', 'date-of-birth-month': '1', 'date-of-birth-year': '1850' }, 'en')).toMatch(/^Their date of birth must be/);
    expect(await errorOf('capacity-explanation', { 'capacity-explanation': 'x'.repeat(501) }, 'cy')).toBe('Rhaid i esboniad o pam na allant benderfynu fod yn 500 nod neu lai');
  });

  it('replies to whoever asked: the requester when someone else asks, the person when they ask for themselves', () => {
    const f = form('hackney');
    const council = councils.find((c) => c.id === 'hackney')!;
    const t = translator(MESSAGES.en);
    const caseOf = (answers: Answers) =>
      formCase({ council, form: f, draftId: 'd1', draft: { formId: f.id, version: f.version, answers, visited: f.pages.map((p) => p.id) }, lang: 'en', t, today: TODAY });
    const person = { ...PERSON, 'person-email': 'doreen@example.com' };
    const forSomeoneElse = caseOf({ ...ASSESS, 'who-is-asking': 'someone-else', ...REQUESTER, 'requester-email': 'ola@example.com', agreement: 'yes', ...person });
    expect(forSomeoneElse.details).toMatchObject({ name: 'Ola Okafor', email: 'ola@example.com', phone: '020 7946 0124' });
    expect(forSomeoneElse.notification?.to).toBe('ola@example.com');
    // A requester without an email: the person's, if they gave one.
    expect(caseOf({ ...ASSESS, 'who-is-asking': 'someone-else', ...REQUESTER, agreement: 'yes', ...person }).notification?.to).toBe('doreen@example.com');
    const forThemselves = caseOf({ ...ASSESS, 'who-is-asking': 'myself', ...person });
    expect(forThemselves.details).toMatchObject({ name: 'Doreen Okafor', email: 'doreen@example.com', phone: '020 7946 0123' });
    expect(forThemselves.notification?.to).toBe('doreen@example.com');
  });
});
