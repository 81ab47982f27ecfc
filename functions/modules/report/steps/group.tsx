import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import { createDraft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Radios } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft, SERVICE } from '../journey.tsx';

/** What is it about? The category group, which starts a draft. */
export function groupStep(journey: ReportJourney): Hono<AppEnv> {
  const { deps, config, text, stepHref, nextStep, form, one, stepPage, owner } = journey;
  const app = new Hono<AppEnv>();

  // 1. What is it about? (the category group)
  function groupPage(c: AppContext, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      undefined,
      t('report.group.title'),
      <form method="post" action={c.get('paths').href('/report')} novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios
          id="group"
          name="group"
          legend={t('report.group.title')}
          isPageHeading
          hint={t('report.group.hint')}
          error={error}
          errorPrefix={t('common.errorPrefix')}
          items={config.groups.map((g) => ({ value: g.id, text: text(c, g.name), hint: g.categories.map((k) => text(c, k.name)).join(', ') }))}
        />
        <Button text={t('common.continue')} />
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/report/track')}>
            {t('report.track.link')}
          </a>
        </p>
      </form>,
      { errors: error ? { group: error } : {} },
    );
  }

  app.get('/', (c) => groupPage(c));

  app.post('/', async (c) => {
    const chosen = one((await form(c)).group);
    const group = config.groups.find((g) => g.id === chosen);
    if (!group) return groupPage(c, c.get('t')('report.group.errorRequired'));
    const data: ReportDraft = { group: group.id };
    // A group with one category needs no second question.
    if (group.categories.length === 1) data.category = group.categories[0].code;
    const draft = await createDraft<ReportDraft>(deps.store, SERVICE, owner(c, { create: true }), data, deps.clock());
    return c.redirect(stepHref(c, draft, nextStep(draft.data)), 303);
  });

  return app;
}
