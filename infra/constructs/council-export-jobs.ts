import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { EXPORTS_PREFIX } from './council-exports.ts';
import { NODE_RUNTIME } from './council-function.ts';
import { grantKeyViaServices, grantSpecialCategoryKeyUse } from './council-key-use.ts';

export interface CouncilExportJobsProps {
  readonly council: CouncilConfig;
  /** The folder of the Lambda bundle every council shares. */
  readonly bundleDir: string;
  /** The folder holding this council's config (the council function's layer's asset: the same file). */
  readonly configLayerDir: string;
  readonly table: TableV2;
  readonly key: Key;
  /** The council's export bucket (CouncilExports). */
  readonly bucket: Bucket;
  /** The council's function, which starts jobs. */
  readonly starter: Function;
}

/** The jobs function's timeout: Lambda's longest, for an export of every case a council has. */
export const EXPORT_JOB_TIMEOUT = Duration.minutes(15);

/** Memory for a job: more than a request needs, for the upload's parts in flight and a faster CPU share. */
export const EXPORT_JOB_MEMORY_MB = 1024;

/** grantReadData's table actions (the table and its indexes). */
const TABLE_READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

/**
 * The council's jobs function, `ldf-<id>-jobs`: background CSV exports. A request to the council's
 * function ends at API Gateway's 30 seconds (its timeout is at most 29), and an export of 100,000
 * cases takes longer, so the council's function records a job and invokes this one asynchronously
 * (EXPORT_JOBS_FUNCTION); it builds the file into the export bucket, and the staff member's page
 * waits for it (functions/staff/export/). The same bundle and config layer as the council's
 * function, with a role of its own: the council's table to read (and its export-job items to
 * update), the council's key, and exports/ in its export bucket; no secrets, which an export does
 * not use. Async invocations are not retried: a retry would find the job claimed and skip it, and
 * the waiting page reports a job that ran past this timeout as failed.
 */
export class CouncilExportJobs extends Construct {
  readonly fn: Function;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CouncilExportJobsProps) {
    super(scope, id);
    const { council } = props;
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/ldf/${council.id}/jobs`,
      retention: council.aws.logRetentionDays as RetentionDays,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `The ${council.id} jobs function: reads its own table, writes its export jobs and exports, nothing else`,
    });
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }));
    // The same asset as the council function's layer (one upload, by its hash): the same validated file.
    const config = new LayerVersion(this, 'Config', {
      code: Code.fromAsset(props.configLayerDir),
      compatibleRuntimes: [NODE_RUNTIME],
      compatibleArchitectures: [Architecture.ARM_64],
      description: `${council.id}: validated council config, at /opt/council/council.json`,
    });
    this.fn = new Function(this, 'Function', {
      functionName: `ldf-${council.id}-jobs`,
      description: `Local Digital Factory: ${council.name.en}, background exports`,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(props.bundleDir),
      handler: 'index.jobHandler',
      layers: [config],
      memorySize: EXPORT_JOB_MEMORY_MB,
      timeout: EXPORT_JOB_TIMEOUT,
      retryAttempts: 0,
      // COUNCIL_KEY_ARN: a care officer's export opens special-category answers, as the council's function does.
      environment: { COUNCIL_ID: council.id, TABLE_NAME: props.table.tableName, EXPORT_BUCKET: props.bucket.bucketName, COUNCIL_KEY_ARN: props.key.keyArn },
      environmentEncryption: props.key,
      logGroup: this.logGroup,
      role,
    });
    // Reads every case the export's filters match (the table and its indexes) and its job item.
    // grantReadData's actions, without the key permissions it would add unconditioned (grantKeyViaServices).
    props.table.grant(role, ...TABLE_READ_ACTIONS);
    // Writes only export-job items: claiming one (queued → running) and recording its outcome.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EXPORTJOB#*'] } },
      }),
    );
    // A care officer's export opens special-category answers and audits each opening on its case:
    // append-only audit records (PutItem, never Update or Delete), as the council's function writes them.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:PutItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#CASE#*'] } },
      }),
    );
    // The key: decrypting the table and encrypting the export's parts in the bucket (its default
    // encryption) through those services; directly only to open its own council's special-category answers.
    grantKeyViaServices(role, props.key, ['dynamodb', 's3', 'lambda']);
    grantSpecialCategoryKeyUse(role, props.key, council.id);
    // As the council's function's grant (CouncilExports): write, abort a failed upload, read. No list, no delete.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [props.bucket.arnForObjects(`${EXPORTS_PREFIX}*`)],
      }),
    );
    // The council's function starts jobs, and may invoke this function only (not its versions).
    props.starter.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }));
    props.starter.addEnvironment('EXPORT_JOBS_FUNCTION', this.fn.functionName);
  }
}
