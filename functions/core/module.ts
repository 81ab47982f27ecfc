import type { Hono } from 'hono';
import type { CouncilConfig, ServiceId } from '../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from './http/env.ts';
import type { Translate } from './i18n.ts';
import type { EmailTemplate } from './notifications/port.ts';

/** One line of a council's privacy notice, for one service. */
export interface PrivacyEntry {
  collects: string;
  why: string;
  /** How long it is kept; undefined when nothing is stored. */
  retentionDays?: number;
}

/**
 * A service module: a folder that exports one of these. It is mounted at `/<id>` for every council
 * whose file has `services.<id>`; it imports the platform core, never another module.
 */
export interface ServiceModule {
  id: ServiceId;
  routes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv>;
  /** Shown on the council's home page. */
  describe(t: Translate): { name: string; description: string };
  privacy(council: CouncilConfig, t: Translate): PrivacyEntry[];
  /** The emails this module sends, as their text; the outbox renders these, Notify holds copies. */
  emailTemplates: Record<string, EmailTemplate>;
  /**
   * Machine APIs the module serves (e.g. Open311 at /open311/v2): mounted once, outside the
   * language prefix, without the CSRF check that protects forms (they authenticate with API keys).
   */
  apis?: { path: string; routes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> }[];
}
