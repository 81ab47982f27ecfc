/**
 * `ldf form adopt care-needs-assessment`: the form leaves its safeguarding numbers to each council,
 * so the adoption it writes holds placeholder numbers (the file validates; the readiness check
 * reports them until the council's own are given), and it says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCouncilFile } from '../../functions/config/load-councils.ts';
import { findPlaceholders } from '../../functions/config/placeholders.ts';
import { ldf, tempCouncilsDir } from '../cli/support.ts';

let councils: Awaited<ReturnType<typeof tempCouncilsDir>>;
const fileOf = (id: string) => path.join(councils.dir, `${id}.ts`);

beforeAll(async () => {
  councils = await tempCouncilsDir(['ceredigion']);
  const text = await readFile(fileOf('ceredigion'), 'utf8');
  // The copy adopts everything but the care form.
  const start = text.indexOf("        // Wales: the form's Social Services");
  const end = text.indexOf('        },\n      },\n    },\n  },\n  staff:', start);
  expect(start).toBeGreaterThan(0);
  // And the care request's own states (cases.types), which name the care form.
  const rest = text.slice(0, start) + text.slice(end + '        },\n'.length);
  await writeFile(fileOf('ceredigion'), rest.replace(/\n {4}\/\/ Adult social care's own states[\s\S]*?\n {4}\],/, ''));
  expect(Object.keys((await loadCouncilFile(fileOf('ceredigion'))).services.forms?.adopted ?? {})).not.toContain('care-needs-assessment');
});
afterAll(() => councils.remove());

describe('ldf form adopt care-needs-assessment', () => {
  it('writes placeholder safeguarding numbers, says to replace them, and the readiness check reports them', async () => {
    const run = await ldf(['form', 'adopt', 'care-needs-assessment', '--council', 'ceredigion'], { LDF_COUNCILS_DIR: councils.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Put the council's own safeguarding-phone in services.forms.adopted.care-needs-assessment.values.safeguarding-phone");
    const text = await readFile(fileOf('ceredigion'), 'utf8');
    expect(text).toContain("'care-needs-assessment': { values: { 'safeguarding-phone': '01632 960000', 'safeguarding-out-of-hours-phone': '01632 960000' } },");
    const council = await loadCouncilFile(fileOf('ceredigion'));
    expect(findPlaceholders(council).map((p) => p.path)).toEqual([
      'services.forms.adopted.care-needs-assessment.values.safeguarding-phone',
      'services.forms.adopted.care-needs-assessment.values.safeguarding-out-of-hours-phone',
    ]);
  });
});
