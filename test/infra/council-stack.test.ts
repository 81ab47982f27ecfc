import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { TABLE_KEYS } from '../../functions/core/store/store.ts';
import type { CouncilStack } from '../../infra/council-stack.ts';
import { PLATFORM_ACCOUNT, realCouncils, synthApp, variant } from './support.ts';

let hackney: CouncilConfig;
let stacks: Map<string, CouncilStack>;
let templates: Map<string, Template>;
let platform: Template;

beforeAll(async () => {
  const councils = await realCouncils();
  hackney = councils.find((c) => c.id === 'hackney')!;
  const withDomain = variant(hackney, 'domain-council', {
    aws: { region: 'eu-west-2', domain: { name: 'bins.example.gov.uk', hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.gov.uk' }, operationsEmail: 'ops@example.gov.uk', lambda: { memoryMb: 1024, timeoutSeconds: 15, reservedConcurrency: 20 }, throttle: { rateLimit: 25, burstLimit: 40 }, logRetentionDays: 365 },
  });
  const elsewhere = variant(hackney, 'elsewhere-council', { aws: { account: '222222222222', region: 'eu-west-1' } });
  const app = synthApp([hackney, withDomain, elsewhere]);
  stacks = new Map(app.councils.map((s) => [s.stackName, s]));
  templates = new Map(app.councils.map((s) => [s.stackName, Template.fromStack(s)]));
  platform = Template.fromStack(app.platform);
});

const t = (id: string) => templates.get(`Council-${id}`)!;

describe('a council stack', () => {
  it('is named Council-<id>', () => {
    expect([...templates.keys()].sort()).toEqual(['Council-domain-council', 'Council-elsewhere-council', 'Council-hackney']);
  });

  it('has an on-demand table with point-in-time recovery, deletion protection, a TTL and the council’s own key', () => {
    const template = t('hackney');
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: 'ldf-hackney',
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: 'eu-west-2',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } },
          }),
        ],
      }),
    });
  });

  it('has every index the store’s key design names (TABLE_KEYS), each with its keys and every attribute', () => {
    const indexes = Object.values(TABLE_KEYS).filter((v): v is Extract<(typeof TABLE_KEYS)[keyof typeof TABLE_KEYS], { name: string }> => typeof v === 'object');
    expect(indexes.map((i) => i.name)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6', 'gsi7', 'gsi8', 'gsi9', 'gsi10', 'gsi11', 'gsi12']);
    const [table] = Object.values(t('hackney').findResources('AWS::DynamoDB::GlobalTable')) as { Properties: { GlobalSecondaryIndexes: unknown[] } }[];
    expect(table.Properties.GlobalSecondaryIndexes).toHaveLength(indexes.length);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      expect.arrayContaining(
        indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      ),
    );
  });

  it('has a customer-managed key with rotation, kept when the stack is deleted', () => {
    const template = t('hackney');
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ldf/hackney' });
  });

  it('runs the newest Node.js runtime the CDK offers, on arm64, with the council fixed by the stack', () => {
    const newest = Object.values(Runtime)
      .filter((r): r is Runtime => r instanceof Runtime && /^nodejs\d+\.x$/.test(r.name))
      .map((r) => Number(/\d+/.exec(r.name)![0]))
      .sort((a, b) => b - a)[0];
    t('hackney').hasResourceProperties('AWS::Lambda::Function', {
      Runtime: `nodejs${newest}.x`,
      Architectures: ['arm64'],
      Handler: 'index.handler',
      FunctionName: 'ldf-hackney',
      Environment: { Variables: Match.objectLike({ COUNCIL_ID: 'hackney', TABLE_NAME: { Ref: Match.stringLikeRegexp('^DataTable') } }) },
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      Layers: [{ Ref: Match.stringLikeRegexp('^AppConfig') }],
    });
  });

  it('takes memory, timeout and concurrency limits from the council file', () => {
    t('domain-council').hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 15, ReservedConcurrentExecutions: 20 });
    t('hackney').hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 10, ReservedConcurrentExecutions: Match.absent() });
  });

  it('keeps logs for the council’s retention period, encrypted with its key', () => {
    const template = t('domain-council');
    for (const name of ['/ldf/domain-council/function', '/ldf/domain-council/access']) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: name,
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      });
    }
    t('hackney').hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/ldf/hackney/function', RetentionInDays: 90 });
  });

  it('serves HTTPS through an HTTP API with access logs and the council’s own throttle', () => {
    const template = t('domain-council');
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'ldf-domain-council', ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 40 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    // Query strings can hold postcodes, so the access log leaves them out.
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    expect(stage.Properties.AccessLogSettings.Format).not.toContain('querystring');
  });

  it('alarms on 5xx rate, throttles and DynamoDB errors to a topic that emails the operations contact', () => {
    const template = t('hackney');
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: hackney.contact.email });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const topicRef = { Ref: Match.stringLikeRegexp('^AlarmsTopic') };
    for (const name of ['ldf-hackney-5xx-rate', 'ldf-hackney-function-throttles', 'ldf-hackney-function-errors', 'ldf-hackney-dynamodb-errors', 'ldf-hackney-dynamodb-throttles']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: name, AlarmActions: [topicRef] });
    }
    t('domain-council').hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'ops@example.gov.uk' });
  });

  it('retries unsent emails on a schedule', () => {
    t('hackney').hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'ldf-hackney-retry',
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AppFunction'), 'Arn'] }, Input: JSON.stringify({ 'ldf-task': 'retry-notifications' }) }),
    });
  });

  it('tags every taggable resource with the council and its nation', () => {
    const resources = t('hackney').toJSON().Resources as Record<string, { Type: string; Properties?: { Tags?: unknown } }>;
    let tagged = 0;
    for (const [id, r] of Object.entries(resources)) {
      const tags = r.Properties?.Tags;
      if (!tags) continue;
      tagged++;
      const pairs = Array.isArray(tags) ? Object.fromEntries((tags as { Key: string; Value: string }[]).map((x) => [x.Key, x.Value])) : (tags as Record<string, string>);
      expect(pairs, id).toMatchObject({ council: 'hackney', nation: 'england' });
    }
    expect(tagged).toBeGreaterThan(8);
    // The table's tags live on its replica.
    t('hackney').hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Tags: Match.arrayWith([{ Key: 'council', Value: 'hackney' }, { Key: 'nation', Value: 'england' }]) })],
    });
  });

  it('has no custom domain unless the council file names one', () => {
    const template = t('hackney');
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });
});

describe('a council with a custom domain', () => {
  it('gets a DNS-validated certificate, the domain on its API and an alias record', () => {
    const template = t('domain-council');
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'bins.example.gov.uk',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'bins.example.gov.uk', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'bins.example.gov.uk' });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'bins.example.gov.uk.', Type: 'A', HostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    // Residents use only the council's own name.
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    template.hasOutput('Url', { Value: 'https://bins.example.gov.uk/' });
  });
});

describe('a council in another account', () => {
  it('is deployed to the account and region its file names', () => {
    const stack = stacks.get('Council-elsewhere-council')!;
    expect(stack.account).toBe('222222222222');
    expect(stack.region).toBe('eu-west-1');
    t('elsewhere-council').hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ Region: 'eu-west-1' })] });
  });

  it('defaults to the platform’s account in eu-west-2', () => {
    const stack = stacks.get('Council-hackney')!;
    expect(stack.account).toBe(PLATFORM_ACCOUNT);
    expect(stack.region).toBe('eu-west-2');
  });
});

describe('the Platform stack', () => {
  it('serves the landing page and holds the operations topic, and no council data', () => {
    platform.hasResourceProperties('AWS::Lambda::Function', { Handler: 'platform.handler', Architectures: ['arm64'] });
    platform.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'ldf-platform-operations' });
    platform.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    platform.resourceCountIs('AWS::DynamoDB::Table', 0);
    platform.resourceCountIs('AWS::S3::Bucket', 0);
  });
});

describe('a council that takes reports with photos', () => {
  const photoBucket = () => {
    const encrypted = t('hackney').findResources('AWS::S3::Bucket', { Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] } } });
    // The back office's export bucket is encrypted with the same key (test/infra/council-exports.test.ts).
    const buckets = Object.fromEntries(Object.entries(encrypted).filter(([id]) => id.startsWith('Photos')));
    expect(Object.keys(buckets)).toHaveLength(1);
    const [[logicalId, bucket]] = Object.entries(buckets);
    return { logicalId, bucket: bucket as { DeletionPolicy?: string; Properties: Record<string, unknown> } };
  };

  it('keeps photos in its own bucket, encrypted with its own key, kept when the stack is deleted', () => {
    const { bucket } = photoBucket();
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketName).toBeUndefined(); // names are global: CloudFormation makes one up
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } } },
      ],
    });
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
  });

  it('blocks all public access and refuses requests without TLS', () => {
    const { logicalId, bucket } = photoBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    t('hackney').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('deletes unchecked uploads after a day and photos after the report retention period', () => {
    const { bucket } = photoBucket();
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'photos/', ExpirationInDays: hackney.services.report!.retentionDays, Status: 'Enabled' }));
  });

  it('logs access to the photos in a private, TLS-only log bucket kept for the council’s log retention', () => {
    const { bucket } = photoBucket();
    const target = (bucket.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } }).DestinationBucketName.Ref;
    const logs = t('hackney').toJSON().Resources[target] as { Properties: Record<string, unknown> };
    expect(logs.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(logs.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    expect((logs.Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules).toContainEqual(expect.objectContaining({ ExpirationInDays: hackney.aws.logRetentionDays }));
    t('hackney').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: target },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets the function use that bucket only, and tells it the bucket’s name', () => {
    const { logicalId } = photoBucket();
    t('hackney').hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ldf-hackney',
      Environment: { Variables: Match.objectLike({ PHOTO_BUCKET: { Ref: logicalId } }) },
    });
    const policies = Object.values(t('hackney').findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }[];
    const buckets = Object.keys(t('hackney').findResources('AWS::S3::Bucket'));
    // Apart from the export and file buckets' own grants (test/infra/council-exports.test.ts, files.test.ts).
    const others = buckets.filter((id) => id.startsWith('ExportsBucket') || id.startsWith('FilesBucket'));
    const s3 = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')) && !others.some((id) => JSON.stringify(s.Resource).includes(`"${id}"`)));
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      for (const resource of [statement.Resource].flat()) expect(JSON.stringify(resource)).toMatch(new RegExp(`^\\{"Fn::(GetAtt|Join)":.*"${logicalId}"`));
    }
  });
});

describe('a council that does not take reports', () => {
  let template: Template;
  beforeAll(() => {
    const noReports = variant(hackney, 'no-reports-council', { services: { ...hackney.services, report: undefined } });
    const app = synthApp([noReports]);
    template = Template.fromStack(app.councils[0]);
  });

  it('has no photo bucket, and its function no photo bucket setting', () => {
    // Its back office's export buckets and its forms' file buckets only (council-exports.test.ts, files.test.ts).
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) => !id.startsWith('Exports') && !id.startsWith('Files'))).toEqual([]);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
    expect(fn.Properties.Environment.Variables.PHOTO_BUCKET).toBeUndefined();
  });
});

describe('a council with a back office', () => {
  type Fn = { Properties: Record<string, unknown> };
  const fnNamed = (template: Template, name: string) => Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Fn>).find((f) => f.Properties.FunctionName === name)!;

  it('has a jobs function for background exports: the same code and config, 15 minutes, 1024 MB, not retried', () => {
    const jobs = fnNamed(t('hackney'), 'ldf-hackney-jobs');
    const app = fnNamed(t('hackney'), 'ldf-hackney');

    expect(jobs.Properties).toMatchObject({ Handler: 'index.jobHandler', Timeout: 900, MemorySize: 1024, Runtime: app.Properties.Runtime, Architectures: ['arm64'], KmsKeyArn: app.Properties.KmsKeyArn });
    expect(jobs.Properties.Code).toEqual(app.Properties.Code);
    expect((jobs.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toEqual({
      COUNCIL_ID: 'hackney',
      TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
      EXPORT_BUCKET: { Ref: expect.stringMatching(/^ExportsBucket/) },
      // A care officer's export opens special-category answers with the council's key.
      COUNCIL_KEY_ARN: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
    });
    t('hackney').hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: Match.stringLikeRegexp('^ExportJobsFunction') }, MaximumRetryAttempts: 0 });
    t('domain-council').hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/ldf/domain-council/jobs', RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } });
  });

  it('reads the same config file in its layer as the council function', () => {
    const layers = Object.values(t('hackney').findResources('AWS::Lambda::LayerVersion') as Record<string, Fn>);
    expect(layers).toHaveLength(2);
    expect(layers[0].Properties.Content).toEqual(layers[1].Properties.Content);
  });

  it('lets the council function invoke its jobs function, and tells it the name', () => {
    const app = fnNamed(t('hackney'), 'ldf-hackney');
    expect((app.Properties.Environment as { Variables: Record<string, unknown> }).Variables.EXPORT_JOBS_FUNCTION).toEqual({ Ref: expect.stringMatching(/^ExportJobsFunction/) });
    t('hackney').hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AppRole') }],
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportJobsFunction'), 'Arn'] } }]) },
    });
  });
});
