import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Context as LambdaContext } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCouncils } from '../../functions/config/load-councils.ts';
import { createLambdaHandler } from '../../functions/handler.ts';
import { readOutboxFile } from '../../functions/core/notifications/outbox-adapter.ts';
import { createCase } from '../../functions/core/cases/case-store.ts';
import { queueCounts } from '../../functions/core/cases/queue.ts';
import { LocalSecrets } from '../../functions/core/secrets/local-secrets.ts';
import { createStoreClient, ensureTable, tableNameFor } from '../../functions/core/store/store.ts';
import { createLocalHost } from '../../functions/local/server.ts';
import { council, embeddedStore, textOf } from '../support/harness.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

const run = promisify(execFile);
let store: Awaited<ReturnType<typeof embeddedStore>>;
beforeAll(async () => {
  store = await embeddedStore();
});
afterAll(() => store.close());

const lambdaContext = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as LambdaContext;

function urlEvent(method: string, rawPath: string, rawQueryString = '', body?: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc.lambda-url.eu-west-2.on.aws', 'x-forwarded-proto': 'https', ...headers },
    requestContext: { http: { method, path: rawPath, sourceIp: '198.51.100.7', protocol: 'HTTP/1.1', userAgent: 'test' }, domainName: 'abc.lambda-url.eu-west-2.on.aws' },
    body,
    isBase64Encoded: false,
  };
}

describe('the Lambda entry', () => {
  it('serves one council over HTTPS, with HSTS, from its own table', async () => {
    const config = await council('ceredigion');
    process.env.AWS_ENDPOINT_URL_DYNAMODB = store.endpoint;
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    const handler = createLambdaHandler(config, { COUNCIL_ID: 'ceredigion', NOTIFY_API_KEY: 'unused', TABLE_NAME: 'lambda-ceredigion' });
    const res = (await handler(urlEvent('GET', '/cy/bins'), lambdaContext)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age/);
    expect(res.body).toContain('<html lang="cy"');
    expect(textOf(res.body)).toContain('Cyngor Sir Ceredigion');
    // Assets are served by the function itself from the folder beside the bundle.
    expect(res.body).toContain('href="/assets/app.css"');
  });

  it('refuses to start when its bundle and COUNCIL_ID disagree', async () => {
    const config = await council('hackney');
    expect(() => createLambdaHandler(config, { COUNCIL_ID: 'highland' })).toThrow(/serves hackney but COUNCIL_ID is highland/);
  });

  it('starts a Notify council with no API key in its environment: the key is read from Secrets Manager when an email is sent', async () => {
    const config = await council('ceredigion');
    expect(() => createLambdaHandler(config, { COUNCIL_ID: 'ceredigion' })).not.toThrow();
  });

  it('retries due notifications when the schedule invokes it', async () => {
    const config = await council('hackney');
    process.env.AWS_ENDPOINT_URL_DYNAMODB = store.endpoint;
    const tableName = 'lambda-hackney';
    await ensureTable(createStoreClient({ endpoint: store.endpoint }), tableName);
    const handler = createLambdaHandler(config, { COUNCIL_ID: 'hackney', TABLE_NAME: tableName });
    expect(await handler({ 'ldf-task': 'retry-notifications' }, lambdaContext)).toEqual({ sent: 0, failed: 0, counted: 0, outputsDelivered: 0, outputsFailed: 0, outputsRetrying: 0 });
  });

  it('counts new cases into the back office’s counts per state on the same schedule', async () => {
    const config = await council('hackney');
    process.env.AWS_ENDPOINT_URL_DYNAMODB = store.endpoint;
    const tableName = 'lambda-hackney-counts';
    const client = createStoreClient({ endpoint: store.endpoint });
    await ensureTable(client, tableName);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const newCase = { service: 'report', type: 'pothole', submissionId: 's1', details: {}, lang: 'en' as const, retentionDays: 30 };
    await createCase({ client, tableName }, newCase, tenMinutesAgo, new LocalSecrets());
    const handler = createLambdaHandler(config, { COUNCIL_ID: 'hackney', TABLE_NAME: tableName });

    expect(await handler({ 'ldf-task': 'retry-notifications' }, lambdaContext)).toMatchObject({ counted: 1 });
    expect((await queueCounts({ client, tableName })).counts.submitted).toBe(1);
  });
});

describe('the local host', () => {
  it('lists every council with its nation and services, each linking to its pages', async () => {
    const councils = await loadCouncils();
    const host = await createLocalHost({ councils, storeEndpoint: store.endpoint });
    const res = await host.app.request('/');
    const html = await res.text();
    for (const c of councils) expect(html).toContain(`href="/${c.id}/"`);
    const text = textOf(html);
    expect(text).toContain('Wales');
    expect(text).toContain('Scotland');
    expect(text).toContain('Cymraeg');
    expect(text).toContain('Find your bin collection day');
    expect((await host.app.request('/hackney')).headers.get('location')).toBe('/hackney/');
    const page = await host.app.request('/hackney/bins');
    expect(await page.text()).toContain('action="/hackney/bins/addresses"');
    for (const c of councils) expect(host.stores.get(c.id)!.tableName).toBe(tableNameFor(c.id));
  });

  it('shows every email sent in full on the outbox page, from a file that survives a restart', async () => {
    const councils = await loadCouncils();
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'ldf-outbox-')), 'outbox.jsonl');
    const host = await createLocalHost({ councils, storeEndpoint: store.endpoint, outboxFile: file });
    await host.outboxes.get('hackney')!.sendEmail({
      template: 'missed-collection-confirmation',
      lang: 'en',
      to: 'resident@example.com',
      reference: 'ABCD-EFGH',
      personalisation: { reference: 'ABCD-EFGH', address: '1 Test Street', container: 'Black bin', collection_date: 'Monday', what_happens_next: 'We will come back.', council: 'Hackney' },
    });
    expect((await readOutboxFile(file))[0]).toMatchObject({ to: 'resident@example.com', council: 'hackney', subject: 'Missed collection reported: ABCD-EFGH' });
    const restarted = await createLocalHost({ councils, storeEndpoint: store.endpoint, outboxFile: file });
    const text = textOf(await (await restarted.app.request('/_dev/outbox')).text());
    expect(text).toContain('resident@example.com');
    expect(text).toContain('We will come back.');
    expect(text).toContain('1 Test Street');
  });
});

describe('starting with a bad council file', () => {
  it('stops npm start with a message naming the file, the field and the problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ldf-councils-'));
    const good = await readFile(path.resolve('councils/hackney.ts'), 'utf8');
    const bad = good
      .replace("from '../functions/config/define-council.ts'", `from '${path.resolve('functions/config/define-council.ts')}'`)
      .replace(/colour: '#[0-9a-fA-F]{6}'/, "colour: '#ffdd00'");
    await writeFile(path.join(dir, 'hackney.ts'), bad);
    const error = await run('npx', ['tsx', 'functions/local/server.ts'], { env: { ...process.env, LDF_COUNCILS_DIR: dir, PORT: '0' } }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('hackney.ts');
    expect(error?.stderr).toContain('brand.colour');
    expect(error?.stderr).toContain('4.5:1');
  });
});

describe('the built Lambda bundle', () => {
  it('answers a Function URL-style event for the council in its config file, from a fresh Node process', async () => {
    const { buildCouncilBundle } = await import('../../functions/build-lambda.ts');
    const dir = await mkdtemp(path.join(tmpdir(), 'ldf-bundle-'));
    const bundle = await buildCouncilBundle('highland', dir);
    const script = `
      const { handler } = await import(${JSON.stringify(bundle.entry)});
      const event = ${JSON.stringify(urlEvent('GET', '/bins'))};
      const res = await handler(event, { awsRequestId: 'r1', getRemainingTimeInMillis: () => 3000 });
      // A form's pages load from their own chunk on their first request.
      const form = await handler(${JSON.stringify(urlEvent('GET', '/forms/assisted-bin-collection'))}, { awsRequestId: 'r2', getRemainingTimeInMillis: () => 3000 });
      console.log(JSON.stringify({ status: res.statusCode, highland: res.body.includes('The Highland Council'), form: form.statusCode, started: form.body.includes('Apply for an assisted bin collection') }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      // COUNCIL_KEY_ARN as the stack sets it: a form with special-category questions needs the cipher (no KMS call to show a page).
      env: { ...process.env, COUNCIL_ID: 'highland', COUNCIL_CONFIG_FILE: bundle.configFile, AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', LOG_LEVEL: 'silent', COUNCIL_KEY_ARN: 'arn:aws:kms:eu-west-2:111111111111:key/00000000-0000-4000-8000-000000000000' },
    });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ status: 200, highland: true, form: 200, started: true });

    // A bin page's cold start reads no form: without forms.json beside the config it still answers.
    const alone = await mkdtemp(path.join(tmpdir(), 'ldf-layer-'));
    await copyFile(bundle.configFile, path.join(alone, 'council.json'));
    // The pages and the API loaded on demand answer from their own chunks, a path none of them has
    // with the council's 404 page.
    const onDemand = {
      report: '/report',
      missed: '/bins/property/13000700001/report',
      // The calendar writer (ics, a CommonJS package) loads on the feed's first request.
      calendar: '/bins/property/13000700001/calendar.ics',
      open311: '/open311/v2/discovery.json',
      binsUnknown: '/bins/no-such-page',
      reportUnknown: '/report/no-such-page',
    };
    const binsOnly = `
      const { handler } = await import(${JSON.stringify(bundle.entry)});
      const context = { awsRequestId: 'r3', getRemainingTimeInMillis: () => 3000 };
      const res = await handler(${JSON.stringify(urlEvent('GET', '/bins'))}, context);
      const answers = {};
      for (const [name, event] of Object.entries(${JSON.stringify(Object.fromEntries(Object.entries(onDemand).map(([name, p]) => [name, urlEvent('GET', p)])))})) {
        const answer = await handler(event, context);
        answers[name] = [answer.statusCode, answer.headers['content-type']];
      }
      console.log(JSON.stringify({ status: res.statusCode, answers }));
    `;
    const bins = await run(process.execPath, ['--input-type=module', '-e', binsOnly], {
      env: { ...process.env, COUNCIL_ID: 'highland', COUNCIL_CONFIG_FILE: path.join(alone, 'council.json'), COUNCIL_KEY_ARN: 'arn:aws:kms:eu-west-2:111111111111:key/00000000-0000-4000-8000-000000000000', AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', LOG_LEVEL: 'silent' },
    });
    expect(JSON.parse(bins.stdout.trim().split('\n').pop()!)).toEqual({
      status: 200,
      answers: {
        report: [200, 'text/html; charset=UTF-8'],
        missed: [200, 'text/html; charset=UTF-8'],
        calendar: [200, 'text/calendar; charset=utf-8'],
        open311: [200, 'application/json; charset=utf-8'],
        binsUnknown: [404, 'text/html; charset=UTF-8'],
        reportUnknown: [404, 'text/html; charset=UTF-8'],
      },
    });

    // The council's config arrives validated, so the schema library is not loaded at a cold start:
    // the modules' config sections are only reachable through dynamic imports (separate chunks).
    const { atStart: inputs, anywhere } = bundleInputs(bundle.metafile);
    expect(inputs.some((input) => input.includes('node_modules/zod/'))).toBe(false);
    expect(inputs.some((input) => input.includes('functions/modules/bins/config.ts'))).toBe(false);
    expect(anywhere.some((input) => input.includes('functions/modules/bins/config.ts'))).toBe(true);
    // Nor do the forms' pages (steps, answer types, save and return, outputs): they load on a form's first request.
    for (const part of ['forms/steps/', 'forms/answers/', 'forms/save-return/save-routes.tsx', 'forms/save-return/resume-links.ts', 'forms/journey.tsx', 'forms/outputs/delivery-store.ts']) {
      expect(inputs.some((input) => input.includes(`functions/modules/${part}`)), part).toBe(false);
      expect(anywhere.some((input) => input.includes(`functions/modules/${part}`)), part).toBe(true);
    }
    // Nor does a resident's page need the case store, the back office's queue and case actions, the
    // Open311 API or the missed-collection pages: they load when first used (sending or looking up a
    // report, the schedule's tasks on its event), as does the staff code.
    for (const part of [
      'core/cases/case-store.ts',
      'core/cases/queue.ts',
      'core/cases/case-actions.ts',
      'core/audit/audit-store.ts',
      'core/notifications/delivery.ts',
      'modules/report/reports.ts',
      'modules/report/send-report.ts',
      'modules/report/open311/',
      'modules/bins/missed-routes.tsx',
      'modules/bins/steps/missed-',
    ]) {
      expect(inputs.some((input) => input.includes(`functions/${part}`)), part).toBe(false);
      expect(anywhere.some((input) => input.includes(`functions/${part}`)), part).toBe(true);
    }
    expect(inputs.filter((input) => input.includes('functions/staff/'))).toEqual([]);

    // A cold start loads one file of code: everything it runs is folded into index.mjs (the chunks
    // it would have imported re-export from it), so index.mjs imports no other file statically.
    const entryText = await readFile(bundle.entry, 'utf8');
    expect([...entryText.matchAll(/(?:\bfrom|\bimport)\s*["'](\.[^"']+)["']/g)].map((m) => m[1])).toEqual([]);
    expect(inputs).toEqual(expect.arrayContaining(['functions/lambda.ts', 'functions/app.ts', 'functions/modules/bins/steps/address.tsx', 'functions/modules/report/journey.tsx']));

    // The platform function, built beside it, answers its landing page without the council function's app.
    const catalogue = path.join(dir, 'catalogue.json');
    await writeFile(catalogue, JSON.stringify([{ id: 'highland', name: 'The Highland Council', nation: 'scotland', languages: ['en'], services: ['Bin collections'], serviceIds: ['bins'], forms: [], url: 'https://highland.example' }]));
    const landing = await run(process.execPath, ['--input-type=module', '-e', `
      const { handler } = await import(${JSON.stringify(path.join(dir, 'platform.mjs'))});
      const res = await handler(${JSON.stringify(urlEvent('GET', '/'))}, { awsRequestId: 'r4', getRemainingTimeInMillis: () => 3000 });
      console.log(JSON.stringify({ status: res.statusCode, highland: res.body.includes('The Highland Council') }));
    `], { env: { ...process.env, CATALOGUE_FILE: catalogue, AWS_REGION: 'eu-west-2', LOG_LEVEL: 'silent' } });
    expect(JSON.parse(landing.stdout.trim().split('\n').pop()!)).toEqual({ status: 200, highland: true });
    const { atStart: platformInputs } = bundleInputs(bundle.metafile, 'platform.mjs');
    expect(platformInputs).toContain('functions/platform-lambda.ts');
    expect(platformInputs.filter((input) => ['functions/lambda.ts', 'functions/app.ts', 'functions/handler.ts'].includes(input))).toEqual([]);
  });
});
