import { describe, expect, it } from 'vitest';
import type { CouncilConfig, CouncilInput } from '../../functions/config/council-schema.ts';
import { crossCouncilProblems, deployProblems } from '../../functions/config/cross-council-checks.ts';
import { loadCouncils, parseCouncil } from '../../functions/config/load-councils.ts';
import ceredigion from '../../councils/ceredigion.ts';
import hackney from '../../councils/hackney.ts';

const clone = (input: CouncilInput): any => structuredClone(input);
const parse = (input: unknown): CouncilConfig => parseCouncil(input, `councils/${(input as { id: string }).id}.ts`);

/** A council with its own identity and the given gazetteer, no services (so no rounds to match). */
function council(id: string, gss: string, districts: string[], uprns: string[], shared?: Record<string, string[]>): CouncilConfig {
  const input = clone(hackney);
  input.id = id;
  input.gss = gss;
  input.services = {};
  input.addresses = {
    provider: 'gazetteer',
    postcodeDistricts: districts,
    ...(shared && { sharedPostcodeDistricts: shared }),
    properties: uprns.map((uprn, i) => ({ uprn, lines: [`${i + 1} High Street`], postcode: `${districts[i % districts.length]} 1AA` })),
  };
  return parse(input);
}

const summary = (problems: { council: string; path: string }[]) => problems.map((p) => `${p.council} ${p.path}`);

describe('checks across council files', () => {
  it('finds no problem in the shipped councils', async () => {
    expect(deployProblems(await loadCouncils())).toEqual([]);
  });

  it('refuses two councils claiming one postcode district, naming both', () => {
    const a = council('aaa', 'E07000001', ['CB1', 'CB2'], ['1', '2']);
    const b = council('bbb', 'E07000002', ['CB2', 'CB3'], ['3', '4']);

    const problems = crossCouncilProblems([a, b]);

    expect(summary(problems)).toEqual(['aaa addresses.postcodeDistricts.1', 'bbb addresses.postcodeDistricts.0']);
    expect(problems[0].message).toBe(
      'postcode district CB2 is also claimed by bbb: a district belongs to one council, unless both files list it in addresses.sharedPostcodeDistricts, each naming the other',
    );
  });

  it('allows a shared district only when both files mark it shared with the other', () => {
    const bothMarked = [
      council('aaa', 'E07000001', ['CB1', 'CB2'], ['1', '2'], { CB2: ['bbb'] }),
      council('bbb', 'E07000002', ['CB2', 'CB3'], ['3', '4'], { CB2: ['aaa'] }),
    ];
    const oneMarked = [
      council('aaa', 'E07000001', ['CB1', 'CB2'], ['1', '2'], { CB2: ['bbb'] }),
      council('bbb', 'E07000002', ['CB2', 'CB3'], ['3', '4']),
    ];
    const markedWithSomeoneElse = [
      council('aaa', 'E07000001', ['CB1', 'CB2'], ['1', '2'], { CB2: ['ccc'] }),
      council('bbb', 'E07000002', ['CB2', 'CB3'], ['3', '4'], { CB2: ['aaa'] }),
    ];

    expect(crossCouncilProblems(bothMarked)).toEqual([]);
    expect(summary(crossCouncilProblems(oneMarked))).toEqual(['aaa addresses.postcodeDistricts.1', 'bbb addresses.postcodeDistricts.0']);
    expect(summary(crossCouncilProblems(markedWithSomeoneElse))).toEqual(['aaa addresses.postcodeDistricts.1', 'bbb addresses.postcodeDistricts.0']);
  });

  it('refuses a shared district the council does not claim, or shared with itself', () => {
    const a = council('aaa', 'E07000001', ['CB1'], ['1'], { CB9: ['bbb'], CB1: ['aaa'] });

    expect(crossCouncilProblems([a])).toEqual([
      { council: 'aaa', path: 'addresses.sharedPostcodeDistricts.CB9', message: 'CB9 is not in addresses.postcodeDistricts' },
      { council: 'aaa', path: 'addresses.sharedPostcodeDistricts.CB1.0', message: 'a council cannot share a district with itself' },
    ]);
  });

  it('refuses one UPRN in two councils, even in a shared district', () => {
    const a = council('aaa', 'E07000001', ['CB1', 'CB2'], ['100', '200'], { CB2: ['bbb'] });
    const b = council('bbb', 'E07000002', ['CB2', 'CB3'], ['200', '300'], { CB2: ['aaa'] });

    const problems = crossCouncilProblems([a, b]);

    expect(problems).toEqual([
      { council: 'aaa', path: 'addresses.properties.1.uprn', message: 'UPRN 200 is also in bbb’s gazetteer: a property is in one council' },
      { council: 'bbb', path: 'addresses.properties.0.uprn', message: 'UPRN 200 is also in aaa’s gazetteer: a property is in one council' },
    ]);
  });

  it('refuses a GSS code or an id used twice', () => {
    const a = council('aaa', 'E07000001', ['CB1'], ['1']);
    const b = council('bbb', 'E07000001', ['CB2'], ['2']);
    const again = council('aaa', 'E07000003', ['CB3'], ['3']);

    expect(summary(crossCouncilProblems([a, b]))).toEqual(['aaa gss', 'bbb gss']);
    expect(crossCouncilProblems([a, b])[0].message).toBe('GSS code E07000001 is also bbb’s: each council has its own');
    expect(summary(crossCouncilProblems([a, again])).filter((s) => s.endsWith(' id'))).toEqual(['aaa id', 'aaa id']);
  });

  it('says a gazetteer copied from another council is still that council’s, once per list', () => {
    const copy = clone(ceredigion);
    copy.id = 'wrexham';
    copy.gss = 'W06000006';
    delete copy.sample;

    const problems = crossCouncilProblems([parse(ceredigion), parse(copy)]).filter((p) => p.council === 'wrexham');

    expect(summary(problems)).toEqual(['wrexham addresses.postcodeDistricts', 'wrexham addresses.properties', 'wrexham services.report.streets', 'wrexham services.report.boundary']);
    expect(problems[0].message).toBe(
      'every postcode district here is also claimed by ceredigion: still ceredigion’s (copied by ldf council new --from?); use this council’s own',
    );
    expect(problems[1].message).toContain('every property here is also in ceredigion’s gazetteer');
  });
});
