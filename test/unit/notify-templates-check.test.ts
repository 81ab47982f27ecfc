import { describe, expect, it } from 'vitest';
import type { CouncilConfig } from '../../functions/config/council-schema.ts';
import { notifyTemplateProblems } from '../../functions/config/notify-templates-check.ts';
import { council } from '../support/harness.ts';

describe('the Notify readiness check for Your requests and your data', () => {
  it('asks a council on GOV.UK Notify for the data rights emails’ ids, and a Welsh one where it is bilingual', async () => {
    const ceredigion = await council('ceredigion');
    expect(notifyTemplateProblems(ceredigion)).toEqual([]);
    const notify = ceredigion.notifications as { provider: 'govuk-notify'; templates: Record<string, { en: string; cy?: string }> };
    const { 'data-rights-code': _code, ...others } = notify.templates;
    const withoutCode = { ...ceredigion, notifications: { ...notify, templates: others } } as CouncilConfig;
    expect(notifyTemplateProblems(withoutCode).map((p) => p.path)).toEqual(['notifications.templates.data-rights-code']);
    const englishOnly = { ...notify.templates, 'data-rights-refused': { en: notify.templates['data-rights-refused'].en } };
    const withoutWelsh = { ...ceredigion, notifications: { ...notify, templates: englishOnly } } as CouncilConfig;
    expect(notifyTemplateProblems(withoutWelsh).map((p) => p.path)).toEqual(['notifications.templates.data-rights-refused.cy']);
  });
});
