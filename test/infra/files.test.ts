/**
 * The file bucket in a council's template, for a council whose modules need files (forms' file
 * questions): private, encrypted with the council's key, TLS only, access-logged, kept when the
 * stack goes; uploads and pending files expire after a day, kept files after their form's
 * retention; the function may put, get and delete under its three prefixes only, and learns the
 * bucket's name from FILE_BUCKET. cdk-nag finds nothing unacknowledged.
 *
 * No module needs files until the forms module says so, so the modules' needs are stood in for
 * here: councils whose id starts with "files-" need them, as the forms module's councils will.
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { FILES_KEPT_PREFIX, keptFileRules } from '../../infra/constructs/council-files.ts';
import type { CouncilStack } from '../../infra/council-stack.ts';
import { nagViolations, realCouncils, synthApp, variant } from './support.ts';

vi.mock('../../functions/modules/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/modules/index.ts')>();
  return {
    ...original,
    platformNeeds: (council: CouncilConfig) => {
      const needs = original.platformNeeds(council);
      if (council.id.startsWith('files-')) needs.set('files', { retentionDays: 730 });
      return needs;
    },
  };
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let hackney: CouncilConfig;
let stack: CouncilStack;
let resources: Resources;
let without: Resources;

beforeAll(async () => {
  hackney = (await realCouncils()).find((c) => c.id === 'hackney')!;
  const withForms = variant(hackney, 'files-council', {
    services: { ...hackney.services, forms: { adopted: { 'new-bin-request': {}, 'single-person-discount': { retentionDays: 400 }, 'dropped-kerb': {} } } },
    // Without the care form, nor its own states.
    cases: { ...hackney.cases, types: undefined },
  } as never);
  // Hackney without its forms: bins and report a problem need no file storage.
  const noForms = variant(hackney, 'no-files-council', { services: { ...hackney.services, forms: undefined } } as never);
  const app = synthApp([withForms, noForms]);
  stack = app.councils.find((s) => s.councilId === 'files-council')!;
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
  without = Template.fromStack(app.councils.find((s) => s.councilId === 'no-files-council')!).toJSON().Resources as Resources;
});

const idOf = (token: string) => (stack.resolve(token) as { Ref: string }).Ref;
const statementsOf = (all: Resources): Statement[] =>
  Object.values(all)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const rulesOf = () => (resources[idOf(stack.files!.bucket.bucketName)].Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;

describe('the file bucket', () => {
  it('is private, encrypted with the council’s key, logged, and kept when the stack is deleted', () => {
    const bucket = resources[idOf(stack.files!.bucket.bucketName)];
    const keyId = (stack.resolve(stack.data.key.keyArn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.BucketName).toBeUndefined();
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    // A plain form POST needs no CORS, and an unversioned bucket makes a delete an erasure.
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: idOf(stack.files!.accessLogs.bucketName) }, LogFilePrefix: 'files/' });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect((resources[idOf(stack.files!.accessLogs.bucketName)].Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: hackney.aws.logRetentionDays }),
    );
  });

  it('refuses requests that are not over TLS', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && (r.Properties.Bucket as { Ref: string }).Ref === idOf(stack.files!.bucket.bucketName))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: { Effect: string; Action: string; Condition?: unknown }[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('deletes unchecked uploads and unsent files after a day', () => {
    expect(rulesOf()).toContainEqual(expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }));
    expect(rulesOf()).toContainEqual(expect.objectContaining({ Prefix: 'pending/', ExpirationInDays: 1, Status: 'Enabled' }));
  });

  it('deletes kept files after their form’s retention: a rule per period the council’s forms use, the longest for every kept file', () => {
    const kept = rulesOf().filter((r) => JSON.stringify(r).includes(FILES_KEPT_PREFIX));
    // new-bin-request 365, single-person-discount 400 (the council's), dropped-kerb 1095; the module's 730;
    // and a saved form's files (single-person-discount and dropped-kerb save for 28 days) for 29.
    expect(kept).toEqual([
      { Id: 'expire-files-kept-29-days', ExpirationInDays: 29, Status: 'Enabled', Prefix: 'files/', TagFilters: [{ Key: 'retention-days', Value: '29' }] },
      { Id: 'expire-files-kept-365-days', ExpirationInDays: 365, Status: 'Enabled', Prefix: 'files/', TagFilters: [{ Key: 'retention-days', Value: '365' }] },
      { Id: 'expire-files-kept-400-days', ExpirationInDays: 400, Status: 'Enabled', Prefix: 'files/', TagFilters: [{ Key: 'retention-days', Value: '400' }] },
      { Id: 'expire-files-kept-730-days', ExpirationInDays: 730, Status: 'Enabled', Prefix: 'files/', TagFilters: [{ Key: 'retention-days', Value: '730' }] },
      { Id: 'expire-files-kept-longest', ExpirationInDays: 1095, Status: 'Enabled', Prefix: 'files/' },
    ]);
  });

  it('lets the function put, get and delete under its three prefixes, tag kept files and list the bucket; nothing else', () => {
    const bucketId = idOf(stack.files!.bucket.bucketName);
    const onBucket = statementsOf(resources).filter((s) => JSON.stringify(s.Resource).includes(`"${bucketId}"`));
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]] });
    expect(onBucket).toEqual([
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: expect.arrayContaining([objects('uploads/'), objects('pending/'), objects('files/')]) },
      { Effect: 'Allow', Action: 's3:PutObjectTagging', Resource: objects('files/') },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
    ]);
    expect(onBucket[0].Resource).toHaveLength(3);
  });

  it('reaches the function as FILE_BUCKET', () => {
    const fn = resources[(stack.resolve(stack.function.fn.functionName) as { Ref: string }).Ref];
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.FILE_BUCKET).toEqual({ Ref: idOf(stack.files!.bucket.bucketName) });
  });

  it('is not made for a council whose modules need no files', () => {
    const fn = Object.values(without).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === 'ldf-no-files-council')!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.FILE_BUCKET).toBeUndefined();
    expect(JSON.stringify(statementsOf(without))).not.toContain('FilesBucket');
    expect(Object.keys(without).some((id) => id.startsWith('Files'))).toBe(false);
  });
});

describe('the kept files’ lifecycle rules', () => {
  it('are one per shorter period, tagged, and one at the longest for all', () => {
    const rules = keptFileRules([30, 365, 30]);
    expect(rules.map((r) => ({ id: r.id, tags: r.tagFilters, days: r.expiration?.toDays() }))).toEqual([
      { id: 'expire-files-kept-30-days', tags: { 'retention-days': '30' }, days: 30 },
      { id: 'expire-files-kept-longest', tags: undefined, days: 365 },
    ]);
  });

  it('expire anything kept after a day when no form keeps files', () => {
    expect(keptFileRules([])).toEqual([{ id: 'expire-files-kept-longest', prefix: 'files/', expiration: Duration.days(1) }]);
  });

  it('refuse a period that is not whole days', () => {
    expect(() => keptFileRules([0])).toThrow();
    expect(() => keptFileRules([1.5])).toThrow();
  });
});

describe('cdk-nag AwsSolutions checks on a council with files', () => {
  it('find nothing unacknowledged', async () => {
    const withForms = variant(hackney, 'files-nag-council', { services: { ...hackney.services, forms: { adopted: { 'new-bin-request': {} } } }, cases: { ...hackney.cases, types: undefined } } as never);
    const app = synthApp([withForms], { nag: true });
    expect(app.councils[0].files).toBeDefined();
    let error: unknown;
    try {
      app.app.synth();
    } catch (e) {
      error = e;
    }
    expect(nagViolations(app.outdir)).toEqual([]);
    expect(error).toBeUndefined();
  });
});
