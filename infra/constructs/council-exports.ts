import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { privateBucketWithAccessLogs } from './private-bucket.ts';

export interface CouncilExportsProps {
  readonly councilId: string;
  /** Days the bucket's access logs are kept: the council's log retention. */
  readonly logRetentionDays: number;
  readonly key: Key;
  readonly fn: Function;
}

/** Where the function writes exports (S3ExportDelivery's EXPORT_PREFIX); its grant covers nothing else. */
export const EXPORTS_PREFIX = 'exports/';

/** How long an export stays: a day. The link the browser follows works for minutes; the file is not kept. */
export const EXPORT_DAYS = 1;

/**
 * The back office's CSV exports for one council. The council's function sits behind an API Gateway
 * HTTP API whose buffered Lambda integration fails responses over 6 MB, so an export is uploaded
 * here as it streams and the browser is sent to a presigned link (functions/core/exports/). A
 * private bucket of its own rather than a prefix of the photo bucket, which exists only when one of
 * the council's modules takes photos; encrypted with the council's key, TLS only, and emptied after
 * a day.
 *
 * Exports hold residents' names, emails and phone numbers, so who fetched one is logged, to a second
 * bucket kept for the council's log retention (S3 delivers access logs only to a bucket with
 * S3-managed encryption). The exports bucket itself is destroyed with the stack: what it holds is a
 * copy of the table made for one download and gone within a day, not a record (the audit records
 * each export). CloudFormation cannot delete a bucket that still holds objects, so a stack deleted
 * within a day of an export leaves the bucket until it is emptied; the access logs are retained.
 */
export class CouncilExports extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: CouncilExportsProps) {
    super(scope, id);
    ({ bucket: this.bucket, accessLogs: this.accessLogs } = privateBucketWithAccessLogs(this, {
      key: props.key,
      logRetentionDays: props.logRetentionDays,
      accessLogsPrefix: 'exports/',
      lifecycleRules: [
        // Everything, not only the prefix: nothing in this bucket is meant to last.
        { id: 'expire-exports', expiration: Duration.days(EXPORT_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
    }));
    // Write (PutObject covers creating, uploading parts of and completing a multipart upload), abort
    // a failed upload, and read, which the presigned link the browser follows is signed with. No
    // list, no delete: the lifecycle removes exports. The key's use through S3 is CouncilFunction's grant.
    props.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [this.bucket.arnForObjects(`${EXPORTS_PREFIX}*`)],
      }),
    );
    props.fn.addEnvironment('EXPORT_BUCKET', this.bucket.bucketName);
  }
}
