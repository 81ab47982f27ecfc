// One cold start, run by plain `node` (no tsx): import a Lambda bundle, invoke its handler once with
// a Function URL (payload v2) event, and print timings measured from this process's start.
// Usage: node bench/cold-start-child.mjs <bundle/index.mjs> <path>
import { pathToFileURL } from 'node:url';

const [entry, rawPath = '/'] = process.argv.slice(2);
const host = 'benchxxxxxxxxxxxxxxxxxxxxxxxxxxx.lambda-url.eu-west-2.on.aws';
const now = new Date();
const event = {
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString: '',
  cookies: [],
  headers: {
    host,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'en-GB,en;q=0.9',
    'user-agent': 'ldf-bench',
    'x-amzn-trace-id': 'Root=1-00000000-000000000000000000000000',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  },
  requestContext: {
    accountId: 'anonymous',
    apiId: 'benchxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    domainName: host,
    domainPrefix: 'benchxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'ldf-bench' },
    requestId: '00000000-0000-4000-8000-000000000000',
    routeKey: '$default',
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  },
  isBase64Encoded: false,
};
const deadline = Date.now() + 30_000;
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'ldf-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:ldf-bench',
  memoryLimitInMB: '1024',
  awsRequestId: '00000000-0000-4000-8000-000000000001',
  logGroupName: '/aws/lambda/ldf-bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => deadline - Date.now(),
  done() {},
  fail() {},
  succeed() {},
};

const importStart = performance.now();
const { handler } = await import(pathToFileURL(entry).href);
const importEnd = performance.now();
const response = await handler(event, context);
const end = performance.now();
const cpu = process.cpuUsage();

process.stdout.write(
  JSON.stringify({
    totalMs: end,
    beforeImportMs: importStart,
    importMs: importEnd - importStart,
    invokeMs: end - importEnd,
    // CPU time (user + system) of the whole process so far: less sensitive to a busy machine than wall time.
    cpuMs: (cpu.user + cpu.system) / 1000,
    status: response?.statusCode,
    bodyBytes: typeof response?.body === 'string' ? response.body.length : 0,
  }) + '\n',
);
process.exit(0);
