import { Hono, type Context } from 'hono';
import { CsrfField, ErrorSummary, Input, Radios, type Errors } from '../../../web/components.tsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { CouncilAppDeps } from '../../core/http/env.ts';
import { recordAudit } from '../../core/audit/audit-store.ts';
import { staffActor } from '../../core/cases/case-actions.ts';
import { requirePermission } from '../auth/guard.ts';
import type { StaffEnv, StaffSection } from '../env.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';
import { enabledModules } from '../../modules/index.ts';
import { renderStaff, StaffPage, staffHref } from '../pages/staff-page.tsx';
import { ASSISTED_CHANNELS, ASSISTED_SERVICES, endAssisted, readAssisted, startAssisted, type AssistedChannel, type AssistedMarker, type AssistedService } from './marker.ts';

/** The longest name an officer types for the resident. */
const MAX_RESIDENT_NAME = 100;

/** One thing an officer can start for a resident: a module's journey, or one of its services (a form). */
export interface AssistedChoice {
  /** The radio's value: the service id (`report`), or a form's path without its slash (`forms/dropped-kerb`). */
  value: string;
  service: AssistedService;
  /** Where the journey starts, under the council's path. */
  start: string;
  text: string;
}

/**
 * What the council runs that an officer can go through for a resident, in the page's language:
 * report and bins as one journey each; forms as each form the council adopts (its home page's
 * entries, titled as residents see them), so a duty officer takes a care request by phone through
 * the same form.
 *
 * @example
 * assistedChoices(council, t, 'en'); // [{ value: 'report', … }, { value: 'forms/care-needs-assessment', service: 'forms', start: '/forms/care-needs-assessment', text: 'Ask for a care needs assessment' }]
 */
export function assistedChoices(council: CouncilConfig, t: Translate, lang: Language): AssistedChoice[] {
  const modules = enabledModules(council);
  return (Object.keys(ASSISTED_SERVICES) as AssistedService[]).flatMap((service): AssistedChoice[] => {
    const module = modules.find((m) => m.id === service);
    if (!module) return [];
    if (module.homeEntries) {
      return module.homeEntries(council, t, lang).map((entry) => ({ value: entry.path.replace(/^\//, ''), service, start: entry.path, text: entry.name }));
    }
    return [{ value: service, service, start: ASSISTED_SERVICES[service], text: t(`staff.assisted.service.${service as 'report' | 'bins'}`) }];
  });
}

/**
 * Assisted digital: an officer on the phone or at the counter starts "make a report for a
 * resident", then goes through the same resident journey the resident would use. The journey's
 * submit step stamps the case with the channel and "made by <officer> for <resident>"; the resident
 * gets the same confirmation, at the email address the officer enters in the journey.
 */
export function assistedRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>({ strict: false });
  const choicesFor = (c: Context<StaffEnv>) => assistedChoices(council, c.get('t'), c.get('lang'));

  async function startPage(c: Context<StaffEnv>, values: Record<string, string> = {}, errors: Errors = {}) {
    const t = c.get('t');
    const prefix = t('common.errorPrefix');
    const services = choicesFor(c);
    const current = await readAssisted(deps.store, c.get('staffSessionId'), deps.clock());
    // What the officer started, named as the choice was (a form by its title); a form gone since, by its path.
    const currentService = current && (services.find((s) => s.start === (current.start ?? ASSISTED_SERVICES[current.service]))?.text ?? current.start ?? current.service);
    const hasErrors = Object.keys(errors).length > 0;
    const title = t('staff.assisted.title');
    const stopped = c.req.query('stopped') !== undefined;
    return renderStaff(
      c,
      <StaffPage c={c} title={hasErrors ? `${prefix}: ${title}` : title}>
        {hasErrors && <ErrorSummary title={t('common.errorSummaryTitle')} errors={errors} />}
        {stopped && (
          <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="stopped-title" data-module="govuk-notification-banner">
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="stopped-title">
                {t('staff.case.done.title')}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{t('staff.assisted.stopped')}</p>
            </div>
          </div>
        )}
        <span class="govuk-caption-l">{t('staff.caption')}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body">{t('staff.assisted.lead')}</p>
        {current && (
          <div class="govuk-inset-text" data-testid="assisting">
            <p class="govuk-body">{t('staff.assisted.current', { resident: current.forResident, channel: t(`staff.channel.${current.channel}`), service: currentService ?? current.service })}</p>
            <form method="post" action={staffHref(c, '/assisted/stop')}>
              <CsrfField token={c.get('csrfToken')} />
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                {t('staff.assisted.stop')}
              </button>
            </form>
          </div>
        )}
        {services.length === 0 ? (
          <p class="govuk-body">{t('staff.assisted.noServices')}</p>
        ) : (
          <form method="post" action={staffHref(c, '/assisted')} novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <Radios id="service" name="service" legend={t('staff.assisted.serviceLegend')} error={errors.service} errorPrefix={prefix} value={values.service} items={services.map((s) => ({ value: s.value, text: s.text }))} />
            <Radios id="channel" name="channel" legend={t('staff.assisted.channelLegend')} error={errors.channel} errorPrefix={prefix} value={values.channel} items={ASSISTED_CHANNELS.map((ch) => ({ value: ch, text: t(`staff.channel.${ch}`) }))} />
            <Input id="resident" name="resident" label={t('staff.assisted.resident')} hint={t('staff.assisted.residentHint')} error={errors.resident} errorPrefix={prefix} value={values.resident} autocomplete="off" />
            <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              {t('staff.assisted.button')}
            </button>
          </form>
        )}
      </StaffPage>,
      hasErrors ? 400 : 200,
    );
  }

  app.get('/', requirePermission('case:assisted'), (c) => startPage(c));

  app.post('/', requirePermission('case:assisted'), async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const values = { service: text('service'), channel: text('channel'), resident: text('resident') };
    const errors: Errors = {};
    const choice = choicesFor(c).find((s) => s.value === values.service);
    if (!choice) errors.service = t('staff.assisted.errorService');
    if (!(ASSISTED_CHANNELS as readonly string[]).includes(values.channel)) errors.channel = t('staff.assisted.errorChannel');
    if (!values.resident) errors.resident = t('staff.assisted.errorResident');
    else if (values.resident.length > MAX_RESIDENT_NAME) errors.resident = t('staff.assisted.errorResidentLong', { max: MAX_RESIDENT_NAME });
    if (Object.keys(errors).length > 0) return startPage(c, values, errors);
    const staff = c.get('staff');
    const now = deps.clock();
    const marker: AssistedMarker = {
      sub: staff.sub,
      name: staff.name,
      service: choice!.service,
      start: choice!.start,
      channel: values.channel as AssistedChannel,
      forResident: values.resident,
      startedAt: now.toISOString(),
    };
    await startAssisted(deps.store, c.get('staffSessionId'), marker, now);
    await recordAudit(deps.store, { who: staffActor(staff), action: 'assisted-started', detail: `${choice!.value}, ${marker.channel}`, at: now.toISOString() });
    // Into the resident journey (a form's start page), in the language of the page the officer is on.
    return c.redirect(c.get('paths').href(choice!.start), 303);
  });

  app.post('/stop', requirePermission('case:assisted'), async (c) => {
    await endAssisted(deps.store, c.get('staffSessionId'));
    return c.redirect(`${staffHref(c, '/assisted')}?stopped`, 303);
  });

  return app;
}

export const assistedSection: StaffSection = {
  path: '/assisted',
  routes: assistedRoutes,
  nav: { labelKey: 'staff.assisted.nav', permission: 'case:assisted' },
};
