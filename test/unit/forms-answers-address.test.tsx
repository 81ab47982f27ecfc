import { describe, expect, it } from 'vitest';
import { gazetteerLookup } from '../../functions/core/address/address-lookup.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { ANSWER_HANDLERS, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import type { AddressAnswer, Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { council as loadCouncil } from '../support/harness.ts';

type AddressQuestion = Extract<Question, { type: 'address' }>;
const council = await loadCouncil('south-cambridgeshire');
const handler = ANSWER_HANDLERS.address;
const Fields = handler.Fields;
const q: AddressQuestion = { key: 'addr', type: 'address', label: { en: 'Address of the property', cy: 'Cyfeiriad yr eiddo' } };

function ctx(lang: Language = 'en'): AnswerContext {
  const source = council.addresses;
  if (source?.provider !== 'gazetteer') throw new Error('the sample council has a gazetteer');
  return { lang, t: translator(MESSAGES[lang]), today: '2026-03-10', council, form: { id: 'test-form' } as ResolvedForm, addresses: gazetteerLookup(source), optionsFor: () => [] };
}

async function errorsIn(question: AddressQuestion, body: PostedFields) {
  const [en, cy] = [await handler.read(question, body, ctx('en'), 'addr'), await handler.read(question, body, ctx('cy'), 'addr')];
  if (en.kind !== 'errors' || cy.kind !== 'errors') throw new Error(`expected errors, got ${JSON.stringify(en)}`);
  return { en: en.errors, cy: cy.errors };
}

async function render(p: { raw?: PostedFields; value?: AddressAnswer; errors?: Record<string, string>; lang?: Language }) {
  return String(await (<Fields q={q} raw={p.raw} value={p.value} errors={p.errors ?? {}} ctx={ctx(p.lang)} asPageHeading idPrefix="addr" />).toString());
}

describe('an address: finding the postcode', () => {
  it('asks for a postcode, then for a full one', async () => {
    expect(await errorsIn(q, { 'addr-mode': 'find', 'addr-action': 'find', 'addr-postcode': '' })).toEqual({
      en: { 'addr-postcode': 'Enter a postcode' },
      cy: { 'addr-postcode': 'Rhowch god post' },
    });
    expect(await errorsIn(q, { 'addr-mode': 'find', 'addr-postcode': 'CB23' })).toEqual({
      en: { 'addr-postcode': 'Enter a full UK postcode' },
      cy: { 'addr-postcode': 'Rhowch god post llawn yn y DU' },
    });
  });

  it('says when the postcode is outside the council’s area, or has no addresses, and keeps manual entry open', async () => {
    expect(await errorsIn(q, { 'addr-mode': 'find', 'addr-action': 'find', 'addr-postcode': 'sw1a 1aa' })).toEqual({
      en: { 'addr-postcode': 'SW1A 1AA is not in the South Cambridgeshire District Council area. Check the postcode, or enter the address manually' },
      cy: { 'addr-postcode': `Nid yw SW1A 1AA yn ardal ${council.name.cy ?? council.name.en}. Gwiriwch y cod post, neu rhowch y cyfeiriad â llaw` },
    });
    expect(await errorsIn(q, { 'addr-mode': 'find', 'addr-postcode': 'CB23 9ZZ' })).toEqual({
      en: { 'addr-postcode': 'We could not find any addresses for CB23 9ZZ. Check the postcode, or enter the address manually' },
      cy: { 'addr-postcode': 'Nid oeddem yn gallu dod o hyd i unrhyw gyfeiriadau ar gyfer CB23 9ZZ. Gwiriwch y cod post, neu rhowch y cyfeiriad â llaw' },
    });
    const html = await render({ raw: { 'addr-mode': 'find', 'addr-action': 'find', 'addr-postcode': 'sw1a 1aa' }, errors: { 'addr-postcode': 'SW1A 1AA is not in the area' } });
    expect(html).toContain('value="sw1a 1aa"');
    expect(html).toContain('SW1A 1AA is not in the area');
    expect(html).toContain('name="addr-action" value="manual"');
    expect(html).not.toContain('<select');
  });

  it('answers "again" when the postcode is found, and then lists its addresses to choose from', async () => {
    const body = { 'addr-mode': 'find', 'addr-action': 'find', 'addr-postcode': 'cb236dw' };
    expect(await handler.read(q, body, ctx(), 'addr')).toEqual({ kind: 'again' });
    const html = await render({ raw: body });
    expect(html).toContain('<select class="govuk-select" id="addr-uprn" name="addr-uprn"');
    expect(html).toContain('<option value="" selected="">4 addresses found</option>');
    expect(html).toContain('<option value="10033500002">7 Foxglove Way, Cambourne, Cambridge</option>');
    expect(html).toContain('name="addr-mode" value="choose"');
    expect(html).toContain('name="addr-postcode" value="CB23 6DW"');
    expect(html).toContain('I can’t find the address in the list');
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Address of the property</h1>');
  });

  it('finds on Continue as well as on the Find address button', async () => {
    expect(await handler.read(q, { 'addr-mode': 'find', 'addr-postcode': 'CB22 5AX' }, ctx(), 'addr')).toEqual({ kind: 'again' });
  });

  it('leaves an optional address blank as no answer, on Continue', async () => {
    const optional = { ...q, optional: true };
    expect(await handler.read(optional, { 'addr-mode': 'find', 'addr-postcode': '' }, ctx(), 'addr')).toEqual({ kind: 'value', value: undefined });
  });
});

describe('an address: choosing from the list', () => {
  it('keeps the chosen address with its UPRN', async () => {
    const result = await handler.read(q, { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-uprn': '10033500002' }, ctx(), 'addr');
    expect(result).toEqual({ kind: 'value', value: { uprn: '10033500002', lines: ['7 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW' } });
  });

  it('asks for an address when none is chosen, or one not in that postcode’s list is posted', async () => {
    const select = { en: { 'addr-uprn': 'Select an address' }, cy: { 'addr-uprn': 'Dewiswch gyfeiriad' } };
    expect(await errorsIn(q, { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-uprn': '' })).toEqual(select);
    expect(await errorsIn(q, { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-uprn': '10033500011' })).toEqual(select);
    expect(await errorsIn(q, { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-uprn': '../etc' })).toEqual(select);
  });

  it('shows the list again with the error, and the stored choice selected on a later visit', async () => {
    const withError = await render({ raw: { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-uprn': '' }, errors: { 'addr-uprn': 'Select an address' } });
    expect(withError).toContain('class="govuk-select govuk-select--error"');
    expect(withError).toContain('aria-describedby="addr-uprn-error"');
    const later = await render({ value: { uprn: '10033500003', lines: ['12 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW' } });
    expect(later).toContain('<option value="10033500003" selected="">12 Foxglove Way, Cambourne, Cambridge</option>');
  });

  it('goes back to the postcode on Change', async () => {
    const body = { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-action': 'change' };
    expect(await handler.read(q, body, ctx(), 'addr')).toEqual({ kind: 'again' });
    const html = await render({ raw: body });
    expect(html).toContain('id="addr-postcode" name="addr-postcode" type="text" value="CB23 6DW"');
    expect(html).not.toContain('<select');
  });
});

describe('an address entered by hand', () => {
  it('opens the GOV.UK address fields, carrying the postcode typed', async () => {
    const body = { 'addr-mode': 'choose', 'addr-postcode': 'CB23 6DW', 'addr-action': 'manual' };
    expect(await handler.read(q, body, ctx(), 'addr')).toEqual({ kind: 'again' });
    const html = await render({ raw: body, lang: 'cy' });
    expect(html).toContain('name="addr-mode" value="manual"');
    expect(html).toContain('autocomplete="address-line1"');
    expect(html).toContain('autocomplete="address-line2"');
    expect(html).toContain('autocomplete="address-level2"');
    expect(html).toContain('Llinell 2 y cyfeiriad (dewisol)');
    expect(html).toContain('value="CB23 6DW" autocomplete="postal-code"');
  });

  it('asks for line 1, the town and the postcode, in GOV.UK’s words', async () => {
    expect(await errorsIn(q, { 'addr-mode': 'manual', 'addr-line1': '', 'addr-town': '', 'addr-postcode': '' })).toEqual({
      en: { 'addr-line1': 'Enter address line 1, typically the building and street', 'addr-town': 'Enter town or city', 'addr-postcode': 'Enter postcode' },
      cy: { 'addr-line1': 'Rhowch linell 1 y cyfeiriad, fel arfer yr adeilad a’r stryd', 'addr-town': 'Rhowch dref neu ddinas', 'addr-postcode': 'Rhowch god post' },
    });
    expect(await errorsIn(q, { 'addr-mode': 'manual', 'addr-line1': '1 High Street', 'addr-town': 'Ely', 'addr-postcode': 'not one' })).toEqual({
      en: { 'addr-postcode': 'Enter a real postcode' },
      cy: { 'addr-postcode': 'Rhowch god post go iawn' },
    });
    expect(await errorsIn(q, { 'addr-mode': 'manual', 'addr-line1': 'x'.repeat(101), 'addr-town': 'Ely', 'addr-postcode': 'CB7 4AA' })).toEqual({
      en: { 'addr-line1': 'Address line 1 must be 100 characters or less' },
      cy: { 'addr-line1': 'Rhaid i linell 1 y cyfeiriad fod yn 100 nod neu lai' },
    });
  });

  it('keeps the lines given and the postcode written properly, with no UPRN; anywhere in the UK', async () => {
    const result = await handler.read(q, { 'addr-mode': 'manual', 'addr-line1': ' 1 High Street ', 'addr-line2': '', 'addr-town': 'Ely', 'addr-postcode': 'cb74aa' }, ctx(), 'addr');
    expect(result).toEqual({ kind: 'value', value: { lines: ['1 High Street', 'Ely'], postcode: 'CB7 4AA' } });
    if (result.kind === 'value') expect(handler.display(q, result.value!, ctx())).toEqual(['1 High Street', 'Ely', 'CB7 4AA']);
  });

  it('shows the stored lines back in their boxes', async () => {
    const html = await render({ value: { lines: ['Flat 2', '1 High Street', 'Ely'], postcode: 'CB7 4AA' } });
    expect(html).toContain('id="addr-line1" name="addr-line1" type="text" value="Flat 2"');
    expect(html).toContain('id="addr-line2" name="addr-line2" type="text" value="1 High Street"');
    expect(html).toContain('id="addr-town" name="addr-town" type="text" value="Ely"');
  });

  it('keeps what was typed on an error', async () => {
    const html = await render({ raw: { 'addr-mode': 'manual', 'addr-line1': '1 High St <b>', 'addr-town': '', 'addr-postcode': 'CB7' }, errors: { 'addr-town': 'Enter town or city' } });
    expect(html).toContain('value="1 High St &lt;b&gt;"');
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> Enter town or city');
    expect(html).toContain('govuk-form-group govuk-form-group--error');
  });
});
