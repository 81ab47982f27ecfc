/**
 * Environment for the bench process and for the cold-start children. Imported first by run.ts so it
 * is in place before any app module (the logger reads the level) is evaluated.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION ??= 'eu-west-2';

/** The env each cold-start child gets: the Lambda-like settings from the brief, no inherited loaders. */
export function coldStartEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // tsx and friends must not leak into the plain `node` children.
  delete env.NODE_OPTIONS;
  return {
    ...env,
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'AKIABENCHDUMMY000000',
    AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    COUNCIL_ID: 'hackney',
    // As the council's stack sets it: the function makes its KMS cipher at start (the library loads on first use).
    COUNCIL_KEY_ARN: 'arn:aws:kms:eu-west-2:111111111111:key/00000000-0000-4000-8000-000000000000',
  };
}
