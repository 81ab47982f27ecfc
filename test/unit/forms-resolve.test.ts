import { describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { walk } from '../../functions/modules/forms/definition/flow.ts';
import { adoptedForms, resolveForm } from '../../functions/modules/forms/definition/resolve.ts';
import type { FormAdoption, FormDefinition } from '../../functions/modules/forms/definition/types.ts';

const t = (en: string, cy?: string) => (cy ? { en, cy } : { en });

const form: FormDefinition = {
  id: 'pets',
  version: 2,
  credit: { name: 'Test Council' },
  title: t('Register a pet with {council}', 'Cofrestru anifail gyda {council}'),
  summary: t('Tell us about your pet'),
  start: [t('Call {contact.team} on {contact.phone} ({contact.hours}) or email {contact.email}. At most {values.limit} pets.')],
  contact: { hours: t('9am to 5pm', '9yb i 5yh') },
  values: { limit: { value: 3, description: 'Most pets' } },
  pages: [
    { id: 'kind', questions: [{ key: 'kind', type: 'selection', label: t('Kind'), options: [{ value: 'dog', text: t('Dog') }, { value: 'cat', text: t('Cat') }] }],
      routes: [{ when: { question: 'kind', op: 'equals', value: 'cat' }, to: { page: 'microchip' } }] },
    { id: 'breed', questions: [{ key: 'breed', type: 'text', maxLength: 50, label: t('Breed') }] },
    { id: 'microchip', questions: [{ key: 'chip', type: 'text', maxLength: 20, label: t('Chip number') }], next: { page: 'owner' } },
    { id: 'vet', questions: [{ key: 'vet', type: 'text', maxLength: 50, label: t('Vet') }] },
    { id: 'owner', title: t('You'), questions: [{ key: 'name', type: 'name', format: 'full', label: t('Name') }, { key: 'phone', type: 'phone', label: t('Phone') }] },
  ],
  confirmation: { whatHappensNext: [t('We will check within {values.limit} days.')] },
  retentionDays: 365,
  saveAndReturn: { days: 14 },
};

function councilWith(adopted: Record<string, FormAdoption>, extra: Partial<CouncilConfig> = {}): CouncilConfig {
  return {
    id: 'testshire',
    name: t('Testshire Council', 'Cyngor Swydd Prawf'),
    languages: ['en', 'cy'],
    contact: { phone: '01223 443700', outOfHoursPhone: '01223 443701', email: 'help@testshire.gov.uk', website: 'https://www.testshire.gov.uk', address: ['1 High St'] },
    services: { forms: { adopted } },
    ...extra,
  } as unknown as CouncilConfig;
}
const catalogue = [form];

describe('resolveForm', () => {
  it('is undefined for a form the council does not adopt or the catalogue does not have', () => {
    expect(resolveForm(councilWith({}), 'pets', catalogue)).toBeUndefined();
    expect(resolveForm(councilWith({ ghost: {} }), 'ghost', catalogue)).toBeUndefined();
    expect(resolveForm({ ...councilWith({}), services: {} } as CouncilConfig, 'pets', catalogue)).toBeUndefined();
  });

  it('takes the form as it is when the adoption changes nothing, naming its file', () => {
    const resolved = resolveForm(councilWith({ pets: {} }), 'pets', catalogue)!;
    expect(resolved.id).toBe('pets');
    expect(resolved.version).toBe(2);
    expect(resolved.source).toBe('catalogue/forms/pets.ts');
    expect(resolved.pages.map((p) => p.id)).toEqual(['kind', 'breed', 'microchip', 'vet', 'owner']);
    expect(resolved.retentionDays).toBe(365);
    expect(resolved.saveAndReturn).toEqual({ days: 14 });
    expect(resolved).not.toHaveProperty('webhook');
  });

  it('replaces placeholders in each language, with the council’s contact details by default', () => {
    const resolved = resolveForm(councilWith({ pets: {} }), 'pets', catalogue)!;
    expect(resolved.title).toEqual({ en: 'Register a pet with Testshire Council', cy: 'Cofrestru anifail gyda Cyngor Swydd Prawf' });
    expect(resolved.start[0].en).toBe('Call Testshire Council on 01223 443700 (9am to 5pm) or email help@testshire.gov.uk. At most 3 pets.');
    expect(resolved.contact).toEqual({ team: councilWith({}).name, phone: '01223 443700', email: 'help@testshire.gov.uk', hours: t('9am to 5pm', '9yb i 5yh') });
  });

  it('applies the adoption’s contact, values, retention, save and return and outputs', () => {
    const adoption: FormAdoption = {
      contact: { team: t('Animal team'), phone: '01223 000111' },
      values: { limit: 5 },
      retentionDays: 90,
      saveAndReturn: false,
      webhook: { url: 'https://pets.testshire.gov.uk/in' },
      mailbox: { email: 'pets@testshire.gov.uk' },
    };
    const resolved = resolveForm(councilWith({ pets: adoption }), 'pets', catalogue)!;
    expect(resolved.start[0].en).toBe('Call Animal team on 01223 000111 (9am to 5pm) or email help@testshire.gov.uk. At most 5 pets.');
    expect(resolved.confirmation.whatHappensNext[0].en).toBe('We will check within 5 days.');
    expect(resolved.values.limit).toEqual({ value: 5, description: 'Most pets' });
    expect(resolved.retentionDays).toBe(90);
    expect(resolved).not.toHaveProperty('saveAndReturn');
    expect(resolved.webhook).toEqual({ url: 'https://pets.testshire.gov.uk/in' });
    expect(resolved.mailbox).toEqual({ email: 'pets@testshire.gov.uk' });
  });

  it('replaces the texts an adoption gives, placeholders included', () => {
    const resolved = resolveForm(
      councilWith({
        pets: {
          texts: {
            title: t('Pets at {council}'),
            start: [t('Our own words.')],
            whatHappensNext: [t('We call you.')],
            responseTime: t('5 days'),
            declaration: [t('True.')],
            pages: { owner: { title: t('About you') } },
            questions: { kind: { label: t('Which animal?'), options: { cat: t('Cat or kitten') } } },
          },
        },
      }),
      'pets',
      catalogue,
    )!;
    expect(resolved.title).toEqual({ en: 'Pets at Testshire Council' });
    expect(resolved.start).toEqual([t('Our own words.')]);
    expect(resolved.confirmation).toEqual({ whatHappensNext: [t('We call you.')], responseTime: t('5 days') });
    expect(resolved.declaration).toEqual([t('True.')]);
    expect(resolved.pages[4].title).toEqual(t('About you'));
    const kind = resolved.pages[0].questions[0];
    expect(kind.label).toEqual(t('Which animal?'));
    expect(kind.type === 'selection' && kind.options).toEqual([{ value: 'dog', text: t('Dog') }, { value: 'cat', text: t('Cat or kitten') }]);
    // the catalogue's own form is untouched
    expect(form.title.en).toBe('Register a pet with {council}');
    expect(form.pages[0].questions[0].label).toEqual(t('Kind'));
  });

  it('removes hidden questions and drops the pages they empty', () => {
    const resolved = resolveForm(councilWith({ pets: { hide: ['vet', 'phone'] } }), 'pets', catalogue)!;
    expect(resolved.pages.map((p) => p.id)).toEqual(['kind', 'breed', 'microchip', 'owner']);
    expect(resolved.pages[3].questions.map((q) => q.key)).toEqual(['name']);
  });

  it('sends a route to a dropped page where that page would have led', () => {
    const resolved = resolveForm(councilWith({ pets: { hide: ['chip'] } }), 'pets', catalogue)!;
    expect(resolved.pages.map((p) => p.id)).toEqual(['kind', 'breed', 'vet', 'owner']);
    // cats went to the microchip page, which led to the owner page
    expect(resolved.pages[0].routes![0].to).toEqual({ page: 'owner' });
    // dogs went on to breed, then to microchip and on to owner, skipping vet
    expect(resolved.pages[1].next).toEqual({ page: 'owner' });
    const draft = { formId: 'pets', version: 2, answers: { kind: 'dog', breed: 'Pug' }, visited: [] };
    expect(walk(resolved, draft, '2026-01-01').next).toEqual({ page: 'owner' });
  });

  it('is memoised per council and form', () => {
    const council = councilWith({ pets: {} });
    expect(resolveForm(council, 'pets', catalogue)).toBe(resolveForm(council, 'pets', catalogue));
    expect(resolveForm(councilWith({ pets: {} }), 'pets', catalogue)).not.toBe(resolveForm(council, 'pets', catalogue));
  });
});

describe('adoptedForms', () => {
  it('lists the forms a council adopts that the catalogue has, resolved', () => {
    const other: FormDefinition = { ...form, id: 'other', title: t('Other') };
    const forms = adoptedForms(councilWith({ other: {}, pets: {}, ghost: {} }), [form, other]);
    expect(forms.map((f) => [f.id, f.title.en])).toEqual([
      ['other', 'Other'],
      ['pets', 'Register a pet with Testshire Council'],
    ]);
    expect(adoptedForms({ ...councilWith({}), services: {} } as CouncilConfig, [form])).toEqual([]);
  });
});
