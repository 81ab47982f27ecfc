import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempCouncilsDir } from './support.ts';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/ldf.mjs');

let councils: Awaited<ReturnType<typeof tempCouncilsDir>>;
beforeAll(async () => {
  councils = await tempCouncilsDir(['hackney']);
});
afterAll(() => councils.remove());

describe('the ldf executable', () => {
  it('runs a command and exits 0', async () => {
    const { stdout } = await run(BIN, ['council', 'list'], { cwd: REPO_ROOT, env: { ...process.env, LDF_COUNCILS_DIR: councils.dir } });
    expect(stdout).toMatch(/^hackney\s+London Borough of Hackney\s+england/m);
  });

  it('exits with the command’s code on misuse', async () => {
    const error = await run(BIN, ['council', 'frob'], { cwd: REPO_ROOT, env: { ...process.env, LDF_COUNCILS_DIR: councils.dir } }).catch((e) => e);
    expect(error).toMatchObject({ code: 2 });
    expect(error.stderr).toContain('Unknown council command "frob"');
  });
});
