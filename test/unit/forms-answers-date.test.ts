import { describe, expect, it } from 'vitest';
import { gazetteerLookup } from '../../functions/core/address/address-lookup.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { ANSWER_HANDLERS, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import type { DateLimit, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { council as loadCouncil } from '../support/harness.ts';

type DateQuestion = Extract<Question, { type: 'date' }>;
const council = await loadCouncil('south-cambridgeshire');
// A fixed day: every relative limit below counts from it.
const TODAY = '2026-03-10';

function ctx(lang: Language): AnswerContext {
  const source = council.addresses;
  if (source?.provider !== 'gazetteer') throw new Error('the sample council has a gazetteer');
  return { lang, t: translator(MESSAGES[lang]), today: TODAY, council, form: { id: 'test-form' } as ResolvedForm, addresses: gazetteerLookup(source), optionsFor: () => [] };
}

const dob: DateQuestion = { key: 'dob', type: 'date', kind: 'date-of-birth', label: { en: 'Your date of birth', cy: 'Eich dyddiad geni' } };
const moved = (limits: { min?: DateLimit; max?: DateLimit }): DateQuestion => ({
  key: 'moved',
  type: 'date',
  kind: 'other',
  label: { en: 'Date you moved in', cy: 'Dyddiad symud i mewn' },
  ...limits,
});
const parts = (key: string, day: string, month: string, year: string): PostedFields => ({ [`${key}-day`]: day, [`${key}-month`]: month, [`${key}-year`]: year });

async function errorsIn(q: DateQuestion, body: PostedFields) {
  const [en, cy] = [ANSWER_HANDLERS.date.read(q, body, ctx('en'), q.key), ANSWER_HANDLERS.date.read(q, body, ctx('cy'), q.key)];
  const [e, c] = [await en, await cy];
  if (e.kind !== 'errors' || c.kind !== 'errors') throw new Error(`expected errors, got ${JSON.stringify(e)}`);
  return { en: e.errors, cy: c.errors };
}

async function valueOf(q: DateQuestion, body: PostedFields) {
  const result = await ANSWER_HANDLERS.date.read(q, body, ctx('en'), q.key);
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

describe('a date of birth', () => {
  it('asks for it when nothing is entered, linking to the day', async () => {
    expect(await errorsIn(dob, parts('dob', '', '', ''))).toEqual({ en: { 'dob-day': 'Enter your date of birth' }, cy: { 'dob-day': 'Rhowch eich dyddiad geni' } });
  });

  it('names the missing parts and links to the first of them', async () => {
    expect(await errorsIn(dob, parts('dob', '3', '', '1990'))).toEqual({
      en: { 'dob-month': 'Your date of birth must include a month' },
      cy: { 'dob-month': 'Rhaid i’ch dyddiad geni gynnwys mis' },
    });
    expect(await errorsIn(dob, parts('dob', '', '4', ''))).toEqual({
      en: { 'dob-day': 'Your date of birth must include a day and year' },
      cy: { 'dob-day': 'Rhaid i’ch dyddiad geni gynnwys diwrnod a blwyddyn' },
    });
    expect(await errorsIn(dob, parts('dob', '3', '', ''))).toEqual({
      en: { 'dob-month': 'Your date of birth must include a month and year' },
      cy: { 'dob-month': 'Rhaid i’ch dyddiad geni gynnwys mis a blwyddyn' },
    });
  });

  it('asks for a real date, linking to the part that cannot be right', async () => {
    const real = { en: 'Your date of birth must be a real date', cy: 'Rhaid i’ch dyddiad geni fod yn ddyddiad go iawn' };
    expect(await errorsIn(dob, parts('dob', '3', '13', '1990'))).toEqual({ en: { 'dob-month': real.en }, cy: { 'dob-month': real.cy } });
    expect(await errorsIn(dob, parts('dob', '3', '4', '90'))).toEqual({ en: { 'dob-year': real.en }, cy: { 'dob-year': real.cy } });
    expect(await errorsIn(dob, parts('dob', '30', '2', '1990'))).toEqual({ en: { 'dob-day': real.en }, cy: { 'dob-day': real.cy } });
    expect(await errorsIn(dob, parts('dob', 'x', 'y', '1990'))).toEqual({ en: { 'dob-day': real.en }, cy: { 'dob-day': real.cy } });
  });

  it('must be in the past: today is refused', async () => {
    expect(await errorsIn(dob, parts('dob', '10', '3', '2026'))).toEqual({
      en: { 'dob-day': 'Your date of birth must be in the past' },
      cy: { 'dob-day': 'Rhaid i’ch dyddiad geni fod yn y gorffennol' },
    });
    expect(await valueOf(dob, parts('dob', '9', '3', '2026'))).toBe('2026-03-09');
  });

  it('reads months written as numbers or names, in English or Welsh', async () => {
    expect(await valueOf(dob, parts('dob', '05', '03', '1990'))).toBe('1990-03-05');
    expect(await valueOf(dob, parts('dob', '5', 'Mar', '1990'))).toBe('1990-03-05');
    expect(await valueOf(dob, parts('dob', '5', 'Mawrth', '1990'))).toBe('1990-03-05');
    expect(await valueOf(dob, parts('dob', '29', 'february', '2024'))).toBe('2024-02-29');
  });

  it('shows the date as GOV.UK writes it, in the page’s language', () => {
    expect(ANSWER_HANDLERS.date.display(dob, '1990-03-05', ctx('en'))).toEqual(['5 March 1990']);
    expect(ANSWER_HANDLERS.date.display(dob, '1990-03-05', ctx('cy'))).toEqual(['5 Mawrth 1990']);
  });
});

describe('another date with limits', () => {
  it('says "today or in the past" for a limit of today, and takes today', async () => {
    const q = moved({ max: { daysFromToday: 0 } });
    expect(await errorsIn(q, parts('moved', '11', '3', '2026'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be today or in the past' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod heddiw neu yn y gorffennol' },
    });
    expect(await valueOf(q, parts('moved', '10', '3', '2026'))).toBe(TODAY);
  });

  it('says "in the past", "in the future" and "today or in the future" for limits a day away or today', async () => {
    expect(await errorsIn(moved({ max: { daysFromToday: -1 } }), parts('moved', '10', '3', '2026'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be in the past' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod yn y gorffennol' },
    });
    expect(await errorsIn(moved({ min: { daysFromToday: 1 } }), parts('moved', '10', '3', '2026'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be in the future' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod yn y dyfodol' },
    });
    expect(await errorsIn(moved({ min: { daysFromToday: 0 } }), parts('moved', '9', '3', '2026'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be today or in the future' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod heddiw neu yn y dyfodol' },
    });
  });

  it('names the dates of other limits', async () => {
    const between = moved({ min: { date: '2025-04-01' }, max: { date: '2026-03-31' } });
    expect(await errorsIn(between, parts('moved', '31', '3', '2025'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be between 1 April 2025 and 31 March 2026' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod rhwng 1 Ebrill 2025 a 31 Mawrth 2026' },
    });
    expect(await valueOf(between, parts('moved', '1', '4', '2025'))).toBe('2025-04-01');
    expect(await valueOf(between, parts('moved', '31', '3', '2026'))).toBe('2026-03-31');
    expect(await errorsIn(moved({ min: { date: '2025-04-01' } }), parts('moved', '31', '3', '2025'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be the same as or after 1 April 2025' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod yr un fath â 1 Ebrill 2025 neu ar ôl hynny' },
    });
    expect(await errorsIn(moved({ max: { daysFromToday: 30 } }), parts('moved', '1', '5', '2026'))).toEqual({
      en: { 'moved-day': 'Date you moved in must be the same as or before 9 April 2026' },
      cy: { 'moved-day': 'Rhaid i ddyddiad symud i mewn fod yr un fath â 9 Ebrill 2026 neu cyn hynny' },
    });
  });

  it('says "the date" when the label is a question', async () => {
    const q: DateQuestion = { ...moved({}), label: { en: 'When did you move in?', cy: 'Pryd wnaethoch chi symud i mewn?' } };
    expect(await errorsIn(q, parts('moved', '', '', ''))).toEqual({ en: { 'moved-day': 'Enter a date' }, cy: { 'moved-day': 'Rhowch ddyddiad' } });
    expect(await errorsIn(q, parts('moved', '32', '1', '2026'))).toEqual({
      en: { 'moved-day': 'The date must be a real date' },
      cy: { 'moved-day': 'Rhaid i’r dyddiad fod yn ddyddiad go iawn' },
    });
  });

  it('leaves an optional date blank as no answer, but not a part-filled one', async () => {
    const q = { ...moved({}), optional: true };
    expect(await valueOf(q, parts('moved', ' ', '', ''))).toBeUndefined();
    expect((await errorsIn(q, parts('moved', '1', '', ''))).en).toEqual({ 'moved-month': 'Date you moved in must include a month and year' });
  });
});
