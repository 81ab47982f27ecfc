import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { CouncilNotDeployableError } from '../../infra/ldf-app.ts';
import { realCouncils, synthApp, variant } from './support.ts';

const NOTIFY = { provider: 'govuk-notify', templates: { 'missed-collection-confirmation': { en: '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13' } } } as const;
const TENANT = '3c1e6a52-8d0f-4b7e-9a41-0d2f6b8e1a01';

let hackney: CouncilConfig;

beforeAll(async () => {
  hackney = (await realCouncils()).find((c) => c.id === 'hackney')!;
});

function oidcCouncil(id: string, changes: Parameters<typeof variant>[2] = {}) {
  return variant(hackney, id, {
    sample: false,
    notifications: NOTIFY,
    staff: { signIn: { ...hackney.staff!.signIn, provider: 'oidc', issuer: `https://login.microsoftonline.com/${TENANT}/v2.0` } },
    ...changes,
  });
}

describe('staff sign-in in the council stack', () => {
  it('refuses a council that is not a sample with the embedded sign-in provider, naming its file and the reason', () => {
    const embedded = variant(hackney, 'embedded-council', { sample: false, notifications: NOTIFY });

    let error: unknown;
    try {
      synthApp([embedded]);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(CouncilNotDeployableError);
    expect((error as Error).message).toContain('councils/embedded-council.ts');
    expect((error as Error).message).toMatch(/"embedded".*does not exist in AWS/);
    expect((error as Error).message).toContain('ldf/embedded-council/oidc-client-secret');
  });

  it('accepts a sample council with the embedded provider', () => {
    expect(() => synthApp([hackney])).not.toThrow();
  });

  it('tells the function its public base URL (the custom domain when there is one), and creates no OIDC secret', () => {
    const withDomain = oidcCouncil('domain-council', { aws: { ...hackney.aws, domain: { name: 'services.example.gov.uk', hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.gov.uk' } } });
    const app = synthApp([oidcCouncil('api-council'), withDomain]);
    const api = Template.fromStack(app.councils.find((s) => s.stackName === 'Council-api-council')!);
    const domain = Template.fromStack(app.councils.find((s) => s.stackName === 'Council-domain-council')!);

    domain.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ldf-domain-council',
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: 'https://services.example.gov.uk' }) },
    });
    api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ldf-api-council',
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointApi'), 'ApiEndpoint'] } }) },
    });
    // The council's IdP issues the secret; the stack does not invent one.
    const secrets = Object.values(api.findResources('AWS::SecretsManager::Secret')).map((s) => JSON.stringify(s));
    expect(secrets.some((s) => s.includes('oidc-client-secret'))).toBe(false);
  });

  it('tells a council without staff sign-in its public base URL too (save-and-return emails link to it)', () => {
    const app = synthApp([{ ...hackney, id: 'no-staff-council', staff: undefined }]);
    Template.fromStack(app.councils[0]).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ldf-no-staff-council',
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointApi'), 'ApiEndpoint'] } }) },
    });
  });

  it('lets the function read ldf/<id>/oidc-client-secret through its own secrets grant', () => {
    const app = synthApp([oidcCouncil('grant-council')]);
    const template = Template.fromStack(app.councils[0]);

    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    const reads = statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(reads).toHaveLength(1);
    expect(JSON.stringify(reads[0].Resource)).toContain(':secret:ldf/grant-council/*');
  });

  it('stays clean under cdk-nag with a council that signs staff in', async () => {
    const { nagViolations } = await import('./support.ts');
    const app = synthApp([oidcCouncil('nag-council')], { nag: true });

    expect(nagViolations(app.outdir)).toEqual([]);
  });
});
