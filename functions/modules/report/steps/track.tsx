import { Hono } from 'hono';
import type { AppEnv } from '../../../core/http/env.ts';
import type { StoredCase } from '../../../core/cases/case-store.ts';
import { stateLabel, type CaseState } from '../../../core/cases/lifecycle.ts';
import { normaliseReference } from '../../../core/cases/reference.ts';
import { formatDate } from '../../../core/i18n.ts';
import { Button, Input, SummaryList } from '../../../../web/components.tsx';
import { Page, render } from '../../../../web/layout.tsx';
import { type ReportJourney, SERVICE } from '../journey.tsx';

/** Tracking a report by its reference. */
export function trackPage(journey: ReportJourney): Hono<AppEnv> {
  const { council, deps, categories, text } = journey;
  const app = new Hono<AppEnv>();

  // Track a report: status and public updates only, never personal data.
  app.get('/track', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const typed = (c.req.query('reference') ?? '').slice(0, 30);
    const submitted = c.req.query('reference') !== undefined;
    let error: string | undefined;
    let found: StoredCase | undefined;
    // The state each of its updates stands for, newest first.
    let updates: { update: StoredCase['updates'][number]; state: CaseState }[] = [];
    if (submitted) {
      const reference = normaliseReference(typed);
      if (!typed.trim()) error = t('report.track.errorRequired');
      else if (!reference) error = t('report.track.errorFormat');
      else {
        // The case store loads with the first report looked up, not on a report page's cold start.
        const cases = await import('../../../core/cases/case-store.ts');
        found = await cases.getCase(deps.store, reference, deps.clock());
        updates = (found?.updates ?? []).map((update) => ({ update, state: cases.stateOfUpdate(update) })).reverse();
        if (!found || found.service !== SERVICE) {
          found = undefined;
          error = t('report.track.errorNotFound', { reference });
        }
      }
    }
    const category = found ? categories.get(found.type)?.category : undefined;
    return render(
      c,
      <Page c={c} title={t('report.track.title')} errors={error ? { reference: error } : {}} backLink={c.get('paths').href('/report')}>
        <form method="get" action={c.get('paths').href('/report/track')} novalidate>
          <Input id="reference" name="reference" label={t('report.track.title')} isPageHeading hint={t('report.track.hint')} error={error} errorPrefix={t('common.errorPrefix')} value={typed} spellcheck={false} classes="govuk-input--width-10" />
          <Button text={t('report.track.button')} />
        </form>
        {found && (
          <>
            <h2 class="govuk-heading-m">{t('report.track.resultHeading', { reference: found.reference })}</h2>
            <SummaryList
              rows={[
                { key: t('report.check.problem'), value: category ? text(c, category.name) : found.type },
                {
                  key: t('report.track.status'),
                  // The case's state as the council names it; the colour says open or closed.
                  value: <strong class={found.status === 'closed' ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue'}>{stateLabel(council, found.state, lang, found)}</strong>,
                },
                { key: t('report.track.reported'), value: formatDate(found.createdAt.slice(0, 10), lang) },
              ]}
            />
            <h3 class="govuk-heading-s">{t('report.track.updatesHeading')}</h3>
            {found.updates.length === 0 ? (
              <p class="govuk-body">{t('report.track.noUpdates')}</p>
            ) : (
              <ol class="govuk-list">
                {updates.map(({ update: u, state }) => (
                  <li>
                    <p class="govuk-body govuk-!-margin-bottom-1">
                      <strong>{formatDate(u.createdAt.slice(0, 10), lang)}</strong> – {stateLabel(council, state, lang, found)}
                    </p>
                    <p class="govuk-body">{u.description}</p>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Page>,
      error ? (found === undefined && submitted && normaliseReference(typed) ? 404 : 400) : 200,
    );
  });

  return app;
}
