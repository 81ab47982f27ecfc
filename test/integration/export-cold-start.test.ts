/**
 * The S3 export adapter adds nothing to a council function's cold start: lib-storage and the S3
 * client are in the Lambda bundle, but only in chunks reached through dynamic imports.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCouncilBundle } from '../../functions/build-lambda.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

describe('the council function’s bundle', () => {
  it('loads lib-storage and the S3 client only when an export is delivered, not at a cold start', async () => {
    const bundle = await buildCouncilBundle('hackney', mkdtempSync(path.join(tmpdir(), 'ldf-export-bundle-')));
    const { atStart, anywhere } = bundleInputs(bundle.metafile);

    expect(atStart.some((input) => input.includes('functions/core/exports/s3-export-delivery.ts'))).toBe(true);
    expect(atStart.filter((input) => /node_modules\/@aws-sdk\/(lib-storage|client-s3)\//.test(input))).toEqual([]);
    expect(anywhere.some((input) => input.includes('node_modules/@aws-sdk/lib-storage/'))).toBe(true);
  }, 120_000);
});
