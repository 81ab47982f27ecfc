import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { Button, CsrfField, WarningText } from '../../../../web/components.tsx';
import { type ReportJourney } from '../journey.tsx';

/** The category's notice, e.g. "If this is dangerous, call …". */
export function noticeStep(journey: ReportJourney): Hono<AppEnv> {
  const { text, stepHref, categoryOf, nextStep, loadDraft, saveAndGo, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 3. The category's notice, e.g. "If this is dangerous, call …"
  app.get('/d/:id/notice', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const category = categoryOf(draft.data);
    if (!category?.notice) return c.redirect(stepHref(c, draft, nextStep(draft.data)), 303);
    return stepPage(
      c,
      draft,
      text(c, category.name),
      <>
        <h1 class="govuk-heading-l">{text(c, category.name)}</h1>
        <WarningText iconFallback={t('report.notice.warning')}>{text(c, category.notice)}</WarningText>
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Button text={t('common.continue')} />
        </form>
      </>,
      { back: stepHref(c, draft, 'category') },
    );
  });
  app.post('/d/:id/notice', async (c) => {
    const draft = await loadDraft(c);
    draft.data.noticeSeen = true;
    return saveAndGo(c, draft);
  });

  return app;
}
