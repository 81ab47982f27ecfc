import type { CouncilConfig } from '../../config/council-schema.ts';
import type { StoredCase } from '../../core/cases/case-store.ts';
import { stateLabel } from '../../core/cases/lifecycle.ts';
import { queueRows } from '../../core/cases/queue.ts';
import type { ExportInput } from '../../core/exports/port.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import type { ExportColumn, ExportView } from '../../core/module.ts';
import type { Actor } from '../../core/cases/history-item.ts';
import { SealedFieldError, type FieldCipher } from '../../core/crypto/field-cipher.ts';
import type { Logger } from '../../core/logger.ts';
import { hasSpecialCategory, openSpecialCategory } from '../cases/special-category.ts';
import type { CouncilStore } from '../../core/store/store.ts';
import { enabledModules } from '../../modules/index.ts';
import type { StaffMessageKey } from '../messages/en.ts';
import { caseTypes, serviceChoices } from '../queue/case-types.ts';
import { parseFilters, type QueueFilters } from '../queue/filters.ts';
import { coreFilters } from '../queue/queue-data.ts';
import { csvStream, type CsvCell } from './csv.ts';

/**
 * The staff CSV export's file, built the same way whether the request streams it (the local host)
 * or the council's jobs function stores it in the background (AWS): same columns for the same
 * role, same headings in the same language, same neutralising, BOM and quoting, same bytes.
 */

/** Rows written to the stream at a time: about one page of the queue's reads. */
const BATCH_ROWS = 250;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

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
  const types = new Map(caseTypes(council, lang).map((x) => [`${x.service}:${x.type}`, x.label]));
  const columns: Column[] = [
    { key: 'staff.export.col.reference', cell: (x) => x.reference },
    { key: 'staff.export.col.service', cell: (x) => services.get(x.service) ?? x.service },
    { key: 'staff.export.col.category', cell: (x) => types.get(`${x.service}:${x.type}`) ?? x.public?.serviceName ?? x.type },
    { key: 'staff.export.col.created', cell: (x) => x.createdAt },
    { key: 'staff.export.col.state', cell: (x) => stateLabel(council, x.state, lang, x) },
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

async function* batches(rows: AsyncIterable<StoredCase>, columns: { cell(x: StoredCase): CsvCell }[]): AsyncGenerator<CsvCell[][]> {
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

/** Cases opened at once while an export is built (each an Encryption SDK open and an audit write). */
const OPEN_CONCURRENCY = 8;

/**
 * The cases as they come, each with its special-category answers opened (and its opening audited)
 * before the columns read them, a few cases at a time and in order. A case whose answers do not
 * open keeps its row, those cells saying so (`failed`), and the export goes on: logged by
 * openSpecialCategory.
 */
async function* withSpecialCategoryOpened(
  rows: AsyncIterable<StoredCase>,
  council: CouncilConfig,
  store: CouncilStore,
  special: NonNullable<CasesCsvRequest['specialCategory']>,
  failed: string,
): AsyncGenerator<StoredCase> {
  const open = async (x: StoredCase): Promise<StoredCase> => {
    if (!x.form || !hasSpecialCategory(x)) return x;
    try {
      const answers = await openSpecialCategory({ store, cipher: special.cipher, clock: special.clock }, council, x, special.who, 'export', special.log);
      return { ...x, form: { ...x.form, answers } };
    } catch (error) {
      if (!(error instanceof SealedFieldError)) throw error;
      const answers = x.form.answers.map((a) => (a.specialCategory || a.sealed !== undefined ? { ...a, sealed: undefined, text: [failed], value: null } : a));
      return { ...x, form: { ...x.form, answers } };
    }
  };
  let batch: StoredCase[] = [];
  for await (const x of rows) {
    batch.push(x);
    if (batch.length >= OPEN_CONCURRENCY) {
      yield* await Promise.all(batch.map(open));
      batch = [];
    }
  }
  if (batch.length > 0) yield* await Promise.all(batch.map(open));
}

/**
 * The queue's filters from an export link's query string, or undefined when they are not valid.
 * `visible` (visibleRestrictions of the asker's roles) as the queue's: a type whose cases the asker
 * may not see (a care form's, for staff without the care role) is an unknown type, so its export
 * is refused as the queue refuses it — not a file of that form's question headings and no rows.
 *
 * @example
 * const filters = exportFilters(council, new URL(c.req.url).searchParams, 'en', t, visibleRestrictions(staff.roles));
 */
export function exportFilters(council: CouncilConfig, query: URLSearchParams, lang: Language, t: Translate, visible?: readonly string[]): QueueFilters | undefined {
  const services = serviceChoices(council, t);
  const parsed = parseFilters(query, { services: services.map((s) => s.id), types: caseTypes(council, lang, visible), council });
  return Object.keys(parsed.errors).length > 0 ? undefined : parsed.filters;
}

/**
 * The columns the cases' module adds (a form's questions) when the export is of one service and one
 * type: only then are its rows all of the same kind.
 */
function exportModuleColumns(council: CouncilConfig, filters: QueueFilters, view: ExportView): ExportColumn[] {
  if (!filters.service || !filters.type) return [];
  const module = enabledModules(council).find((m) => m.id === filters.service);
  return module?.exportColumns?.(council, filters.type, view) ?? [];
}

/** What one export is of, and for whom. */
export interface CasesCsvRequest {
  filters: QueueFilters;
  /** Who asked: "assigned to me" means them. */
  staffSub: string;
  /** Whether the resident's name, email and phone (and a bin's address) are in it: by the asker's role. */
  personal: boolean;
  /** The restricted cases it lists (visibleRestrictions of the asker's roles): `[]` lists no care case. */
  restrictedVisible: readonly string[];
  /**
   * Only for an asker holding case:care (and personal data): the export opens each listed case's
   * special-category answers, recording each case's opening in its audit, and the module's columns
   * include those answers. Absent: special-category answers stay out.
   */
  specialCategory?: { cipher?: FieldCipher; who: Actor; clock: () => Date; log: Logger };
  lang: Language;
  t: Translate;
  /** When it was asked for: names the file and bounds the rows, so a later build gives the same file. */
  now: Date;
}

/**
 * Every case the filters match, newest change first, as a streamed CSV named `<council>-cases-<day>.csv`.
 *
 * @example
 * return deps.exports.deliver(casesCsv(council, deps.store, { filters, staffSub: staff.sub, personal, lang, t, now }));
 */
export function casesCsv(council: CouncilConfig, store: CouncilStore, request: CasesCsvRequest): ExportInput {
  const { filters, staffSub, personal, lang, t, now } = request;
  const special = personal ? request.specialCategory : undefined;
  const columns = exportColumns({ council, lang, t, personal });
  const moduleColumns = exportModuleColumns(council, filters, { lang, t, personal, specialCategory: !!special });
  const listed = queueRows(store, coreFilters(filters, staffSub, request.restrictedVisible), now);
  // Only a module's columns read answers: without them there is nothing to open (and no opening to audit).
  const rows = special && moduleColumns.length > 0 ? withSpecialCategoryOpened(listed, council, store, special, t('staff.export.specialCategoryFailed')) : listed;
  const body = csvStream(
    [...columns.map((col) => t(col.key)), ...moduleColumns.map((col) => col.heading)],
    batches(rows, [...columns, ...moduleColumns]),
  );
  const day = now.toISOString().slice(0, 10);
  return { filename: `${council.id}-cases-${day}.csv`, contentType: CSV_CONTENT_TYPE, body };
}
