import type { CouncilConfig } from '../config/council-schema.ts';
import type { Language } from '../core/language.ts';
import type { ConfigInputOf, ConfigOf, MessageKeyOf, PlatformNeed, ServiceModule } from '../core/module.ts';
import type { EmailTemplate } from '../core/notifications/port.ts';
import { cy as commonCy } from '../../web/messages/cy.ts';
import { en as commonEn, type CommonMessageKey } from '../../web/messages/en.ts';
import type { StaffMessageKey } from '../staff/messages/en.ts';
import type { FormsOnDemandMessageKey } from './forms/messages/en.ts';
import { CATALOGUE } from '../core/message-catalogue.ts';
import { DATA_RIGHTS_EMAIL_TEMPLATES } from '../core/data-rights/email-templates.ts';
import { binsModule } from './bins/module.ts';
import { formsModule } from './forms/module.ts';
import { reportModule } from './report/module.ts';

/**
 * Every service module the platform has, one line each; a council switches one on with an entry
 * under `services` in its file. The council schema, the message catalogue, the email templates and
 * the resources the hosts and stacks provide are all built from this list.
 */
export const ALL_MODULES = [binsModule, reportModule, formsModule] as const;

type AnyModule = (typeof ALL_MODULES)[number];
export type ServiceId = AnyModule['id'];

/** The `services` section of a council file, as validated: each module's own config, when on. */
export type ServicesConfig = { [M in AnyModule as M['id']]?: ConfigOf<M> };
/** The `services` section as a council file writes it (defaults may be left out). */
export type ServicesInput = { [M in AnyModule as M['id']]?: ConfigInputOf<M> };

/** Every message key: the common catalogue's and each module's. */
export type MessageKey = CommonMessageKey | MessageKeyOf<AnyModule> | FormsOnDemandMessageKey | StaffMessageKey;

/**
 * The catalogue per language: common strings and every module's, and the strings of code loaded on
 * demand once it has loaded (the back office's, functions/staff/messages/register.ts; a form's pages',
 * functions/modules/forms/messages/register.ts): a resident's cold start need not read them.
 * Tests read every string through ALL_MESSAGES.
 */
export const MESSAGES = CATALOGUE as Record<Language, Record<MessageKey, string>>;
Object.assign(CATALOGUE.en, commonEn, ...ALL_MODULES.map((m) => m.messages.en));
Object.assign(CATALOGUE.cy, commonCy, ...ALL_MODULES.map((m) => m.messages.cy));

export { addMessages } from '../core/message-catalogue.ts';

/** Every module's email templates, by template name, and the residents' data pages' (text only: no page code loads). */
export const EMAIL_TEMPLATES: Record<string, EmailTemplate> = Object.assign({}, ...ALL_MODULES.map((m) => m.emailTemplates), DATA_RIGHTS_EMAIL_TEMPLATES);

export function enabledModules(council: CouncilConfig): ServiceModule[] {
  return ALL_MODULES.filter((m) => council.services[m.id] !== undefined) as ServiceModule[];
}

/**
 * What the council's enabled modules need from the platform, without their retention: what a host
 * asks at start-up (working out retention would resolve every adopted form on each cold start).
 */
export function platformNeedIds(council: CouncilConfig): Set<PlatformNeed> {
  return new Set(enabledModules(council).flatMap((m) => m.needs));
}

/** What the council's enabled modules need from the platform, and the longest any of them keeps data for. */
export function platformNeeds(council: CouncilConfig): Map<PlatformNeed, { retentionDays: number }> {
  const needs = new Map<PlatformNeed, { retentionDays: number }>();
  for (const m of enabledModules(council)) {
    for (const need of m.needs) {
      const days = Math.max(needs.get(need)?.retentionDays ?? 0, m.retentionDays(council));
      needs.set(need, { retentionDays: days });
    }
  }
  return needs;
}
