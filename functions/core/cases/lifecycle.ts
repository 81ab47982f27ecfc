/**
 * The lifecycle every case follows, whichever module made it: FixMyStreet's states, each open or
 * closed as Open311 sees it. A council's file may rename, translate or drop states (`cases.states`),
 * do so again for one case type (`cases.types`: a care request's "Received", "Screening", …, on the
 * same state ids, so Open311's status and the queue's indexes do not change), and gives response
 * templates (`cases.responseTemplates`); all are validated by functions/core/cases/config-schema.ts,
 * so this file reads plain data and loads no schema library.
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

/**
 * One case type's own states: overrides on top of the council's `cases.states`, state by state (a
 * state it does not name is as the council has it; one it names may be renamed, dropped, or taken
 * back for this type although the council drops it).
 */
export interface CaseTypeStates {
  /** The module whose cases these are, e.g. "forms". */
  service: string;
  /** The case type, e.g. the form id "care-needs-assessment". */
  type: string;
  states: Partial<Record<CaseState, StateOverride>>;
}

/** The council file's `cases` section, as validated. */
export interface CasesConfig {
  states?: Partial<Record<CaseState, StateOverride>>;
  types?: CaseTypeStates[];
  responseTemplates?: ResponseTemplate[];
}

/**
 * Which case a question about states is for: its service and type (a StoredCase will do). Without
 * one, the answer is the council's own states (the queue's state filter and counts, across types).
 */
export interface CaseKind {
  service: string;
  type: string;
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

/** The override that applies to a state for a case type: the type's own, else the council's. */
function overrideOf(council: CouncilCases, state: CaseState, kind?: CaseKind): StateOverride | undefined {
  if (kind) {
    const own = council.cases?.types?.find((t) => t.service === kind.service && t.type === kind.type)?.states;
    if (own && Object.hasOwn(own, state)) return own[state];
  }
  return council.cases?.states?.[state];
}

/**
 * The states a council uses, in lifecycle order, with its names for them; with a case's service and
 * type, the states that type uses (`cases.types`).
 *
 * @example
 * caseStates(council).filter((s) => s.status === 'open').map((s) => s.id); // ['submitted', 'investigating', …]
 * caseStates(council, { service: 'forms', type: 'care-needs-assessment' }).map((s) => s.label.en); // ['Received', 'Screening', …]
 */
export function caseStates(council: CouncilCases, kind?: CaseKind): StateDefinition[] {
  return CASE_STATES.flatMap((id) => {
    const override = overrideOf(council, id, kind);
    if (override === false) return [];
    return [{ id, status: statusOf(id), label: override?.label ?? DEFAULT_STATE_LABELS[id] }];
  });
}

/**
 * Whether the council uses a state (`submitted` always), for a case type when one is given.
 *
 * @example
 * isStateEnabled(council, 'not-responsible', found); // false for a care request whose type drops it
 */
export function isStateEnabled(council: CouncilCases, state: CaseState, kind?: CaseKind): boolean {
  return overrideOf(council, state, kind) !== false;
}

/**
 * A state's name in a language: the case type's (when given), else the council's, else the
 * platform's. A case may hold a state the council has since dropped; it keeps its name.
 *
 * @example
 * stateLabel(council, 'in-progress', 'cy'); // 'Ar y gweill'
 * stateLabel(council, 'in-progress', 'en', found); // 'Assessment booked' for a care request
 */
export function stateLabel(council: CouncilCases, state: CaseState, lang: Language, kind?: CaseKind): string {
  // A dropped state's name: what it was called before it was dropped, the council's or the platform's.
  const override = overrideOf(council, state, kind) || (kind ? council.cases?.states?.[state] : undefined);
  const label = override ? override.label : DEFAULT_STATE_LABELS[state];
  // A council's Welsh is required by its schema when it is bilingual; the platform's default has both.
  return localise({ en: label.en, cy: label.cy ?? DEFAULT_STATE_LABELS[state].cy }, lang);
}

/**
 * The nearest state the council (or the case's type) uses to one it has dropped: the first state it
 * uses with the same open/closed (`submitted` and at least one closed state are always kept, as the
 * schema checks). Used for states given from outside, such as an Open311 works system's status codes.
 */
export function enabledStateFor(council: CouncilCases, state: CaseState, kind?: CaseKind): CaseState {
  if (isStateEnabled(council, state, kind)) return state;
  const status = statusOf(state);
  return caseStates(council, kind).find((s) => s.status === status)?.id ?? 'submitted';
}

/**
 * The response templates for a case of a service and type, optionally for one state: the ones for
 * its type first, then the ones for every type of its service, in the file's order.
 *
 * @example
 * responseTemplates(council, { service: 'report', type: 'pothole', state: 'fixed' })[0]?.text.en;
 */
export function responseTemplates(council: CouncilCases, query: { service: string; type: string; state?: CaseState }): ResponseTemplate[] {
  // A template for every type of the service is left out for a type that drops its state.
  const all = (council.cases?.responseTemplates ?? []).filter(
    (t) => t.service === query.service && (t.type === undefined || t.type === query.type) && (query.state === undefined || t.state === query.state) && isStateEnabled(council, t.state, query),
  );
  return [...all.filter((t) => t.type !== undefined), ...all.filter((t) => t.type === undefined)];
}
