import { z } from 'zod';
import { isoDateSchema, localisedTextSchema } from '../../config/common.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { ConfigIssue, ModuleConfigSection } from '../../core/module.ts';

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'Use a lower-case id like black-bin');

export const containerSchema = z.strictObject({
  id: slug,
  name: localisedTextSchema,
  /** What goes in it, shown after the name: "Black bin: general waste". */
  contents: localisedTextSchema,
  /** Only properties that subscribe (e.g. a chargeable garden-waste service) get this container. */
  subscription: z.boolean().default(false),
});

export const collectionRuleSchema = z.strictObject({
  container: slug,
  everyWeeks: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** Any date the round is collected on: fixes both the weekday and which week of the cycle. */
  firstDate: isoDateSchema,
});

export const roundSchema = z.strictObject({
  id: slug,
  collections: z.array(collectionRuleSchema).min(1),
});

export const bankHolidayPolicySchema = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('no-change') }),
  z.strictObject({ policy: z.literal('slip-rest-of-week') }),
  z.strictObject({ policy: z.literal('next-day') }),
]);

export const changedCollectionSchema = z.strictObject({
  date: isoDateSchema,
  moveTo: isoDateSchema,
  containers: z.array(slug).optional(),
  reason: localisedTextSchema,
});

export const binsConfigSchema = z.strictObject({
  containers: z.array(containerSchema).min(1),
  rounds: z.array(roundSchema).min(1),
  bankHolidays: bankHolidayPolicySchema,
  /** The council's own changes (e.g. Christmas), on top of the bank-holiday policy. */
  changedCollections: z.array(changedCollectionSchema).default([]),
  /** How many weeks of collections the bin-day page shows. */
  lookAheadWeeks: z.number().int().min(1).max(12).default(4),
  missedCollections: z
    .strictObject({
      /** Reports are accepted from the collection day until the end of this many working days after it. */
      windowWorkingDays: z.number().int().min(0).max(10).default(2),
      /** What the resident is told happens next, after a report. */
      whatHappensNext: localisedTextSchema,
      /** Days a report (and the contact email in it) is kept. */
      retentionDays: z.number().int().min(1).max(3650).default(365),
    }),
});

export type BinsConfig = z.infer<typeof binsConfigSchema>;
export type BinsConfigInput = z.input<typeof binsConfigSchema>;
export type Container = z.infer<typeof containerSchema>;
export type Round = z.infer<typeof roundSchema>;

/** Checks that need more than one field: rounds name real containers, every property has a round. */
function checkBins(bins: BinsConfig, council: CouncilConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const containers = new Set(bins.containers.map((c) => c.id));
  const subscriptionContainers = new Set(bins.containers.filter((c) => c.subscription).map((c) => c.id));
  const rounds = new Set(bins.rounds.map((r) => r.id));
  bins.rounds.forEach((round, r) =>
    round.collections.forEach((rule, i) => {
      if (!containers.has(rule.container)) {
        issues.push({ path: ['services', 'bins', 'rounds', r, 'collections', i, 'container'], message: `No container "${rule.container}" in services.bins.containers` });
      }
    }),
  );
  if (!council.addresses) return [...issues, { path: ['addresses'], message: 'The bins service needs an address look-up' }];
  const gazetteer = council.addresses;
  if (gazetteer.provider !== 'gazetteer') return issues;
  gazetteer.properties.forEach((property, p) => {
    const at = ['addresses', 'properties', p];
    if (!property.round) {
      issues.push({ path: [...at, 'round'], message: 'Every property needs a bin round when the bins service is on' });
    } else if (!rounds.has(property.round)) {
      issues.push({ path: [...at, 'round'], message: `No round "${property.round}" in services.bins.rounds` });
    }
    property.subscriptions.forEach((s, i) => {
      if (!subscriptionContainers.has(s)) issues.push({ path: [...at, 'subscriptions', i], message: `"${s}" is not a subscription container` });
    });
    const district = property.postcode.split(' ')[0];
    if (!gazetteer.postcodeDistricts.includes(district)) {
      issues.push({ path: [...at, 'postcode'], message: `Postcode district ${district} is not in addresses.postcodeDistricts` });
    }
  });
  return issues;
}

export const binsConfigSection: ModuleConfigSection<BinsConfig> = { schema: binsConfigSchema, check: checkBins };
