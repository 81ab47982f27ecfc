/**
 * The council's jobs function runs the shared bundle's `jobHandler`, and the Lambda client that
 * starts its jobs adds nothing to the council function's cold start: it is in the bundle, but
 * only in chunks reached through dynamic imports, as is the job's own code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCouncilBundle } from '../../functions/build-lambda.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

describe('the shared bundle', () => {
  it('exports the jobs function’s handler, and loads the Lambda client and the export job only when used', async () => {
    const bundle = await buildCouncilBundle('hackney', mkdtempSync(path.join(tmpdir(), 'ldf-jobs-bundle-')));
    const outputs = bundle.metafile.outputs;
    const entry = Object.keys(outputs).find((file) => file.endsWith('/index.mjs'))!;
    const { atStart, anywhere } = bundleInputs(bundle.metafile);

    expect(outputs[entry].exports).toEqual(expect.arrayContaining(['handler', 'jobHandler']));
    expect(atStart.filter((input) => /node_modules\/@aws-sdk\/client-lambda\//.test(input) || input.includes('functions/staff/export/job.ts'))).toEqual([]);
    expect(anywhere.some((input) => input.includes('node_modules/@aws-sdk/client-lambda/'))).toBe(true);
    expect(anywhere.some((input) => input.includes('functions/staff/export/job.ts'))).toBe(true);
  }, 120_000);
});
