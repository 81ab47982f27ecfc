import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { getCase } from '../../../core/cases/case-store.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import { httpErrors } from '../../../core/http/errors.ts';
import { Panel } from '../../../../web/components.tsx';
import { SERVICE, type FormsJourney } from '../journey.tsx';

/** The confirmation: the reference, what happens next and when. */
export function confirmationStep(journey: FormsJourney): Hono<AppEnv> {
  const { deps, text, formOf, formPage } = journey;
  const app = new Hono<AppEnv>();

  app.get('/:formId/done/:reference', async (c) => {
    const t = c.get('t');
    const form = formOf(c);
    const reference = normaliseReference(c.req.param('reference'));
    const found = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || found.service !== SERVICE || found.type !== form.id) throw httpErrors.notFound('Unknown form case');
    const title = t('forms.journey.done.title');
    return formPage(
      c,
      form,
      title,
      <>
        <Panel title={title}>
          {t('common.confirmation.reference')}
          <br />
          <strong>{found.reference}</strong>
        </Panel>
        <p class="govuk-body">{t(found.details.email ? 'forms.journey.done.emailSent' : 'forms.journey.done.noEmail')}</p>
        <h2 class="govuk-heading-m">{t('common.confirmation.nextHeading')}</h2>
        {form.confirmation.whatHappensNext.map((p) => (
          <p class="govuk-body">{text(c, p)}</p>
        ))}
        {form.confirmation.responseTime && <p class="govuk-body">{text(c, form.confirmation.responseTime)}</p>}
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/')}>
            {t('forms.journey.done.home')}
          </a>
        </p>
      </>,
      { caption: false },
    );
  });

  return app;
}
