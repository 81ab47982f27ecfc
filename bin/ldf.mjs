#!/usr/bin/env node
// The `ldf` command: runs functions/cli/main.ts through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

// Lambda runs Node 22+; on a Node 20 dev machine the AWS SDK's reminder about that is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
