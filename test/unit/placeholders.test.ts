import { describe, expect, it } from 'vitest';
import { councilSource } from '../../functions/cli/council-file.ts';
import type { CouncilConfig, CouncilInput } from '../../functions/config/council-schema.ts';
import { loadCouncils, parseCouncil } from '../../functions/config/load-councils.ts';
import { findPlaceholders, isExampleHost, isPlaceholderPhone } from '../../functions/config/placeholders.ts';
import hackney from '../../councils/hackney.ts';

const clone = (input: CouncilInput): any => structuredClone(input);
const parse = (input: unknown, id = 'hackney'): CouncilConfig => parseCouncil(input, `councils/${id}.ts`);
const pathsOf = (council: CouncilConfig) => findPlaceholders(council).map((p) => p.path);

describe('placeholders in a council file', () => {
  it('finds none in the shipped councils', async () => {
    const councils = await loadCouncils();

    for (const council of councils) expect(findPlaceholders(council), council.id).toEqual([]);
  });

  it('names every field ldf council new leaves for the engineer, and why', () => {
    const { text } = councilSource({ id: 'wrexham', name: { en: 'Wrexham' }, nation: 'wales', languages: ['en'], today: '2026-12-01' }, '../x.ts');
    const literal = text.slice(text.indexOf('defineCouncil(') + 'defineCouncil('.length, text.lastIndexOf(');'));
    // The file is TypeScript with comments; as data it is the object literal the CLI printed.
    const input = new Function(`return (${literal});`)() as CouncilInput;

    const problems = findPlaceholders(parse(input, 'wrexham'));

    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'gss',
        'contact.phone',
        'contact.outOfHoursPhone',
        'contact.email',
        'contact.website',
        'contact.address.0',
        'contact.address.1',
        'contact.address.2',
        'contact.address.3',
        'privacy.icoRegistration',
        'privacy.dataProtectionEmail',
      ].sort(),
    );
    expect(problems.find((p) => p.path === 'gss')?.message).toBe('W00000000 is a placeholder: use the council’s ONS GSS code (ONS Open Geography Portal)');
    expect(problems.find((p) => p.path === 'contact.email')?.message).toContain('example.gov.uk is an example domain');
    expect(problems.find((p) => p.path === 'contact.phone')?.message).toBe('01632 960000 is a placeholder phone number: use the council’s own');
  });

  it('catches the usual hand-written stand-ins', () => {
    const input = clone(hackney);
    input.contact.phone = '01234 567890';
    input.contact.outOfHoursPhone = '+44 (0)20 7946 0123';
    input.contact.website = 'https://council.example.com/';
    input.privacy.dataProtectionEmail = 'dpo@hackney.test';
    input.privacy.icoRegistration = 'Z0000000';
    input.gss = 'E00000000';
    input.services.report.whatHappensNext.en = 'TODO: say what happens next';
    input.services.report.groups[0].categories[0].notice = { en: 'If it is dangerous, call 0000 000 0000.' };

    expect(pathsOf(parse(input)).sort()).toEqual(
      [
        'contact.phone',
        'contact.outOfHoursPhone',
        'contact.website',
        'privacy.dataProtectionEmail',
        'privacy.icoRegistration',
        'gss',
        'services.report.whatHappensNext.en',
        'services.report.groups.0.categories.0.notice.en',
      ].sort(),
    );
  });

  it('recognises reserved example domains but not real ones', () => {
    for (const host of ['example.gov.uk', 'www.example.gov.uk', 'example.com', 'bins.example.org', 'council.test', 'x.invalid', 'localhost', 'a.example']) {
      expect(isExampleHost(host), host).toBe(true);
    }
    for (const host of ['hackney.gov.uk', 'www.ceredigion.gov.uk', 'examples.com', 'example-council.gov.uk', 'carmarthenshire.gov.wales']) {
      expect(isExampleHost(host), host).toBe(false);
    }
  });

  it('recognises Ofcom’s drama numbers and made-up ones but not real council numbers', () => {
    for (const phone of ['01632 960000', '01632 960999', '020 7946 0000', '0113 496 0123', '07700 900123', '01234 567890', '0000 000 0000', '+44 1632 960123']) {
      expect(isPlaceholderPhone(phone), phone).toBe(true);
    }
    for (const phone of ['020 8356 3000', '01545 570881', '01632 961000', '01234 567892', '01223 443700']) {
      expect(isPlaceholderPhone(phone), phone).toBe(false);
    }
  });
});
