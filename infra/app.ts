/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy Council-<id>`). The only place that reads the
 * environment: everything else takes its settings as props.
 */
import path from 'node:path';
import { buildLambdaBundle } from '../functions/build-lambda.ts';
import { deployProblems } from '../functions/config/cross-council-checks.ts';
import { COUNCILS_DIR, loadCouncils } from '../functions/config/load-councils.ts';
import { CouncilNotDeployableError, createLdfApp } from './ldf-app.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILD_DIR = path.join(ROOT, '.build');

let councils;
try {
  councils = await loadCouncils(process.env.LDF_COUNCILS_DIR ?? COUNCILS_DIR);
} catch (error) {
  process.stderr.write(`Cannot synthesise: a council file is invalid.\n${(error as Error).message}\n`);
  process.exit(1);
}
// A placeholder left from `ldf council new`, or a district, property or code another council also
// claims, would deploy a council that misleads residents: refuse, as `ldf council check` does.
const notReady = deployProblems(councils);
if (notReady.length > 0) {
  process.stderr.write(
    `Cannot synthesise: council files are not ready to deploy (see ldf council check).\n${notReady.map((p) => `  ${p.council}: ${p.path}: ${p.message}\n`).join('')}`,
  );
  process.exit(1);
}

const bundle = await buildLambdaBundle(path.join(BUILD_DIR, 'lambda'));
let ldf;
try {
  ldf = createLdfApp({
    councils,
    bundleDir: bundle.dir,
    layersDir: path.join(BUILD_DIR, 'layers'),
    platformAccount: process.env.LDF_PLATFORM_ACCOUNT ?? process.env.CDK_DEFAULT_ACCOUNT,
    platformRegion: process.env.LDF_PLATFORM_REGION,
    operationsEmail: process.env.LDF_OPERATIONS_EMAIL,
    nag: process.env.LDF_CDK_NAG === 'true',
    appProps: { builtinCloudFormationValidation: process.env.CDK_VALIDATION !== 'false' },
  });
} catch (error) {
  // A council that cannot run as its file stands (e.g. a live council on the outbox): say which and why.
  if (!(error instanceof CouncilNotDeployableError)) throw error;
  process.stderr.write(`Cannot synthesise: ${error.message}\n`);
  process.exit(1);
}
ldf.app.synth();
