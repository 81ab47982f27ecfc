import { addressLine, type Property } from '../../../core/address/address-lookup.ts';
import type { AppContext } from '../../../core/http/env.ts';
import { formatDate } from '../../../core/i18n.ts';
import { localise } from '../../../core/localised-text.ts';
import { Page, render } from '../../../../web/layout.tsx';
import { nextCollection, reportEligibility } from '../collections.ts';
import type { Container } from '../config.ts';
import type { ScheduledCollection } from '../schedule.ts';
import type { BinsJourney } from '../journey.ts';

/** Says plainly why a report cannot be made now. */
export function notAllowedPage(journey: BinsJourney, c: AppContext, property: Property, containerId: string, container: Container | undefined) {
  const { council, bins, today, councilName } = journey;
  const t = c.get('t');
  const lang = c.get('lang');
  const paths = c.get('paths');
  const now = today();
  const contact = t('bins.report.notAllowed.contact', { council: councilName(c), phone: council.contact.phone });
  let reason: string;
  let next: ScheduledCollection | undefined;
  if (!container) {
    const known = bins.containers.find((k) => k.id === containerId);
    reason = t('bins.report.notAllowed.notAContainer', { container: known ? localise(known.name, lang) : containerId });
  } else {
    const eligibility = reportEligibility(council, bins, property, container.id, now);
    const name = localise(container.name, lang);
    next = nextCollection(council, bins, property, container.id, now);
    if (eligibility.allowed) throw new Error('notAllowedPage called for an allowed report');
    if (eligibility.reason === 'window-closed') {
      reason = t('bins.report.notAllowed.closed', {
        container: name,
        date: formatDate(eligibility.lastCollection.date, lang),
        deadline: formatDate(eligibility.deadline, lang),
      });
    } else if (eligibility.nextCollection) {
      const deadline = reportEligibility(council, bins, property, container.id, eligibility.nextCollection.date);
      reason = t('bins.report.notAllowed.notYet', {
        container: name,
        date: formatDate(eligibility.nextCollection.date, lang),
        deadline: formatDate(deadline.allowed ? deadline.deadline : eligibility.nextCollection.date, lang),
      });
      next = undefined;
    } else {
      reason = t('bins.report.notAllowed.notYetNoDate', { container: name });
    }
  }
  return render(
    c,
    <Page c={c} title={t('bins.report.notAllowed.title')} backLink={paths.href(`/bins/property/${property.uprn}/report`)}>
      <span class="govuk-caption-l">{addressLine(property)}</span>
      <h1 class="govuk-heading-l">{t('bins.report.notAllowed.title')}</h1>
      <p class="govuk-body">{reason}</p>
      {next && <p class="govuk-body">{t('bins.report.notAllowed.next', { date: formatDate(next.date, lang) })}</p>}
      <p class="govuk-body">{contact}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={paths.href(`/bins/property/${property.uprn}`)}>
          {t('bins.report.notAllowed.backToBins')}
        </a>
      </p>
    </Page>,
    // The request is understood, but the report cannot be made now.
    422,
  );
}
