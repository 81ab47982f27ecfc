import { z } from 'zod';
import { localisedTextSchema, pointSchema } from '../../config/common.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { ConfigIssue, ModuleConfigSection } from '../../core/module.ts';

const code = z.string().regex(/^[a-z][a-z0-9_-]{0,40}$/, 'Use a lower-case code like pothole or fly_tipping');

/** A closed ring of points: the council's area, simplified. */
export const boundarySchema = z.array(pointSchema).min(4, 'A boundary needs at least 4 points, the last repeating the first');

export const questionSchema = z
  .strictObject({
    /** The Open311 attribute code. */
    code,
    question: localisedTextSchema,
    hint: localisedTextSchema.optional(),
    /** Open311 datatypes: free text, a number, one choice, several choices. */
    type: z.enum(['string', 'text', 'number', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean().default(false),
    options: z.array(z.strictObject({ key: code, name: localisedTextSchema })).optional(),
  })
  .refine((q) => (q.type.endsWith('valuelist') ? (q.options?.length ?? 0) >= 2 : q.options === undefined), {
    message: 'List questions need at least two options; other questions take none',
    path: ['options'],
  });

export const categorySchema = z.strictObject({
  /** The Open311 service_code; unique within the council. */
  code,
  name: localisedTextSchema,
  description: localisedTextSchema,
  keywords: z.array(z.string()).default([]),
  /** Shown before the resident goes on, e.g. "If this is dangerous, call …". */
  notice: localisedTextSchema.optional(),
  /** What the resident is told on the confirmation page. */
  responseTime: localisedTextSchema,
  questions: z.array(questionSchema).default([]),
});

export const categoryGroupSchema = z.strictObject({
  id: code,
  name: localisedTextSchema,
  categories: z.array(categorySchema).min(1),
});

export const neighbourSchema = z.strictObject({
  name: localisedTextSchema,
  website: z.url({ protocol: /^https$/ }),
  postcodeDistricts: z.array(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/)).default([]),
  boundary: boundarySchema.optional(),
});

export const streetSchema = z.strictObject({
  /** Unique Street Reference Number. */
  usrn: z.string().regex(/^\d{1,12}$/),
  name: z.string().min(1),
  locality: z.string().min(1),
  point: pointSchema,
});

export const reportConfigSchema = z.strictObject({
  groups: z.array(categoryGroupSchema).min(1),
  /** The council's area, to refuse locations outside it. */
  boundary: boundarySchema,
  /** Councils next door, named when a location is theirs. */
  neighbours: z.array(neighbourSchema).default([]),
  /** Streets residents can search by name. */
  streets: z.array(streetSchema).default([]),
  whatHappensNext: localisedTextSchema,
  /** Days a report, its contact details and photo are kept. */
  retentionDays: z.number().int().min(1).max(3650).default(730),
});

export type ReportConfig = z.infer<typeof reportConfigSchema>;
export type ReportConfigInput = z.input<typeof reportConfigSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Question = z.infer<typeof questionSchema>;

/** Checks that need more than one field: unique codes, a closed boundary, located addresses. */
function checkReport(report: ReportConfig, council: CouncilConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const codes = new Map<string, string>();
  report.groups.forEach((group, g) =>
    group.categories.forEach((category, c) => {
      const at = ['services', 'report', 'groups', g, 'categories', c];
      const earlier = codes.get(category.code);
      if (earlier) issues.push({ path: [...at, 'code'], message: `The code "${category.code}" is already used by ${earlier}` });
      codes.set(category.code, `${group.id}/${category.code}`);
      const questions = new Set<string>();
      category.questions.forEach((q, i) => {
        if (questions.has(q.code)) issues.push({ path: [...at, 'questions', i, 'code'], message: `Two questions have the code "${q.code}"` });
        questions.add(q.code);
      });
    }),
  );
  const ring = report.boundary;
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.push({ path: ['services', 'report', 'boundary'], message: 'The boundary must end where it starts' });
  }
  if (!council.addresses) issues.push({ path: ['addresses'], message: 'Report a problem needs an address look-up' });
  else if (council.addresses.provider === 'gazetteer') {
    council.addresses.properties.forEach((p, i) => {
      if (!p.point) issues.push({ path: ['addresses', 'properties', i, 'point'], message: 'Report a problem needs every property’s location' });
    });
  }
  return issues;
}

export const reportConfigSection: ModuleConfigSection<ReportConfig> = { schema: reportConfigSchema, check: checkReport };
