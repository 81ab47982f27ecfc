import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnOutput, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { NODE_RUNTIME } from './constructs/council-function.ts';

export interface PlatformStackProps extends StackProps {
  readonly bundleDir: string;
  /** The folder holding the public catalogue, mounted at /opt by a layer. */
  readonly catalogueLayerDir: string;
  /** Who the platform team's alarms email; no subscription when absent. */
  readonly operationsEmail?: string;
}

/**
 * What the councils share: the landing page and service catalogue, and the platform team's
 * operations topic. It holds no council data: the catalogue is names, nations and services.
 */
export class PlatformStack extends Stack {
  readonly operationsTopic: Topic;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, { ...props, description: 'Local Digital Factory: landing page, catalogue and operations topic' });
    const key = new Key(this, 'Key', {
      alias: 'alias/ldf/platform',
      description: 'Local Digital Factory platform logs and operations topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms in this account may publish to the encrypted operations topic (a data key, nothing more).
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${this.region}:${this.account}:alarm:*` },
        },
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${this.region}:${this.account}:log-group:/ldf/platform/*`,
            'aws:SourceArn': `arn:aws:logs:${this.region}:${this.account}:log-group:/ldf/platform/*`,
          },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );

    this.operationsTopic = new Topic(this, 'Operations', { topicName: 'ldf-platform-operations', masterKey: key, enforceSSL: true });
    if (props.operationsEmail) this.operationsTopic.addSubscription(new EmailSubscription(props.operationsEmail));

    const logs = new LogGroup(this, 'Logs', { logGroupName: '/ldf/platform/function', retention: RetentionDays.THREE_MONTHS, encryptionKey: key });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'The platform landing page: its own log group only' });
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logs.logGroupArn] }));
    const fn = new Function(this, 'Function', {
      functionName: 'ldf-platform',
      description: 'Local Digital Factory: landing page and service catalogue',
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(props.bundleDir),
      handler: 'platform.handler',
      layers: [
        new LayerVersion(this, 'Catalogue', {
          code: Code.fromAsset(props.catalogueLayerDir),
          compatibleRuntimes: [NODE_RUNTIME],
          description: 'The public catalogue of councils, at /opt/platform/catalogue.json',
        }),
      ],
      memorySize: 256,
      timeout: Duration.seconds(5),
      logGroup: logs,
      role,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { logGroupName: '/ldf/platform/access', retention: RetentionDays.THREE_MONTHS, encryptionKey: key });
    this.api = new HttpApi(this, 'Api', { apiName: 'ldf-platform', defaultIntegration: new HttpLambdaIntegration('Function', fn), createDefaultStage: false });
    this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({ requestId: '$context.requestId', requestTime: '$context.requestTime', method: '$context.httpMethod', path: '$context.path', status: '$context.status', latencyMs: '$context.responseLatency' }),
        ),
      },
    });
    Tags.of(this).add('council', 'platform');
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint });
  }
}
