import { Hono, type Context } from 'hono';
import type { Errors } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import {
  addInternalNote,
  addPublicUpdate,
  assignCase,
  CaseActionError,
  changeState,
  deliverActionEmail,
  listHistory,
  markDuplicate,
  staffActor,
  MAX_ACTION_TEXT_LENGTH,
} from '../../core/cases/case-actions.ts';
import { CaseChangedError, CaseUpdatesFullError, getCase, type CaseAnswer, type CaseChangeResult, type StoredCase } from '../../core/cases/case-store.ts';
import { SealedFieldError } from '../../core/crypto/field-cipher.ts';
import { isCaseState, isStateEnabled, responseTemplates } from '../../core/cases/lifecycle.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { randomToken } from '../../core/http/random-token.ts';
import { localise } from '../../core/localised-text.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { auditCaseAction } from '../../core/audit/case-action-audit.ts';
import type { HistoryEntry } from '../../core/cases/history-item.ts';
import { requirePermission } from '../auth/guard.ts';
import { can, mayViewCase, type Permission } from '../auth/roles.ts';
import { listStaffMembers } from '../auth/sessions.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import { staffHref } from '../pages/staff-page.tsx';
import { enabledModules } from '../../modules/index.ts';
import { OUTPUT_KINDS } from '../../modules/forms/outputs/delivery-store.ts';
import { retryFailedOutput } from '../../modules/forms/outputs/scheduled.ts';
import { contentDisposition } from '../../core/files/check-file.ts';
import { DATA_RIGHTS_SERVICE } from '../../core/data-rights/erasure.ts';
import { openSpecialCategory } from './special-category.ts';
import { casePage, NOT_EMAILED_REASONS, PERSONAL_DETAILS, type Assignee, type CaseAction, type CasePageProps, type NotEmailedReason } from './case-page.tsx';

const ACTIONS: CaseAction[] = ['state', 'update', 'note', 'assign', 'duplicate'];
/** An action id as the page makes them (randomToken(18): 24 url-safe characters); a longer or odder one is not ours. */
const ACTION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** What a form that is not ours, or whose page is stale, is told. */
class FormProblem extends Error {
  override name = 'FormProblem';
  constructor(
    readonly field: string,
    readonly messageKey: Parameters<Context<StaffEnv>['var']['t']>[0],
    readonly status: 400 | 409 = 400,
  ) {
    super(messageKey);
  }
}

/** The officers a case may be assigned to: staff who have signed in and may work cases. */
async function assignees(deps: CouncilAppDeps): Promise<Assignee[]> {
  const members = await listStaffMembers(deps.store);
  return members.filter((m) => can(m.roles, 'case:work')).map((m) => ({ sub: m.sub, name: m.name }));
}

/**
 * The case a path names, or the 404 page: an unknown or malformed reference, one expired, or one
 * restricted to a role the member of staff lacks (a care case), which gets the very same 404 (and
 * no audit record), so that its existence is not revealed.
 */
async function caseFor(c: Context<StaffEnv>, deps: CouncilAppDeps): Promise<StoredCase> {
  const reference = normaliseReference(c.req.param('reference') ?? '');
  const found = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
  // The table is the council's own: another council's reference is simply not here.
  if (!found || !mayViewCase(c.get('staff').roles, found)) throw httpErrors.notFound('No such case', 'staff.case.unknown');
  return found;
}

function freshActionIds(): Record<CaseAction, string> {
  return Object.fromEntries(ACTIONS.map((a) => [a, randomToken(18)])) as Record<CaseAction, string>;
}

/** The staff case pages: GET /cases/:reference and one POST per action. */
export function caseRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });

  async function show(c: Context<StaffEnv>, found: StoredCase, extra: Partial<CasePageProps> = {}, status: 200 | 400 | 409 = 200) {
    const staff = c.get('staff');
    const may = { personal: can(staff.roles, 'case:personal-data'), work: can(staff.roles, 'case:work'), assign: can(staff.roles, 'case:assign') };
    const [history, officers] = await Promise.all([listHistory(deps.store, found), may.assign ? assignees(deps) : Promise.resolve([])]);
    // Each view of a resident's details is recorded, before they are shown.
    const personalShown =
      may.personal && (PERSONAL_DETAILS.some((k) => found.details[k]) || !!found.madeBy?.forResident || history.some((h) => h.by.kind === 'resident' && h.by.name) || !!found.form?.answers.length);
    if (personalShown) await recordAudit(deps.store, { who: staffActor(staff), action: 'personal-data-viewed', caseRef: found.reference, at: deps.clock().toISOString() });
    const templates = may.work ? responseTemplates(council, { service: found.service, type: found.type }) : [];
    // The case's module's own part of the page (a form's answers and how its webhook went).
    const module = enabledModules(council).find((m) => m.id === found.service);
    // Care staff only: the section opens the special-category answers when it shows them, each time audited.
    const openSealed = can(staff.roles, 'case:care')
      ? () => openSpecialCategory(deps, council, found, staffActor(staff), 'case page', c.get('log').with({ module: 'staff' }))
      : undefined;
    const moduleSection = module?.staffCaseSection
      ? await module.staffCaseSection(found, {
          lang: c.get('lang'),
          t: c.get('t'),
          personal: may.personal,
          council,
          href: (path) => c.get('paths').href(path),
          store: deps.store,
          actions: { csrfToken: c.get('csrfToken'), work: may.work },
          openSealed,
        })
      : undefined;
    return casePage(c, { found, history, may, officers, templates, actionIds: freshActionIds(), moduleSection, ...extra }, status);
  }

  // A data-rights request is seen only with data-rights:work (mayViewCase, in caseFor: a 404 to others);
  // a member of staff who has both that and case:read is sent to its own page, where it is decided.
  app.get('/:reference', requirePermission('case:read'), async (c) => {
    const found = await caseFor(c, deps);
    if (found.service === DATA_RIGHTS_SERVICE) return c.redirect(staffHref(c, `/data-rights/${found.reference}`), 303);
    const done = c.req.query('done');
    const templateId = c.req.query('template');
    const staff = c.get('staff');
    let prefill: CasePageProps['prefill'];
    if (templateId && can(staff.roles, 'case:work')) {
      const template = responseTemplates(council, { service: found.service, type: found.type }).find((t) => t.id === templateId);
      // The words in the resident's language: the update is for them.
      if (template) prefill = { text: localise(template.text, found.lang), state: template.state, template: template.id };
    }
    const notEmailed = NOT_EMAILED_REASONS.find((r) => r === c.req.query('email'));
    return show(c, found, { prefill, done: ACTIONS.find((a) => a === done), notEmailed });
  });

  const auditEntry = (reference: string, entry: HistoryEntry) => auditCaseAction(deps.store, reference, entry);

  /**
   * One action's route: the permission it needs, how it reads its form, and what it does. A problem
   * with the answers shows the page again with the error summary, answers kept; a repeat of an
   * action already applied (a double click, a resent form) changes nothing and lands on the same page.
   */
  function action(
    name: CaseAction,
    permission: Permission,
    run: (c: Context<StaffEnv>, found: StoredCase, form: Record<string, string>, base: { actionId: string; by: ReturnType<typeof staffActor>; expectedVersion: number }) => Promise<{ result: CaseChangeResult; detail?: string }>,
  ) {
    app.post(`/:reference/${name}`, requirePermission(permission), async (c) => {
      const found = await caseFor(c, deps);
      const body = await c.req.parseBody();
      const form = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const staff = c.get('staff');
      const failedPage = (errors: Errors, status: 400 | 409, current = found) => show(c, current, { failed: { action: name, values: form, errors } }, status);
      const actionId = form.actionId ?? '';
      const version = Number(form.version);
      if (!ACTION_ID.test(actionId) || !Number.isSafeInteger(version) || version < 0) {
        return failedPage({ [fieldOf(name)]: c.get('t')('staff.case.error.staleForm') }, 400);
      }
      // A repeat of an action already applied (a double click, a resent form): nothing to do, nothing
      // to check against the case as it now is (its state may be the one this form set).
      // Its audit is recorded again, idempotently: a first try whose audit write failed is completed.
      if (found.actionIds?.has(actionId)) {
        const entry = (await listHistory(deps.store, found)).find((e) => e.id === actionId && e.kind !== 'created');
        if (entry) await auditEntry(found.reference, entry);
        return c.redirect(`${staffHref(c, `/cases/${found.reference}`)}?done=${name}`, 303);
      }
      try {
        const { result } = await run(c, found, form, { actionId, by: staffActor(staff), expectedVersion: version });
        if (result.entry) await auditEntry(found.reference, result.entry);
        let notEmailed: NotEmailedReason | undefined;
        if (result.outcome === 'applied' && name === 'update') {
          await deliverActionEmail(deps.store, deps.notifications, result, deps.clock(), c.get('log').with({ module: 'staff' }));
          // Published, but no email queued: the officer is told, so they can tell the resident another way.
          if (result.notificationSkipped) notEmailed = 'pending';
          else if (!found.details.email) notEmailed = 'no-address';
        }
        return c.redirect(`${staffHref(c, `/cases/${found.reference}`)}?done=${name}${notEmailed ? `&email=${notEmailed}` : ''}`, 303);
      } catch (error) {
        const t = c.get('t');
        if (error instanceof FormProblem) return failedPage({ [error.field]: t(error.messageKey) }, error.status);
        if (error instanceof CaseActionError) return failedPage({ [fieldOf(name)]: t(`staff.case.error.${error.reason}`, { max: MAX_ACTION_TEXT_LENGTH }) }, 400);
        if (error instanceof CaseChangedError) return failedPage({ [fieldOf(name)]: t('staff.case.error.changed') }, 409, error.current);
        if (error instanceof CaseUpdatesFullError) return failedPage({ [fieldOf(name)]: t('staff.case.error.updatesFull') }, 409);
        throw error;
      }
    });
  }

  // A state the case's type does not use (`cases.types`, e.g. a care request's) is refused like any unknown one.
  const stateFrom = (found: StoredCase, form: Record<string, string>, field: string, optional: boolean) => {
    const value = form.state ?? '';
    if (optional && value === '') return undefined;
    if (!isCaseState(value) || !isStateEnabled(council, value, found) || value === 'duplicate') throw new FormProblem(field, 'staff.case.error.state-not-enabled');
    return value;
  };

  action('state', 'case:work', async (c, found, form, base) => {
    const state = stateFrom(found, form, 'state', false)!;
    if (state === found.state) throw new FormProblem('state', 'staff.case.error.same-state');
    return { result: await changeState(deps.store, council, found, { ...base, state }, deps.clock()), detail: state };
  });

  action('update', 'case:work', async (_c, found, form, base) => {
    const state = stateFrom(found, form, 'update-state', true);
    return { result: await addPublicUpdate(deps.store, council, found, { ...base, text: form.text ?? '', state }, deps.clock()), detail: state ?? found.state };
  });

  action('note', 'case:work', async (_c, found, form, base) => ({ result: await addInternalNote(deps.store, found, { ...base, text: form.text ?? '' }, deps.clock()) }));

  action('assign', 'case:assign', async (_c, found, form, base) => {
    const sub = form.to ?? '';
    let to: Assignee | null = null;
    if (sub !== '') {
      to = (await assignees(deps)).find((o) => o.sub === sub) ?? null;
      if (!to) throw new FormProblem('assign-to', 'staff.case.error.unknownOfficer');
    }
    return { result: await assignCase(deps.store, found, { ...base, to }, deps.clock()), detail: to ? `${to.name} (${to.sub})` : 'unassigned' };
  });

  action('duplicate', 'case:work', async (c, found, form, base) => {
    const of = (form.of ?? '').trim();
    if (!of) throw new FormProblem('duplicate-of', 'staff.case.error.duplicate-required');
    if (!normaliseReference(of)) throw new FormProblem('duplicate-of', 'staff.case.error.duplicate-format');
    // A case the officer may not see (a care case) is no case to them: the same answer as an unknown reference.
    const original = await getCase(deps.store, normaliseReference(of)!, deps.clock());
    if (original && !mayViewCase(c.get('staff').roles, original)) throw new FormProblem('duplicate-of', 'staff.case.error.duplicate-unknown');
    const result = await markDuplicate(deps.store, council, found, { ...base, of }, deps.clock());
    return { result, detail: normaliseReference(of) };
  });

  // A form case's webhook or mailbox email that gave up, tried again by an officer (forms outputs).
  app.post('/:reference/outputs/:kind/retry', requirePermission('case:work'), async (c) => {
    const found = await caseFor(c, deps);
    const kind = OUTPUT_KINDS.find((k) => k === c.req.param('kind'));
    if (!kind || !found.form) throw httpErrors.notFound('No such delivery', 'staff.case.unknown');
    const now = deps.clock();
    const outcome = await retryFailedOutput(deps, council, found.reference, kind, now, c.get('log').with({ module: 'forms' }));
    // Nothing to try (a second click, or it went meanwhile): the page shows how it stands.
    if (outcome !== 'not-failed') await recordAudit(deps.store, { who: staffActor(c.get('staff')), action: 'form-output-retried', caseRef: found.reference, detail: `${kind}: ${outcome}`, at: now.toISOString() });
    return c.redirect(`${staffHref(c, `/cases/${found.reference}`)}#form-outputs`, 303);
  });

  // A form case's uploaded file, for staff who may see personal data: only a file the case's own
  // answers name, so a file id alone opens nothing. A special-category answer's file only for care
  // staff, whose download opens (and audits) the answers to find it.
  app.get('/:reference/files/:fileId', requirePermission('case:personal-data'), async (c) => {
    const found = await caseFor(c, deps);
    const fileId = c.req.param('fileId');
    const names = (a: CaseAnswer) => (Array.isArray(a.value) ? a.value : [a.value]).some((v) => (v as { fileId?: unknown } | null)?.fileId === fileId);
    let named = (found.form?.answers ?? []).some((a) => !a.specialCategory && names(a));
    const staff = c.get('staff');
    if (!named && deps.files && can(staff.roles, 'case:care') && found.form?.answers.some((a) => a.specialCategory)) {
      const opened = await openSpecialCategory(deps, council, found, staffActor(staff), 'file', c.get('log').with({ module: 'staff' })).catch((error: unknown) => {
        if (error instanceof SealedFieldError) return [];
        throw error;
      });
      named = opened.some((a) => a.specialCategory && names(a));
    }
    if (!named || !deps.files) throw httpErrors.notFound('No such file on this case');
    await recordAudit(deps.store, { who: staffActor(c.get('staff')), action: 'file-downloaded', caseRef: found.reference, detail: fileId, at: deps.clock().toISOString() });
    // In AWS a short-lived link to the bucket (a function's response cannot carry a large file); locally, the bytes.
    const link = await deps.files.downloadUrl(fileId);
    if (link) return c.redirect(link, 303);
    const file = await deps.files.read(fileId);
    if (!file) throw httpErrors.notFound('The file has gone');
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.contentType, 'Content-Disposition': contentDisposition(file.name), 'X-Content-Type-Options': 'nosniff' });
  });

  return app;
}

/** The field the error summary links to for a problem with the form as a whole. */
function fieldOf(action: CaseAction): string {
  return { state: 'state', update: 'update-text', note: 'note-text', assign: 'assign-to', duplicate: 'duplicate-of' }[action];
}

export const casesSection: StaffSection = {
  path: '/cases',
  routes: caseRoutes,
};
