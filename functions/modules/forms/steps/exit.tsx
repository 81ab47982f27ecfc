import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { firstUnanswered } from '../definition/flow.ts';
import type { FormsJourney } from '../journey.tsx';

/** An exit page ("You cannot use this form"): shown only where the resident's answers lead. */
export function exitStep(journey: FormsJourney): Hono<AppEnv> {
  const { text, today, formOf, loadDraft, resumeHref, backFrom, formPage } = journey;
  const app = new Hono<AppEnv>();

  app.get('/:formId/d/:draftId/exit/:exitId', async (c) => {
    const form = formOf(c);
    const draft = await loadDraft(c, form);
    const next = firstUnanswered(form, draft.data, today());
    const exit = form.exits?.find((e) => e.id === c.req.param('exitId'));
    // Another exit, or none, is where these answers lead: go there instead.
    if (!exit || !('exit' in next) || next.exit !== exit.id) return c.redirect(resumeHref(c, form, draft), 303);
    const title = text(c, exit.title);
    return formPage(
      c,
      form,
      title,
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        {exit.body.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
      </>,
      { back: backFrom(c, form, draft, undefined) },
    );
  });

  return app;
}
