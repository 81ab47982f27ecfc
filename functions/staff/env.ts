import type { Hono } from 'hono';
import type { CouncilConfig } from '../config/council-schema.ts';
import type { AppVariables, CouncilAppDeps } from '../core/http/env.ts';
import type { MessageKey } from '../core/i18n.ts';
import type { Permission } from './auth/roles.ts';
import type { StaffMember } from './auth/sessions.ts';

export type { StaffMember } from './auth/sessions.ts';

/**
 * The staff app's context: the council app's, plus who is signed in. `c.get('staff')` is set by
 * `requirePermission(...)`, which every staff route names; it is undefined on the sign-in routes.
 */
export type StaffEnv = { Variables: AppVariables & { staff: StaffMember; staffSessionId: string; prefetched?: Map<string, Record<string, unknown>> } };

/**
 * A part of the back office (the queue, case pages, export, admin): its routes under `/staff<path>`
 * and, optionally, a link on the landing page for those holding its permission. Add one to
 * STAFF_SECTIONS in functions/staff/sections.ts.
 *
 * @example
 * export const casesSection: StaffSection = {
 *   path: '/cases',
 *   routes: (council, deps) => new Hono<StaffEnv>().get('/', requirePermission('case:read'), (c) => ...),
 *   nav: { labelKey: 'staff.cases.nav', permission: 'case:read' },
 * };
 */
export interface StaffSection {
  /** Where its routes go under /staff, e.g. '/cases'. */
  path: string;
  routes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv>;
  nav?: { labelKey: MessageKey; permission: Permission; href?: string };
}
