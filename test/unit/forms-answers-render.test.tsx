import { describe, expect, it } from 'vitest';
import { gazetteerLookup } from '../../functions/core/address/address-lookup.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { handlerFor, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import type { AnswerValue, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { council as loadCouncil } from '../support/harness.ts';

const council = await loadCouncil('south-cambridgeshire');

function ctx(lang: Language): AnswerContext {
  const source = council.addresses;
  if (source?.provider !== 'gazetteer') throw new Error('the sample council has a gazetteer');
  return { lang, t: translator(MESSAGES[lang]), today: '2026-03-10', council, form: { id: 'test-form' } as ResolvedForm, addresses: gazetteerLookup(source), optionsFor: (q) => q.options ?? [] };
}

async function render(q: Question, p: { value?: AnswerValue; raw?: PostedFields; errors?: Record<string, string>; heading?: boolean; lang?: Language } = {}): Promise<string> {
  const Fields = handlerFor(q).Fields;
  return String(await (<Fields q={q} value={p.value} raw={p.raw} errors={p.errors ?? {}} ctx={ctx(p.lang ?? 'en')} asPageHeading={p.heading ?? true} idPrefix={q.key} />).toString());
}

const text = (en: string, cy: string) => ({ en, cy });

describe('rendering single inputs', () => {
  it('makes the label the page heading when the question is the page’s only one', async () => {
    const q: Question = { key: 'email', type: 'email', label: text('Email address', 'Cyfeiriad e-bost'), hint: text('We will only use it to reply', 'Dim ond i ateb y byddwn yn ei ddefnyddio') };
    const html = await render(q, { value: 'ada@example.com' });
    expect(html).toContain('<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="email">Email address</label></h1>');
    expect(html).toContain('<div id="email-hint" class="govuk-hint">We will only use it to reply</div>');
    expect(html).toContain('type="email" value="ada@example.com" autocomplete="email" spellcheck="false" aria-describedby="email-hint"');
    const inPage = await render(q, { heading: false, lang: 'cy' });
    expect(inPage).not.toContain('<h1');
    expect(inPage).toContain('<label class="govuk-label govuk-label--s" for="email">Cyfeiriad e-bost</label>');
  });

  it('keeps what was typed over the stored value, with GOV.UK’s error markup', async () => {
    const q: Question = { key: 'phone', type: 'phone', label: text('Telephone number', 'Rhif ffôn') };
    const html = await render(q, { value: '01632 960 001', raw: { phone: '0163 not a number' }, errors: { phone: 'Enter a telephone number, like 01632 960 001' } });
    expect(html).toContain('govuk-form-group govuk-form-group--error');
    expect(html).toContain('<p id="phone-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a telephone number, like 01632 960 001</p>');
    expect(html).toContain('class="govuk-input govuk-input--width-20 govuk-input--error" id="phone" name="phone" type="tel" value="0163 not a number" autocomplete="tel" aria-describedby="phone-error"');
  });

  it('says "(optional)" after an optional question’s label, in the page’s language', async () => {
    const q: Question = { key: 'org', type: 'organisation', optional: true, label: text('Organisation name', 'Enw’r sefydliad') };
    expect(await render(q)).toContain('Organisation name (optional)</label>');
    expect(await render(q, { lang: 'cy' })).toContain('Enw’r sefydliad (dewisol)</label>');
    expect(await render(q)).toContain('autocomplete="organization"');
  });

  it('gives a National Insurance number GOV.UK’s hint and shows a stored one spaced', async () => {
    const q: Question = { key: 'nino', type: 'nino', label: text('National Insurance number', 'Rhif Yswiriant Gwladol') };
    const html = await render(q, { value: 'AB123456C', lang: 'cy' });
    expect(html).toContain('Er enghraifft, ‘QQ 12 34 56 C’.');
    expect(html).toContain('value="AB 12 34 56 C"');
    expect(html).toContain('spellcheck="false"');
    expect(html).toContain('govuk-input--width-10');
  });

  it('writes a number’s prefix and suffix beside its box, and asks for the number keypad for whole numbers', async () => {
    const rent: Question = { key: 'rent', type: 'number', prefix: '£', label: text('Weekly rent', 'Rhent wythnosol') };
    const html = await render(rent, { value: 95.5 });
    expect(html).toContain('<div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div><input');
    expect(html).toContain('value="95.5"');
    expect(html).not.toContain('inputmode');
    const width: Question = { key: 'width', type: 'number', whole: true, suffix: text('metres', 'metr'), label: text('Width', 'Lled') };
    const w = await render(width, { lang: 'cy' });
    expect(w).toContain('inputmode="numeric"');
    expect(w).toContain('<div class="govuk-input__suffix" aria-hidden="true">metr</div>');
  });

  it('renders a name as one box, or as title, first and last name in a fieldset', async () => {
    const full: Question = { key: 'name', type: 'name', format: 'full', label: text('Full name', 'Enw llawn') };
    expect(await render(full, { value: { full: 'Ada Lovelace' } })).toContain('id="name" name="name" type="text" value="Ada Lovelace" autocomplete="name" spellcheck="false"');
    const parts: Question = { key: 'name', type: 'name', format: 'first-last', title: true, label: text('Your name', 'Eich enw') };
    const html = await render(parts, { raw: { 'name-title': 'Dr', 'name-first': '', 'name-last': 'Lovelace' }, errors: { 'name-first': 'Enter a first name' } });
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">Your name</h1></legend>');
    expect(html).toContain('value="Dr" autocomplete="honorific-prefix"');
    expect(html).toContain('Title (optional)');
    expect(html).toContain('id="name-first" name="name-first" type="text" value="" autocomplete="given-name"');
    expect(html).toContain('<p id="name-first-error" class="govuk-error-message">');
    expect(html).toContain('value="Lovelace" autocomplete="family-name"');
  });
});

describe('rendering text', () => {
  it('renders a long answer as GOV.UK’s character count, with the limit written for pages without JavaScript', async () => {
    const q: Question = { key: 'details', type: 'text', long: true, maxLength: 500, label: text('Details', 'Manylion') };
    const html = await render(q, { raw: { details: 'It is <broken>' }, lang: 'cy' });
    expect(html).toContain('class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="500"');
    expect(html).toContain('data-i18n.characters-under-limit.few="Mae gennych %{count} nod yn weddill"');
    expect(html).toContain('aria-describedby="details-info"');
    expect(html).toContain('>It is &lt;broken&gt;</textarea>');
    expect(html).toContain('<div id="details-info" class="govuk-hint govuk-character-count__message">Gallwch roi hyd at 500 nod</div>');
  });

  it('renders a short answer as a text input with no maxlength, so nothing pasted is cut silently', async () => {
    const q: Question = { key: 'reg', type: 'text', maxLength: 10, label: text('Registration', 'Rhif cofrestru') };
    const html = await render(q, { value: 'AB12 CDE' });
    expect(html).toContain('value="AB12 CDE"');
    expect(html).not.toContain('maxlength');
  });
});

describe('rendering a date', () => {
  const dob: Question = { key: 'dob', type: 'date', kind: 'date-of-birth', label: text('Date of birth', 'Dyddiad geni') };

  it('renders three boxes in a fieldset with the date of birth hint and autocomplete', async () => {
    const html = await render(dob, { value: '1990-03-05' });
    expect(html).toContain('<fieldset class="govuk-fieldset" role="group" aria-describedby="dob-hint">');
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Date of birth</h1>');
    expect(html).toContain('For example, 31 3 1980');
    expect(html).toContain('id="dob-day" name="dob-day" type="text" inputmode="numeric" value="5" autocomplete="bday-day"');
    expect(html).toContain('id="dob-month" name="dob-month" type="text" inputmode="numeric" value="3" autocomplete="bday-month"');
    expect(html).toContain('class="govuk-input govuk-date-input__input govuk-input--width-4" id="dob-year" name="dob-year" type="text" inputmode="numeric" value="1990"');
  });

  it('highlights only the missing part, keeping what was typed', async () => {
    const html = await render(dob, { raw: { 'dob-day': '5', 'dob-month': '', 'dob-year': '1990' }, errors: { 'dob-month': 'Date of birth must include a month' }, lang: 'cy' });
    expect(html).toContain('aria-describedby="dob-hint dob-error"');
    expect(html).toContain('<p id="dob-error" class="govuk-error-message"><span class="govuk-visually-hidden">Gwall:</span> Date of birth must include a month</p>');
    expect(html).toContain('govuk-input--width-2" id="dob-day" name="dob-day" type="text" inputmode="numeric" value="5"');
    expect(html).toContain('govuk-input--width-2 govuk-input--error" id="dob-month"');
    expect(html).toContain('govuk-input--width-4" id="dob-year" name="dob-year" type="text" inputmode="numeric" value="1990"');
    expect(html).toContain('>Diwrnod</label>');
  });

  it('highlights every part for a date outside its limits, and gives an example it accepts', async () => {
    const q: Question = { key: 'moved', type: 'date', kind: 'other', max: { daysFromToday: -7 }, label: text('Date you moved', 'Dyddiad symud') };
    const html = await render(q, { raw: { 'moved-day': '1', 'moved-month': '1', 'moved-year': '2030' }, errors: { 'moved-day': 'Date you moved must be the same as or before 3 March 2026' } });
    expect(html.match(/govuk-input--error/g)).toHaveLength(3);
    expect(html).toContain('For example, 3 3 2026');
    expect(html).not.toContain('autocomplete');
  });
});

describe('rendering choices', () => {
  const options = [
    { value: 'refuse', text: text('Black bin', 'Bin du'), hint: text('General waste', 'Gwastraff cyffredinol') },
    { value: 'recycling', text: text('Blue bin', 'Bin glas') },
  ];

  it('renders yes or no as inline radios with the answer checked', async () => {
    const q: Question = { key: 'alone', type: 'yesno', label: text('Do you live alone?', 'Ydych chi’n byw ar eich pen eich hun?') };
    const html = await render(q, { value: 'no', lang: 'cy' });
    expect(html).toContain('class="govuk-radios govuk-radios--inline"');
    expect(html).toContain('id="alone" name="alone" type="radio" value="yes"');
    expect(html).toContain('id="alone-2" name="alone" type="radio" value="no" checked=""');
    expect(html).toContain('>Na</label>');
  });

  it('renders one choice as radios, with option hints', async () => {
    const q: Question = { key: 'bin', type: 'selection', options, label: text('Which bin?', 'Pa fin?') };
    const html = await render(q, { raw: { bin: 'refuse' }, errors: {} });
    expect(html).toContain('value="refuse" checked="" aria-describedby="bin-item-hint"');
    expect(html).toContain('<div id="bin-item-hint" class="govuk-hint govuk-radios__hint">General waste</div>');
  });

  it('renders many as checkboxes with "or" and an exclusive none of the above, keeping the ticks', async () => {
    const q: Question = { key: 'bins', type: 'selection', multiple: true, options, noneOption: text('None of these', 'Dim un o’r rhain'), label: text('Which bins do you have?', 'Pa finiau sydd gennych?') };
    const html = await render(q, { raw: { bins: ['recycling', 'none'] }, errors: { bins: 'Select an answer, or select ‘None of these’' }, lang: 'cy' });
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Pa finiau sydd gennych?</h1>');
    expect(html).toContain('id="bins" name="bins" type="checkbox" value="refuse" aria-describedby="bins-item-hint"/>');
    expect(html).toContain('id="bins-2" name="bins" type="checkbox" value="recycling" checked=""');
    expect(html).toContain('<div class="govuk-checkboxes__divider">neu</div>');
    expect(html).toContain('id="bins-3" name="bins" type="checkbox" value="none" checked="" data-behaviour="exclusive"');
    expect(html).toContain('<p id="bins-error" class="govuk-error-message">');
    const stored = await render(q, { value: ['refuse'] });
    expect(stored).toContain('value="refuse" checked=""');
  });
});

describe('rendering a file question', () => {
  it('renders only the file input, named for the upload form, with the kinds and size allowed', async () => {
    const q: Question = { key: 'evidence', type: 'file', accept: ['pdf', 'jpeg', 'png'], maxMegabytes: 10, label: text('Upload your evidence', 'Uwchlwythwch eich tystiolaeth'), hint: text('A tenancy agreement or a bill', 'Cytundeb tenantiaeth neu fil') };
    const html = await render(q);
    expect(html).toContain('<input class="govuk-file-upload" id="evidence" name="file" type="file" accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png" aria-describedby="evidence-hint"/>');
    expect(html).toContain('A tenancy agreement or a bill<br/>The file must be a PDF, JPG or PNG, and smaller than 10 MB');
    const cy = await render(q, { lang: 'cy', errors: { evidence: 'Dewiswch ffeil' } });
    expect(cy).toContain('Rhaid i’r ffeil fod yn PDF, JPG neu PNG, ac yn llai na 10 MB');
    expect(cy).toContain('class="govuk-file-upload govuk-file-upload--error"');
  });
});
