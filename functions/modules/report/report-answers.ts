/**
 * A problem report's answers and the rules they follow: categories by code, the council's area,
 * the category's questions, what may be published of a location. The pages load it at start; making
 * the case (reports.ts) loads with the first report sent, so a page's cold start never evaluates the case store.
 */
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { NewCase } from '../../core/cases/case-store.ts';
import { pointInPolygon, type Point } from '../../core/geo.ts';
import type { Language } from '../../core/language.ts';
import { localise, type LocalisedText } from '../../core/localised-text.ts';
import { serviceConfig } from '../../core/service-config.ts';
import type { Category, Question, ReportConfig } from './config.ts';

export const MAX_DESCRIPTION_LENGTH = 2000;
/**
 * How long an identical submission (a retry after a lost response, an integrator re-sending) finds
 * the first case. After it, the same report again is a new problem: the same pothole reported with
 * the same words a month later has come back, and must not be folded into a case closed long ago.
 */
export const DUPLICATE_WINDOW_HOURS = 24;

/** Every category of the council, with its group, by Open311 service code. */
export function categoriesByCode(report: ReportConfig): Map<string, { category: Category; groupName: LocalisedText }> {
  return new Map(report.groups.flatMap((g) => g.categories.map((category) => [category.code, { category, groupName: g.name }] as const)));
}

export type LocationCheck = { inside: true } | { inside: false; neighbour?: ReportConfig['neighbours'][number] };

/** Whether a point is in the council's area; when not, which neighbour it belongs to, when known. */
export function checkPoint(report: ReportConfig, point: Point): LocationCheck {
  if (pointInPolygon(point, report.boundary)) return { inside: true };
  return { inside: false, neighbour: report.neighbours.find((n) => n.boundary && pointInPolygon(point, n.boundary)) };
}

/** The neighbour whose postcode districts include this postcode, for an out-of-area postcode. */
export function neighbourForPostcode(report: ReportConfig, postcode: string): ReportConfig['neighbours'][number] | undefined {
  const district = postcode.split(' ')[0];
  return report.neighbours.find((n) => n.postcodeDistricts.includes(district));
}

export type AttributeAnswers = Record<string, string | string[]>;

/** What is wrong with the answers to a category's questions, by question code (message keys). */
export type AttributeProblem = 'required' | 'not-a-number' | 'not-an-option' | 'too-long';

export function checkAttributes(category: Category, answers: AttributeAnswers): Record<string, AttributeProblem> {
  const problems: Record<string, AttributeProblem> = {};
  for (const q of category.questions) {
    const value = answers[q.code];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const given = values.filter((v) => v.trim() !== '');
    if (given.length === 0) {
      if (q.required) problems[q.code] = 'required';
      continue;
    }
    const problem = checkAnswer(q, given);
    if (problem) problems[q.code] = problem;
  }
  return problems;
}

function checkAnswer(q: Question, given: string[]): AttributeProblem | undefined {
  switch (q.type) {
    case 'number':
      return given.length === 1 && /^-?\d+(\.\d+)?$/.test(given[0].trim()) ? undefined : 'not-a-number';
    case 'singlevaluelist':
      return given.length === 1 && q.options!.some((o) => o.key === given[0]) ? undefined : 'not-an-option';
    case 'multivaluelist':
      return given.every((v) => q.options!.some((o) => o.key === v)) ? undefined : 'not-an-option';
    default:
      return given.length === 1 && given[0].length <= 500 ? undefined : 'too-long';
  }
}

/** Only the answers to the category's own questions, tidied: the rest of a submission is ignored. */
export function keepAnswers(category: Category, answers: AttributeAnswers): AttributeAnswers {
  const kept: AttributeAnswers = {};
  for (const q of category.questions) {
    const value = answers[q.code];
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) continue;
    kept[q.code] = q.type === 'multivaluelist' ? values : values[0];
  }
  return kept;
}

export interface ProblemReport {
  category: Category;
  description: string;
  attributes: AttributeAnswers;
  location: { lat: number; long: number; address?: string; addressId?: string };
  contact: { name?: string; email?: string; phone?: string };
  photos: string[];
  /** A photo elsewhere, given by an integrator (Open311 media_url). */
  externalMediaUrl?: string;
  lang: Language;
  /** Identifies this submission: a retry of it finds the same case. */
  submissionId: string;
  /** Where it came from: the web pages or an integrator. */
  source: 'web' | 'open311';
  /** Assisted digital: the channel an officer took it through, and who made it for whom. */
  channel?: NewCase['channel'];
  madeBy?: NewCase['madeBy'];
}

/** A location fit to publish: a street, never a home. */
export interface PublicLocation {
  lat: number;
  long: number;
  address?: string;
}

/** Places near a home are shown this coarsely (3 decimal places: about 100 m) when its street is not known. */
const COARSE = 1000;

/**
 * What may be published about a report placed at a resident's address (a UPRN from the gazetteer):
 * the street and its point, not the house number, the UPRN or the house's own position, which would
 * say which household reported. The full address stays in the case's private details. The street is
 * one of the council's named streets found in the address, else the address's numbered line
 * without its number; when neither is known, only the town and a point rounded to about 100 m.
 *
 * @example
 * publicLocation(council, { lat: 51.56231, long: -0.08015, addressId: '10008200031' });
 * // { address: 'Albion Grove Terrace, Stoke Newington', long: -0.07995, lat: 51.56246 }
 */
export function publicLocation(council: CouncilConfig, location: ProblemReport['location']): PublicLocation {
  if (!location.addressId) return { lat: location.lat, long: location.long, address: location.address };
  const config = serviceConfig(council, 'report');
  const property = council.addresses?.provider === 'gazetteer' ? council.addresses.properties.find((p) => p.uprn === location.addressId) : undefined;
  const lines = property?.lines ?? (location.address ?? '').split(',').map((l) => l.trim()).filter(Boolean);
  const lower = lines.map((l) => l.toLowerCase());
  const street = config.streets
    .filter((s) => lower.some((l) => l === s.name.toLowerCase() || l.endsWith(` ${s.name.toLowerCase()}`)))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (street) return { address: `${street.name}, ${street.locality}`, long: street.point[0], lat: street.point[1] };
  const coarse = { lat: Math.round(location.lat * COARSE) / COARSE, long: Math.round(location.long * COARSE) / COARSE };
  const town = property ? lines.at(-1) : undefined;
  const numbered = lines.find((l) => /^\d+[a-z]?(-\d+[a-z]?)?\s+\S/i.test(l));
  const streetName = numbered?.replace(/^\d+[a-z]?(-\d+[a-z]?)?\s+/i, '');
  const address = [streetName, town !== numbered ? town : undefined].filter(Boolean).join(', ');
  return { ...coarse, address: address || undefined };
}
