import { Hono } from 'hono';
import type { AppEnv, AppContext } from '../../../core/http/env.ts';
import { isEmailAddress } from '../../../core/email-address.ts';
import type { Draft } from '../../../core/drafts/draft-store.ts';
import { Button, CsrfField, Input, type Errors } from '../../../../web/components.tsx';
import { type ReportJourney, type ReportDraft } from '../journey.tsx';

const PHONE = /^[0-9 +()-]{10,20}$/;

/** Contact details. */
export function contactStep(journey: ReportJourney): Hono<AppEnv> {
  const { stepHref, loadDraft, saveAndGo, form, one, stepPage } = journey;
  const app = new Hono<AppEnv>();

  // 8. Contact details (GOV.UK patterns: name, email, phone)
  function contactPage(c: AppContext, draft: Draft<ReportDraft>, values: { name: string; email: string; phone: string }, errors: Errors = {}) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.contact.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.contact.title')}</h1>
        <p class="govuk-body">{t('report.contact.intro')}</p>
        <Input id="name" name="name" label={t('report.contact.name')} error={errors.name} errorPrefix={t('common.errorPrefix')} value={values.name} autocomplete="name" spellcheck={false} />
        <Input id="email" name="email" type="email" label={t('common.email.label')} hint={t('report.contact.emailHint')} error={errors.email} errorPrefix={t('common.errorPrefix')} value={values.email} autocomplete="email" spellcheck={false} />
        <Input id="phone" name="phone" type="tel" label={`${t('report.contact.phone')} ${t('common.optional')}`} hint={t('report.contact.phoneHint')} error={errors.phone} errorPrefix={t('common.errorPrefix')} value={values.phone} autocomplete="tel" classes="govuk-input--width-20" />
        <Button text={t('common.continue')} />
      </form>,
      { errors, back: stepHref(c, draft, 'photo') },
    );
  }

  app.get('/d/:id/contact', async (c) => {
    const draft = await loadDraft(c);
    const v = draft.data.contact;
    return contactPage(c, draft, { name: v?.name ?? '', email: v?.email ?? '', phone: v?.phone ?? '' });
  });
  app.post('/d/:id/contact', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const body = await form(c);
    const values = { name: one(body.name).slice(0, 200), email: one(body.email).slice(0, 300), phone: one(body.phone).slice(0, 40) };
    const errors: Errors = {};
    if (!values.name) errors.name = t('report.contact.errorName');
    if (!values.email) errors.email = t('common.email.errorRequired');
    else if (!isEmailAddress(values.email)) errors.email = t('common.email.errorInvalid');
    if (values.phone && !PHONE.test(values.phone)) errors.phone = t('report.contact.errorPhone');
    if (Object.keys(errors).length > 0) return contactPage(c, draft, values, errors);
    draft.data.contact = { name: values.name, email: values.email, ...(values.phone && { phone: values.phone }) };
    return saveAndGo(c, draft);
  });

  return app;
}
