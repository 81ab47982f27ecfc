/**
 * The lifecycle every case follows, whichever module made it: FixMyStreet's states, each open or
 * closed as Open311 sees it. A council's file may rename, translate or drop states (`cases.states`)
 * and gives response templates (`cases.responseTemplates`); both are validated by
 * functions/core/cases/config-schema.ts, so this file reads plain data and loads no schema library.
 */
import type { Language } from '../language.ts';
import { localise, type LocalisedText } from '../localised-text.ts';

/** Every state, in the order a case usually passes through them (open ones first). */
export const CASE_STATES = [
  'submitted',
  'investigating',
  'action-scheduled',
  'in-progress',
  'fixed',
  'not-responsible',
  'duplicate',
  'no-further-action',
  'internal-referral',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** Open311's view of a case. */
export type CaseStatus = 'open' | 'closed';

/** Where a case came in. */
export const CASE_CHANNELS = ['online', 'phone', 'face-to-face', 'email', 'open311'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

const OPEN_STATES: ReadonlySet<CaseState> = new Set(['submitted', 'investigating', 'action-scheduled', 'in-progress']);

/** Open311's open or closed for a state. */
export function statusOf(state: CaseState): CaseStatus {
  return OPEN_STATES.has(state) ? 'open' : 'closed';
}

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

/** What each state is called when the council's file does not rename it. */
export const DEFAULT_STATE_LABELS: Record<CaseState, Required<LocalisedText>> = {
  submitted: { en: 'Submitted', cy: 'Wedi’i gyflwyno' },
  investigating: { en: 'Investigating', cy: 'Yn ymchwilio' },
  'action-scheduled': { en: 'Action scheduled', cy: 'Gwaith wedi’i drefnu' },
  'in-progress': { en: 'In progress', cy: 'Ar y gweill' },
  fixed: { en: 'Fixed', cy: 'Wedi’i drwsio' },
  'not-responsible': { en: 'Not the council’s responsibility', cy: 'Nid cyfrifoldeb y cyngor' },
  duplicate: { en: 'Duplicate', cy: 'Dyblyg' },
  'no-further-action': { en: 'No further action', cy: 'Dim camau pellach' },
  'internal-referral': { en: 'Referred internally', cy: 'Wedi’i gyfeirio’n fewnol' },
};

/**
 * The Open311 status codes of mySociety's servicerequestupdates extension for each state: what an
 * officer's update is listed as in GET servicerequestupdates.
 */
export const STATE_OPEN311_CODES: Record<CaseState, string> = {
  submitted: 'OPEN',
  investigating: 'INVESTIGATING',
  'action-scheduled': 'ACTION_SCHEDULED',
  'in-progress': 'IN_PROGRESS',
  fixed: 'FIXED',
  'not-responsible': 'NOT_COUNCILS_RESPONSIBILITY',
  duplicate: 'DUPLICATE',
  'no-further-action': 'NO_FURTHER_ACTION',
  'internal-referral': 'INTERNAL_REFERRAL',
};

/** How a council's file changes one state: a new name (en, cy for bilingual councils), or `false` to drop it. */
export type StateOverride = false | { label: LocalisedText };

/** A response template (FixMyStreet's): prefills a public update for a service, optionally a type, and a state. */
export interface ResponseTemplate {
  /** Unique within the council's file; the back office's form names it. */
  id: string;
  /** The module whose cases it answers, e.g. "report". */
  service: string;
  /** The case type (a report's category code, "missed-collection"); absent: every type of the service. */
  type?: string;
  /** The state the update sets. */
  state: CaseState;
  /** What officers see in the list of templates. */
  title: string;
  /** The words the resident reads. */
  text: LocalisedText;
}

/** The council file's `cases` section, as validated. */
export interface CasesConfig {
  states?: Partial<Record<CaseState, StateOverride>>;
  responseTemplates?: ResponseTemplate[];
}

/** A state as one council has it. */
export interface StateDefinition {
  id: CaseState;
  status: CaseStatus;
  label: LocalisedText;
}

/** What this file needs of a council: its `cases` section (absent: FixMyStreet's states, no templates). */
export interface CouncilCases {
  cases?: CasesConfig;
}

/**
 * The states a council uses, in lifecycle order, with its names for them.
 *
 * @example
 * caseStates(council).filter((s) => s.status === 'open').map((s) => s.id); // ['submitted', 'investigating', …]
 */
export function caseStates(council: CouncilCases): StateDefinition[] {
  const overrides = council.cases?.states ?? {};
  return CASE_STATES.flatMap((id) => {
    const override = overrides[id];
    if (override === false) return [];
    return [{ id, status: statusOf(id), label: override?.label ?? DEFAULT_STATE_LABELS[id] }];
  });
}

/** Whether the council uses a state (`submitted` always). */
export function isStateEnabled(council: CouncilCases, state: CaseState): boolean {
  return council.cases?.states?.[state] !== false;
}

/**
 * A state's name in a language: the council's, else the platform's. A case may hold a state the
 * council has since dropped; it keeps its name.
 *
 * @example
 * stateLabel(council, 'in-progress', 'cy'); // 'Ar y gweill'
 */
export function stateLabel(council: CouncilCases, state: CaseState, lang: Language): string {
  const override = council.cases?.states?.[state];
  const label = override ? override.label : DEFAULT_STATE_LABELS[state];
  // A council's Welsh is required by its schema when it is bilingual; the platform's default has both.
  return localise({ en: label.en, cy: label.cy ?? DEFAULT_STATE_LABELS[state].cy }, lang);
}

/**
 * The nearest state the council uses to one it has dropped: the first state it uses with the same
 * open/closed (a council keeps `submitted` and at least one closed state, as its schema checks).
 * Used for states given from outside, such as an Open311 works system's status codes.
 */
export function enabledStateFor(council: CouncilCases, state: CaseState): CaseState {
  if (isStateEnabled(council, state)) return state;
  const status = statusOf(state);
  return caseStates(council).find((s) => s.status === status)?.id ?? 'submitted';
}

/**
 * The response templates for a case of a service and type, optionally for one state: the ones for
 * its type first, then the ones for every type of its service, in the file's order.
 *
 * @example
 * responseTemplates(council, { service: 'report', type: 'pothole', state: 'fixed' })[0]?.text.en;
 */
export function responseTemplates(council: CouncilCases, query: { service: string; type: string; state?: CaseState }): ResponseTemplate[] {
  const all = (council.cases?.responseTemplates ?? []).filter(
    (t) => t.service === query.service && (t.type === undefined || t.type === query.type) && (query.state === undefined || t.state === query.state) && isStateEnabled(council, t.state),
  );
  return [...all.filter((t) => t.type !== undefined), ...all.filter((t) => t.type === undefined)];
}
