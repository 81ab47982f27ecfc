import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Radios } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

/** Which problem? The category within the group. */
export function categoryStep(journey: ReportJourney): Hono<AppEnv> {
  const { config, text, loadDraft, saveAndGo, form, one, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 2. Which problem? (the category)
  function categoryPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    const group = config.groups.find((g) => g.id === draft.data.group) ?? config.groups[0];
    return stepPage(
      c,
      draft,
      t('report.category.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios
          id="category"
          name="category"
          legend={t('report.category.title')}
          isPageHeading
          hint={text(c, group.name)}
          error={error}
          errorPrefix={t('common.errorPrefix')}
          value={draft.data.category}
          items={group.categories.map((k) => ({ value: k.code, text: text(c, k.name), hint: text(c, k.description) }))}
        />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { category: error } : {}, back: c.get('paths').href('/report') },
    );
  }

  app.get('/d/:id/category', async (c) => categoryPage(c, await loadDraft(c)));
  app.post('/d/:id/category', async (c) => {
    const draft = await loadDraft(c);
    const code = one((await form(c)).category);
    const group = config.groups.find((g) => g.id === draft.data.group);
    const category = group?.categories.find((k) => k.code === code);
    if (!category) return categoryPage(c, draft, c.get('t')('report.category.errorRequired'));
    if (draft.data.category !== category.code) {
      // Another category asks other questions and may need its notice read.
      draft.data = { ...draft.data, category: category.code, attributes: undefined, noticeSeen: undefined };
    }
    return saveAndGo(c, draft);
  });

  return app;
}
