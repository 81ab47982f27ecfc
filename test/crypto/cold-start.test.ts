/**
 * The Encryption SDK takes about 0.3 s to import: it is in the council function's bundle, but only in
 * chunks reached through the cipher's dynamic import on its first seal or open, so a resident's page
 * (bins, report a problem) never loads it at a cold start.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildCouncilBundle, LAMBDA_ESBUILD_OPTIONS } from '../../functions/build-lambda.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

describe('the council function’s bundle', () => {
  it('makes its cipher at a cold start but loads the Encryption SDK and the KMS client only on the first seal or open', async () => {
    const bundle = await buildCouncilBundle('hackney', mkdtempSync(path.join(tmpdir(), 'ldf-crypto-bundle-')));
    const { atStart, anywhere } = bundleInputs(bundle.metafile);

    expect(atStart.some((input) => input.includes('functions/core/crypto/encryption-sdk-cipher.ts'))).toBe(true);
    expect(atStart.filter((input) => /node_modules\/(@aws-crypto\/|@aws-sdk\/client-kms\/)/.test(input))).toEqual([]);
    expect(anywhere.some((input) => input.includes('node_modules/@aws-crypto/encrypt-node/'))).toBe(true);
    expect(anywhere.some((input) => input.includes('node_modules/@aws-sdk/client-kms/'))).toBe(true);
  }, 120_000);

  it('seals and opens once bundled as the Lambda is, where the CommonJS library’s exports arrive as a default', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ldf-crypto-bundled-'));
    const cipherModule = path.resolve(import.meta.dirname, '../../functions/core/crypto/encryption-sdk-cipher.ts');
    writeFileSync(
      path.join(dir, 'entry.ts'),
      [
        `import { createFieldCipher, localKeyFile } from ${JSON.stringify(cipherModule)};`,
        `const context = { council: 'hackney', reference: 'H7K3QX', form: 'care-needs-assessment' };`,
        `const local = createFieldCipher({ keyring: 'raw-aes', keyFile: await localKeyFile(${JSON.stringify(dir)}, 'hackney') });`,
        `const opened = await local.open(await local.seal('bundled', context), context);`,
        // No KMS here: the keyring is built and its client tries the network (or has no credentials), not a TypeError.
        `const kms = createFieldCipher({ keyring: 'kms', keyArn: 'arn:aws:kms:eu-west-2:111111111111:key/00000000-0000-4000-8000-000000000000' });`,
        `const kmsError = await Promise.race([kms.seal('x', context).then(() => 'sealed', (e) => e.name), new Promise((r) => setTimeout(() => r('waiting on the network'), 5000))]);`,
        `process.stdout.write(JSON.stringify({ opened, kmsError }));`,
        `process.exit(0);`,
      ].join('\n'),
    );
    await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: { entry: path.join(dir, 'entry.ts') }, entryNames: '[name]', outdir: path.join(dir, 'out'), metafile: false });
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'out', 'entry.mjs')], {
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'AKIATESTDUMMY0000000', AWS_SECRET_ACCESS_KEY: 'test-dummy', AWS_MAX_ATTEMPTS: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { opened: string; kmsError: string };
    expect(result.opened).toBe('bundled');
    expect(result.kmsError).not.toBe('TypeError');
  }, 120_000);
});
