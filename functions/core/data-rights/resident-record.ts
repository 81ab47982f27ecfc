import './messages/register.ts';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { enabledModules } from '../../modules/index.ts';
import { emailPartition, fromItem, isLive, phonePartition, stateOfUpdate, type CaseAnswer, type StoredCase } from '../cases/case-store.ts';
import { contactKeysOf } from '../cases/contact-keys.ts';
import { stateLabel, statusOf, type CaseChannel } from '../cases/lifecycle.ts';
import { formatDate, type Translate } from '../i18n.ts';
import type { Language } from '../language.ts';
import { localise } from '../localised-text.ts';
import type { ServiceModule } from '../module.ts';
import type { SecretsPort } from '../secrets/port.ts';
import { queryAll, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { DATA_RIGHTS_SERVICE, ERASURE_TYPE, erasureDecision } from './erasure.ts';

/**
 * Everything a council holds that an email address or phone number gave it through the platform,
 * across every module: the resident's own copy (the "Your requests and your data" pages) and the
 * staff subject access export read the same record, in JSON (documented by download-schema.json)
 * or as a page (resident-record-view.tsx).
 */

type T = (key: string, params?: Record<string, string | number>) => string;

type Index = { name: string; partitionKey: string; sortKey: string };

/** Every live case in one partition of a contact index, newest first, page after page (no cap). */
async function casesInPartition(store: CouncilStore, index: Index, partition: string, now: Date): Promise<StoredCase[]> {
  const items = await queryAll(store, {
    IndexName: index.name,
    KeyConditionExpression: '#pk = :p',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':p': partition },
    // The sort key is `<createdAt>#<reference>`: newest first.
    ScanIndexForward: false,
  });
  // The index projects every attribute: the items are whole cases, with no read of the table.
  return items.filter((item) => isLive(item, now)).map(fromItem);
}

/**
 * Every live case the address made at this council, newest first, restricted ones (care, data
 * protection) included: it is the resident's own data. One Query of the email index per page of
 * that address's cases (an HMAC of the normalised address under the council's contact key, so the
 * address is in no key), so its cost grows with that address's cases, never the table.
 *
 * @example
 * const cases = await casesForEmail(deps.store, deps.secrets, session.email, now);
 */
export async function casesForEmail(store: CouncilStore, secrets: SecretsPort, email: string, now: Date): Promise<StoredCase[]> {
  const { email: key } = await contactKeysOf({ email }, secrets);
  return key ? casesInPartition(store, TABLE_KEYS.emailIndex, emailPartition(key), now) : [];
}

/**
 * Every live case made with the phone number (however it was written), newest first; as casesForEmail.
 *
 * @example
 * const cases = await casesForPhone(deps.store, deps.secrets, '020 7946 0123', now);
 */
export async function casesForPhone(store: CouncilStore, secrets: SecretsPort, phone: string, now: Date): Promise<StoredCase[]> {
  const { phone: key } = await contactKeysOf({ phone }, secrets);
  return key ? casesInPartition(store, TABLE_KEYS.phoneIndex, phonePartition(key), now) : [];
}

export interface RecordOptions {
  lang: Language;
  t: Translate;
  council: CouncilConfig;
  /**
   * Special-category answers opened for a staff member with case:care (subject access), by case
   * reference: each case's whole list of answers as openCaseAnswers gives it. Residents never.
   */
  openedAnswers?: Map<string, CaseAnswer[]>;
  /** Where a photo is fetched from in this view (resident: /your-data/photos/<id>; staff: its own path). */
  photoUrl(id: string): string;
  /** Where a form's uploaded file is fetched from in this view. */
  fileUrl(id: string): string;
}

export interface RecordAnswer {
  question: string;
  answer: string;
  /** Special-category data (health, care), present only in a staff subject access export. */
  specialCategory?: true;
}

export interface RecordCase {
  reference: string;
  /** The module that made it ("bins", "report", "forms", "data-rights"), and its name. */
  service: string;
  serviceName: string;
  /** The kind of case (a report's category, a form's id), and its name. */
  type: string;
  typeName: string;
  state: string;
  stateLabel: string;
  status: 'open' | 'closed';
  channel: CaseChannel;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** When its personal data was removed at the resident's request. */
  anonymisedAt?: string;
  location?: { address?: string; lat?: number; long?: number };
  /** What the resident told us: question → answer, in the case's order. */
  answers: RecordAnswer[];
  /** Special-category answers left out here, and how to ask for them (a subject access request). */
  withheld?: { count: number; note: string };
  updates: { at: string; state: string; stateLabel: string; text: string }[];
  photos: { id: string; url: string }[];
  files: { id: string; name: string; url: string }[];
}

export interface DataRecord {
  format: 'ldf-data-record';
  version: 1;
  /** The language of the record's labels (the data itself is as the resident gave it). */
  language: Language;
  council: { id: string; name: string };
  /** The address or number the record was looked up by. */
  subject: { email?: string; phone?: string };
  generatedAt: string;
  cases: RecordCase[];
}

/** A form's file answer (forms' FileAnswer): core reads its id and name only. */
const isFileAnswer = (v: unknown): v is { fileId: string; name: string } =>
  typeof v === 'object' && v !== null && typeof (v as { fileId?: unknown }).fileId === 'string' && typeof (v as { name?: unknown }).name === 'string';

const isWithheld = (a: CaseAnswer) => a.sealed !== undefined;

/** Details that are the platform's bookkeeping, not something the resident told us. */
const BOOKKEEPING_KEYS = new Set(['source']);

/** The record's own names for a few services with no module (the data rights requests themselves). */
const CORE_SERVICES: Record<string, { service: string; types: Record<string, string> }> = {
  'data-rights': { service: 'dataRights.record.serviceName.data-rights', types: { erasure: 'dataRights.record.typeName.erasure' } },
};

/** Known detail keys under readable labels; any other under its key made readable ("collectionDate" → "Collection date"). */
const DETAIL_LABELS = new Set(['name', 'email', 'phone', 'address', 'postcode', 'uprn', 'description', 'more', 'dueDate', 'references', 'collectionDate', 'container']);

function detailLabel(key: string, t: T): string {
  if (DETAIL_LABELS.has(key)) return t(`dataRights.record.detail.${key}`);
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The default for a module without residentAnswers: its details (days written out), then its published description and answers. */
function defaultAnswers(c: StoredCase, t: T, lang: Language): { question: string; answer: string }[] {
  const rows = Object.entries(c.details)
    .filter(([key, value]) => !BOOKKEEPING_KEYS.has(key) && value?.trim())
    .map(([key, value]) => ({ question: detailLabel(key, t), answer: ISO_DAY.test(value) ? formatDate(value, lang) : value }));
  if (c.public?.description?.trim()) rows.push({ question: t('dataRights.record.detail.description'), answer: c.public.description });
  for (const [code, value] of Object.entries(c.public?.attributes ?? {})) rows.push({ question: detailLabel(code, t), answer: [value].flat().join(', ') });
  if (c.public?.externalMediaUrl) rows.push({ question: t('dataRights.record.detail.photoLink'), answer: c.public.externalMediaUrl });
  return rows;
}

/** A form's answers: the question in the record's language, the answer as given; sealed ones left out (counted). */
function formAnswers(answers: readonly CaseAnswer[], lang: Language, t: T): { rows: RecordAnswer[]; withheld: number } {
  const rows: RecordAnswer[] = [];
  let withheld = 0;
  for (const a of answers) {
    if (isWithheld(a)) {
      withheld++;
      continue;
    }
    const text = a.text.filter((x) => x !== '');
    rows.push({
      question: (lang === 'cy' ? a.question.cy : undefined) ?? a.question.en,
      answer: text.length ? text.join('\n') : t('dataRights.record.answers.notAnswered'),
      ...(a.specialCategory && { specialCategory: true as const }),
    });
  }
  return { rows, withheld };
}

function filesOf(answers: readonly CaseAnswer[]): { id: string; name: string }[] {
  const files = new Map<string, string>();
  for (const a of answers) for (const v of Array.isArray(a.value) ? a.value : [a.value]) if (isFileAnswer(v) && !files.has(v.fileId)) files.set(v.fileId, v.name);
  return [...files].map(([id, name]) => ({ id, name }));
}

/** Names of a module's case types, worked out once per record (a form module resolves its forms to name them). */
function typeNamer(council: CouncilConfig, lang: Language): (m: ServiceModule, type: string) => string | undefined {
  const names = new Map<string, Map<string, string>>();
  return (m, type) => {
    let own = names.get(m.id);
    if (!own) {
      own = new Map(m.caseTypes(council).map((x) => [x.id, localise(x.name, lang)]));
      names.set(m.id, own);
    }
    return own.get(type);
  };
}


/**
 * A request to delete data says what was decided ("Done: your personal data was deleted"), not the
 * lifecycle's generic name for the state it closed in ("Fixed"); undefined for any other case.
 */
function erasureStateLabel(c: StoredCase, t: T): string | undefined {
  if (c.service !== DATA_RIGHTS_SERVICE || c.type !== ERASURE_TYPE) return undefined;
  const decision = erasureDecision(c);
  return t(decision ? `dataRights.record.erasureState.${decision}` : 'dataRights.record.erasureState.waiting');
}

/**
 * The record of these cases (casesForEmail's, newest first) in the options' language: each case's
 * service and type by name, its state by the council's name for it, when it was made and changed,
 * where, what the resident told us (a form's answers; another module's `residentAnswers`, else its
 * details under readable labels), its public updates, and links to its photos and files. Sealed
 * (special-category) answers are left out and counted, with how to ask for them, unless
 * `openedAnswers` holds that case's answers opened (a staff subject access export for case:care).
 *
 * @example
 * const record = buildDataRecord({ email }, cases, { lang, t, council, photoUrl: (id) => `/your-data/photos/${id}`, fileUrl: (id) => `/your-data/files/${id}` }, now);
 * return c.json(record);
 */
export function buildDataRecord(subject: { email?: string; phone?: string }, cases: StoredCase[], options: RecordOptions, now: Date): DataRecord {
  const { lang, council } = options;
  const t = options.t as unknown as T;
  const modules = new Map(enabledModules(council).map((m) => [m.id, m]));
  const typeName = typeNamer(council, lang);
  const record: RecordCase[] = cases.map((c) => {
    const m = modules.get(c.service);
    const core = CORE_SERVICES[c.service];
    const answersGiven = (c.form && options.openedAnswers?.get(c.reference)) ?? c.form?.answers;
    let answers: RecordAnswer[];
    let withheld = 0;
    if (answersGiven) ({ rows: answers, withheld } = formAnswers(answersGiven, lang, t));
    else if (m?.residentAnswers) answers = m.residentAnswers(c, options.t, lang, council);
    else answers = defaultAnswers(c, t, lang);
    const address = c.details.address || c.public?.address;
    const location =
      address || c.public?.lat !== undefined
        ? { ...(address && { address }), ...(c.public?.lat !== undefined && { lat: c.public.lat }), ...(c.public?.long !== undefined && { long: c.public.long }) }
        : undefined;
    return {
      reference: c.reference,
      service: c.service,
      serviceName: m ? m.describe(options.t).name : core ? t(core.service) : c.service,
      type: c.type,
      typeName: (m && typeName(m, c.type)) ?? (core?.types[c.type] ? t(core.types[c.type]) : c.type),
      state: c.state,
      stateLabel: erasureStateLabel(c, t) ?? stateLabel(council, c.state, lang, c),
      status: statusOf(c.state),
      channel: c.channel,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      ...(c.closedAt && { closedAt: c.closedAt }),
      ...(c.anonymisedAt && { anonymisedAt: c.anonymisedAt }),
      ...(location && { location }),
      answers,
      ...(withheld > 0 && { withheld: { count: withheld, note: t('dataRights.record.withheld.note', { count: withheld, email: council.privacy.dataProtectionEmail }) } }),
      updates: c.updates.map((u) => {
        const state = stateOfUpdate(u);
        return { at: u.createdAt, state, stateLabel: erasureStateLabel({ ...c, updates: [u] }, t) ?? stateLabel(council, state, lang, c), text: u.description };
      }),
      photos: [...new Set(c.public?.media ?? [])].map((id) => ({ id, url: options.photoUrl(id) })),
      files: filesOf(answersGiven ?? []).map((f) => ({ ...f, url: options.fileUrl(f.id) })),
    };
  });
  return {
    format: 'ldf-data-record',
    version: 1,
    language: lang,
    council: { id: council.id, name: localise(council.name, lang) },
    subject: { ...(subject.email && { email: subject.email.trim() }), ...(subject.phone && { phone: subject.phone.trim() }) },
    generatedAt: now.toISOString(),
    cases: record,
  };
}
