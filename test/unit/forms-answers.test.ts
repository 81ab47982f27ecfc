import { describe, expect, it } from 'vitest';
import { gazetteerLookup } from '../../functions/core/address/address-lookup.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { ANSWER_HANDLERS, handlerFor, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import { normaliseNino } from '../../functions/modules/forms/answers/nino.tsx';
import { normalisePhone } from '../../functions/modules/forms/answers/phone.tsx';
import { softMutate, subject } from '../../functions/modules/forms/answers/shared.ts';
import type { Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { council as loadCouncil } from '../support/harness.ts';

const council = await loadCouncil('south-cambridgeshire');
const TODAY = '2026-03-10';

function ctx(lang: Language): AnswerContext {
  const source = council.addresses;
  if (source?.provider !== 'gazetteer') throw new Error('the sample council has a gazetteer');
  return {
    lang,
    t: translator(MESSAGES[lang]),
    today: TODAY,
    council,
    form: { id: 'test-form' } as ResolvedForm,
    addresses: gazetteerLookup(source),
    optionsFor: (q) => q.options ?? [],
  };
}

async function read(q: Question, body: PostedFields, lang: Language = 'en') {
  return handlerFor(q).read(q, body, ctx(lang), q.key);
}

/** The error messages a POST gets, in English and in Welsh. */
async function errorsIn(q: Question, body: PostedFields) {
  const [en, cy] = [await read(q, body, 'en'), await read(q, body, 'cy')];
  if (en.kind !== 'errors' || cy.kind !== 'errors') throw new Error(`expected errors, got ${en.kind} and ${cy.kind}`);
  return { en: en.errors, cy: cy.errors };
}

async function valueOf(q: Question, body: PostedFields) {
  const result = await read(q, body);
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

const text = (en: string, cy: string) => ({ en, cy });

describe('what error messages call an answer', () => {
  it('uses the label, lower-cased mid-sentence and soft-mutated in Welsh', () => {
    const q: Question = { key: 'dob', type: 'date', kind: 'date-of-birth', label: text('Date of birth', 'Dyddiad geni') };
    expect(subject(q, ctx('en'), 'date')).toEqual({ name: 'date of birth', Name: 'Date of birth' });
    expect(subject(q, ctx('cy'), 'date')).toEqual({ name: 'ddyddiad geni', Name: 'ddyddiad geni' });
  });

  it('keeps an acronym at the start of a label in capitals', () => {
    const q: Question = { key: 'nhs', type: 'text', maxLength: 10, label: text('NHS number', 'Rhif GIG') };
    expect(subject(q, ctx('en'), 'answer').name).toBe('NHS number');
  });

  it('falls back to a neutral noun when the label is a question', () => {
    const q: Question = { key: 'moved', type: 'date', kind: 'other', label: text('When did you move in?', 'Pryd wnaethoch chi symud i mewn?') };
    expect(subject(q, ctx('en'), 'date')).toEqual({ name: 'a date', Name: 'The date' });
    expect(subject(q, ctx('cy'), 'date')).toEqual({ name: 'ddyddiad', Name: 'y dyddiad' });
  });

  it('soft-mutates Welsh as after "Rhowch" and "i"', () => {
    expect(['pris', 'tref', 'cyfeiriad', 'biniau', 'dyddiad', 'gardd', 'manylion', 'llinell', 'rhif', 'enw', 'theatr'].map(softMutate)).toEqual([
      'bris', 'dref', 'gyfeiriad', 'finiau', 'ddyddiad', 'ardd', 'fanylion', 'linell', 'rif', 'enw', 'theatr',
    ]);
  });
});

describe('a name', () => {
  const full: Question = { key: 'name', type: 'name', format: 'full', label: text('Full name', 'Enw llawn') };
  const parts: Question = { key: 'name', type: 'name', format: 'first-last', title: true, label: text('Your name', 'Eich enw') };

  it('asks for a full name with the label in the message', async () => {
    expect(await errorsIn(full, { name: '  ' })).toEqual({ en: { name: 'Enter full name' }, cy: { name: 'Rhowch enw llawn' } });
  });

  it('says "a name" when the label is a question', async () => {
    const q: Question = { ...full, label: text('What is your name?', 'Beth yw eich enw?') };
    expect(await errorsIn(q, {})).toEqual({ en: { name: 'Enter a name' }, cy: { name: 'Rhowch enw' } });
  });

  it('asks for the first and the last name, each on its own field', async () => {
    expect(await errorsIn(parts, { 'name-title': 'Dr' })).toEqual({
      en: { 'name-first': 'Enter a first name', 'name-last': 'Enter a last name' },
      cy: { 'name-first': 'Rhowch enw cyntaf', 'name-last': 'Rhowch gyfenw' },
    });
  });

  it('refuses a first name over 100 characters and a title over 35', async () => {
    expect(await errorsIn(parts, { 'name-title': 'T'.repeat(36), 'name-first': 'A'.repeat(101), 'name-last': 'Lovelace' })).toEqual({
      en: { 'name-title': 'Title must be 35 characters or less', 'name-first': 'First name must be 100 characters or less' },
      cy: { 'name-title': 'Rhaid i’r teitl fod yn 35 nod neu lai', 'name-first': 'Rhaid i’r enw cyntaf fod yn 100 nod neu lai' },
    });
  });

  it('refuses a full name over 200 characters', async () => {
    expect(await errorsIn(full, { name: 'A'.repeat(201) })).toEqual({
      en: { name: 'Full name must be 200 characters or less' },
      cy: { name: 'Rhaid i enw llawn fod yn 200 nod neu lai' },
    });
  });

  it('keeps the parts trimmed, with the title when given, and shows them as one line', async () => {
    const value = await valueOf(parts, { 'name-title': ' Dr ', 'name-first': ' Ada ', 'name-last': 'King  Lovelace' });
    expect(value).toEqual({ title: 'Dr', first: 'Ada', last: 'King Lovelace' });
    expect(ANSWER_HANDLERS.name.display(parts as Extract<Question, { type: 'name' }>, value as never, ctx('en'))).toEqual(['Dr Ada King Lovelace']);
    expect(await valueOf(full, { name: 'Ada Lovelace' })).toEqual({ full: 'Ada Lovelace' });
  });

  it('leaves an optional name blank as no answer', async () => {
    expect(await valueOf({ ...parts, optional: true }, { 'name-title': '', 'name-first': '', 'name-last': '' })).toBeUndefined();
  });
});

describe('an organisation', () => {
  const q: Question = { key: 'org', type: 'organisation', label: text('Organisation name', 'Enw’r sefydliad') };

  it('asks for it, and refuses one over 200 characters', async () => {
    expect(await errorsIn(q, {})).toEqual({ en: { org: 'Enter organisation name' }, cy: { org: 'Rhowch enw’r sefydliad' } });
    expect(await errorsIn(q, { org: 'x'.repeat(201) })).toEqual({
      en: { org: 'Organisation name must be 200 characters or less' },
      cy: { org: 'Rhaid i enw’r sefydliad fod yn 200 nod neu lai' },
    });
  });

  it('keeps the name trimmed', async () => {
    expect(await valueOf(q, { org: '  Cambourne Allotments Society ' })).toBe('Cambourne Allotments Society');
  });
});

describe('an email address', () => {
  const q: Question = { key: 'email', type: 'email', label: text('Email address', 'Cyfeiriad e-bost') };

  it('asks for one, then for one in the correct format', async () => {
    expect(await errorsIn(q, { email: '' })).toEqual({ en: { email: 'Enter an email address' }, cy: { email: 'Rhowch gyfeiriad e-bost' } });
    for (const wrong of ['name@', 'name.example.com', 'name @example.com', 'name@example']) {
      expect(await errorsIn(q, { email: wrong })).toEqual({
        en: { email: 'Enter an email address in the correct format, like name@example.com' },
        cy: { email: 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com' },
      });
    }
  });

  it('keeps the address trimmed; an optional one may be blank', async () => {
    expect(await valueOf(q, { email: ' ada@example.com ' })).toBe('ada@example.com');
    expect(await valueOf({ ...q, optional: true }, { email: ' ' })).toBeUndefined();
  });
});

describe('a telephone number', () => {
  const q: Question = { key: 'phone', type: 'phone', label: text('Telephone number', 'Rhif ffôn') };

  it('asks for one, then for a real one, with GOV.UK’s examples', async () => {
    expect(await errorsIn(q, {})).toEqual({ en: { phone: 'Enter a telephone number' }, cy: { phone: 'Rhowch rif ffôn' } });
    for (const wrong of ['12345', 'call me', '07700 900 982 12', '+44 7700', '0770-090-098', '++44 808 157 0192', '07700+900982']) {
      expect(await errorsIn(q, { phone: wrong }), wrong).toEqual({
        en: { phone: 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192' },
        cy: { phone: 'Rhowch rif ffôn, fel 01632 960 001, 07700 900 982 neu +44 808 157 0192' },
      });
    }
  });

  it('writes UK numbers one way, however they were typed', () => {
    expect(normalisePhone('01632960001')).toBe('01632 960 001');
    expect(normalisePhone('+44 (0)7700 900982')).toBe('07700 900 982');
    expect(normalisePhone('0044 808 157 0192')).toBe('0808 157 0192');
    expect(normalisePhone('+44 20 7946 0000')).toBe('020 7946 0000');
    expect(normalisePhone('(0113) 496-0000')).toBe('0113 496 0000');
    expect(normalisePhone('0300.123.4567')).toBe('0300 123 4567');
    expect(normalisePhone('0800 123456')).toBe('0800 123456');
    expect(normalisePhone('+33 1 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('0123456789')).toBe('01234 56789');
  });

  it('stores the normalised number', async () => {
    expect(await valueOf(q, { phone: '+447700900982' })).toBe('07700 900 982');
  });
});

describe('a National Insurance number', () => {
  const q: Question = { key: 'nino', type: 'nino', label: text('National Insurance number', 'Rhif Yswiriant Gwladol') };

  it('asks for one, then for one in the correct format', async () => {
    expect(await errorsIn(q, {})).toEqual({ en: { nino: 'Enter a National Insurance number' }, cy: { nino: 'Rhowch rif Yswiriant Gwladol' } });
    // QQ is GOV.UK's example precisely because it is never issued; nor are GB, a D first or an O second, or an E suffix.
    for (const wrong of ['QQ 12 34 56 C', 'GB123456A', 'DA123456A', 'AO123456A', 'AB123456E', 'AB12345C', 'AB1234567C']) {
      expect(await errorsIn(q, { nino: wrong }), wrong).toEqual({
        en: { nino: 'Enter a National Insurance number in the correct format' },
        cy: { nino: 'Rhowch rif Yswiriant Gwladol yn y fformat cywir' },
      });
    }
  });

  it('stores it upper case without spaces, and shows it as GOV.UK writes it', async () => {
    expect(normaliseNino('ab 12 34 56 c')).toBe('AB123456C');
    expect(normaliseNino('AB-12-34-56-C')).toBe('AB123456C');
    expect(await valueOf(q, { nino: ' ce 12 34 56 d ' })).toBe('CE123456D');
    expect(ANSWER_HANDLERS.nino.display(q as Extract<Question, { type: 'nino' }>, 'CE123456D', ctx('en'))).toEqual(['CE 12 34 56 D']);
  });
});

describe('a number', () => {
  const rent: Question = { key: 'rent', type: 'number', prefix: '£', min: 1, max: 1000, label: text('Weekly rent', 'Rhent wythnosol') };
  const people: Question = { key: 'people', type: 'number', whole: true, min: 1, label: text('Number of people', 'Nifer y bobl') };

  it('asks for one, then for a number', async () => {
    expect(await errorsIn(rent, {})).toEqual({ en: { rent: 'Enter weekly rent' }, cy: { rent: 'Rhowch rent wythnosol' } });
    expect(await errorsIn(rent, { rent: 'about fifty' })).toEqual({ en: { rent: 'Weekly rent must be a number' }, cy: { rent: 'Rhaid i rent wythnosol fod yn rhif' } });
    expect(await errorsIn(rent, { rent: '1.2.3' })).toEqual({ en: { rent: 'Weekly rent must be a number' }, cy: { rent: 'Rhaid i rent wythnosol fod yn rhif' } });
  });

  it('asks for a whole number where the question says so', async () => {
    expect(await errorsIn(people, { people: '2.5' })).toEqual({
      en: { people: 'Number of people must be a whole number' },
      cy: { people: 'Rhaid i nifer y bobl fod yn rhif cyfan' },
    });
  });

  it('says the limits, written with the prefix', async () => {
    expect(await errorsIn(rent, { rent: '£1,250.50' })).toEqual({
      en: { rent: 'Weekly rent must be between £1 and £1,000' },
      cy: { rent: 'Rhaid i rent wythnosol fod rhwng £1 a £1,000' },
    });
    expect(await errorsIn(rent, { rent: '0.5' })).toEqual({
      en: { rent: 'Weekly rent must be between £1 and £1,000' },
      cy: { rent: 'Rhaid i rent wythnosol fod rhwng £1 a £1,000' },
    });
    expect(await errorsIn(people, { people: '0' })).toEqual({
      en: { people: 'Number of people must be 1 or more' },
      cy: { people: 'Rhaid i nifer y bobl fod yn 1 neu fwy' },
    });
    const width: Question = { key: 'width', type: 'number', max: 4.5, suffix: text('metres', 'metr'), label: text('Width of the kerb', 'Lled y cwrb') };
    expect(await errorsIn(width, { width: '5' })).toEqual({
      en: { width: 'Width of the kerb must be 4.5 metres or less' },
      cy: { width: 'Rhaid i led y cwrb fod yn 4.5 metr neu lai' },
    });
  });

  it('reads numbers as people write them, and the limits themselves are allowed', async () => {
    expect(await valueOf(rent, { rent: '£1,000' })).toBe(1000);
    expect(await valueOf(rent, { rent: '1' })).toBe(1);
    expect(await valueOf(rent, { rent: ' 250.75 ' })).toBe(250.75);
    const width: Question = { key: 'width', type: 'number', suffix: text('metres', 'metr'), label: text('Width', 'Lled') };
    expect(await valueOf(width, { width: '3.2 metres' })).toBe(3.2);
    expect(ANSWER_HANDLERS.number.display(width as Extract<Question, { type: 'number' }>, 3.2, ctx('cy'))).toEqual(['3.2 metr']);
    expect(ANSWER_HANDLERS.number.display(rent as Extract<Question, { type: 'number' }>, 1250.5, ctx('en'))).toEqual(['£1,250.5']);
  });
});

describe('text', () => {
  const short: Question = { key: 'reg', type: 'text', maxLength: 10, label: text('Vehicle registration', 'Rhif cofrestru’r cerbyd') };
  const long: Question = { key: 'details', type: 'text', long: true, maxLength: 20, label: text('Details', 'Manylion') };

  it('asks for it, and says the limit when it is over', async () => {
    expect(await errorsIn(short, { reg: '' })).toEqual({ en: { reg: 'Enter vehicle registration' }, cy: { reg: 'Rhowch rif cofrestru’r cerbyd' } });
    expect(await errorsIn(long, { details: 'x'.repeat(21) })).toEqual({
      en: { details: 'Details must be 20 characters or less' },
      cy: { details: 'Rhaid i fanylion fod yn 20 nod neu lai' },
    });
  });

  it('counts a line end as one character, and keeps the lines of a long answer', async () => {
    const value = await valueOf(long, { details: 'first line\r\nsecond' });
    expect(value).toBe('first line\nsecond');
    expect(ANSWER_HANDLERS.text.display(long as Extract<Question, { type: 'text' }>, value as string, ctx('en'))).toEqual(['first line', 'second']);
  });

  it('makes a single line of a short answer, exactly at the limit', async () => {
    expect(await valueOf(short, { reg: ' AB12  CDE ' })).toBe('AB12 CDE');
    expect(await valueOf(short, { reg: 'x'.repeat(10) })).toBe('x'.repeat(10));
  });
});

describe('yes or no', () => {
  const q: Question = { key: 'alone', type: 'yesno', label: text('Do you live alone?', 'Ydych chi’n byw ar eich pen eich hun?') };

  it('asks for an answer when none, or something else, is posted', async () => {
    for (const body of [{}, { alone: 'maybe' }] as PostedFields[]) {
      expect(await errorsIn(q, body)).toEqual({ en: { alone: 'Select yes or no' }, cy: { alone: 'Dewiswch ‘Ie’ neu ‘Na’' } });
    }
  });

  it('keeps yes or no, and shows it in the page’s language', async () => {
    expect(await valueOf(q, { alone: 'no' })).toBe('no');
    expect(ANSWER_HANDLERS.yesno.display(q as Extract<Question, { type: 'yesno' }>, 'yes', ctx('cy'))).toEqual(['Ie']);
  });
});

describe('a selection', () => {
  const options = [
    { value: 'refuse', text: text('Black bin', 'Bin du') },
    { value: 'recycling', text: text('Blue bin', 'Bin glas') },
  ];
  const one: Question = { key: 'bin', type: 'selection', options, label: text('Bin', 'Bin') };
  const many: Question = { key: 'bins', type: 'selection', multiple: true, options, noneOption: text('None of these', 'Dim un o’r rhain'), label: text('Bins you have', 'Biniau sydd gennych') };

  it('asks for a choice, with the label', async () => {
    expect(await errorsIn(one, {})).toEqual({ en: { bin: 'Select bin' }, cy: { bin: 'Dewiswch fin' } });
    expect(await errorsIn(many, { bins: [] })).toEqual({ en: { bins: 'Select bins you have' }, cy: { bins: 'Dewiswch finiau sydd gennych' } });
  });

  it('refuses "none of the above" with another option ticked, in GOV.UK’s words', async () => {
    expect(await errorsIn(many, { bins: ['refuse', 'none'] })).toEqual({
      en: { bins: 'Select bins you have, or select ‘None of these’' },
      cy: { bins: 'Dewiswch finiau sydd gennych, neu dewiswch ‘Dim un o’r rhain’' },
    });
  });

  it('keeps one value for one, a list for many, and ["none"] for none of the above', async () => {
    expect(await valueOf(one, { bin: 'recycling' })).toBe('recycling');
    expect(await valueOf(many, { bins: ['refuse', 'recycling', 'refuse'] })).toEqual(['refuse', 'recycling']);
    expect(await valueOf(many, { bins: 'none' })).toEqual(['none']);
  });

  it('drops values that are not on offer', async () => {
    expect(await errorsIn(one, { bin: 'gold-bin' })).toEqual({ en: { bin: 'Select bin' }, cy: { bin: 'Dewiswch fin' } });
    expect(await valueOf(many, { bins: ['gold-bin', 'refuse'] })).toEqual(['refuse']);
    // "none" is only an answer where the question offers it.
    const noNone: Question = { ...many, noneOption: undefined };
    expect(await errorsIn(noNone, { bins: ['none'] })).toEqual({ en: { bins: 'Select bins you have' }, cy: { bins: 'Dewiswch finiau sydd gennych' } });
  });

  it('uses the options the context gives, and shows their texts', async () => {
    const sourced: Question = { key: 'bin', type: 'selection', optionsFrom: { source: 'bin-containers' }, label: text('Bin', 'Bin') };
    const c = { ...ctx('en'), optionsFor: () => [{ value: 'garden', text: text('Green bin', 'Bin gwyrdd') }] };
    expect(await ANSWER_HANDLERS.selection.read(sourced as Extract<Question, { type: 'selection' }>, { bin: 'garden' }, c, 'bin')).toEqual({ kind: 'value', value: 'garden' });
    expect(ANSWER_HANDLERS.selection.display(sourced as Extract<Question, { type: 'selection' }>, 'garden', { ...ctx('cy'), optionsFor: c.optionsFor })).toEqual(['Bin gwyrdd']);
    expect(ANSWER_HANDLERS.selection.display(many as Extract<Question, { type: 'selection' }>, ['none'], ctx('cy'))).toEqual(['Dim un o’r rhain']);
    expect(ANSWER_HANDLERS.selection.display(many as Extract<Question, { type: 'selection' }>, ['refuse', 'recycling'], ctx('en'))).toEqual(['Black bin', 'Blue bin']);
  });

  it('leaves an optional selection blank as no answer', async () => {
    expect(await valueOf({ ...many, optional: true }, {})).toBeUndefined();
  });
});

describe('a file', () => {
  it('is not read from the page’s POST (the upload step makes its answer), and shows its name and size', async () => {
    const q: Question = { key: 'evidence', type: 'file', accept: ['pdf', 'jpeg'], maxMegabytes: 10, label: text('Evidence', 'Tystiolaeth') };
    expect(await read(q, { evidence: 'x' })).toEqual({ kind: 'again' });
    const shown = ANSWER_HANDLERS.file.display(q as Extract<Question, { type: 'file' }>, { fileId: 'f1', name: 'tenancy.pdf', contentType: 'application/pdf', bytes: 1_572_864 }, ctx('en'));
    expect(shown).toEqual(['tenancy.pdf (1.5 MB)']);
  });
});

describe('posted bodies', () => {
  it('never throws on odd shapes: arrays where one value is expected, huge values', async () => {
    const q: Question = { key: 'org', type: 'organisation', label: text('Organisation name', 'Enw’r sefydliad') };
    expect(await valueOf(q, { org: ['First', 'Second'] })).toBe('First');
    const huge = await read(q, { org: 'x'.repeat(1_000_000) });
    expect(huge.kind).toBe('errors');
  });
});
