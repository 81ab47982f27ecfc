import { describe, expect, it } from 'vitest';
import type { CouncilConfig, CouncilInput } from '../../functions/config/council-schema.ts';
import { loadCouncils, parseCouncil } from '../../functions/config/load-councils.ts';
import { readinessWarnings } from '../../functions/config/readiness.ts';
import hackney from '../../councils/hackney.ts';

const shipped: CouncilConfig[] = await loadCouncils();
const NOW = new Date('2026-12-01T09:00:00Z');

describe('the local host’s start-up warnings', () => {
  it('says nothing for the shipped councils', () => {
    expect(readinessWarnings(shipped, NOW)).toEqual([]);
  });

  it('names a council with placeholders and each of its fields, while still serving it', () => {
    const input: any = structuredClone(hackney as CouncilInput);
    input.id = 'wrexham';
    input.gss = 'W00000000';
    input.contact.email = 'contact@example.gov.uk';
    input.addresses.properties = input.addresses.properties.map((p: { uprn: string }, i: number) => ({ ...p, uprn: `2000000000${i}` }));
    const wrexham = parseCouncil(input, 'councils/wrexham.ts');

    const warnings = readinessWarnings([...shipped.filter((c) => c.id !== 'hackney'), wrexham], NOW);

    expect(warnings).toEqual([
      'Warning: wrexham is served here but is not ready to deploy (see ldf council check wrexham):',
      '  gss: W00000000 is a placeholder: use the council’s ONS GSS code (ONS Open Geography Portal)',
      '  contact.email: example.gov.uk is an example domain, not the council’s: use its own email address',
    ]);
  });

  it('warns when the bank-holiday data runs out within the bin pages’ look-ahead, and notes computed years', () => {
    const warnings = readinessWarnings(shipped, new Date('2028-01-10T09:00:00Z'));

    expect(warnings).toContain('Warning: hackney is served here but is not ready to deploy (see ldf council check hackney):');
    expect(warnings.some((w) => w.startsWith('  services.bins: the bank-holiday data (functions/core/calendar/bank-holidays.ts) must cover'))).toBe(true);
    expect(warnings).toContain(
      'Note: hackney: services.bins: bank holidays for 2028, which this council’s bin pages and calendar feed reach, are computed from the statutory rules and not yet confirmed by GOV.UK’s published list (functions/core/calendar/bank-holidays.ts)',
    );
  });
});
