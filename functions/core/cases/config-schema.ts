import { z } from 'zod';
import { localisedTextSchema } from '../../config/common.ts';
import { CASE_STATES, statusOf, type CaseState } from './lifecycle.ts';

/**
 * The council file's `cases` section: its names for the lifecycle's states, the states it does not
 * use, and its response templates. Loaded only where council files are validated (the Lambda reads
 * validated data through lifecycle.ts). A template for a service the council does not run is
 * allowed and never offered (a council may switch a module off and on again).
 */
const stateOverrideSchema = z.union([z.literal(false), z.strictObject({ label: localisedTextSchema })]);

const responseTemplateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Use a lower-case id like pothole-fixed'),
  service: z.string().min(1),
  type: z.string().min(1).optional(),
  state: z.enum(CASE_STATES),
  title: z.string().trim().min(1).max(100),
  text: localisedTextSchema.refine((t) => t.en.length <= 2000 && (t.cy ?? '').length <= 2000, { message: 'Keep a template to 2,000 characters' }),
});

export const casesConfigSchema = z
  .strictObject({
    states: z.partialRecord(z.enum(CASE_STATES), stateOverrideSchema).optional(),
    responseTemplates: z.array(responseTemplateSchema).optional(),
  })
  .superRefine((cases, ctx) => {
    const states = cases.states ?? {};
    if (states.submitted === false) ctx.addIssue({ code: 'custom', path: ['states', 'submitted'], message: 'Every case starts submitted: this state cannot be dropped' });
    const closed = CASE_STATES.filter((s) => statusOf(s) === 'closed' && states[s] !== false);
    if (closed.length === 0) ctx.addIssue({ code: 'custom', path: ['states'], message: 'Keep at least one closed state, or no case can be closed' });
    const ids = new Set<string>();
    (cases.responseTemplates ?? []).forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['responseTemplates', i, 'id'], message: `Another template is called ${t.id}` });
      ids.add(t.id);
      if (states[t.state as CaseState] === false) ctx.addIssue({ code: 'custom', path: ['responseTemplates', i, 'state'], message: `The state ${t.state} is dropped in cases.states` });
    });
  });
