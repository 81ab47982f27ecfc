import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function } from 'aws-cdk-lib/aws-lambda';
import type { Bucket, LifecycleRule } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { privateBucketWithAccessLogs } from './private-bucket.ts';

export interface CouncilFilesProps {
  readonly councilId: string;
  /**
   * The days the council's forms keep their submissions, one entry per form or per distinct
   * period (duplicates are fine): each gets a lifecycle rule, and the longest covers any other.
   */
  readonly retentionPeriods: readonly number[];
  /** Days the bucket's access logs are kept: the council's log retention. */
  readonly logRetentionDays: number;
  readonly key: Key;
  readonly fn: Function;
}

/** Where uploads land before the app has checked them (S3FileStorage's UPLOADS_PREFIX). */
export const FILES_UPLOADS_PREFIX = 'uploads/';
/** Checked files whose form has not been sent (S3FileStorage's PENDING_PREFIX). */
export const FILES_PENDING_PREFIX = 'pending/';
/** Files of sent forms (S3FileStorage's KEPT_PREFIX). */
export const FILES_KEPT_PREFIX = 'files/';
/** The tag each kept file carries with its form's retention in days (S3FileStorage's RETENTION_TAG). */
export const FILES_RETENTION_TAG = 'retention-days';

/**
 * The kept files' lifecycle rules: one per retention period shorter than the longest, matching
 * the files tagged with it, and one for every kept file at the longest. S3 applies the earliest
 * expiration when rules overlap, so each file goes when its own period ends, and a file tagged
 * with a period the stack does not know (a form adopted since it was deployed) still goes, at the
 * longest, rather than never. With no periods (no form adopted yet) nothing should be kept, and
 * anything that is goes after a day.
 */
export function keptFileRules(retentionPeriods: readonly number[]): LifecycleRule[] {
  if (retentionPeriods.some((d) => !Number.isInteger(d) || d < 1)) throw new Error('Kept files are kept for whole days, at least 1');
  const periods = [...new Set(retentionPeriods)].sort((a, b) => a - b);
  const longest = periods.at(-1) ?? 1;
  return [
    ...periods.slice(0, -1).map((days) => ({ id: `expire-files-kept-${days}-days`, prefix: FILES_KEPT_PREFIX, tagFilters: { [FILES_RETENTION_TAG]: String(days) }, expiration: Duration.days(days) })),
    { id: 'expire-files-kept-longest', prefix: FILES_KEPT_PREFIX, expiration: Duration.days(longest) },
  ];
}

/**
 * Residents' files for forms (file questions) for one council: a private bucket encrypted with the
 * council's key, of its own rather than a prefix of the photo bucket (which a council has only when
 * it takes reports). Browsers upload to it directly (presigned POST, so files over Lambda's 6 MB
 * payload limit work without JavaScript); the function checks each upload, holds a checked copy as
 * pending and deletes the original, and moves the copy to the kept files, tagged with its form's
 * retention, when the form is sent. Staff download kept files through short-lived links.
 *
 * Access is logged to a second bucket, kept for the council's log retention: who uploaded and
 * fetched residents' documents, for abuse and breach investigation. The function may put, get and
 * delete objects under the three prefixes only, tag kept files, and list the bucket (so a missing
 * file reads as not found rather than access denied); its use of the key through S3 is CouncilFunction's grant.
 */
export class CouncilFiles extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: CouncilFilesProps) {
    super(scope, id);
    ({ bucket: this.bucket, accessLogs: this.accessLogs } = privateBucketWithAccessLogs(this, {
      key: props.key,
      logRetentionDays: props.logRetentionDays,
      accessLogsPrefix: 'files/',
      lifecycleRules: [
        { id: 'expire-unchecked-uploads', prefix: FILES_UPLOADS_PREFIX, expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // A day, as long as a draft lives: a file never sent does not stay for the retention period.
        { id: 'expire-unsent-files', prefix: FILES_PENDING_PREFIX, expiration: Duration.days(1) },
        ...keptFileRules(props.retentionPeriods),
      ],
      // Residents' documents are the council's records: kept if the stack is deleted, like its table.
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    const objects = [FILES_UPLOADS_PREFIX, FILES_PENDING_PREFIX, FILES_KEPT_PREFIX].map((prefix) => this.bucket.arnForObjects(`${prefix}*`));
    // Put: residents' upload forms are signed with it, and checked and kept copies written.
    // Get: uploads read to check them, files read and download links signed. Delete: uploads once
    // checked, pending copies once kept, and erasure. Tagging: a kept file's retention.
    props.fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], resources: objects }));
    props.fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObjectTagging'], resources: [this.bucket.arnForObjects(`${FILES_KEPT_PREFIX}*`)] }));
    props.fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    props.fn.addEnvironment('FILE_BUCKET', this.bucket.bucketName);
  }
}
