import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';
import { stateLabel } from '../../core/cases/lifecycle.ts';
import { queueRows } from '../../core/cases/queue.ts';
import { DirectExportDelivery } from '../../core/exports/direct-export-delivery.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { HttpError } from '../../core/http/errors.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { requirePermission } from '../auth/guard.ts';
import { can } from '../auth/roles.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import type { StaffMessageKey } from '../messages/en.ts';
import { caseTypes, serviceChoices } from '../queue/case-types.ts';
import { filtersQuery, parseFilters } from '../queue/filters.ts';
import { coreFilters } from '../queue/queue-data.ts';
import { csvStream, type CsvCell } from './csv.ts';

/** Rows written to the stream at a time: about one page of the queue's reads. */
const BATCH_ROWS = 250;

const directExports = new DirectExportDelivery();

const badFilters = () => new HttpError(400, 'Export filters not valid', { titleKey: 'staff.export.error.title', bodyKey: 'staff.export.error.body' });

/** A column of the export: its heading's message key and its cell for a case. */
interface Column {
  key: StaffMessageKey;
  cell(x: StoredCase): CsvCell;
}

/**
 * The export's columns: FixMyStreet's report export, adapted (reference, service, category,
 * created, state, last changed, closed, channel, assigned, latitude, longitude, address or street,
 * public description), then the resident's name, email and phone for roles that may see them.
 */
export function exportColumns(input: { council: CouncilConfig; lang: Language; t: Translate; personal: boolean }): Column[] {
  const { council, lang, t, personal } = input;
  const services = new Map(serviceChoices(council, t).map((s) => [s.id, s.label]));
  const types = new Map(caseTypes(council, lang, t).map((x) => [`${x.service}:${x.type}`, x.label]));
  const columns: Column[] = [
    { key: 'staff.export.col.reference', cell: (x) => x.reference },
    { key: 'staff.export.col.service', cell: (x) => services.get(x.service) ?? x.service },
    { key: 'staff.export.col.category', cell: (x) => types.get(`${x.service}:${x.type}`) ?? x.public?.serviceName ?? x.type },
    { key: 'staff.export.col.created', cell: (x) => x.createdAt },
    { key: 'staff.export.col.state', cell: (x) => stateLabel(council, x.state, lang) },
    { key: 'staff.export.col.changed', cell: (x) => x.updatedAt },
    { key: 'staff.export.col.closed', cell: closedAt },
    { key: 'staff.export.col.channel', cell: (x) => t(`staff.queue.channel.${x.channel}`) },
    { key: 'staff.export.col.assigned', cell: (x) => x.assignedTo?.name },
    { key: 'staff.export.col.latitude', cell: (x) => x.public?.lat },
    { key: 'staff.export.col.longitude', cell: (x) => x.public?.long },
    // A published street where the case has one; a bin's address is the resident's home, so personal.
    { key: 'staff.export.col.address', cell: (x) => x.public?.address ?? (personal ? x.details.address : undefined) },
    { key: 'staff.export.col.description', cell: (x) => x.public?.description },
  ];
  if (personal) {
    columns.push(
      { key: 'staff.export.col.name', cell: (x) => x.details.name },
      { key: 'staff.export.col.email', cell: (x) => x.details.email },
      { key: 'staff.export.col.phone', cell: (x) => x.details.phone },
    );
  }
  return columns;
}

/**
 * When a closed case was closed: the case records it (`closedAt`, set in the write that closes it).
 * A case closed before it was recorded gives the latest public update that closed it, if any, else
 * nothing: its last change may be a later note, so it is no closing time.
 */
function closedAt(x: StoredCase): string | undefined {
  if (x.status !== 'closed') return undefined;
  return x.closedAt ?? x.updates.filter((u) => u.status === 'closed').at(-1)?.createdAt;
}

async function* batches(rows: AsyncIterable<StoredCase>, columns: Column[]): AsyncGenerator<CsvCell[][]> {
  let batch: CsvCell[][] = [];
  for await (const x of rows) {
    batch.push(columns.map((col) => col.cell(x)));
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** GET /export.csv?<the queue's filters>: every case the filters match, streamed, audited. */
export function exportRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  app.get('/', requirePermission('case:export'), async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const staff = c.get('staff');
    const query = new URL(c.req.url).searchParams;
    const services = serviceChoices(council, t);
    const parsed = parseFilters(query, { services: services.map((s) => s.id), types: caseTypes(council, lang, t), council });
    if (Object.keys(parsed.errors).length > 0) throw badFilters();
    const personal = can(staff.roles, 'case:personal-data');
    const now = deps.clock();
    const columns = exportColumns({ council, lang, t, personal });
    const filters = filtersQuery(parsed.filters).toString();
    // Recorded before the first row leaves: who, when, which filters, and whether it held personal data.
    await recordAudit(deps.store, { who: staffActor(staff), action: 'export', detail: `${filters || 'all cases'}${personal ? ' (with personal data)' : ''}`, at: now.toISOString() });
    const rows = queueRows(deps.store, coreFilters(parsed.filters, staff.sub), now);
    const body = csvStream(
      columns.map((col) => t(col.key)),
      batches(rows, columns),
    );
    const day = now.toISOString().slice(0, 10);
    // Streamed back locally; in AWS, stored and linked to, past the gateway's 6 MB response limit.
    return (deps.exports ?? directExports).deliver({ filename: `${council.id}-cases-${day}.csv`, contentType: 'text/csv; charset=utf-8', body });
  });
  return app;
}

/** The export, at /staff/export.csv; the queue page links to it with its filters. */
export const exportSection: StaffSection = { path: '/export.csv', routes: exportRoutes };
