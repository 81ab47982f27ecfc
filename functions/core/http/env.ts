import type { Context } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { Translate } from '../i18n.ts';
import type { Language } from '../language.ts';
import type { ExportJobs } from '../exports/export-jobs.ts';
import type { ExportDelivery } from '../exports/port.ts';
import type { Logger } from '../logger.ts';
import type { NotificationsPort } from '../notifications/port.ts';
import type { FileStorage } from '../files/port.ts';
import type { PhotoStorage } from '../photos/port.ts';
import type { SecretsPort } from '../secrets/port.ts';
import type { CouncilStore } from '../store/store.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';

/** What a council app needs from its host; picked once, at start-up. */
export interface CouncilAppDeps {
  store: CouncilStore;
  notifications: NotificationsPort;
  /** The council's own secrets (Secrets Manager in AWS, .data/ locally). */
  secrets: SecretsPort;
  /** The current time; tests fix it. */
  clock: () => Date;
  /** Where the app is mounted: '' in its Lambda, '/<councilId>' on the local host. */
  basePath: string;
  /** The folder holding the built web assets (web/dist). */
  assetsDir: string;
  logger: Logger;
  /** The client's address, for rate limiting; from the socket locally, from the request context in Lambda. */
  clientIp: (c: Context) => string | undefined;
  /** Where residents' photos go (report a problem). */
  photos?: PhotoStorage;
  /**
   * Seals and opens special-category answers (functions/core/crypto/): the Encryption SDK with a KMS
   * keyring in AWS, a raw AES keyring from .data/ locally. The library loads on first use only.
   */
  cipher?: FieldCipher;
  /** Where residents' files for forms' file questions go, when a module needs files. */
  files?: FileStorage;
  /**
   * How the staff CSV export reaches the browser: through the export bucket in AWS (handler.ts),
   * streamed back locally; a host that sets none (the benches) streams it back.
   */
  exports?: ExportDelivery;
  /**
   * Background exports (AWS: the council's jobs function, started by EXPORT_JOBS_FUNCTION): when
   * set, the staff CSV export is built by a job and the browser waits on a page for it, since a
   * request ends at the gateway's 30 seconds. Unset (the local host, tests), the export streams.
   */
  exportJobs?: ExportJobs;
  /** Postcode look-ups allowed per client per window (FixMyStreet caps them "for security and privacy"). */
  postcodeLookupLimit?: { max: number; windowSeconds: number };
  /** Cases residents may create from the pages per client (and per email address) per window. */
  caseCreationLimit?: { max: number; windowSeconds: number };
  /**
   * Where residents and staff reach this council, with its base path and no trailing slash:
   * `https://services.hackney.gov.uk` (its domain or API URL, from the stack) or
   * `http://localhost:3000/hackney`. Staff sign-in builds its redirect URI from it, never from the Host header.
   */
  publicBaseUrl?: string;
  /** The local host's embedded OpenID provider, for councils whose file says `provider: 'embedded'`. */
  embeddedOidcIssuer?: string;
}

/** Links within the council's pages, in the page's language. */
export interface Paths {
  /** A page of this council in the current language: href('/bins') → '/hackney/bins' or '/ceredigion/cy/bins'. */
  href(path: string): string;
  asset(file: string): string;
  /** This same page in another language. */
  inLanguage(lang: Language): string;
}

export interface AppVariables {
  council: CouncilConfig;
  deps: CouncilAppDeps;
  lang: Language;
  t: Translate;
  paths: Paths;
  log: Logger;
  csrfToken: string;
  requestId: string;
  secureHeadersNonce?: string;
  /** The pattern of the route that threw, when it belongs to a module loaded on demand (lazy-routes.ts); for the error log. */
  routePattern?: string;
}

export type AppEnv = { Variables: AppVariables };
export type AppContext = Context<AppEnv>;
