import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { councilSchema, type CouncilConfig, type CouncilInput } from '../../functions/config/council-schema.ts';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { createLdfApp, type LdfApp } from '../../infra/ldf-app.ts';

/**
 * A stand-in for the Lambda bundle: templates do not depend on the code's content, only on its
 * folder (the CLI test synthesises with the real bundle).
 */
function stubBundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ldf-bundle-'));
  writeFileSync(path.join(dir, 'index.mjs'), 'export const handler = () => {};\n');
  writeFileSync(path.join(dir, 'platform.mjs'), 'export const handler = () => {};\n');
  return dir;
}

export const PLATFORM_ACCOUNT = '111111111111';

/** A council from a real file with some of its settings changed, validated as a file would be. */
export function variant(base: CouncilConfig, id: string, changes: Partial<CouncilInput>): CouncilConfig {
  return councilSchema.parse({ ...base, id, ...changes });
}

export async function realCouncils(): Promise<CouncilConfig[]> {
  return loadCouncils();
}

/** Synthesises the app for these councils, offline, with validation off (tests turn cdk-nag on when they want it). */
export function synthApp(councils: CouncilConfig[], options: { nag?: boolean } = {}): LdfApp & { outdir: string } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ldf-cdk-out-'));
  const ldf = createLdfApp({
    councils,
    bundleDir: stubBundle(),
    layersDir: mkdtempSync(path.join(tmpdir(), 'ldf-layers-')),
    platformAccount: PLATFORM_ACCOUNT,
    nag: options.nag,
    appProps: { outdir, builtinCloudFormationValidation: false },
  });
  return { ...ldf, outdir };
}

export interface Violation {
  rule: string;
  path: string;
}

/** cdk-nag's findings from a synthesis: none when it passed. */
export function nagViolations(outdir: string): Violation[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  return report.pluginReports.flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath }))));
}
