import { describe, expect, it } from 'vitest';
import { binsModule } from '../../functions/modules/bins/module.ts';
import { council } from '../support/harness.ts';

describe('the bins module lists containers for forms', () => {
  it('gives a property its round’s containers and the subscriptions it pays for', async () => {
    const scambs = await council('south-cambridgeshire');
    const property = scambs.addresses!.properties.find((p) => p.uprn === '10033500001')!;
    const withGarden = binsModule.formOptionSources!['bin-containers'](scambs, { property }).map((o) => o.value);
    expect(withGarden).toContain('green-bin');
    const without = binsModule.formOptionSources!['bin-containers'](scambs, { property: { ...property, subscriptions: [] } }).map((o) => o.value);
    expect(without).not.toContain('green-bin');
    expect(without.length).toBe(withGarden.length - 1);
  });

  it('gives every container that needs no subscription when the property is not known', async () => {
    const scambs = await council('south-cambridgeshire');
    const options = binsModule.formOptionSources!['bin-containers'](scambs, {});
    const bins = scambs.services.bins!;
    expect(options.map((o) => o.value)).toEqual(bins.containers.filter((c) => !c.subscription).map((c) => c.id));
    expect(options[0].text).toEqual(bins.containers[0].name);
  });
});
