import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import { verifyApiKey, type ApiKeyRecord } from '../../../core/api-keys.ts';
import {
  addCaseUpdate,
  CaseNotFoundError,
  CaseUpdateExistsError,
  CaseUpdatesFullError,
  getCase,
  listCases,
  listCasesCreated,
  MAX_CASE_UPDATES,
  type CaseUpdate,
  type StoredCase,
} from '../../../core/cases/case-store.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import type { AppEnv, CouncilAppDeps } from '../../../core/http/env.ts';
import { HttpError } from '../../../core/http/errors.ts';
import { createRateLimiter, type RateLimitOptions } from '../../../core/http/rate-limit.ts';
import { isEmailAddress } from '../../../core/email-address.ts';
import { deliverCaseNotification } from '../../../core/notifications/delivery.ts';
import { localise } from '../../../core/localised-text.ts';
import { StoreUnavailableError } from '../../../core/store/store.ts';
import type { ReportConfig } from '../config.ts';
import { categoriesByCode, checkAttributes, createProblemReport, keepAnswers, type ProblemReport } from '../reports.ts';
import {
  attributeAnswers,
  checkJurisdiction,
  dateRange,
  describeAttributeProblem,
  pagination,
  rangeBounds,
  formParams,
  list,
  one,
  queryParams,
  readLocation,
  type Location,
  type Params,
} from './input.ts';
import { EXTENDED_STATUSES, requestUpdate, serviceDefinition, serviceList, serviceRequest, type LinkBase } from './representation.ts';
import { errorResponse, Open311Error, parseW3cDateTime, respond, type Format } from './respond.ts';

/** The spec's cap on one list of requests ("first 1000 requests returned"); updates are capped alike. */
export const MAX_RESULTS = 1000;
/** At most this many ids in one service_request_id list: each is a read. */
export const MAX_REQUEST_IDS = 100;
/** Cases read from the date index for one list of updates, at most (90 days of a council's reports fit well within it). */
const SCAN_LIMIT = 50_000;
/**
 * GeoReport v2's limit on a description ("4000 characters max"). Integrators wrap a resident's words
 * in their own framing (FixMyStreet's client adds about 110 characters), so the web form's shorter
 * limit would refuse reports their residents were allowed to write.
 */
export const MAX_OPEN311_DESCRIPTION_LENGTH = 4000;
/** GETs need no key, so each client is limited: enough for an integrator polling every few seconds. */
export const DEFAULT_GET_LIMIT: RateLimitOptions = { max: 120, windowSeconds: 60 };
/** When this API's documents last changed shape, for discovery's changeset. */
export const OPEN311_CHANGESET = '2026-11-27T00:00:00Z';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** The largest form accepted: Open311's arguments are short (a description is at most 4,000 characters). */
export const MAX_OPEN311_BODY_BYTES = 64 * 1024;
const MAX_UPDATE_ID_LENGTH = 100;
const MAX_NAME_LENGTH = 100;
const MAX_PHONE_LENGTH = 40;
const MAX_URL_LENGTH = 2000;

export interface Open311Options {
  /** The most requests or updates one list returns (tests lower it). */
  maxResults?: number;
  /** GET requests allowed per client per window (tests lower it). */
  getLimit?: RateLimitOptions;
}

const FORMATS: readonly string[] = ['json', 'xml'];

/** "services.json" → services, json; a format that is not ours is undefined. */
function splitFormat(segment: string): { name: string; format: Format | undefined } {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return { name: segment, format: undefined };
  const ext = segment.slice(dot + 1).toLowerCase();
  return { name: segment.slice(0, dot), format: FORMATS.includes(ext) ? (ext as Format) : undefined };
}

/** The format to write an error in: the one the path asked for, else JSON. */
function formatOfPath(c: Context): Format {
  const last = new URL(c.req.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return splitFormat(last).format ?? 'json';
}

function notFound(what: string): Open311Error {
  return new Open311Error(404, what);
}

function methodNotAllowed(method: string, resource: string, allowed: string[]): Open311Error {
  return new Open311Error(400, `${method} is not supported for ${resource}: use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
}

function linkBase(c: Context, deps: CouncilAppDeps): LinkBase {
  return { origin: new URL(c.req.url).origin, basePath: deps.basePath };
}

/** The integrator's key from the form: 403 when it is missing or not a live key of this council. */
async function requireApiKey(deps: CouncilAppDeps, params: Params, action: string): Promise<ApiKeyRecord> {
  const key = one(params, 'api_key');
  if (!key) throw new Open311Error(403, `api_key was not provided: it is required to ${action}`);
  const record = await verifyApiKey(deps.store, key);
  if (!record) throw new Open311Error(403, `Invalid api_key received: can't ${action}`);
  return record;
}

/** A case Open311 may show: a problem report of this council's own table, still kept. */
async function findRequest(deps: CouncilAppDeps, id: string): Promise<StoredCase | undefined> {
  const reference = normaliseReference(id);
  if (!reference) return undefined;
  const found = await getCase(deps.store, reference, deps.clock());
  return found && found.service === 'report' && found.public ? found : undefined;
}

/**
 * The council's Open311 GeoReport v2 API, with mySociety's servicerequestupdates extension, mounted
 * at /open311/v2. Every resource takes a .json or .xml extension. It answers every path under it
 * itself, errors included, in Open311's error format; it reads and writes the council's own table only.
 *
 * @example
 * GET  /open311/v2/services.json
 * POST /open311/v2/requests.json   api_key=…&service_code=pothole&lat=51.55&long=-0.05&attribute[depth]=over_10cm
 * GET  /open311/v2/requests/ABCD-2345.xml
 */
export function open311Routes(council: CouncilConfig, deps: CouncilAppDeps, options: Open311Options = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const report = council.services.report as ReportConfig;
  const categories = categoriesByCode(report);
  const maxResults = options.maxResults ?? MAX_RESULTS;
  const councilName = localise(council.name, 'en');
  const getLimit = options.getLimit ?? DEFAULT_GET_LIMIT;
  const getLimiter = createRateLimiter(getLimit);

  app.onError((error, c) => {
    const format = formatOfPath(c);
    if (error instanceof Open311Error) return errorResponse(c, format, error);
    const log = c.get('log');
    if (error instanceof StoreUnavailableError) {
      log?.error('open311: store unavailable', { path: c.req.path, error: String(error.cause) });
      return errorResponse(c, format, new Open311Error(503, 'The service is unavailable just now: try again in a few minutes', { 'Retry-After': '60' }));
    }
    if (error instanceof HttpError && error.expose) {
      const status = ([403, 404, 413, 429] as const).find((s) => s === error.status) ?? 400;
      return errorResponse(c, format, new Open311Error(status, error.message));
    }
    log?.error('open311: unhandled error', { path: c.req.path, error: error.name, stack: error.stack });
    return errorResponse(c, format, new Open311Error(500, 'Something went wrong on our side: the request was not completed'));
  });

  app.use(async (c, next) => {
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !getLimiter.take(deps.clientIp(c) ?? 'unknown', deps.clock())) {
      throw new Open311Error(429, `Too many requests: at most ${getLimit.max} every ${getLimit.windowSeconds} seconds from one client. Try again later`, {
        'Retry-After': String(getLimit.windowSeconds),
      });
    }
    await next();
  });

  app.use(
    bodyLimit({
      maxSize: MAX_OPEN311_BODY_BYTES,
      onError: () => {
        throw new Open311Error(413, `The request body is too large: send at most ${MAX_OPEN311_BODY_BYTES / 1024} KB`);
      },
    }),
  );

  function discovery(c: Context, format: Format): Response {
    const { phone, email, website } = council.contact;
    return respond(c, format, 200, 'discovery', {
      changeset: OPEN311_CHANGESET,
      contact: `${councilName}: email ${email}, call ${phone} or see ${website}`,
      key_service: `API keys for reporting problems are issued by ${councilName}: email ${email} to ask for one.`,
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${new URL(c.req.url).origin}${deps.basePath}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  }

  async function postRequest(c: Context, format: Format): Promise<Response> {
    const params = await formParams(c);
    const key = await requireApiKey(deps, params, 'create a service request');
    checkJurisdiction(council, params);
    const code = one(params, 'service_code');
    if (!code) throw new Open311Error(400, 'service_code was not provided');
    const entry = categories.get(code);
    if (!entry) throw notFound(`service_code ${code} was not found`);
    const { category } = entry;

    const problems: string[] = [];
    let location: Location | undefined;
    try {
      location = readLocation(council, params);
    } catch (error) {
      if (!(error instanceof Open311Error)) throw error;
      problems.push(...error.errors.map((e) => e.description));
    }
    const answers = attributeAnswers(params);
    for (const [attribute, problem] of Object.entries(checkAttributes(category, answers))) {
      problems.push(describeAttributeProblem(category, attribute, problem));
    }
    const description = one(params, 'description') ?? '';
    if (description.length > MAX_OPEN311_DESCRIPTION_LENGTH) problems.push(`description must be at most ${MAX_OPEN311_DESCRIPTION_LENGTH.toLocaleString('en-GB')} characters`);
    const email = one(params, 'email');
    if (email !== undefined && !isEmailAddress(email)) problems.push('email must be an email address, like name@example.com');
    const firstName = one(params, 'first_name');
    const lastName = one(params, 'last_name');
    for (const [name, value] of [['first_name', firstName], ['last_name', lastName]] as const) {
      if (value !== undefined && value.length > MAX_NAME_LENGTH) problems.push(`${name} must be at most ${MAX_NAME_LENGTH} characters`);
    }
    const phone = one(params, 'phone');
    if (phone !== undefined && phone.length > MAX_PHONE_LENGTH) problems.push(`phone must be at most ${MAX_PHONE_LENGTH} characters`);
    const mediaUrl = one(params, 'media_url');
    if (mediaUrl !== undefined && !isHttpsUrl(mediaUrl)) problems.push('media_url must be an https:// URL');
    if (problems.length > 0 || !location) throw new Open311Error(400, problems);

    const name = [firstName, lastName].filter(Boolean).join(' ');
    const problemReport: ProblemReport & { externalMediaUrl?: string } = {
      category,
      description,
      attributes: keepAnswers(category, answers),
      location,
      contact: { ...(name && { name }), ...(email && { email }), ...(phone && { phone }) },
      photos: [],
      externalMediaUrl: mediaUrl,
      lang: 'en',
      submissionId: submissionId(key, params),
      source: 'open311',
    };
    const now = deps.clock();
    const result = await createProblemReport(deps.store, council, problemReport, now, deps.secrets);
    const log = c.get('log').with({ module: 'report', api: 'open311' });
    log.info('problem report', { outcome: result.outcome, reference: result.case.reference, category: category.code, apiKey: key.keyId });
    if (result.outcome === 'created') {
      // As on the web: the confirmation goes now; if it cannot, the retry job sends it later.
      await deliverCaseNotification(deps.store, deps.notifications, result.case, now, log);
    }
    return respond(c, format, 200, 'service_requests', [
      { service_request_id: result.case.reference, service_notice: localise(category.responseTime, 'en') },
    ]);
  }

  async function listRequests(c: Context, format: Format): Promise<Response> {
    const params = queryParams(c);
    checkJurisdiction(council, params);
    const links = linkBase(c, deps);
    const ids = list(params, 'service_request_id');
    // The spec: service_request_id overrides all other arguments.
    if (ids) {
      if (ids.length > MAX_REQUEST_IDS) throw new Open311Error(400, `service_request_id may list at most ${MAX_REQUEST_IDS} ids`);
      const found = await Promise.all([...new Set(ids.map((id) => normaliseReference(id) ?? id))].map((id) => findRequest(deps, id)));
      return respond(
        c,
        format,
        200,
        'service_requests',
        found.filter((f): f is StoredCase => f !== undefined).map((f) => serviceRequest(council, f, links)),
      );
    }
    const { from, to } = rangeBounds(dateRange(params, deps.clock()));
    const statuses = list(params, 'status')?.map((s) => s.toLowerCase());
    const wrong = statuses?.filter((s) => s !== 'open' && s !== 'closed') ?? [];
    if (wrong.length > 0) throw new Open311Error(400, `status must be open or closed (or both, comma-separated), not ${wrong.join(', ')}`);
    const codes = list(params, 'service_code');
    const { page, pageSize } = pagination(params, maxResults);
    // The created index holds the range in order: only this page and those before it are read.
    const found = await listCasesCreated(
      deps.store,
      {
        service: 'report',
        from,
        to,
        match: (k) => !!k.public && (!statuses || statuses.includes(k.status)) && (!codes || codes.includes(k.public.serviceCode)),
        skip: (page - 1) * pageSize,
        take: pageSize,
      },
      deps.clock(),
    );
    const res = respond(c, format, 200, 'service_requests', found.cases.map((k) => serviceRequest(council, k, links)));
    if (found.more) {
      const next = new URL(c.req.url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('page_size', String(pageSize));
      res.headers.set('Link', `<${next.href}>; rel="next"`);
    }
    return res;
  }

  async function getRequest(c: Context, format: Format, id: string): Promise<Response> {
    checkJurisdiction(council, queryParams(c));
    const found = await findRequest(deps, id);
    if (!found) throw notFound(`service_request_id ${id} was not found`);
    return respond(c, format, 200, 'service_requests', [serviceRequest(council, found, linkBase(c, deps))]);
  }

  async function listUpdates(c: Context, format: Format): Promise<Response> {
    const params = queryParams(c);
    checkJurisdiction(council, params);
    const { start, end } = dateRange(params, deps.clock());
    const { from, to } = rangeBounds({ start, end });
    // Every update in the range is on a case that has changed since the range began.
    const changed = await listCases(deps.store, { changedSince: start, service: 'report', limit: SCAN_LIMIT }, deps.clock());
    const updates = changed
      .filter((k) => k.public)
      .flatMap((k) => k.updates.filter((u) => u.createdAt >= from && u.createdAt <= to).map((u) => ({ k, u })))
      .sort((a, b) => (a.u.createdAt < b.u.createdAt ? 1 : a.u.createdAt > b.u.createdAt ? -1 : 0))
      .slice(0, maxResults);
    return respond(c, format, 200, 'service_request_updates', updates.map(({ k, u }) => requestUpdate(k, u)));
  }

  async function postUpdate(c: Context, format: Format): Promise<Response> {
    const params = await formParams(c);
    const key = await requireApiKey(deps, params, 'post a service request update');
    checkJurisdiction(council, params);
    const problems: string[] = [];
    for (const name of ['service_request_id', 'update_id', 'status', 'updated_datetime']) {
      if (one(params, name) === undefined) problems.push(`${name} was not provided`);
    }
    // Required by the extension, but may be empty: a status change needs no words.
    if (!params.has('description')) problems.push('description was not provided');
    if (problems.length > 0) throw new Open311Error(400, problems);

    const updateId = one(params, 'update_id')!;
    if (updateId.length > MAX_UPDATE_ID_LENGTH) problems.push(`update_id must be at most ${MAX_UPDATE_ID_LENGTH} characters`);
    const externalStatus = one(params, 'status')!.toUpperCase();
    const status = Object.hasOwn(EXTENDED_STATUSES, externalStatus) ? EXTENDED_STATUSES[externalStatus] : undefined;
    if (!status) problems.push(`status must be one of: ${Object.keys(EXTENDED_STATUSES).join(', ')}`);
    const updated = parseW3cDateTime(one(params, 'updated_datetime')!);
    if (!updated) problems.push('updated_datetime must be a date and time with a time zone, like 2026-01-31T09:00:00Z');
    const description = (params.get('description')?.[0] ?? '').trim();
    if (description.length > MAX_OPEN311_DESCRIPTION_LENGTH) problems.push(`description must be at most ${MAX_OPEN311_DESCRIPTION_LENGTH.toLocaleString('en-GB')} characters`);
    if (problems.length > 0) throw new Open311Error(400, problems);

    const requestId = one(params, 'service_request_id')!;
    const found = await findRequest(deps, requestId);
    if (!found) throw notFound(`service_request_id ${requestId} was not found`);

    const id = `open311-${updateId}`;
    // The same update again (a retry) is there already, once; the same id for other words is refused.
    const alreadyThere = (existing: CaseUpdate): Response => {
      if (existing.status === status && existing.description === description && existing.externalStatusCode === externalStatus) {
        return respond(c, format, 200, 'service_request_updates', [{ update_id: id }]);
      }
      throw new Open311Error(400, `update_id ${updateId} was already used for a different update of ${found.reference}`);
    };
    const existing = found.updates.find((u) => u.id === id);
    if (existing) return alreadyThere(existing);

    const now = deps.clock();
    // Kept in order: never before the case's latest change (so its list and last-changed time stay in
    // order however updates arrive), never in the future.
    const earliest = new Date(found.updatedAt > found.createdAt ? found.updatedAt : found.createdAt);
    const at = new Date(Math.min(Math.max(updated!.getTime(), earliest.getTime()), now.getTime()));
    const update: CaseUpdate = { id, status: status!, description, createdAt: at.toISOString(), externalStatusCode: externalStatus };
    try {
      await addCaseUpdate(deps.store, found.reference, update, now);
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw notFound(`service_request_id ${requestId} was not found`);
      // A concurrent retry added it between our read and our write.
      if (error instanceof CaseUpdateExistsError) return alreadyThere(error.existing);
      if (error instanceof CaseUpdatesFullError) {
        throw new Open311Error(400, `service_request_id ${found.reference} holds as many updates as it can (at most ${MAX_CASE_UPDATES}, or fewer long ones): no more can be added`);
      }
      throw error;
    }
    c.get('log').info('service request update', { module: 'report', api: 'open311', reference: found.reference, status: externalStatus, apiKey: key.keyId });
    return respond(c, format, 200, 'service_request_updates', [{ update_id: id }]);
  }

  /** The top-level resources: discovery, services, requests, servicerequestupdates. */
  app.all('/:resource{[^/]+}', async (c) => {
    const { name, format } = splitFormat(c.req.param('resource'));
    const method = c.req.method;
    const handlers: Record<string, Partial<Record<string, (c: Context, format: Format) => Response | Promise<Response>>>> = {
      discovery: { GET: discovery },
      services: {
        GET: (c, f) => {
          checkJurisdiction(council, queryParams(c));
          return respond(c, f, 200, 'services', serviceList(report));
        },
      },
      requests: { GET: listRequests, POST: postRequest },
      servicerequestupdates: { GET: listUpdates, POST: postUpdate },
    };
    const resource = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!resource || !format) throw notFound(resource ? `Unknown format: ask for ${name}.json or ${name}.xml` : `No such resource: ${name}`);
    const handler = resource[method];
    if (!handler) throw methodNotAllowed(method, name, Object.keys(resource));
    return handler(c, format);
  });

  /** One service's definition, or one request. */
  app.all('/:collection{[^/]+}/:item{[^/]+}', async (c) => {
    const collection = c.req.param('collection');
    const { name: item, format } = splitFormat(c.req.param('item'));
    if (collection !== 'services' && collection !== 'requests') throw notFound(`No such resource: ${collection}/${item}`);
    if (!format) throw notFound(`Unknown format: ask for ${collection}/${item}.json or ${collection}/${item}.xml`);
    if (c.req.method !== 'GET') throw methodNotAllowed(c.req.method, `${collection}/${item}`, ['GET']);
    if (collection === 'requests') return getRequest(c, format, item);
    checkJurisdiction(council, queryParams(c));
    const entry = categories.get(item);
    if (!entry) throw notFound(`service_code ${item} was not found`);
    return respond(c, format, 200, 'service_definition', serviceDefinition(entry.category));
  });

  app.all('*', () => {
    throw notFound('No such resource: see discovery.json or discovery.xml for what this endpoint serves');
  });

  return app;
}

function isHttpsUrl(text: string): boolean {
  if (text.length > MAX_URL_LENGTH) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Identifies a POST by who sent it and everything it said, so an identical retry (after a lost
 * response, say) is recognised as the same submission and finds the same case.
 */
function submissionId(key: ApiKeyRecord, params: Params): string {
  const fields = [...params]
    .filter(([name]) => name !== 'api_key')
    .map(([name, values]) => [name, values.map((v) => v.trim())] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `open311-${createHash('sha256').update(JSON.stringify([key.keyId, fields])).digest('base64url')}`;
}

