import { describe, expect, it } from 'vitest';
import { councilSource, schemaImportFrom } from '../../functions/cli/council-file.ts';
import type { CouncilInput } from '../../functions/config/council-schema.ts';
import hackney from '../../councils/hackney.ts';

describe('a new council’s file', () => {
  it('copies the source council’s AWS settings except its own account, domain and operations email', () => {
    const source: CouncilInput = {
      ...structuredClone(hackney),
      aws: {
        account: '123456789012',
        region: 'eu-west-1',
        operationsEmail: 'ops@hackney.gov.uk',
        domain: { name: 'services.hackney.gov.uk', hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'hackney.gov.uk' },
        lambda: { memoryMb: 1024, timeoutSeconds: 10 },
        logRetentionDays: 365,
      },
    };
    const { text } = councilSource(
      { id: 'newham', name: { en: 'Newham' }, nation: 'england', languages: ['en'], today: '2026-11-27', from: { id: 'hackney', input: source } },
      '../functions/config/council-schema.ts',
    );
    expect(text).toContain("aws: { region: 'eu-west-1', lambda: { memoryMb: 1024, timeoutSeconds: 10 }, logRetentionDays: 365 },");
    expect(text).toContain('not its account, domain, operationsEmail');
    for (const own of ['123456789012', 'ops@hackney.gov.uk', 'services.hackney.gov.uk']) expect(text).not.toContain(own);
    expect(source.aws?.account).toBe('123456789012');
  });

  it('imports the schema by its path relative to the councils folder', () => {
    expect(schemaImportFrom('/repo/councils', '/repo/functions/config/council-schema.ts')).toBe('../functions/config/council-schema.ts');
    expect(schemaImportFrom('/repo', '/repo/functions/config/council-schema.ts')).toBe('./functions/config/council-schema.ts');
  });
});
