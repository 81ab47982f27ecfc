import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { grantKeyViaServices, grantSpecialCategoryKeyUse } from './council-key-use.ts';

export interface CouncilFunctionProps {
  readonly council: CouncilConfig;
  /** The folder of the Lambda bundle every council shares. */
  readonly bundleDir: string;
  /** The folder holding this council's config, mounted at /opt by a layer. */
  readonly configLayerDir: string;
  readonly table: TableV2;
  readonly key: Key;
}

/**
 * Every secret of one council, `ldf/<id>/*` (Secrets Manager adds a random suffix to each name), in
 * the stack's own account and region.
 */
export function councilSecretsArn(scope: Construct, councilId: string): string {
  return Stack.of(scope).formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `ldf/${councilId}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/**
 * What the function does with its table: grantReadWriteData's actions on the table and its indexes,
 * granted without the key permissions that method adds unconditioned (see grantKeyViaServices).
 */
export const TABLE_READ_WRITE_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'];

/** The newest Node.js runtime this CDK version offers. */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** The council's function: the shared code, its own config, a role that reaches only its own data. */
export class CouncilFunction extends Construct {
  readonly fn: Function;
  readonly logGroup: LogGroup;
  /** The role the email-retry schedule uses to invoke the function. */
  readonly retryRole: Role;

  constructor(scope: Construct, id: string, props: CouncilFunctionProps) {
    super(scope, id);
    const { council } = props;
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/ldf/${council.id}/function`,
      retention: council.aws.logRetentionDays as RetentionDays,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role rather than the managed basic-execution policy: logs only to its own log group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `The ${council.id} function: its own table, key and log group, nothing else`,
    });
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const config = new LayerVersion(this, 'Config', {
      code: Code.fromAsset(props.configLayerDir),
      compatibleRuntimes: [NODE_RUNTIME],
      compatibleArchitectures: [Architecture.ARM_64],
      description: `${council.id}: validated council config, at /opt/council/council.json`,
    });
    const environment: Record<string, string> = {
      COUNCIL_ID: council.id,
      TABLE_NAME: props.table.tableName,
      // The Encryption SDK's KMS keyring seals special-category answers under this key (handler.ts).
      COUNCIL_KEY_ARN: props.key.keyArn,
    };
    this.fn = new Function(this, 'Function', {
      functionName: `ldf-${council.id}`,
      description: `Local Digital Factory: ${council.name.en}`,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(props.bundleDir),
      handler: 'index.handler',
      layers: [config],
      memorySize: council.aws.lambda.memoryMb,
      timeout: Duration.seconds(council.aws.lambda.timeoutSeconds),
      reservedConcurrentExecutions: council.aws.lambda.reservedConcurrency,
      environment,
      environmentEncryption: props.key,
      logGroup: this.logGroup,
      role,
    });
    props.table.grant(this.fn, ...TABLE_READ_WRITE_ACTIONS);
    // The audit is append-only (functions/core/audit/audit-store.ts): not even the council's own
    // function may change or remove an audit item, whatever its code does. An explicit Deny wins over
    // the grant above; dynamodb:LeadingKeys is the item's partition key.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
        resources: [props.table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      }),
    );
    // The key: through its table, buckets, secrets and environment; directly only for its own
    // council's special-category answers (the encryption context's council).
    grantKeyViaServices(role, props.key, ['dynamodb', 's3', 'secretsmanager', 'lambda']);
    grantSpecialCategoryKeyUse(role, props.key, council.id);
    // The council's secrets (the Notify API key, the reference key) are read at run time and cached,
    // never put in the environment, where lambda:GetFunctionConfiguration would show them. Only its
    // own: "ldf/<id>/" ends in a slash, so ldf/north/ never matches ldf/north-ayrshire/.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['secretsmanager:GetSecretValue'],
        resources: [councilSecretsArn(this, council.id)],
      }),
    );

    // Failed emails wait on the case; this invokes the function to retry them. EventBridge Scheduler,
    // not a rule on the default bus: rules are capped at 300 per bus, schedules at a million per account.
    // Its own role, so it can invoke this council's function and nothing else.
    const schedulerRole = (this.retryRole = new Role(this, 'RetryRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `Invokes the ${council.id} function to retry unsent emails`,
    }));
    new Schedule(this, 'RetryNotifications', {
      scheduleName: `ldf-${council.id}-retry`,
      description: `Retries ${council.id}'s unsent emails`,
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: new LambdaInvoke(this.fn, { role: schedulerRole, input: ScheduleTargetInput.fromObject({ 'ldf-task': 'retry-notifications' }) }),
    });
  }
}
