import type { Context } from 'hono';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import { verifyApiKey, type ApiKeyRecord } from '../../../core/api-keys.ts';
import { getCase, type StoredCase } from '../../../core/cases/case-store.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import type { CouncilAppDeps } from '../../../core/http/env.ts';
import { serviceConfig } from '../../../core/service-config.ts';
import type { ReportConfig } from '../config.ts';
import { categoriesByCode } from '../reports.ts';
import { one, type Params } from './input.ts';
import type { LinkBase } from './representation.ts';
import { Open311Error } from './respond.ts';

/** What every Open311 route is built with: the council, its report config, and the host's deps. */
export interface Open311Context {
  readonly council: CouncilConfig;
  readonly deps: CouncilAppDeps;
  readonly report: ReportConfig;
  readonly categories: ReturnType<typeof categoriesByCode>;
  /** The most requests or updates one list returns. */
  readonly maxResults: number;
}

export function open311Context(council: CouncilConfig, deps: CouncilAppDeps, maxResults: number): Open311Context {
  const report = serviceConfig(council, 'report');
  return { council, deps, report, categories: categoriesByCode(report), maxResults };
}

export function notFound(what: string): Open311Error {
  return new Open311Error(404, what);
}

export function methodNotAllowed(method: string, resource: string, allowed: string[]): Open311Error {
  return new Open311Error(400, `${method} is not supported for ${resource}: use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
}

export function linkBase(c: Context, deps: CouncilAppDeps): LinkBase {
  return { origin: new URL(c.req.url).origin, basePath: deps.basePath };
}

/** The integrator's key from the form: 403 when it is missing or not a live key of this council. */
export async function requireApiKey(deps: CouncilAppDeps, params: Params, action: string): Promise<ApiKeyRecord> {
  const key = one(params, 'api_key');
  if (!key) throw new Open311Error(403, `api_key was not provided: it is required to ${action}`);
  const record = await verifyApiKey(deps.store, key);
  if (!record) throw new Open311Error(403, `Invalid api_key received: can't ${action}`);
  return record;
}

/** A case Open311 may show: a problem report of this council's own table, still kept. */
export async function findRequest(deps: CouncilAppDeps, id: string): Promise<StoredCase | undefined> {
  const reference = normaliseReference(id);
  if (!reference) return undefined;
  const found = await getCase(deps.store, reference, deps.clock());
  return found && found.service === 'report' && found.public ? found : undefined;
}
