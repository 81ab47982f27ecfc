import type { CouncilConfig } from '../../config/council-schema.ts';

export interface Property {
  uprn: string;
  lines: string[];
  postcode: string;
  round?: string;
  subscriptions: string[];
  /** [longitude, latitude], where known. */
  point?: readonly [number, number];
}

export type PostcodeLookup =
  | { outcome: 'found'; properties: Property[] }
  | { outcome: 'out-of-area' }
  | { outcome: 'no-addresses' };

/** Finds addresses. Adapters: the council file's gazetteer (local and sample councils); OS Places later. */
export interface AddressLookup {
  byPostcode(postcode: string): Promise<PostcodeLookup>;
  byUprn(uprn: string): Promise<Property | undefined>;
}

const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** A UK postcode as Royal Mail writes it ("cb236ea" → "CB23 6EA"); undefined when it cannot be one. */
export function normalisePostcode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** One line for an address, e.g. for emails and summaries. */
export function addressLine(p: Property): string {
  return [...p.lines, p.postcode].join(', ');
}

/** The gazetteer written in the council's file, indexed once. */
export function gazetteerLookup(source: Extract<NonNullable<CouncilConfig['addresses']>, { provider: 'gazetteer' }>): AddressLookup {
  const byPostcode = new Map<string, Property[]>();
  const byUprn = new Map<string, Property>();
  for (const p of source.properties) {
    byUprn.set(p.uprn, p);
    byPostcode.set(p.postcode, [...(byPostcode.get(p.postcode) ?? []), p]);
  }
  const districts = new Set(source.postcodeDistricts);
  return {
    async byPostcode(postcode) {
      if (!districts.has(postcode.split(' ')[0])) return { outcome: 'out-of-area' };
      const properties = byPostcode.get(postcode);
      return properties ? { outcome: 'found', properties } : { outcome: 'no-addresses' };
    },
    async byUprn(uprn) {
      return byUprn.get(uprn);
    },
  };
}

/** The council's address look-up, chosen by its file. */
export function createAddressLookup(council: CouncilConfig): AddressLookup {
  const source = council.addresses;
  if (!source) throw new Error(`${council.id} has no address look-up`);
  switch (source.provider) {
    case 'gazetteer':
      return gazetteerLookup(source);
  }
}
