import { Hono } from 'hono';
import { recordAudit } from '../../../core/audit/audit-store.ts';
import { addResidentComment, stateForOpen311Code } from '../../../core/cases/case-actions.ts';
import {
  addCaseUpdate,
  type Actor,
  CaseNotFoundError,
  CaseUpdateExistsError,
  CaseUpdatesFullError,
  indexCaseUpdate,
  MAX_CASE_UPDATES,
  type CaseUpdate,
} from '../../../core/cases/case-store.ts';
import type { AppEnv } from '../../../core/http/env.ts';
import { findRequest, notFound, requireApiKey, type Open311Context } from './context.ts';
import { checkJurisdiction, formParams, one } from './input.ts';
import { MAX_OPEN311_DESCRIPTION_LENGTH } from './limits.ts';
import { formatOf, resourcePath } from './paths.ts';
import { EXTENDED_STATUSES } from './representation.ts';
import { Open311Error, parseW3cDateTime, respond } from './respond.ts';

const MAX_UPDATE_ID_LENGTH = 100;

/**
 * POST servicerequestupdates (mySociety's extension). What an update means depends on who sends it
 * (its key's kind): a works system's update sets the case's state and is published; a resident
 * channel's (FixMyStreet passing on a resident's "still not fixed") is a resident comment in the
 * case's history for an officer to act on: no state change, never published, never listed by GET.
 */
export function updatesPostRoutes({ council, deps }: Open311Context): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(resourcePath('servicerequestupdates'), async (c) => {
    const format = formatOf(c.req.param('file'));
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
    const known = Object.hasOwn(EXTENDED_STATUSES, externalStatus);
    const state = known ? stateForOpen311Code(council, externalStatus) : undefined;
    // The council may have dropped the state the code names: the nearest one it keeps, same open/closed.
    const status = state ? EXTENDED_STATUSES[externalStatus] : undefined;
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
    const now = deps.clock();
    const log = c.get('log');

    if (key.kind === 'resident-channel') {
      const name = [one(params, 'first_name'), one(params, 'last_name')].filter(Boolean).join(' ').slice(0, 200);
      const email = one(params, 'email')?.slice(0, 320);
      const by: Actor = { kind: 'resident', ...(name && { name }), ...(email && { email }), via: { keyId: key.keyId, name: key.name } };
      const at = new Date(Math.min(updated!.getTime(), now.getTime())).toISOString();
      const result = await addResidentComment(deps.store, found, { actionId: id, by, text: description, at }, now);
      if (result.outcome === 'already-applied' && (result.entry?.text ?? '') !== description) {
        throw new Open311Error(400, `update_id ${updateId} was already used for a different update of ${found.reference}`);
      }
      // Who: the channel's key (the resident's own details stay out of the audit). Once per update id,
      // so a retry completes a first try whose audit write failed.
      await recordAudit(deps.store, {
        who: { kind: 'integrator', keyId: key.keyId, name: key.name },
        action: 'resident-comment',
        caseRef: found.reference,
        detail: `Open311 ${key.kind}`,
        at: result.entry?.at ?? at,
        once: `${id}:${found.reference}`,
      });
      log.info('resident comment', { module: 'report', api: 'open311', reference: found.reference, apiKey: key.keyId, outcome: result.outcome });
      return respond(c, format, 200, 'service_request_updates', [{ update_id: id }]);
    }
    const by: Actor = { kind: 'integrator', keyId: key.keyId, name: key.name };
    /** The works system's update in the audit: once per update id (a retry completes a failed first write). */
    const audit = (u: CaseUpdate) =>
      recordAudit(deps.store, { who: by, action: 'update', caseRef: found.reference, detail: `Open311 ${key.kind}: ${u.state ?? u.externalStatusCode ?? u.status}`, at: u.createdAt, once: `${id}:${found.reference}` });
    // The same update again (a retry) is there already, once; the same id for other words is refused.
    const alreadyThere = async (existing: CaseUpdate): Promise<Response> => {
      if (existing.status === status && existing.description === description && existing.externalStatusCode === externalStatus) {
        // The first try may have stopped before the update's own item, or its audit, was written: write them (again).
        await indexCaseUpdate(deps.store, found, existing, by);
        await audit(existing);
        return respond(c, format, 200, 'service_request_updates', [{ update_id: id }]);
      }
      throw new Open311Error(400, `update_id ${updateId} was already used for a different update of ${found.reference}`);
    };
    const existing = found.updates.find((u) => u.id === id);
    if (existing) return alreadyThere(existing);

    // Kept in order: never before the case's latest change (so its list and last-changed time stay in
    // order however updates arrive), never in the future.
    const earliest = new Date(found.updatedAt > found.createdAt ? found.updatedAt : found.createdAt);
    const at = new Date(Math.min(Math.max(updated!.getTime(), earliest.getTime()), now.getTime()));
    // The nearest state the case's own type keeps (`cases.types`), as above for the council's.
    const update: CaseUpdate = { id, status: status!, state: stateForOpen311Code(council, externalStatus, found), description, createdAt: at.toISOString(), externalStatusCode: externalStatus };
    try {
      await addCaseUpdate(deps.store, found, update, now, by);
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw notFound(`service_request_id ${requestId} was not found`);
      // A concurrent retry added it between our read and our write.
      if (error instanceof CaseUpdateExistsError) return alreadyThere(error.existing);
      if (error instanceof CaseUpdatesFullError) {
        throw new Open311Error(400, `service_request_id ${found.reference} holds as many updates as it can (at most ${MAX_CASE_UPDATES}, or fewer long ones): no more can be added`);
      }
      throw error;
    }
    await audit(update);
    log.info('service request update', { module: 'report', api: 'open311', reference: found.reference, status: externalStatus, apiKey: key.keyId });
    return respond(c, format, 200, 'service_request_updates', [{ update_id: id }]);
  });

  return app;
}
