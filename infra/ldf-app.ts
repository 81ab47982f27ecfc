import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { CouncilConfig } from '../functions/config/council-schema.ts';
import { writeCouncilLayer } from '../functions/build-lambda.ts';
import { catalogueEntry } from '../functions/platform/platform-app.tsx';
import { CouncilStack, DEFAULT_REGION } from './council-stack.ts';
import { acknowledgeCouncilFindings, acknowledgePlatformFindings } from './nag-acknowledgements.ts';
import { PlatformStack } from './platform-stack.ts';

export interface LdfAppOptions {
  councils: CouncilConfig[];
  /** The built Lambda code every council shares (functions/build-lambda.ts). */
  bundleDir: string;
  /** Where each council's config layer and the catalogue layer are written. */
  layersDir: string;
  /** The platform's own account and region: the default home of a council. */
  platformAccount?: string;
  platformRegion?: string;
  operationsEmail?: string;
  /** Run cdk-nag's AwsSolutions checks on every stack at synthesis. */
  nag?: boolean;
  appProps?: AppProps;
}

export interface LdfApp {
  app: App;
  platform: PlatformStack;
  councils: CouncilStack[];
}

/** Feature flags the stacks are written for; set here so tests and `cdk synth` build the same templates. */
export const FEATURE_FLAGS = {
  '@aws-cdk/core:checkSecretUsage': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:validateSnapshotRemovalPolicy': true,
  '@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard': true,
  // The photo buckets' access logs are delivered under a bucket policy, not ACLs.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

/** A council whose file cannot be deployed as it stands; the message names the file and says why. */
export class CouncilNotDeployableError extends Error {
  override name = 'CouncilNotDeployableError';
  constructor(
    readonly councilId: string,
    reason: string,
  ) {
    super(`Cannot deploy council "${councilId}" (councils/${councilId}.ts): ${reason}`);
  }
}

/**
 * The outbox keeps emails in the function's memory: in AWS, residents would be told "we have
 * emailed you" and nothing would be sent. Only a shipped sample council may synthesize with it.
 */
function refuseOutboxInAws(council: CouncilConfig): void {
  if (council.notifications.provider !== 'outbox' || council.sample) return;
  throw new CouncilNotDeployableError(
    council.id,
    `notifications.provider is "outbox", which in AWS keeps residents' emails in memory and sends none. ` +
      `Use "govuk-notify" (with the council's template ids, and its API key in Secrets Manager as ldf/${council.id}/notify-api-key), ` +
      'or set "sample: true" if this is a demonstration council.',
  );
}

/**
 * The embedded OpenID provider runs only beside the local host: in AWS nobody could sign in, or
 * worse, a council would think its staff sign-in was set up. Only a shipped sample may synthesize with it.
 */
function refuseEmbeddedSignInInAws(council: CouncilConfig): void {
  if (council.staff?.signIn.provider !== 'embedded' || council.sample) return;
  throw new CouncilNotDeployableError(
    council.id,
    `staff.signIn.provider is "embedded", the local host's development sign-in, which does not exist in AWS. ` +
      `Use "oidc" with the council's issuer, client id, tenant and role mapping (and the client secret in Secrets Manager as ldf/${council.id}/oidc-client-secret), ` +
      'leave out "staff" for no back office, or set "sample: true" if this is a demonstration council.',
  );
}

/** The whole deployment: the Platform stack and one Council-<id> stack per council file. */
export function createLdfApp(options: LdfAppOptions): LdfApp {
  for (const council of options.councils) {
    refuseOutboxInAws(council);
    refuseEmbeddedSignInInAws(council);
  }
  const app = new App({ ...options.appProps, context: { ...FEATURE_FLAGS, ...options.appProps?.context } });
  const platformRegion = options.platformRegion ?? DEFAULT_REGION;
  const councils = options.councils.map((council) => {
    const layerDir = path.join(options.layersDir, council.id);
    writeCouncilLayer(council, layerDir);
    const stack = new CouncilStack(app, {
      council,
      bundleDir: options.bundleDir,
      configLayerDir: layerDir,
      env: { account: council.aws.account ?? options.platformAccount, region: council.aws.region },
    });
    acknowledgeCouncilFindings(stack);
    return stack;
  });

  const catalogueDir = path.join(options.layersDir, '_platform');
  mkdirSync(path.join(catalogueDir, 'platform'), { recursive: true });
  writeFileSync(
    path.join(catalogueDir, 'platform', 'catalogue.json'),
    JSON.stringify(options.councils.map((c) => catalogueEntry(c, c.aws.domain ? `https://${c.aws.domain.name}/` : undefined))),
  );
  const platform = new PlatformStack(app, 'Platform', {
    bundleDir: options.bundleDir,
    catalogueLayerDir: catalogueDir,
    operationsEmail: options.operationsEmail,
    env: { account: options.platformAccount, region: platformRegion },
  });
  acknowledgePlatformFindings(platform);
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform, councils };
}
