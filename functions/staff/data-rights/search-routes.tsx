import { Hono, type Context } from 'hono';
import type { Errors } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import type { CaseAnswer, StoredCase } from '../../core/cases/case-store.ts';
import { normalisePhone } from '../../core/cases/contact-keys.ts';
import { SealedFieldError } from '../../core/crypto/field-cipher.ts';
import { caseMedia } from '../../core/data-rights/case-media.ts';
import { buildDataRecord, casesForEmail, casesForPhone } from '../../core/data-rights/resident-record.ts';
import { DataRecordView } from '../../core/data-rights/resident-record-view.tsx';
import { isEmailAddress } from '../../core/email-address.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { requirePermission } from '../auth/guard.ts';
import { can } from '../auth/roles.ts';
import { hasSpecialCategory, openSpecialCategory } from '../cases/special-category.ts';
import type { StaffEnv } from '../env.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { searchPage, type SubjectKind } from './pages.tsx';

/** What the search accepts as a phone number: the report form's own check (digits, spaces, + ( ) -), at least 10 digits. */
const PHONE = /^[0-9 +()-]{10,20}$/;
/** Longer than any email address (254) or phone number: cut before anything else looks at it. */
const MAX_INPUT = 320;

export type Subject = { kind: SubjectKind; value: string };

/**
 * The subject a search form names (`kind` says which of its two forms was sent), or what is wrong
 * with it, each error on its own field.
 *
 * @example
 * readSubject({ kind: 'phone', phone: '020 7946 0000' }, t); // { subject: { kind: 'phone', value: '020 7946 0000' } }
 * readSubject({ kind: 'email', email: 'ann@' }, t);          // { errors: { email: 'Enter an email address in the correct format, …' }, … }
 */
export function readSubject(body: Record<string, unknown>, t: Context<StaffEnv>['var']['t']): { subject: Subject } | { errors: Errors; values: { email?: string; phone?: string } } {
  const kind: SubjectKind = body.kind === 'phone' ? 'phone' : 'email';
  const raw = body[kind];
  const value = (typeof raw === 'string' ? raw : '').slice(0, MAX_INPUT).trim();
  const values = { [kind]: value };
  if (kind === 'email') {
    if (!value) return { errors: { email: t('staff.dataRights.search.errorEmailMissing') }, values };
    if (!isEmailAddress(value)) return { errors: { email: t('staff.dataRights.search.errorEmailInvalid') }, values };
  } else {
    if (!value) return { errors: { phone: t('staff.dataRights.search.errorPhoneMissing') }, values };
    if (!PHONE.test(value) || normalisePhone(value).length < 10) return { errors: { phone: t('staff.dataRights.search.errorPhoneInvalid') }, values };
  }
  return { subject: { kind, value } };
}

/**
 * The subject access search: everything held about an email address or a phone number, every
 * service's cases (found by their contact keys: the address itself is in no key or index), and the
 * record of them in the resident's download formats (JSON, a page to print). Each search and each
 * export is audited (who, when, by which kind of detail, how many cases), never with the address
 * or number itself. The subject travels only in POST bodies, never in a URL (logs, history).
 * Special-category answers go into the export only for staff who also hold `case:care`, each case's
 * opening audited.
 */
export function searchRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });

  const lookUp = (subject: Subject, now: Date) => (subject.kind === 'email' ? casesForEmail(deps.store, deps.secrets, subject.value, now) : casesForPhone(deps.store, deps.secrets, subject.value, now));

  const audit = (c: Context<StaffEnv>, action: 'subject-access-search' | 'subject-access-export', detail: string, now: Date) =>
    recordAudit(deps.store, { who: staffActor(c.get('staff')), action, detail, at: now.toISOString() });

  const counted = (subject: Subject, cases: StoredCase[]) => `${subject.kind}, ${cases.length} ${cases.length === 1 ? 'case' : 'cases'}`;

  app.get('/', requirePermission('data-rights:work'), (c) => searchPage(c, {}));

  app.post('/', requirePermission('data-rights:work'), async (c) => {
    const read = readSubject(await c.req.parseBody(), c.get('t'));
    if ('errors' in read) return searchPage(c, read, 400);
    const now = deps.clock();
    const cases = await lookUp(read.subject, now);
    // Recorded before anything is shown.
    await audit(c, 'subject-access-search', counted(read.subject, cases), now);
    return searchPage(c, { results: { ...read.subject, cases, specialCategory: can(c.get('staff').roles, 'case:care') } });
  });

  app.post('/export', requirePermission('data-rights:work'), async (c) => {
    const body = await c.req.parseBody();
    const read = readSubject(body, c.get('t'));
    if ('errors' in read) return searchPage(c, read, 400);
    const format = body.format === 'html' ? 'html' : 'json';
    const now = deps.clock();
    const staff = c.get('staff');
    const { subject } = read;
    const cases = await lookUp(subject, now);
    await audit(c, 'subject-access-export', `${format}: ${counted(subject, cases)}`, now);
    const openedAnswers = can(staff.roles, 'case:care') ? await openAll(c, cases) : undefined;
    // Links that work from the exported file: the council's own address where the host knows it.
    const origin = deps.publicBaseUrl ?? deps.basePath;
    const fileHolder = new Map<string, string>();
    for (const x of cases) for (const id of caseMedia(x).files) fileHolder.set(id, x.reference);
    const photoHolder = new Map<string, string>();
    for (const x of cases) for (const id of caseMedia(x).photos) photoHolder.set(id, x.reference);
    const record = buildDataRecord(
      { [subject.kind]: subject.value },
      cases,
      {
        lang: c.get('lang'),
        t: c.get('t'),
        council,
        openedAnswers,
        photoUrl: (id) => `${origin}/staff/data-rights/cases/${photoHolder.get(id) ?? ''}/photos/${encodeURIComponent(id)}`,
        fileUrl: (id) => `${origin}/staff/data-rights/cases/${fileHolder.get(id) ?? ''}/files/${encodeURIComponent(id)}`,
      },
      now,
    );
    const day = now.toISOString().slice(0, 10);
    if (format === 'json') {
      return c.body(JSON.stringify(record, null, 2), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="subject-access-${day}.json"`,
        'X-Content-Type-Options': 'nosniff',
      });
    }
    const t = c.get('t');
    return renderStaff(
      c,
      <StaffPage c={c} title={t('staff.dataRights.export.title')} backLink={staffHref(c, '/data-rights/search')}>
        <span class="govuk-caption-l">{t('staff.dataRights.search.title')}</span>
        <h1 class="govuk-heading-l">{t('staff.dataRights.export.title')}</h1>
        <DataRecordView record={record} t={t} />
      </StaffPage>,
    );
  });

  /**
   * Every case's answers with the special-category ones opened (and each case's opening audited);
   * a case whose answers do not open keeps them withheld in the record (the failure is logged).
   */
  async function openAll(c: Context<StaffEnv>, cases: StoredCase[]): Promise<Map<string, CaseAnswer[]>> {
    const opened = new Map<string, CaseAnswer[]>();
    const who = staffActor(c.get('staff'));
    const log = c.get('log').with({ module: 'staff-data-rights' });
    for (const found of cases) {
      if (!hasSpecialCategory(found)) continue;
      try {
        opened.set(found.reference, await openSpecialCategory(deps, council, found, who, 'export', log));
      } catch (error) {
        if (!(error instanceof SealedFieldError)) throw error;
      }
    }
    return opened;
  }

  return app;
}
