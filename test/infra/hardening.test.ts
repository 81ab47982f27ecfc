import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { NOTIFICATION_GAVE_UP_EVENT } from '../../functions/core/notifications/delivery.ts';
import { FORM_OUTPUT_GAVE_UP_EVENT } from '../../functions/modules/forms/outputs/send.ts';
import { CouncilNotDeployableError } from '../../infra/ldf-app.ts';
import { PLATFORM_ACCOUNT, realCouncils, synthApp, variant } from './support.ts';

const NOTIFY = { provider: 'govuk-notify', templates: { 'missed-collection-confirmation': { en: '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13' } } } as const;

let hackney: CouncilConfig;
let live: Template;
let sample: Template;
let platform: Template;

beforeAll(async () => {
  hackney = (await realCouncils()).find((c) => c.id === 'hackney')!;
  // A live council signs its staff in at its own IdP (the embedded one is refused outside samples).
  const liveCouncil = variant(hackney, 'live-council', { sample: false, notifications: NOTIFY, staff: { signIn: { ...hackney.staff!.signIn, provider: 'oidc', issuer: `https://login.microsoftonline.com/${hackney.staff!.signIn.tenant.value}/v2.0` } } });
  const app = synthApp([hackney, liveCouncil]);
  sample = Template.fromStack(app.councils.find((s) => s.stackName === 'Council-hackney')!);
  live = Template.fromStack(app.councils.find((s) => s.stackName === 'Council-live-council')!);
  platform = Template.fromStack(app.platform);
});

interface KeyStatement {
  Principal?: { Service?: string };
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

function keyStatements(template: Template): KeyStatement[] {
  return Object.values(template.findResources('AWS::KMS::Key')).flatMap((k) => (k as { Properties: { KeyPolicy: { Statement: KeyStatement[] } } }).Properties.KeyPolicy.Statement);
}

describe('synthesis', () => {
  it('refuses a council that is not a sample and would send its emails to the outbox, naming its file and the reason', () => {
    const outboxCouncil = variant(hackney, 'outbox-council', { sample: false, notifications: { provider: 'outbox' } });
    let error: unknown;
    try {
      synthApp([outboxCouncil]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CouncilNotDeployableError);
    expect((error as Error).message).toContain('councils/outbox-council.ts');
    expect((error as Error).message).toMatch(/"outbox".*sends none/);
  });

  it('accepts a sample council on the outbox, and says "sample" in its stack’s description and tags', () => {
    expect(hackney.sample).toBe(true);
    expect(hackney.notifications.provider).toBe('outbox');
    expect(sample.toJSON().Description).toMatch(/\(sample\)/);
    sample.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.arrayWith([{ Key: 'sample', Value: 'true' }]) });
  });

  it('does not mark a live council as a sample', () => {
    expect(live.toJSON().Description).not.toMatch(/sample/i);
    const fn = Object.values(live.findResources('AWS::Lambda::Function'))[0] as { Properties: { Tags: { Key: string }[] } };
    expect(fn.Properties.Tags.map((t) => t.Key)).not.toContain('sample');
  });
});

describe('a council’s secrets', () => {
  it('include a generated reference key, encrypted with the council’s key and kept when the stack is deleted', () => {
    live.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Name: 'ldf/live-council/reference-key',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
        GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      }),
    });
  });

  it('include a generated key for signing form webhooks, encrypted with the council’s key and kept when the stack is deleted', () => {
    live.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Name: 'ldf/live-council/webhook-signing-key',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
        GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      }),
    });
  });

  it('leave the Notify API key out of the function’s environment', () => {
    const fn = Object.values(live.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
    expect(Object.keys(fn.Properties.Environment.Variables)).not.toContain('NOTIFY_API_KEY');
    expect(JSON.stringify(fn.Properties.Environment)).not.toContain('resolve:secretsmanager');
  });
});

describe('a form output that gives up', () => {
  it('is counted from the function’s log lines and alarms', () => {
    live.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^AppLogs') },
      FilterPattern: `{ $.event = "${FORM_OUTPUT_GAVE_UP_EVENT}" }`,
      MetricTransformations: [{ MetricNamespace: 'LDF/live-council', MetricName: 'FormOutputsGaveUp', MetricValue: '1' }],
    });
    live.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'ldf-live-council-form-outputs-gave-up', MetricName: 'FormOutputsGaveUp', Threshold: 1 });
  });
});

describe('an email that gives up', () => {
  it('is counted from the function’s log lines and alarms to the council’s topic', () => {
    live.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^AppLogs') },
      FilterPattern: `{ $.event = "${NOTIFICATION_GAVE_UP_EVENT}" }`,
      MetricTransformations: [{ MetricNamespace: 'LDF/live-council', MetricName: 'NotificationsGaveUp', MetricValue: '1' }],
    });
    live.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ldf-live-council-notifications-gave-up',
      Namespace: 'LDF/live-council',
      MetricName: 'NotificationsGaveUp',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
  });
});

describe('the access logs', () => {
  it('hold no raw path (UPRNs, references) and no query string beside the client’s IP', () => {
    const stage = Object.values(live.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    const variables = Object.values(format);
    expect(variables).not.toContain('$context.path');
    expect(variables.join(' ')).not.toMatch(/querystring|\$context\.path/i);
    expect(format.route).toBe('$context.routeKey');
    expect(format.requestId).toBe('$context.requestId');
  });
});

describe('the keys’ grants to CloudWatch', () => {
  it('let CloudWatch Logs use a council’s key only for its own log groups, from its own account', () => {
    const logs = keyStatements(live).filter((s) => s.Principal?.Service?.startsWith('logs.'));
    expect(logs).toHaveLength(1);
    expect(logs[0].Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-2:${PLATFORM_ACCOUNT}:log-group:/ldf/live-council/*`,
        'aws:SourceArn': `arn:aws:logs:eu-west-2:${PLATFORM_ACCOUNT}:log-group:/ldf/live-council/*`,
      },
      StringEquals: { 'aws:SourceAccount': PLATFORM_ACCOUNT },
    });
  });

  it('let CloudWatch alarms use a council’s key only to publish its own alarms, from its own account', () => {
    const alarms = keyStatements(live).filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(alarms).toHaveLength(1);
    expect([alarms[0].Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(alarms[0].Condition?.StringEquals).toEqual({ 'aws:SourceAccount': PLATFORM_ACCOUNT });
    const sources = alarms[0].Condition?.ArnEquals?.['aws:SourceArn'] as string[];
    const names = Object.values(live.findResources('AWS::CloudWatch::Alarm')).map((a) => (a as { Properties: { AlarmName: string } }).Properties.AlarmName);
    expect(sources.sort()).toEqual(names.map((n) => `arn:aws:cloudwatch:eu-west-2:${PLATFORM_ACCOUNT}:alarm:${n}`).sort());
  });

  it('carry source conditions on the Platform stack’s key too', () => {
    const services = keyStatements(platform).filter((s) => s.Principal?.Service);
    expect(services.length).toBeGreaterThanOrEqual(2);
    for (const s of services) expect(s.Condition?.StringEquals?.['aws:SourceAccount'], s.Principal!.Service).toBeDefined();
  });
});
