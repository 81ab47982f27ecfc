/**
 * The photo bucket's lifecycle: photos never sent (replaced, removed, or their draft abandoned)
 * expire a day after they were checked, not after the report retention period.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { PENDING_PREFIX } from '../../functions/core/photos/s3-photo-storage.ts';
import { CouncilPhotos } from '../../infra/constructs/council-photos.ts';
import { FEATURE_FLAGS } from '../../infra/ldf-app.ts';

function photoBucketRules(retentionDays: number): Record<string, unknown>[] {
  const stack = new Stack(new App({ context: FEATURE_FLAGS }), 'Photos');
  const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  new CouncilPhotos(stack, 'Photos', { councilId: 'hackney', retentionDays, logRetentionDays: 90, key: new Key(stack, 'Key'), fn });
  const buckets = Template.fromStack(stack).findResources('AWS::S3::Bucket');
  const photos = Object.values(buckets).find((b) => (b.Properties as { BucketEncryption?: { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: string } }[] } }).BucketEncryption?.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms')!;
  return (photos.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
}

describe('the photo bucket', () => {
  it('deletes pending photos (those of reports not sent) after a day', () => {
    const rules = photoBucketRules(730);
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: PENDING_PREFIX, ExpirationInDays: 1, Status: 'Enabled' }));
    expect(PENDING_PREFIX).toBe('pending/');
  });

  it('keeps only sent reports’ photos for the retention period', () => {
    const rules = photoBucketRules(730);
    const longLived = rules.filter((r) => (r.ExpirationInDays as number) > 1);
    expect(longLived).toEqual([expect.objectContaining({ Prefix: 'photos/', ExpirationInDays: 730 })]);
  });
});
