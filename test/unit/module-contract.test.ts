import { describe, expect, it } from 'vitest';
import { councilSchema } from '../../functions/config/council-schema.ts';
import { parseCouncil } from '../../functions/config/load-councils.ts';
import { caseUpdateTemplate } from '../../functions/core/cases/email-template.ts';
import { ServiceNotEnabledError, serviceConfig } from '../../functions/core/service-config.ts';
import { ALL_MODULES, enabledModules, platformNeeds } from '../../functions/modules/index.ts';
import { caseTypes } from '../../functions/staff/queue/case-types.ts';
import { council } from '../support/harness.ts';

describe('the module list', () => {
  it('gives every module an id, a config section, both catalogues, emails and needs', async () => {
    for (const m of ALL_MODULES) {
      const section = await m.config();
      expect(section.schema, m.id).toBeDefined();
      expect(Object.keys(m.messages.en).length, m.id).toBeGreaterThan(0);
      expect(Object.keys(m.messages.cy).sort(), m.id).toEqual(Object.keys(m.messages.en).sort());
      expect(Array.isArray(m.needs), m.id).toBe(true);
    }
    expect(new Set(ALL_MODULES.map((m) => m.id)).size).toBe(ALL_MODULES.length);
  });

  it('builds the council schema’s services from the modules: an unknown service is refused by name', async () => {
    const hackney = await council('hackney');
    const result = councilSchema.safeParse({ ...hackney, services: { ...hackney.services, parking: {} } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.code === 'unrecognized_keys' && i.keys.includes('parking'))).toBe(true);
  });

  it('runs each module’s own cross-field checks, at the path in the council file', async () => {
    const input = structuredClone(await council('south-cambridgeshire')) as Record<string, any>;
    input.services.bins.rounds[0].collections[0].container = 'no-such-bin';
    input.services.report.boundary = input.services.report.boundary.slice(0, -1);
    const problems = (() => {
      try {
        parseCouncil(input, 'councils/south-cambridgeshire.ts');
        return [];
      } catch (error) {
        return (error as { problems: { path: string; message: string }[] }).problems;
      }
    })();
    expect(problems).toContainEqual({ path: 'services.bins.rounds.0.collections.0.container', message: 'No container "no-such-bin" in services.bins.containers' });
    expect(problems).toContainEqual({ path: 'services.report.boundary', message: 'The boundary must end where it starts' });
  });
});

describe('a council’s modules', () => {
  it('are the ones its file switches on', async () => {
    const highland = await council('highland');
    expect(enabledModules(highland).map((m) => m.id)).toEqual(Object.keys(highland.services));
  });

  it('say what they need from the platform, sized by what they keep', async () => {
    const hackney = await council('hackney');
    expect(platformNeeds(hackney).get('photos')).toEqual({ retentionDays: serviceConfig(hackney, 'report').retentionDays });
    const binsOnly = { ...hackney, services: { bins: hackney.services.bins } };
    expect(platformNeeds(binsOnly).size).toBe(0);
  });

  it('read their own config typed, and refuse to run for a council that has not switched them on', async () => {
    const hackney = await council('hackney');
    expect(serviceConfig(hackney, 'bins').lookAheadWeeks).toBeGreaterThan(0);
    expect(() => serviceConfig({ ...hackney, services: {} }, 'report')).toThrow(ServiceNotEnabledError);
  });

  it('have the email an officer’s public update sends, for every module that makes cases', async () => {
    for (const id of ['hackney', 'ceredigion', 'highland', 'south-cambridgeshire']) {
      const c = await council(id);
      for (const m of enabledModules(c).filter((x) => x.caseTypes(c).length > 0)) {
        expect(Object.keys(m.emailTemplates), `${id}: ${m.id}`).toContain(caseUpdateTemplate(m.id));
      }
    }
  });

  it('declare the kinds of case they make, named in English and in Welsh where the council is bilingual', async () => {
    for (const id of ['hackney', 'ceredigion', 'highland', 'south-cambridgeshire']) {
      const c = await council(id);
      for (const m of enabledModules(c)) {
        const types = m.caseTypes(c);
        expect(types.length, `${id}: ${m.id}`).toBeGreaterThan(0);
        expect(new Set(types.map((x) => x.id)).size, `${id}: ${m.id}`).toBe(types.length);
        for (const x of types) {
          expect(x.name.en.trim(), `${id}: ${m.id}:${x.id}`).not.toBe('');
          if (c.languages.includes('cy')) expect(x.name.cy?.trim(), `${id}: ${m.id}:${x.id}`).toBeTruthy();
        }
      }
    }
  });

  it('give the back office’s type filter its choices: every enabled module’s case types, in the page’s language, and no other', async () => {
    const ceredigion = await council('ceredigion');
    const declared = enabledModules(ceredigion).flatMap((m) => m.caseTypes(ceredigion).map((x) => ({ service: m.id, type: x.id, name: x.name, restricted: x.restrictedTo && { restrictedTo: x.restrictedTo } })));

    const english = caseTypes(ceredigion, 'en');
    const welsh = caseTypes(ceredigion, 'cy');
    const binsOnly = caseTypes({ ...ceredigion, services: { bins: ceredigion.services.bins } }, 'en');

    expect(english).toEqual(declared.map((x) => ({ service: x.service, type: x.type, label: x.name.en, ...x.restricted })));
    expect(welsh).toEqual(declared.map((x) => ({ service: x.service, type: x.type, label: x.name.cy, ...x.restricted })));
    // A reader without the care role is not offered the care form's type; a care reader is.
    expect(caseTypes(ceredigion, 'en', []).map((x) => x.type)).toEqual(declared.filter((x) => !x.restricted).map((x) => x.type));
    expect(caseTypes(ceredigion, 'en', ['care'])).toEqual(english);
    expect(english).toContainEqual({ service: 'bins', type: 'missed-collection', label: 'Missed collection' });
    expect(english.filter((x) => x.service === 'report').map((x) => x.type)).toEqual(serviceConfig(ceredigion, 'report').groups.flatMap((g) => g.categories.map((x) => x.code)));
    expect(binsOnly.map((x) => x.service)).toEqual(['bins']);
  });
});
