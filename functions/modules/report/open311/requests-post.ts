import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { ApiKeyRecord } from '../../../core/api-keys.ts';
import { isEmailAddress } from '../../../core/email-address.ts';
import type { AppEnv } from '../../../core/http/env.ts';
import { localise } from '../../../core/localised-text.ts';
import { deliverNewCaseNotification } from '../../../core/notifications/delivery.ts';
import { checkAttributes, createProblemReport, keepAnswers, type ProblemReport } from '../reports.ts';
import { notFound, requireApiKey, type Open311Context } from './context.ts';
import { attributeAnswers, checkJurisdiction, describeAttributeProblem, formParams, one, readLocation, type Location, type Params } from './input.ts';
import { MAX_OPEN311_DESCRIPTION_LENGTH } from './limits.ts';
import { formatOf, resourcePath } from './paths.ts';
import { Open311Error, respond } from './respond.ts';

const MAX_NAME_LENGTH = 100;
const MAX_PHONE_LENGTH = 40;
const MAX_URL_LENGTH = 2000;

/** POST requests: an integrator's report, made into the same kind of case as the web form's. */
export function requestsPostRoutes({ council, deps, categories }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(resourcePath('requests'), async (c) => {
    const format = formatOf(c.req.param('file'));
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
      await deliverNewCaseNotification(deps.store, deps.notifications, result, now, log);
    }
    return respond(c, format, 200, 'service_requests', [
      { service_request_id: result.case.reference, service_notice: localise(category.responseTime, 'en') },
    ]);
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
