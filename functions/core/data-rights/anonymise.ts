import { DeleteCommand, PutCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { recordAudit } from '../audit/audit-store.ts';
import { CaseChangedError, CaseNotFoundError, getCase, readHistory, replaceCasePersonalData, type Actor, type CasePersonalFields, type PublicCaseFields, type StoredCase } from '../cases/case-store.ts';
import { historyItem, HISTORY_PREFIX, type HistoryEntry } from '../cases/history-item.ts';
import type { FileStorage } from '../files/port.ts';
import type { Language } from '../language.ts';
import type { PhotoStorage } from '../photos/port.ts';
import { documentClient, queryAll, storeCall, TABLE_KEYS, type CouncilStore } from '../store/store.ts';
import { caseMedia } from './case-media.ts';

export { ANONYMISED_DESCRIPTION, isAnonymised } from './anonymised.ts';

/** The `details` key every case keeps: where it came from (web, open311), read to tell its channel; nothing personal. */
const ALWAYS_KEPT_DETAILS = ['source'];

/** The action id of the history note an anonymisation leaves, and of its audit (one per case, so repeats are one). */
const NOTE_ID = 'anonymised';

/** Places near a home are kept this coarsely (3 decimal places: about 100 m), as the report module publishes them. */
const COARSE = 1000;

export interface AnonymiseOptions {
  /** The erasure request it answers: named in the history note and in the audit record. */
  requestReference?: string;
  /**
   * Keys of the case's `details` that hold nothing personal, kept (the module's `safeDetailKeys`,
   * e.g. a missed bin's container and date, for the council's statistics). Absent: only `source`.
   */
  keepDetailKeys?: readonly string[];
  /** The languages the history note is written in (the council's `languages`); absent: English. */
  languages?: readonly Language[];
}

/**
 * Removes a case's personal data for good, FixMyStreet-style (a resident's erasure request, approved).
 *
 * Removed: the resident's name, email, phone and own address (`details`, but `source` and
 * `keepDetailKeys`); what they wrote (a report's description, every answer to a category's
 * questions, every form answer, sealed special-category ones included); a caller's name on a case
 * made for them; the contact keys, and with them the case's place in the email and phone indexes;
 * the dedupe key (a missed bin's holds the home's UPRN); any email still waiting to go; the words of
 * residents' comments and of internal notes in its history (notes may quote the resident), and a
 * resident's name or email on any history entry; a form's webhook and mailbox deliveries (they hold
 * the answers); its photos and files, deleted from storage.
 *
 * Kept: the reference, service, type, state, channel, dates, the published location (the street and
 * point of a problem: a legacy case published at a home's UPRN keeps only a point rounded to about
 * 100 m), the council's public updates, and so every count and statistic. The case's version moves
 * on (a page showing it before is refused), its dates do not.
 *
 * It leaves a history note and an audit record `anonymised`. Anonymising an anonymised case changes
 * nothing (the note and the audit are written again, idempotently, in case a first attempt stopped
 * after the case but before them). Photos and files go first and the case's own write comes last, so
 * an attempt that fails part way is completed by the next.
 *
 * @throws CaseNotFoundError when the case has gone (expired) meanwhile
 * @example
 * const after = await anonymiseCase(deps.store, { photos: deps.photos, files: deps.files }, found, staffActor(staff), now, { requestReference: request.reference, languages: council.languages });
 */
export async function anonymiseCase(
  store: CouncilStore,
  media: { photos?: PhotoStorage; files?: FileStorage },
  c: StoredCase,
  by: Actor,
  now: Date,
  options: AnonymiseOptions = {},
): Promise<StoredCase> {
  let current = c;
  for (let attempt = 0; ; attempt++) {
    if (current.anonymisedAt) {
      await recordAnonymised(store, current, by, current.anonymisedAt, options, { again: true });
      return current;
    }
    const { photos, files } = caseMedia(current);
    if (photos.length) await media.photos?.remove(photos);
    if (files.length) await media.files?.remove(files);
    await scrubCasePartition(store, current.reference);
    try {
      const after = await replaceCasePersonalData(store, current, anonymisedFields(current, now, options), now);
      await recordAnonymised(store, after, by, after.anonymisedAt!, options);
      return after;
    } catch (error) {
      // Changed since it was read (an officer's action, a second click): do it again on the case as it is now.
      if (!(error instanceof CaseChangedError) || attempt >= 2) throw error;
      const found = await getCase(store, current.reference, now);
      if (!found) throw new CaseNotFoundError(current.reference);
      current = found;
    }
  }
}

/** The case's fields once its personal data is gone. */
function anonymisedFields(c: StoredCase, now: Date, options: AnonymiseOptions): Partial<CasePersonalFields> {
  const keep = new Set([...ALWAYS_KEPT_DETAILS, ...(options.keepDetailKeys ?? [])]);
  const details = Object.fromEntries(Object.entries(c.details).filter(([key]) => keep.has(key)));
  return {
    details,
    ...(c.public && { public: publicFields(c.public) }),
    ...(c.form && { form: { id: c.form.id, version: c.form.version, answers: [] } }),
    ...(c.madeBy && { madeBy: { staff: c.madeBy.staff } }),
    contactKeys: undefined,
    dedupeKey: undefined,
    notification: undefined,
    anonymisedAt: now.toISOString(),
  };
}

/** The published side without the resident's words, photos or answers. */
function publicFields(p: PublicCaseFields): PublicCaseFields {
  const kept: PublicCaseFields = { serviceCode: p.serviceCode, serviceName: p.serviceName, description: '' };
  if (p.addressId) {
    // Stored before published locations left out homes: its address and point are the resident's own.
    if (p.lat !== undefined) kept.lat = Math.round(p.lat * COARSE) / COARSE;
    if (p.long !== undefined) kept.long = Math.round(p.long * COARSE) / COARSE;
    return kept;
  }
  return { ...kept, ...(p.lat !== undefined && { lat: p.lat }), ...(p.long !== undefined && { long: p.long }), ...(p.address !== undefined && { address: p.address }) };
}

type Item = Record<string, NativeAttributeValue>;

/** A history entry's actor without a resident's name or email (an integrator it came through stays). */
function anonymousActor(by: unknown): Item | undefined {
  const actor = by as { kind?: unknown; name?: unknown; email?: unknown; via?: unknown } | undefined;
  if (actor?.kind !== 'resident' || (actor.name === undefined && actor.email === undefined)) return undefined;
  return { kind: 'resident', ...(actor.via !== undefined && { via: actor.via }) };
}

/**
 * The items beside the case in its partition: history entries lose a resident's or a note's words
 * (a public update's, the council's own words to the resident, stay) and a resident's name; a form's
 * output deliveries, which hold the answers as sent, are deleted.
 */
async function scrubCasePartition(store: CouncilStore, reference: string): Promise<void> {
  const items = await queryAll(store, {
    KeyConditionExpression: '#pk = :pk AND #sk > :case',
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
    // Everything but the case item itself ('CASE' sorts before 'HIST#' and 'OUTPUT#').
    ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':case': 'CASE' },
    ConsistentRead: true,
  });
  const doc = documentClient(store);
  const key = (item: Item) => ({ [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey], [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey] });
  for (const item of items) {
    const sk = String(item[TABLE_KEYS.sortKey]);
    if (sk.startsWith('OUTPUT#')) {
      await storeCall(() => doc.send(new DeleteCommand({ TableName: store.tableName, Key: key(item) })));
      continue;
    }
    if (!sk.startsWith(HISTORY_PREFIX)) continue;
    const published = item.isPublic === true;
    const actor = anonymousActor(item.by);
    const words = !published && item.text !== undefined && item.id !== NOTE_ID;
    if (!actor && !words) continue;
    const sets: string[] = [];
    const values: Item = {};
    if (actor) {
      sets.push('#by = :by');
      values[':by'] = actor;
    }
    await storeCall(() =>
      doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key(item),
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', words ? 'REMOVE #text' : ''].filter(Boolean).join(' '),
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, ...(actor && { '#by': 'by' }), ...(words && { '#text': 'text' }) },
          ...(actor && { ExpressionAttributeValues: values }),
        }),
      ),
    ).catch((error: unknown) => {
      // Gone meanwhile (the case expired and was swept): nothing left to scrub.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
  }
}

const NOTE_TEXT: Record<Language, (request?: string) => string> = {
  en: (request) => `Personal data removed at the resident’s request${request ? ` (request ${request})` : ''}. This cannot be undone.`,
  cy: (request) => `Data personol wedi’i ddileu ar gais y preswylydd${request ? ` (cais ${request})` : ''}. Ni ellir dadwneud hyn.`,
};

/** The history note (not published) and the audit record of an anonymisation; each written once however often this runs. */
async function recordAnonymised(store: CouncilStore, c: StoredCase, by: Actor, at: string, options: AnonymiseOptions, run: { again?: boolean } = {}): Promise<void> {
  const languages: readonly Language[] = options.languages?.length ? options.languages : ['en'];
  const entry: HistoryEntry = {
    id: NOTE_ID,
    kind: 'note',
    at,
    by,
    text: languages.map((lang) => NOTE_TEXT[lang](options.requestReference)).join('\n'),
    public: false,
  };
  // Its key holds the case's version (historyItem): on a later run the case may have moved on, so
  // the note is written only if the first run did not get to it.
  const written = run.again && (await readHistory(store, c.reference)).some((e) => e.id === NOTE_ID && e.kind === 'note');
  if (!written) await storeCall(() => documentClient(store).send(new PutCommand({ TableName: store.tableName, Item: historyItem(c, entry) })));
  await recordAudit(store, { who: by, action: 'anonymised', caseRef: c.reference, detail: options.requestReference, at, once: `${NOTE_ID}:${c.reference}` });
}
