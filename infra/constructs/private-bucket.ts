import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps {
  readonly key: Key;
  readonly logRetentionDays: number;
  /** Where its access logs go in the log bucket, e.g. 'photos/'. */
  readonly accessLogsPrefix: string;
  readonly lifecycleRules: LifecycleRule[];
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A council's private bucket (encrypted with its key, no public access, TLS only, owner-enforced)
 * and the bucket its access is logged to, kept for the council's log retention. S3 delivers access
 * logs only to a bucket with S3-managed encryption, so the log bucket cannot use the council key.
 * Made as `AccessLogs` and `Bucket` inside `scope`.
 */
export function privateBucketWithAccessLogs(scope: Construct, props: PrivateBucketProps): { bucket: Bucket; accessLogs: Bucket } {
  const accessLogs = new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: false,
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.logRetentionDays) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const bucket = new Bucket(scope, 'Bucket', {
    encryption: BucketEncryption.KMS,
    encryptionKey: props.key,
    bucketKeyEnabled: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: false,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: props.accessLogsPrefix,
    lifecycleRules: props.lifecycleRules,
    removalPolicy: props.removalPolicy,
  });
  return { bucket, accessLogs };
}
