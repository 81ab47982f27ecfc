import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Property } from '../../core/address/address-lookup.ts';
import type { LocalisedText } from '../../core/localised-text.ts';
import { serviceConfig } from '../../core/service-config.ts';
import { propertyContainers } from './collections.ts';

/**
 * The bins a form may ask about (`optionsFrom: { source: 'bin-containers' }`): the property's own
 * containers when the form knows the property (its round's, and the subscriptions it pays for),
 * else every container the council collects that needs no subscription. A property the bins config
 * gives no containers (no round) gets the council's list rather than none, so the question can
 * still be answered.
 *
 * @example
 * binContainerOptions(council, { property }); // [{ value: 'black-bin', text: { en: 'Black bin', cy: 'Bin du' } }, …]
 */
export function binContainerOptions(council: CouncilConfig, context: { property?: Property }): { value: string; text: LocalisedText }[] {
  const bins = serviceConfig(council, 'bins');
  const own = context.property ? propertyContainers(bins, context.property) : [];
  const containers = own.length > 0 ? own : bins.containers.filter((c) => !c.subscription);
  return containers.map((c) => ({ value: c.id, text: c.name }));
}
