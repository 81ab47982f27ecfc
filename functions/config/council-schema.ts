import { z } from 'zod';
import type { ModuleConfigSection } from '../core/module.ts';
import { ALL_MODULES, type ServicesConfig, type ServicesInput } from '../modules/index.ts';
import { brandColourSchema, isoDateSchema, localisedTextSchema, pointSchema, ukPhoneSchema } from './common.ts';
import { STAFF_SESSION_DEFAULTS, staffSessionSchema, staffSignInSchema } from '../staff/config-schema.ts';
import { casesConfigSchema, checkCaseTypes } from '../core/cases/config-schema.ts';

export const COUNCIL_ID_PATTERN = /^[a-z][a-z0-9-]{1,40}$/;

const postcodeSchema = z
  .string()
  .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/, 'Use an upper-case postcode with one space, like CB23 6EA');

export const gazetteerPropertySchema = z.strictObject({
  uprn: z.string().regex(/^\d{1,12}$/, 'A UPRN is up to 12 digits'),
  /** Address lines as they should be shown, without the postcode. */
  lines: z.array(z.string().trim().min(1)).min(1).max(5),
  postcode: postcodeSchema,
  /** The bin round the property is on (bins service). */
  round: z.string().optional(),
  /** Subscription services the property pays for, by container id (e.g. garden waste). */
  subscriptions: z.array(z.string()).default([]),
  /** Where it is, [longitude, latitude] (report a problem places reports here). */
  point: pointSchema.optional(),
});

export const addressLookupSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    /** A gazetteer written in the council's file: used for sample councils and local development. */
    provider: z.literal('gazetteer'),
    /** Postcode districts (outward codes like "CB23") the council covers; others are refused as out of area. */
    postcodeDistricts: z.array(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/, 'Use an outward code like CB23')).min(1),
    /**
     * Districts of postcodeDistricts that straddle a boundary with other councils on the platform, with
     * those councils' ids: `{ CB23: ['cambridge'] }`. Both councils' files must say so, each naming the
     * other (functions/config/cross-council-checks.ts), so neither can take part of the other's area alone.
     */
    sharedPostcodeDistricts: z
      .record(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/, 'Use an outward code like CB23'), z.array(z.string().regex(COUNCIL_ID_PATTERN)).min(1))
      .optional(),
    properties: z.array(gazetteerPropertySchema).min(1),
  }),
]);

export const notificationsSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    // The API key is never in this file: the function reads it from Secrets Manager when it sends
    // (ldf/<councilId>/notify-api-key), so it is not in the function's environment either.
    provider: z.literal('govuk-notify'),
    /** Notify template ids per message and language. */
    templates: z.record(
      z.string(),
      z.strictObject({ en: z.uuid(), cy: z.uuid().optional() }),
    ),
  }),
  z.strictObject({ provider: z.literal('outbox') }),
]);

/** A resident's proof lasts half an hour; a request to delete data is kept six years (the limitation period for a claim). */
export const DATA_RIGHTS_DEFAULTS = { sessionMinutes: 30, requestRetentionDays: 2190 } as const;

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const awsSchema = z.strictObject({
  /** The AWS account the council's stack is deployed to; the platform's own account when absent. */
  account: z.string().regex(/^\d{12}$/, 'An AWS account id is 12 digits').optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Use a region like eu-west-2').default('eu-west-2'),
  /** Who the council's alarms email; the council's contact email when absent. */
  operationsEmail: z.email().optional(),
  /** A custom domain for the council's services, in a Route 53 hosted zone the account owns. */
  domain: z
    .strictObject({
      name: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'Use a domain name like services.example.gov.uk'),
      hostedZoneId: z.string().regex(/^Z[A-Z0-9]{5,31}$/, 'A Route 53 hosted zone id looks like Z0123456789ABCDEFGHIJ'),
      zoneName: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/),
    })
    .refine((d) => d.name === d.zoneName || d.name.endsWith(`.${d.zoneName}`), { message: 'The domain must be in its hosted zone', path: ['name'] })
    .optional(),
  /**
   * Caps on the council's function: reserved concurrency both guarantees and limits it, so leave it
   * out unless the account's concurrency has room for every council that sets it.
   */
  lambda: z
    .strictObject({
      memoryMb: z.number().int().min(128).max(10_240).default(512),
      timeoutSeconds: z.number().int().min(1).max(29).default(10),
      reservedConcurrency: z.number().int().min(1).max(1000).optional(),
    })
    .default({ memoryMb: 512, timeoutSeconds: 10 }),
  /** Requests per second the council's HTTPS endpoint accepts (steady rate and burst), per council. */
  throttle: z
    .strictObject({ rateLimit: z.number().int().min(1).max(10_000).default(50), burstLimit: z.number().int().min(1).max(5_000).default(100) })
    .default({ rateLimit: 50, burstLimit: 100 }),
  logRetentionDays: z
    .number()
    .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), { message: `Log retention must be one of ${LOG_RETENTION_DAYS.join(', ')} days` })
    .default(90),
});

export type AwsConfig = z.infer<typeof awsSchema>;

/**
 * Each module's section of the file, from the module list: loaded here (and only where council files
 * are validated), so the Lambda, which reads validated data, never loads the schema library.
 */
const moduleSections: [string, ModuleConfigSection<unknown>][] = await Promise.all(
  ALL_MODULES.map(async (m): Promise<[string, ModuleConfigSection<unknown>]> => [m.id, await m.config()]),
);
// Built from a list, so zod cannot infer it; the module list's types say what each section holds.
const servicesSchema = z.strictObject(
  Object.fromEntries(moduleSections.map(([id, section]) => [id, section.schema.optional()])),
) as unknown as z.ZodType<ServicesConfig, ServicesInput>;

export const councilSchema = z
  .strictObject({
    id: z
      .string()
      .regex(COUNCIL_ID_PATTERN, 'A council id is a lower-case slug like south-cambridgeshire')
      // The Platform stack's resources are named ldf-platform and /ldf/platform/…
      .refine((id) => id !== 'platform', { message: '"platform" is reserved for the Platform stack' }),
    /**
     * A sample council shipped with the platform for development and demonstration. Its stack can be
     * synthesized with the outbox in place of GOV.UK Notify, and says "sample" in its description and tags.
     */
    sample: z.boolean().default(false),
    name: localisedTextSchema,
    /** ONS GSS code, e.g. E07000012. */
    gss: z.string().regex(/^[ENSW]\d{8}$/, 'A GSS code is a letter E, N, S or W and 8 digits'),
    nation: z.enum(['england', 'wales', 'scotland', 'northern-ireland']),
    languages: z
      .array(z.enum(['en', 'cy']))
      .min(1)
      .default(['en'])
      .refine((l) => l[0] === 'en', { message: 'English must come first: every council serves pages in English' }),
    brand: z.strictObject({ colour: brandColourSchema }),
    contact: z.strictObject({
      phone: ukPhoneSchema,
      outOfHoursPhone: ukPhoneSchema,
      email: z.email(),
      website: z.url({ protocol: /^https$/ }),
      address: z.array(z.string().min(1)).min(1),
    }),
    privacy: z.strictObject({
      /** The data controller, as registered with the ICO. */
      controller: z.string().min(1),
      icoRegistration: z.string().regex(/^Z[A-Z0-9]{7}$/, 'An ICO registration number looks like Z5797870'),
      dataProtectionEmail: z.email(),
    }),
    accessibility: z.strictObject({
      /** When the statement was last reviewed. */
      lastReviewed: isoDateSchema,
    }),
    addresses: addressLookupSchema.optional(),
    aws: awsSchema.default({ region: 'eu-west-2', lambda: { memoryMb: 512, timeoutSeconds: 10 }, throttle: { rateLimit: 50, burstLimit: 100 }, logRetentionDays: 90 }),
    notifications: notificationsSchema.default({ provider: 'outbox' }),
    services: servicesSchema,
    /** The back office at /staff/: how officers sign in, their sessions. A council without it has no staff pages. */
    staff: z
      .strictObject({
        signIn: staffSignInSchema,
        session: staffSessionSchema.default(STAFF_SESSION_DEFAULTS),
      })
      .optional(),
    /** Every module's cases: the council's names for the lifecycle's states, states it drops, response templates. */
    cases: casesConfigSchema.optional(),
    /**
     * "Your requests and your data" (functions/data-rights/): how long a resident's proof of their
     * email address lasts in their browser, and how long the council keeps a request to delete data
     * (the record that it was asked and what it decided, kept as evidence of compliance).
     */
    dataRights: z
      .strictObject({
        sessionMinutes: z.number().int().min(5).max(60).default(DATA_RIGHTS_DEFAULTS.sessionMinutes),
        requestRetentionDays: z.number().int().min(30).max(3653).default(DATA_RIGHTS_DEFAULTS.requestRetentionDays),
      })
      .default(DATA_RIGHTS_DEFAULTS),
  })
  .superRefine((council, ctx) => {
    if (council.languages.includes('cy')) requireWelsh(council, [], ctx);
    for (const [id, section] of moduleSections) {
      const config = (council.services as Record<string, unknown>)[id];
      if (config === undefined || !section.check) continue;
      for (const issue of section.check(config, council)) ctx.addIssue({ code: 'custom', ...issue });
    }
    // A case type's own states name a type the module makes for this council (a form it adopts).
    const typesOf = (service: string) => {
      const m = ALL_MODULES.find((x) => x.id === service);
      if (!m) return 'unknown' as const;
      if ((council.services as Record<string, unknown>)[service] === undefined) return 'not-running' as const;
      try {
        return m.caseTypes(council as CouncilConfig).map((x) => x.id);
      } catch {
        // The module's section is wrong in a way its own check has reported.
        return 'not-running' as const;
      }
    };
    for (const issue of checkCaseTypes(council.cases, typesOf)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** A validated council file. */
export type CouncilConfig = z.infer<typeof councilSchema>;
/** A council file as written (defaults may be left out). */
export type CouncilInput = z.input<typeof councilSchema>;
export type { ServiceId } from '../modules/index.ts';

/** A bilingual council must give every piece of its own text in Welsh as well. */
function requireWelsh(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => requireWelsh(v, [...path, i], ctx));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const keys = Object.keys(value);
  if (typeof (value as { en?: unknown }).en === 'string' && keys.every((k) => k === 'en' || k === 'cy')) {
    if (!(value as { cy?: string }).cy) {
      ctx.addIssue({ code: 'custom', path: [...path, 'cy'], message: 'Welsh text is required: this council lists cy in languages' });
    }
    return;
  }
  for (const key of keys) requireWelsh((value as Record<string, unknown>)[key], [...path, key], ctx);
}
