import type { CouncilConfig } from '../../config/council-schema.ts';
import { createAddressLookup, type Property } from '../../core/address/address-lookup.ts';
import { todayIn, type IsoDate } from '../../core/calendar/dates.ts';
import type { AppContext, CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { appLimiters, takeForClient } from '../../core/http/rate-limit.ts';
import { formatDate } from '../../core/i18n.ts';
import { localise } from '../../core/localised-text.ts';
import { serviceConfig } from '../../core/service-config.ts';
import { propertyContainers } from './collections.ts';
import type { BinsConfig, Container } from './config.ts';
import type { ScheduledCollection } from './schedule.ts';

/** What the bins pages share: the council's bins config, the address look-up and a few words. */
export type BinsJourney = ReturnType<typeof binsJourney>;

/** Built once per app, in the routes factory; the step files take it. */
export function binsJourney(council: CouncilConfig, deps: CouncilAppDeps) {
  const bins: BinsConfig = serviceConfig(council, 'bins');
  const addresses = createAddressLookup(council);
  // Shared with the other modules' address look-ups (report a problem's postcode step).
  const lookups = appLimiters(deps).addressLookups;
  const firstPostcode = council.addresses?.provider === 'gazetteer' ? council.addresses.properties[0].postcode : 'SW1A 2AA';

  const today = (): IsoDate => todayIn(deps.clock());
  const councilName = (c: AppContext) => localise(council.name, c.get('lang'));
  const containerName = (c: AppContext, container: Container) => localise(container.name, c.get('lang'));

  async function findProperty(uprn: string): Promise<Property> {
    const property = /^\d{1,12}$/.test(uprn) ? await addresses.byUprn(uprn) : undefined;
    if (!property) throw httpErrors.notFound('Unknown property');
    return property;
  }

  /** Counts one address look-up by this client; false when it is over the limit. */
  const lookupAllowed = (c: AppContext) => takeForClient(lookups, c, deps);

  /**
   * A property for a page that shows its address: a look-up like the postcode one, so it counts
   * against the same limit (otherwise UPRNs could be walked to list addresses).
   */
  async function lookUpProperty(c: AppContext, uprn: string): Promise<Property> {
    if (!lookupAllowed(c)) throw httpErrors.rateLimited('Too many address look-ups');
    return findProperty(uprn);
  }

  function findContainer(property: Property, id: string): Container | undefined {
    return propertyContainers(bins, property).find((c) => c.id === id);
  }

  function changeNote(c: AppContext, collection: ScheduledCollection): string | undefined {
    const t = c.get('t');
    const lang = c.get('lang');
    if (!collection.change) return undefined;
    const usual = formatDate(collection.usualDate, lang);
    if (collection.change.kind === 'bank-holiday') {
      const holiday = collection.change.holidays.map((h) => localise(h.title, lang)).join(', ');
      return t('bins.property.changedBankHoliday', { holiday, usual });
    }
    return t('bins.property.changedCouncil', { usual, reason: localise(collection.change.reason, lang) });
  }

  return { council, deps, bins, addresses, lookupAllowed, lookUpProperty, firstPostcode, today, councilName, containerName, findProperty, findContainer, changeNote };
}
