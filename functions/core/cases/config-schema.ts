import { z } from 'zod';
import { localisedTextSchema } from '../../config/common.ts';
import { CASE_STATES, statusOf, type CaseState, type CasesConfig, type StateOverride } from './lifecycle.ts';

/**
 * The council file's `cases` section: its names for the lifecycle's states, the states it does not
 * use, a case type's own names and states (`types`), and its response templates. Loaded only where council files are validated (the Lambda reads
 * validated data through lifecycle.ts). A template for a service the council does not run is
 * allowed and never offered (a council may switch a module off and on again).
 */
const stateOverrideSchema = z.union([z.literal(false), z.strictObject({ label: localisedTextSchema })]);

const statesSchema = z.partialRecord(z.enum(CASE_STATES), stateOverrideSchema);

/** One case type's own states, e.g. a care request's: on top of the council's `states`, state by state. */
const caseTypeStatesSchema = z.strictObject({
  service: z.string().min(1),
  type: z.string().min(1),
  states: statesSchema.refine((s) => Object.keys(s).length > 0, { message: 'Name at least one state this type renames or drops' }),
});

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
    states: statesSchema.optional(),
    types: z.array(caseTypeStatesSchema).optional(),
    responseTemplates: z.array(responseTemplateSchema).optional(),
  })
  .superRefine((cases, ctx) => {
    const states = cases.states ?? {};
    keepsALifecycle(states, ['states'], 'no case can be closed', ctx);
    const types = new Map<string, Partial<Record<CaseState, StateOverride>>>();
    (cases.types ?? []).forEach((t, i) => {
      const key = `${t.service}:${t.type}`;
      if (types.has(key)) ctx.addIssue({ code: 'custom', path: ['types', i, 'type'], message: `The case type ${t.type} of ${t.service} is given twice: give all its states in one entry` });
      types.set(key, t.states);
      // What the type uses: its own overrides, then the council's for the states it does not name.
      keepsALifecycle({ ...states, ...t.states }, ['types', i, 'states'], `no ${t.type} case can be closed`, ctx);
    });
    const ids = new Set<string>();
    (cases.responseTemplates ?? []).forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['responseTemplates', i, 'id'], message: `Another template is called ${t.id}` });
      ids.add(t.id);
      const own = t.type === undefined ? undefined : types.get(`${t.service}:${t.type}`);
      const state = t.state as CaseState;
      if (own && Object.hasOwn(own, state)) {
        if (own[state] === false) ctx.addIssue({ code: 'custom', path: ['responseTemplates', i, 'state'], message: `The state ${t.state} is dropped for ${t.type} in cases.types` });
      } else if (states[state] === false) ctx.addIssue({ code: 'custom', path: ['responseTemplates', i, 'state'], message: `The state ${t.state} is dropped in cases.states` });
    });
  });

/** Every case starts submitted and must be able to close: `submitted` is kept, and a closed state. */
function keepsALifecycle(states: Partial<Record<CaseState, StateOverride>>, path: (string | number)[], closedMessage: string, ctx: z.RefinementCtx): void {
  if (states.submitted === false) ctx.addIssue({ code: 'custom', path: [...path, 'submitted'], message: 'Every case starts submitted: this state cannot be dropped' });
  const closed = CASE_STATES.filter((s) => statusOf(s) === 'closed' && states[s] !== false);
  if (closed.length === 0) ctx.addIssue({ code: 'custom', path, message: `Keep at least one closed state, or ${closedMessage}` });
}

/**
 * The check of `cases.types` that needs the rest of the council file: each names a module the
 * platform has and, when the council runs that module, one of its case types (a form the council
 * adopts, a report category). A type of a module switched off is allowed, as templates are (the
 * council may switch it on again).
 *
 * @example
 * for (const issue of checkCaseTypes(council.cases, (service) => knownTypes(service))) ctx.addIssue({ code: 'custom', ...issue });
 */
export function checkCaseTypes(
  cases: Pick<CasesConfig, 'types'> | undefined,
  typesOf: (service: string) => string[] | 'not-running' | 'unknown',
): { path: (string | number)[]; message: string }[] {
  return (cases?.types ?? []).flatMap((t, i) => {
    const known = typesOf(t.service);
    if (known === 'unknown') return [{ path: ['cases', 'types', i, 'service'], message: `There is no service ${t.service}` }];
    if (known === 'not-running' || known.includes(t.type)) return [];
    return [{ path: ['cases', 'types', i, 'type'], message: `${t.service} makes no cases of type ${t.type}: use one of ${known.join(', ') || '(none)'}` }];
  });
}
