import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig, CouncilInput } from '../../functions/config/council-schema.ts';
import { CouncilConfigError, councilFiles, loadCouncils, parseCouncil } from '../../functions/config/load-councils.ts';
import ceredigion from '../../councils/ceredigion.ts';
import southCambridgeshire from '../../councils/south-cambridgeshire.ts';

/** Every { en, cy? } object anywhere in a value, with its path. */
function localisedTexts(value: unknown, at: string[] = []): { path: string; text: { en: string; cy?: string } }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localisedTexts(v, [...at, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  if (typeof (value as { en?: unknown }).en === 'string' && keys.every((k) => k === 'en' || k === 'cy')) {
    return [{ path: at.join('.'), text: value as { en: string; cy?: string } }];
  }
  return keys.flatMap((k) => localisedTexts((value as Record<string, unknown>)[k], [...at, k]));
}

/** Runs parseCouncil and returns the CouncilConfigError it must throw. */
function parseError(input: unknown, file = 'councils/x.ts'): CouncilConfigError {
  try {
    parseCouncil(input, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CouncilConfigError);
    return error as CouncilConfigError;
  }
  throw new Error('parseCouncil accepted an invalid council');
}

const clone = (input: CouncilInput): any => structuredClone(input);

describe('council files', () => {
  let councils: CouncilConfig[];
  let files: string[];

  beforeAll(async () => {
    files = await councilFiles();
    councils = await loadCouncils();
  });

  it('loads at least four councils', () => {
    expect(councils.length).toBeGreaterThanOrEqual(4);
    expect(councils.map((c) => c.id)).toEqual(expect.arrayContaining(['south-cambridgeshire', 'hackney', 'ceredigion', 'highland']));
  });

  it('has unique ids that match the file names', () => {
    const ids = councils.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(files.map((f) => path.basename(f, '.ts')));
  });

  it('covers England, Wales and Scotland', () => {
    const nations = new Set(councils.map((c) => c.nation));
    for (const nation of ['england', 'wales', 'scotland'] as const) expect(nations).toContain(nation);
  });

  it('gives every piece of text in Welsh for bilingual councils', () => {
    const bilingual = councils.filter((c) => c.languages.includes('cy'));
    expect(bilingual.map((c) => c.id)).toContain('ceredigion');
    for (const council of bilingual) {
      const texts = localisedTexts(council);
      expect(texts.length).toBeGreaterThan(0);
      for (const { path: at, text } of texts) {
        expect(text.cy, `${council.id}: ${at}.cy`).toBeTruthy();
        expect(text.cy, `${council.id}: ${at}.cy should not just repeat the English`).not.toBe(text.en);
      }
    }
  });

  it('has unique UPRNs within each gazetteer', () => {
    for (const council of councils) {
      const uprns = council.addresses!.properties.map((p) => p.uprn);
      expect(new Set(uprns).size, council.id).toBe(uprns.length);
    }
  });

  it('puts every bin round to use and every postcode on at least two properties', () => {
    for (const council of councils) {
      const bins = council.services.bins;
      if (!bins) continue;
      const used = new Set(council.addresses!.properties.map((p) => p.round));
      for (const round of bins.rounds) expect(used, `${council.id}: round ${round.id} has no property`).toContain(round.id);
      const perPostcode = new Map<string, number>();
      for (const p of council.addresses!.properties) perPostcode.set(p.postcode, (perPostcode.get(p.postcode) ?? 0) + 1);
      for (const [postcode, count] of perPostcode) expect(count, `${council.id}: ${postcode}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives at least one property each subscription container', () => {
    for (const council of councils) {
      for (const container of council.services.bins?.containers.filter((c) => c.subscription) ?? []) {
        const subscribers = council.addresses!.properties.filter((p) => p.subscriptions.includes(container.id));
        expect(subscribers.length, `${council.id}: ${container.id}`).toBeGreaterThan(0);
        expect(subscribers.length, `${council.id}: not every property should subscribe to ${container.id}`).toBeLessThan(
          council.addresses!.properties.length,
        );
      }
    }
  });
});

describe('parseCouncil', () => {
  it('accepts the sample councils as they are', () => {
    expect(parseCouncil(clone(southCambridgeshire), 'councils/south-cambridgeshire.ts').id).toBe('south-cambridgeshire');
    expect(parseCouncil(clone(ceredigion), 'councils/ceredigion.ts').name.cy).toBe('Cyngor Sir Ceredigion');
  });

  it('refuses a brand colour too light for white text, naming the file, field and reason', () => {
    const input = clone(southCambridgeshire);
    input.brand.colour = '#ffdd00';
    const error = parseError(input);
    expect(error.file).toBe('councils/x.ts');
    expect(error.message).toContain('councils/x.ts');
    expect(error.message).toContain('brand.colour');
    expect(error.message).toMatch(/4\.5:1 contrast/);
    expect(error.problems.map((p) => p.path)).toEqual(['brand.colour']);
  });

  it('refuses a bilingual council with text missing in Welsh', () => {
    const input = clone(ceredigion);
    delete input.services.bins.containers[1].contents.cy;
    const error = parseError(input);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe('services.bins.containers.1.contents.cy');
    expect(error.problems[0].path.endsWith('.cy')).toBe(true);
    expect(error.message).toContain('Welsh text is required');
  });

  it('refuses a missing Welsh council name', () => {
    const input = clone(ceredigion);
    delete input.name.cy;
    const error = parseError(input);
    expect(error.problems.map((p) => p.path)).toEqual(['name.cy']);
  });

  it('refuses a property on a round that does not exist', () => {
    const input = clone(southCambridgeshire);
    input.addresses.properties[0].round = 'sunday-z';
    const error = parseError(input);
    expect(error.problems.map((p) => p.path)).toEqual(['addresses.properties.0.round']);
    expect(error.message).toContain('No round "sunday-z"');
  });

  it('refuses an id that does not match the file name', () => {
    const error = parseError(clone(southCambridgeshire), 'councils/x.ts');
    expect(error.problems).toEqual([{ path: 'id', message: 'The id must match the file name: "x"' }]);
    expect(error.message).toContain('councils/x.ts');
  });

  it('reserves the id "platform" for the Platform stack', () => {
    const input = clone(southCambridgeshire);
    input.id = 'platform';
    const error = parseError(input, 'councils/platform.ts');
    expect(error.problems).toEqual([{ path: 'id', message: '"platform" is reserved for the Platform stack' }]);
  });
});
