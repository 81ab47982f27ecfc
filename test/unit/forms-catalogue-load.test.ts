import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FormDefinition } from '../../functions/modules/forms/definition/types.ts';

// The catalogue list as each test makes it (the real one by default).
const state = vi.hoisted(() => ({ list: undefined as readonly FormDefinition[] | undefined, real: [] as readonly FormDefinition[] }));
vi.mock('../../catalogue/forms.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../catalogue/forms.ts')>();
  state.real = real.CATALOGUE_FORMS;
  return {
    get CATALOGUE_FORMS() {
      return state.list ?? state.real;
    },
  };
});

const { loadCouncils } = await import('../../functions/config/load-councils.ts');

afterEach(() => {
  state.list = undefined;
});

describe('loading the councils checks the catalogue', () => {
  it('loads with the shipped catalogue', async () => {
    await expect(loadCouncils()).resolves.not.toHaveLength(0);
  });

  it('stops on a catalogue file the list leaves out, naming the file', async () => {
    const [first, ...rest] = state.real;
    state.list = rest;
    await expect(loadCouncils()).rejects.toThrow(`catalogue/forms/${first.id}.ts: 1 problem(s)\n  (root): is not listed in CATALOGUE_FORMS (catalogue/forms.ts): add it there`);
  });

  it('stops on a broken form, naming its file, the field path and the problem', async () => {
    const [first, ...rest] = state.real;
    state.list = [{ ...first, pages: [] }, ...rest];
    await expect(loadCouncils()).rejects.toThrow(/catalogue\/forms\/[a-z-]+\.ts: \d problem\(s\)(\n  .*)*\n  pages: A form has at least one page/);
  });
});
