import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import { Page, render } from '../../../../web/layout.tsx';
import { adoptedForms } from '../definition/resolve.ts';
import type { FormsJourney } from '../journey.tsx';

/**
 * The council's forms at /forms: every form it adopts, by its title and summary, each linking to
 * its start page (GOV.UK's list of links). Where an officer lands to choose a form for a resident,
 * and where a resident who has lost a form's address finds it again.
 */
export function indexStep(journey: FormsJourney): Hono<AppEnv> {
  const { council, text } = journey;
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const t = c.get('t');
    const title = t('forms.journey.index.title');
    const forms = adoptedForms(council);
    return render(
      c,
      <Page c={c} title={title} backLink={c.get('paths').href('/')}>
        <h1 class="govuk-heading-l">{title}</h1>
        {forms.length === 0 ? (
          <p class="govuk-body">{t('forms.journey.index.none')}</p>
        ) : (
          <>
            <p class="govuk-body">{t('forms.journey.index.lead')}</p>
            <ul class="govuk-list" data-testid="forms">
              {forms.map((form) => (
                <li>
                  <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={c.get('paths').href(`/forms/${form.id}`)}>
                      {text(c, form.title)}
                    </a>
                  </h2>
                  <p class="govuk-body">{text(c, form.summary)}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </Page>,
    );
  });

  return app;
}
