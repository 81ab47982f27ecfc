import { Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { nagViolations, realCouncils, synthApp, variant } from './support.ts';

describe('cdk-nag AwsSolutions checks', () => {
  it('find nothing unacknowledged in any stack, ordinary, custom-domain or other-account', async () => {
    const real = await realCouncils();
    const withDomain = variant(real[1], 'domain-council', {
      aws: { region: 'eu-west-2', domain: { name: 'bins.example.gov.uk', hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.gov.uk' } },
    });
    const elsewhere = variant(real[1], 'elsewhere-council', { aws: { account: '222222222222', region: 'eu-west-1' } });
    const app = synthApp([...real, withDomain, elsewhere], { nag: true });
    let error: unknown;
    try {
      app.app.synth();
    } catch (e) {
      error = e;
    }
    expect(nagViolations(app.outdir)).toEqual([]);
    expect(error).toBeUndefined();
  });

  it('do run: a topic that allows plain HTTP publishers is reported', async () => {
    const [council] = await realCouncils();
    const app = synthApp([council], { nag: true });
    new Topic(app.councils[0], 'Careless');
    expect(() => app.app.synth()).toThrow();
    expect(nagViolations(app.outdir)).toContainEqual({ rule: 'AwsSolutions-SNS3', path: `Council-${council.id}/Careless/Resource` });
  });

  it('give a specific reason for every acknowledgement', async () => {
    const [council] = await realCouncils();
    const app = synthApp([council]);
    const acknowledged = [app.platform, ...app.councils].flatMap((stack) =>
      stack.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason }))),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.id).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+/);
      expect(a.reason.length, a.id).toBeGreaterThan(60);
    }
  });
});
