/**
 * The export bucket in a council's template: private, encrypted with the council's key, TLS only,
 * emptied after a day, access-logged; the function may put, get and abort under exports/ only, and
 * learns the bucket's name from EXPORT_BUCKET. A council without a back office has none.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { EXPORT_PREFIX } from '../../functions/core/exports/s3-export-delivery.ts';
import type { CouncilStack } from '../../infra/council-stack.ts';
import { realCouncils, synthApp, variant } from './support.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;

let stack: CouncilStack;
let resources: Resources;
let withoutStaff: Resources;

beforeAll(async () => {
  const real = await realCouncils();
  const hackney = real.find((c) => c.id === 'hackney')!;
  expect(hackney.staff).toBeDefined();
  const noStaff: CouncilConfig = variant(hackney, 'no-back-office', { staff: undefined });
  const app = synthApp([hackney, noStaff]);
  stack = app.councils.find((s) => s.councilId === 'hackney')!;
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
  withoutStaff = Template.fromStack(app.councils.find((s) => s.councilId === 'no-back-office')!).toJSON().Resources as Resources;
});

const idOf = (token: string) => (stack.resolve(token) as { Ref: string }).Ref;
const statementsOf = (all: Resources) =>
  Object.values(all)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[] }).Statement);

describe('the export bucket', () => {
  it('is private, encrypted with the council’s key, emptied after a day and logged', () => {
    const bucketId = idOf(stack.exports!.bucket.bucketName);
    const bucket = resources[bucketId];
    const keyId = (stack.resolve(stack.data.key.keyArn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect((bucket.Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
    ]);
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: idOf(stack.exports!.accessLogs.bucketName) }, LogFilePrefix: 'exports/' });
    // Transient copies for one download: destroyed with the stack (the access logs are kept).
    expect(bucket.DeletionPolicy).toBe('Delete');
    expect(resources[idOf(stack.exports!.accessLogs.bucketName)].DeletionPolicy).toBe('Retain');
  });

  it('refuses requests that are not over TLS', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && (r.Properties.Bucket as { Ref: string }).Ref === idOf(stack.exports!.bucket.bucketName))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: { Effect: string; Action: string; Condition?: unknown }[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('lets the function put, get and abort uploads under exports/ only, and nothing else on the bucket', () => {
    const bucketId = idOf(stack.exports!.bucket.bucketName);
    const onBucket = statementsOf(resources).filter((s) => JSON.stringify(s.Resource).includes(`"${bucketId}"`));

    const grant = { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${EXPORT_PREFIX}*`]] } };
    // The council's function's, and its jobs function's (background exports): the same, and nothing more.
    expect(onBucket).toEqual([grant, grant]);
  });

  it('reaches the function as EXPORT_BUCKET', () => {
    const fn = resources[(stack.resolve(stack.function.fn.functionName) as { Ref: string }).Ref];
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.EXPORT_BUCKET).toEqual({ Ref: idOf(stack.exports!.bucket.bucketName) });
  });

  it('is not made for a council without a back office', () => {
    const fn = Object.values(withoutStaff).find((r) => r.Type === 'AWS::Lambda::Function' && (r.Properties.FunctionName as string) === 'ldf-no-back-office')!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.EXPORT_BUCKET).toBeUndefined();
    expect(JSON.stringify(statementsOf(withoutStaff))).not.toContain('s3:AbortMultipartUpload');
  });
});
