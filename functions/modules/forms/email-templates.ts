import type { EmailTemplate } from '../../core/notifications/port.ts';

/** The forms module's emails (placeholder until the journey and outputs add theirs). */
export const formsEmailTemplates: Record<string, EmailTemplate> = {};
