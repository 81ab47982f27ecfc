import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { CouncilConfig } from '../config/council-schema.ts';
import type { Property } from './address/address-lookup.ts';
import type { CaseAnswer, StoredCase } from './cases/case-store.ts';
import type { AppEnv, CouncilAppDeps } from './http/env.ts';
import type { Logger } from './logger.ts';
import type { CouncilStore } from './store/store.ts';
import type { Translate } from './i18n.ts';
import type { Language } from './language.ts';
import type { LocalisedText } from './localised-text.ts';
import type { EmailTemplate } from './notifications/port.ts';

/** One line of a council's privacy notice, for one service. */
export interface PrivacyEntry {
  /** The service it is about, when the module runs several (a form each); the module's name when absent. */
  service?: string;
  collects: string;
  why: string;
  /** How long it is kept; undefined when nothing is stored. */
  retentionDays?: number;
  /** How long answers saved to come back to are kept (a form's save and return); undefined when it has none. */
  savedDraftDays?: number;
  /**
   * The law the council relies on, in the page's language, when the notice should name it (a social
   * care request: "Care Act 2014, section 9", with its UK GDPR Article 9 condition).
   */
  lawfulBasis?: string;
}

/**
 * What a module needs from the platform beyond the council's table and key. The hosts and the
 * council's CDK stack read these to add the resources (a photo bucket and its storage adapter; for
 * 'files', a file bucket and FileStorage, functions/core/files/; …).
 */
export type PlatformNeed = 'photos' | 'files' | 'payments' | 'scheduled';

/** A kind of case a module makes: its `type` on the case (e.g. a report's category code) and its name. */
export interface CaseType {
  id: string;
  name: LocalisedText;
  /**
   * The restriction its cases carry (`NewCase.restrictedTo`, e.g. 'care'): the back office names the
   * type (filters, export) only to staff who may see such cases, as it lists the cases themselves.
   */
  restrictedTo?: string;
}

/** A problem a module's cross-field check found, at a path from the council file's root. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/**
 * A module's section of the council file: its schema and the checks that need the rest of the file
 * (e.g. every gazetteer property has a bin round). Loaded only where council files are validated
 * (start-up, the CLI, synthesis, tests), never in the Lambda, which reads already-validated data.
 */
export interface ModuleConfigSection<Config> {
  schema: z.ZodType<Config, unknown>;
  /** Cross-field checks against the whole (already parsed) council file. */
  check?(section: Config, council: CouncilConfig): ConfigIssue[];
}

/**
 * A service module: a folder that exports one of these from its `module.ts`, added with one line to
 * `functions/modules/index.ts`. It is mounted at `/<id>` for every council whose file has
 * `services.<id>`; it imports the platform core, never another module.
 *
 * @example
 * export const binsModule: ServiceModule<'bins', BinsConfig, BinsMessageKey> = {
 *   id: 'bins',
 *   config: () => import('./config.ts').then((m) => m.binsConfigSection),
 *   messages: { en: binsEn, cy: binsCy },
 *   needs: [],
 *   ...
 * };
 */
export interface ServiceModule<Id extends string = string, Config = unknown, Key extends string = string, ConfigInput = Config> {
  id: Id;
  /** Never set: carries the type of the section as a council file writes it (defaults may be left out). */
  readonly configInput?: ConfigInput;
  /** Its config section, loaded on demand so that the schema library stays out of the Lambda. */
  config(): Promise<ModuleConfigSection<Config>>;
  /** Its strings, each key starting `<id>.`; strings more than one module uses live in the common catalogue. */
  messages: Record<Language, Record<Key, string>>;
  /** The emails it sends, as their text; the outbox renders these, Notify holds copies. */
  emailTemplates: Record<string, EmailTemplate>;
  /** What it needs from the platform; see PlatformNeed. */
  needs: readonly PlatformNeed[];
  /** The longest it keeps anything, in days, for the council (sizes lifecycle rules of its resources). */
  retentionDays(council: CouncilConfig): number;
  routes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv>;
  /** Shown on the council's home page. */
  describe(t: Translate): { name: string; description: string };
  /** Its lines of the council's privacy notice, in the page's language (`t` is that language's). */
  privacy(council: CouncilConfig, t: Translate, lang: Language): PrivacyEntry[];
  /**
   * The kinds of case it makes for the council (each case's `type`), named for people: the back
   * office's "category or type" filter, its rows and its export read them here, never from the
   * module's config. An empty list when it makes no cases.
   *
   * @example
   * caseTypes: (council) => serviceConfig(council, 'report').groups.flatMap((g) => g.categories.map((c) => ({ id: c.code, name: c.name }))),
   */
  caseTypes(council: CouncilConfig): CaseType[];
  /**
   * Machine APIs the module serves (e.g. Open311 at /open311/v2): mounted once, outside the
   * language prefix, without the CSRF check that protects forms (they authenticate with API keys).
   */
  apis?: { path: string; routes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> }[];
  /**
   * The keys of its cases' `details` that hold nothing personal, so a back-office viewer (who may
   * not see personal data) is shown them. None by default: details are the resident's own answers
   * and free text, so every key is withheld from a viewer unless the module declares it here.
   *
   * @example
   * safeDetailKeys: ['source'],
   */
  safeDetailKeys?: readonly string[];
  /**
   * What the council's home page lists for the module: one entry by default (`describe`, at
   * `/<id>`); a module running several services (a form each) lists each.
   */
  homeEntries?(council: CouncilConfig, t: Translate, lang: Language): { name: string; description: string; path: string }[];
  /**
   * The module's own part of the staff case page, shown under the case's summary (e.g. a form's
   * answers and its webhook's delivery). `personal` is whether this member of staff may see
   * personal data: a viewer is shown none of the answers.
   */
  staffCaseSection?(found: StoredCase, view: StaffCaseView): Child | Promise<Child>;
  /**
   * What the resident told us on one of its cases, as question and answer for people, in `lang`
   * (`t` is that language's): the resident's own copy of their data and the staff subject access
   * export (functions/core/data-rights/resident-record.ts). Absent: the case's details and public
   * description, each under a readable label (a form's cases: its answers, read by the core).
   * Kept light (no page code): it runs for every case of the record.
   *
   * @example
   * residentAnswers: (found, t) => [{ question: t('bins.report.check.address'), answer: found.details.address ?? '' }],
   */
  residentAnswers?(found: StoredCase, t: Translate, lang: Language, council: CouncilConfig): { question: string; answer: string }[];
  /**
   * Columns the staff CSV export adds when it is of this module's cases of one type (a form's
   * questions, one column each); `personal` as above.
   */
  exportColumns?(council: CouncilConfig, type: string, view: ExportView): ExportColumn[];
  /**
   * Lists the module can give a form's selection question (`optionsFrom: { source }`), e.g. the
   * bins module's containers, for a property when an earlier address answer found one (the forms
   * module looks the property up). Read through the module list, so the forms module never
   * imports another module.
   */
  formOptionSources?: Record<string, (council: CouncilConfig, context: { property?: Property }) => { value: string; text: LocalisedText }[]>;
  /** Work the council's schedule runs (every few minutes): e.g. retrying a form's webhook deliveries. */
  scheduled?(council: CouncilConfig, deps: ScheduledDeps, now: Date): Promise<Record<string, number>>;
}

/** What the staff case page tells a module's section. */
export interface StaffCaseView {
  lang: Language;
  t: Translate;
  personal: boolean;
  council: CouncilConfig;
  /** A council page's path (`/forms/files/<id>`) as a link from the staff page. */
  href(path: string): string;
  /** The council's store, for what the section reads beside the case (a webhook's delivery record). */
  store: CouncilStore;
  /** For a section's own forms (a webhook's "Try again"): the page's CSRF token, and whether this member of staff may work cases. */
  actions?: { csrfToken: string; work: boolean };
  /**
   * Set only for a member of staff who may read special-category answers (permission case:care):
   * opens the case's sealed answers and writes the opening to the case's audit (who and when).
   * A section calls it only when it is about to show them.
   */
  openSealed?(): Promise<CaseAnswer[]>;
}

/** Whom an export is for. */
export interface ExportView {
  lang: Language;
  t: Translate;
  personal: boolean;
  /**
   * The export may hold special-category answers (permission case:care): the cases it is given have
   * had their sealed answers opened (and each opening audited) before the columns read them.
   */
  specialCategory?: boolean;
}

/** A column of the staff CSV export. */
export interface ExportColumn {
  heading: string;
  cell(x: StoredCase): string | number | undefined;
}

/** What a module's scheduled work may use. */
export interface ScheduledDeps extends Pick<CouncilAppDeps, 'store' | 'notifications' | 'secrets' | 'photos'> {
  logger: Logger;
}

export type { CaseAnswer };

/** The config type a module declares. */
export type ConfigOf<M> = M extends ServiceModule<string, infer C, string, unknown> ? C : never;
/** The message keys a module declares. */
export type MessageKeyOf<M> = M extends ServiceModule<string, unknown, infer K, unknown> ? K : never;
/** The config type a module's section has in a council file. */
export type ConfigInputOf<M> = M extends ServiceModule<string, unknown, string, infer I> ? I : never;
