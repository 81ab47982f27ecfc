import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FormDefinition } from '../../functions/modules/forms/definition/types.ts';

// The catalogue list: the real one, or as a test makes it.
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

const { loadCouncilFile } = await import('../../functions/config/load-councils.ts');
const { withAdoption } = await import('../../functions/cli/form-commands.ts');
const { ldf, REPO_ROOT, tempCouncilsDir } = await import('./support.ts');

let councils: Awaited<ReturnType<typeof tempCouncilsDir>>;
let env: Record<string, string>;
const fileOf = (id: string) => path.join(councils.dir, `${id}.ts`);
const shownFile = (id: string) => path.relative(REPO_ROOT, fileOf(id));
const adopted = async (id: string) => Object.keys((await loadCouncilFile(fileOf(id))).services.forms?.adopted ?? {});

beforeAll(async () => {
  councils = await tempCouncilsDir(['hackney', 'ceredigion']);
  env = { LDF_COUNCILS_DIR: councils.dir };
  // The copies start adopting nothing: their services.forms section (at services' indent) is taken out.
  for (const id of ['hackney', 'ceredigion']) {
    const text = await readFile(fileOf(id), 'utf8');
    // And the care request's own states (cases.types), which name an adopted form.
    const without = text.replace(/\n {4}forms: \{\n[\s\S]*?\n {4}\},/, '').replace(/\n {4}\/\/ Adult social care's own states[\s\S]*?\n {4}\],/, '');
    expect(without).not.toContain('forms:');
    await writeFile(fileOf(id), without);
  }
});
afterAll(() => councils.remove());
afterEach(() => {
  state.list = undefined;
});

describe('ldf form list', () => {
  it('lists every catalogue form with its title, credit and the councils that adopt it', async () => {
    const run = await ldf(['form', 'list'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +TITLE +CREDIT +ADOPTED BY$/);
    expect(lines).toHaveLength(2 + state.real.length);
    for (const form of state.real) {
      const row = lines.find((l) => l.startsWith(`${form.id} `));
      expect(row).toContain(form.title.en);
      expect(row).toContain(form.credit.name);
      expect(row).toMatch(/\(none\)$/);
    }
  });
});

describe('ldf form adopt', () => {
  it('adds the form to a council file without a forms section, creating it, and validates the file', async () => {
    const form = state.real[0].id;
    const before = await readFile(fileOf('hackney'), 'utf8');
    const run = await ldf(['form', 'adopt', form, '--council', 'hackney'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${shownFile('hackney')} now adopts ${form}`);
    expect(run.stdout).toContain(`Residents will find it at /hackney/forms/${form}.`);
    const after = await readFile(fileOf('hackney'), 'utf8');
    expect(after).toContain(`forms: { adopted: { '${form}': {} } },`);
    // only that line is new: the rest of the file is as it was
    expect(after.split('\n').filter((l) => !before.split('\n').includes(l))).toHaveLength(1);
    expect(await adopted('hackney')).toEqual([form]);
  });

  it('adds a second form beside the first, and list shows who adopts each', async () => {
    const [first, second] = state.real.map((f) => f.id);
    expect((await ldf(['form', 'adopt', second, '--council', 'hackney'], env)).code).toBe(0);
    expect(await readFile(fileOf('hackney'), 'utf8')).toContain(`forms: { adopted: { '${first}': {}, '${second}': {} } },`);
    expect(await adopted('hackney')).toEqual([first, second]);
    const list = await ldf(['form', 'list'], env);
    expect(list.stdout.split('\n').find((l) => l.startsWith(`${first} `))).toMatch(/ hackney$/);
  });

  it('adopts a bilingual form for a Welsh council', async () => {
    const form = state.real[0].id;
    const run = await ldf(['form', 'adopt', form, '--council', 'ceredigion'], env);
    expect(run.stderr).toBe('');
    expect(await adopted('ceredigion')).toEqual([form]);
  });

  it('refuses a form already adopted', async () => {
    const form = state.real[0].id;
    const before = await readFile(fileOf('hackney'), 'utf8');
    const run = await ldf(['form', 'adopt', form, '--council', 'hackney'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`ldf: ${shownFile('hackney')} already adopts ${form}.\n`);
    expect(await readFile(fileOf('hackney'), 'utf8')).toBe(before);
  });

  it('refuses a form the catalogue does not have, listing the ones it has', async () => {
    const run = await ldf(['form', 'adopt', 'no-such-form', '--council', 'hackney'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`ldf: There is no form "no-such-form" in the catalogue. The forms are: ${state.real.map((f) => f.id).join(', ')}.\n`);
  });

  it('refuses a council that has no file', async () => {
    const run = await ldf(['form', 'adopt', state.real[0].id, '--council', 'atlantis'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ldf: There is no council "atlantis"/);
  });

  it('leaves the file as it was when the adoption would not validate', async () => {
    // an English-only form: a Welsh council cannot adopt it as it is
    const english = { ...state.real[1], title: { en: state.real[1].title.en } };
    state.list = [state.real[0], english, ...state.real.slice(2)];
    const before = await readFile(fileOf('ceredigion'), 'utf8');
    const run = await ldf(['form', 'adopt', english.id, '--council', 'ceredigion'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`ldf: ${shownFile('ceredigion')} was not changed: adopting ${english.id} would give it these problems:`);
    expect(run.stderr).toContain(`catalogue/forms/${english.id}.ts title has no Welsh (cy)`);
    expect(await readFile(fileOf('ceredigion'), 'utf8')).toBe(before);
  });

  it('explains its usage when the form or the council is missing', async () => {
    const noForm = await ldf(['form', 'adopt', '--council', 'hackney'], env);
    expect(noForm.code).toBe(2);
    expect(noForm.stderr).toContain('ldf: Give the id of the form to adopt');
    expect(noForm.stderr).toContain('Usage: ldf form adopt <form> --council <id>');
    const noCouncil = await ldf(['form', 'adopt', 'x'], env);
    expect(noCouncil.code).toBe(2);
    expect(noCouncil.stderr).toContain('ldf: Give the council with --council <id>');
  });
});

describe('ldf form check', () => {
  it('passes when every form and adoption is sound', async () => {
    const run = await ldf(['form', 'check'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${state.real.length} catalogue forms and 3 adoptions in 2 council files checked: no problems.\n`);
  });

  it('fails naming the council file, the field and the catalogue’s ids for an unknown form', async () => {
    const file = fileOf('hackney');
    const before = await readFile(file, 'utf8');
    await writeFile(file, before.replace('forms: { adopted: {', "forms: { adopted: { 'ghost-form': {},"));
    try {
      const run = await ldf(['form', 'check'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `${shownFile('hackney')}: services.forms.adopted.ghost-form: councils/hackney.ts adopts "ghost-form", which is not in the catalogue: catalogue/forms.ts lists ${state.real.map((f) => f.id).join(', ')}`,
      );
    } finally {
      await writeFile(file, before);
    }
  });

  it('fails on a council file it cannot load for other reasons, pointing to ldf council check', async () => {
    const file = fileOf('hackney');
    const before = await readFile(file, 'utf8');
    await writeFile(file, before.replace(/gss: '[^']+'/, "gss: 'nonsense'"));
    try {
      const run = await ldf(['form', 'check'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`Not checked, their files have other problems: ${shownFile('hackney')} (see ldf council check)\n`);
    } finally {
      await writeFile(file, before);
    }
  });

  it('fails naming a catalogue file the list leaves out', async () => {
    state.list = state.real.slice(1);
    const run = await ldf(['form', 'check'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`catalogue/forms/${state.real[0].id}.ts: is not listed in CATALOGUE_FORMS (catalogue/forms.ts): add it there`);
  });

  it('fails naming a broken form’s file, field and problem', async () => {
    state.list = [{ ...state.real[0], retentionDays: -1 }, ...state.real.slice(1)];
    const run = await ldf(['form', 'check'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`catalogue/forms/${state.real[0].id}\\.ts: retentionDays: .+`));
  });
});

describe('ldf form help', () => {
  it('lists the form commands, in ldf --help too', async () => {
    const group = await ldf(['form', '--help'], env);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('adopt <form> --council <id>     Adopt a catalogue form in a council\'s file');
    expect((await ldf(['--help'], env)).stdout).toContain('ldf form adopt <form> --council <id>');
    const unknown = await ldf(['form', 'remove'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ldf: Unknown form command "remove"');
  });
});

describe('withAdoption', () => {
  const file = (services: string) => `import { defineCouncil } from '../x.ts';\n\nexport default defineCouncil({\n  id: 'x',\n  services: ${services},\n});\n`;

  it('adds to an empty or one-line adopted list on its line', () => {
    expect(withAdoption(file('{ forms: { adopted: {} } }'), 'pets', 'x.ts')).toBe(file("{ forms: { adopted: { pets: {} } } }"));
    expect(withAdoption(file("{ forms: { adopted: { 'a-b': {} } } }"), 'dog-licence', 'x.ts')).toBe(file("{ forms: { adopted: { 'a-b': {}, 'dog-licence': {} } } }"));
  });

  it('adds a line to an adopted list written one form a line, in its indent', () => {
    const before = file("{\n    forms: {\n      adopted: {\n        'a-b': { hide: ['x'] },\n      },\n    },\n  }");
    expect(withAdoption(before, 'dog-licence', 'x.ts')).toBe(file("{\n    forms: {\n      adopted: {\n        'a-b': { hide: ['x'] },\n        'dog-licence': {},\n      },\n    },\n  }"));
  });

  it('creates forms, or adopted, where missing', () => {
    expect(withAdoption(file('{\n    bins: {},\n  }'), 'pets', 'x.ts')).toBe(file('{\n    bins: {},\n    forms: { adopted: { pets: {} } },\n  }'));
    expect(withAdoption(file('{ forms: {} }'), 'pets', 'x.ts')).toBe(file('{ forms: { adopted: { pets: {} } } }'));
  });

  it('refuses a file it cannot read as a council', () => {
    expect(() => withAdoption('export const x = 1;\n', 'pets', 'councils/x.ts')).toThrow('councils/x.ts does not read export default defineCouncil({ ... }): add the form by hand');
  });
});
