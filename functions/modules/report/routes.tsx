import { Hono } from 'hono';
import { isEmailAddress } from '../../core/email-address.ts';
import type { Child } from 'hono/jsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { addressLine, createAddressLookup, normalisePostcode, type Property } from '../../core/address/address-lookup.ts';
import { getCase } from '../../core/cases/case-store.ts';
import { normaliseReference } from '../../core/cases/reference.ts';
import { createDraft, draftOwner, getDraft, saveDraft, type Draft } from '../../core/drafts/draft-store.ts';
import type { AppContext, AppEnv, CouncilAppDeps } from '../../core/http/env.ts';
import { HttpError } from '../../core/http/errors.ts';
import { formatDate } from '../../core/i18n.ts';
import { localise, type LocalisedText } from '../../core/localised-text.ts';
import { deliverCaseNotification } from '../../core/notifications/delivery.ts';
import { PHOTO_ID_PATTERN } from '../../core/photos/port.ts';
import { StoreUnavailableError } from '../../core/store/store.ts';
import { Button, Checkboxes, CsrfField, Input, InsetText, Panel, Radios, SummaryList, Textarea, WarningText, type Errors } from '../../../web/components.tsx';
import { Page, render } from '../../../web/layout.tsx';
import type { MessageKey } from '../../../web/messages/en.ts';
import type { Category, ReportConfig } from './config.ts';
import {
  categoriesByCode,
  checkAttributes,
  checkPoint,
  createProblemReport,
  keepAnswers,
  MAX_DESCRIPTION_LENGTH,
  neighbourForPostcode,
  type AttributeAnswers,
  type AttributeProblem,
} from './reports.ts';

const SERVICE = 'report';
const PHONE = /^[0-9 +()-]{10,20}$/;

/** A resident's answers while they report a problem, kept in a draft. */
export interface ReportDraft {
  group?: string;
  category?: string;
  noticeSeen?: boolean;
  attributes?: AttributeAnswers;
  locationMethod?: 'postcode' | 'street' | 'coordinates';
  postcode?: string;
  streetSearch?: string;
  location?: { lat: number; long: number; address?: string; addressId?: string };
  description?: string;
  /** Photo ids; empty once the resident chose to go on without one. */
  photos?: string[];
  contact?: { name: string; email: string; phone?: string };
}

type Step =
  | 'category'
  | 'notice'
  | 'questions'
  | 'location'
  | 'postcode'
  | 'address'
  | 'street'
  | 'coordinates'
  | 'description'
  | 'photo'
  | 'contact'
  | 'check';

const ATTRIBUTE_MESSAGES: Record<AttributeProblem, MessageKey> = {
  required: 'report.questions.errorRequired',
  'not-a-number': 'report.questions.errorNumber',
  'not-an-option': 'report.questions.errorOption',
  'too-long': 'report.questions.errorTooLong',
};

/** The report-a-problem journey, and tracking a report by its reference. */
export function reportRoutes(council: CouncilConfig, deps: CouncilAppDeps): Hono<AppEnv> {
  const config = council.services.report as ReportConfig;
  const categories = categoriesByCode(config);
  const addresses = createAddressLookup(council);
  const examplePostcode = council.addresses?.provider === 'gazetteer' ? council.addresses.properties[0].postcode : 'SW1A 2AA';
  const app = new Hono<AppEnv>();

  const text = (c: AppContext, t: LocalisedText) => localise(t, c.get('lang'));
  const owner = (c: AppContext) => draftOwner(c.get('csrfToken'));
  const stepHref = (c: AppContext, draft: Draft<ReportDraft>, step: Step | string) => c.get('paths').href(`/report/d/${draft.id}/${step}`);
  const categoryOf = (draft: ReportDraft): Category | undefined => (draft.category ? categories.get(draft.category)?.category : undefined);

  /** The first step still to answer; the check page once everything is answered. */
  function nextStep(d: ReportDraft): Step {
    const category = categoryOf(d);
    if (!category) return 'category';
    if (category.notice && !d.noticeSeen) return 'notice';
    if (category.questions.length > 0 && !d.attributes) return 'questions';
    if (!d.location) return d.locationMethod === 'postcode' && d.postcode ? 'address' : d.locationMethod === 'street' && d.streetSearch ? 'street' : d.locationMethod ?? 'location';
    if (!d.description) return 'description';
    if (!d.photos) return 'photo';
    if (!d.contact) return 'contact';
    return 'check';
  }

  /** The last step before the location questions, for the back link. */
  function stepBeforeLocation(d: ReportDraft): Step {
    const category = categoryOf(d);
    if (category?.questions.length) return 'questions';
    return category?.notice ? 'notice' : 'category';
  }

  async function loadDraft(c: AppContext): Promise<Draft<ReportDraft>> {
    const draft = await getDraft<ReportDraft>(deps.store, c.req.param('id') ?? '', SERVICE, owner(c), deps.clock());
    if (!draft) throw new HttpError(404, 'No such draft', 'report.expired');
    return draft;
  }

  async function saveAndGo(c: AppContext, draft: Draft<ReportDraft>, step?: Step) {
    if (!(await saveDraft(deps.store, draft, owner(c), deps.clock()))) throw new HttpError(404, 'Draft gone', 'report.expired');
    return c.redirect(stepHref(c, draft, step ?? nextStep(draft.data)), 303);
  }

  async function form(c: AppContext): Promise<Record<string, string | string[]>> {
    const body = await c.req.parseBody({ all: true });
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
    return out;
  }
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();

  // Step pages share a frame: caption, back link, errors and the CSRF field.
  function stepPage(c: AppContext, draft: Draft<ReportDraft> | undefined, title: string, body: Child, options: { errors?: Errors; back?: string; status?: 200 | 400 | 503 } = {}) {
    const t = c.get('t');
    return render(
      c,
      <Page c={c} title={title} errors={options.errors} backLink={options.back ?? (draft ? undefined : c.get('paths').href('/'))}>
        <span class="govuk-caption-l">{t('report.serviceName')}</span>
        {body}
      </Page>,
      options.status ?? (options.errors && Object.keys(options.errors).length > 0 ? 400 : 200),
    );
  }

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

  // The answers so far live in the draft, in the store: when it cannot be reached, say they are safe.
  app.use('/d/*', async (c, next) => {
    await next();
    if (!(c.error instanceof StoreUnavailableError)) return;
    c.get('log').error('store unavailable during a report', { module: SERVICE });
    const t = c.get('t');
    c.res = await render(
      c,
      <Page c={c} title={t('error.unavailable.title')}>
        <h1 class="govuk-heading-l">{t('error.unavailable.title')}</h1>
        <p class="govuk-body">{t('report.unavailable')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href(c.req.path.replace(/^\/cy(?=\/)/, ''))}>
            {t('report.tryAgain')}
          </a>
        </p>
      </Page>,
      503,
    );
  });

  app.post('/', async (c) => {
    const chosen = one((await form(c)).group);
    const group = config.groups.find((g) => g.id === chosen);
    if (!group) return groupPage(c, c.get('t')('report.group.errorRequired'));
    const data: ReportDraft = { group: group.id };
    // A group with one category needs no second question.
    if (group.categories.length === 1) data.category = group.categories[0].code;
    const draft = await createDraft<ReportDraft>(deps.store, SERVICE, owner(c), data, deps.clock());
    return c.redirect(stepHref(c, draft, nextStep(draft.data)), 303);
  });

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

  // 4. The category's questions
  function questionsPage(c: AppContext, draft: Draft<ReportDraft>, category: Category, answers: AttributeAnswers, errors: Errors = {}) {
    const t = c.get('t');
    const optional = (required: boolean) => (required ? '' : ` ${t('common.optional')}`);
    return stepPage(
      c,
      draft,
      t('report.questions.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.questions.title')}</h1>
        <p class="govuk-body">{text(c, category.name)}</p>
        {category.questions.map((q) => {
          const id = `attribute-${q.code}`;
          const common = { id, error: errors[id], errorPrefix: t('common.errorPrefix'), hint: q.hint ? text(c, q.hint) : undefined };
          const value = answers[q.code];
          if (q.type === 'singlevaluelist') {
            return (
              <Radios {...common} name={id} legend={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : undefined} items={q.options!.map((o) => ({ value: o.key, text: text(c, o.name) }))} />
            );
          }
          if (q.type === 'multivaluelist') {
            return (
              <Checkboxes {...common} name={id} legend={`${text(c, q.question)}${optional(q.required)}`} values={Array.isArray(value) ? value : value ? [value] : []} items={q.options!.map((o) => ({ value: o.key, text: text(c, o.name) }))} />
            );
          }
          if (q.type === 'text') return <Textarea {...common} name={id} label={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : ''} rows={3} />;
          return (
            <Input {...common} name={id} label={`${text(c, q.question)}${optional(q.required)}`} value={typeof value === 'string' ? value : ''} inputmode={q.type === 'number' ? 'numeric' : undefined} classes={q.type === 'number' ? 'govuk-input--width-5' : undefined} />
          );
        })}
        <Button text={t('common.continue')} />
      </form>,
      { errors, back: stepHref(c, draft, category.notice ? 'notice' : 'category') },
    );
  }

  app.get('/d/:id/questions', async (c) => {
    const draft = await loadDraft(c);
    const category = categoryOf(draft.data);
    if (!category) return c.redirect(stepHref(c, draft, 'category'), 303);
    return questionsPage(c, draft, category, draft.data.attributes ?? {});
  });
  app.post('/d/:id/questions', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const category = categoryOf(draft.data);
    if (!category) return c.redirect(stepHref(c, draft, 'category'), 303);
    const body = await form(c);
    const raw: AttributeAnswers = {};
    for (const q of category.questions) {
      const v = body[`attribute-${q.code}`];
      if (v !== undefined) raw[q.code] = v;
    }
    const problems = checkAttributes(category, raw);
    if (Object.keys(problems).length > 0) {
      const errors: Errors = {};
      for (const q of category.questions) if (problems[q.code]) errors[`attribute-${q.code}`] = t(ATTRIBUTE_MESSAGES[problems[q.code]], { question: text(c, q.question) });
      return questionsPage(c, draft, category, raw, errors);
    }
    draft.data.attributes = keepAnswers(category, raw);
    return saveAndGo(c, draft);
  });

  // 5. Where is it? How the resident will say.
  function locationPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.location.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios
          id="method"
          name="method"
          legend={t('report.location.title')}
          isPageHeading
          error={error}
          errorPrefix={t('common.errorPrefix')}
          value={draft.data.locationMethod}
          items={[
            { value: 'postcode', text: t('report.location.byPostcode'), hint: t('report.location.byPostcodeHint') },
            { value: 'street', text: t('report.location.byStreet'), hint: t('report.location.byStreetHint') },
            { value: 'coordinates', text: t('report.location.byCoordinates'), hint: t('report.location.byCoordinatesHint') },
          ]}
        />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { method: error } : {}, back: stepHref(c, draft, stepBeforeLocation(draft.data)) },
    );
  }

  app.get('/d/:id/location', async (c) => locationPage(c, await loadDraft(c)));
  app.post('/d/:id/location', async (c) => {
    const draft = await loadDraft(c);
    const method = one((await form(c)).method);
    if (method !== 'postcode' && method !== 'street' && method !== 'coordinates') return locationPage(c, draft, c.get('t')('report.location.errorRequired'));
    draft.data = { ...draft.data, locationMethod: method, location: undefined, postcode: undefined, streetSearch: undefined };
    return saveAndGo(c, draft, method);
  });

  /** "This is in X's area: report it to them" — or, when we do not know whose, a plain refusal. */
  function outOfArea(c: AppContext, neighbour: ReportConfig['neighbours'][number] | undefined): string {
    const t = c.get('t');
    return neighbour
      ? t('report.location.errorNeighbour', { council: text(c, neighbour.name), website: neighbour.website })
      : t('report.location.errorOutside', { council: text(c, council.name) });
  }

  // 5a. By postcode, then the address
  function postcodePage(c: AppContext, draft: Draft<ReportDraft>, value: string, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.postcode.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Input id="postcode" name="postcode" label={t('report.postcode.title')} isPageHeading hint={t('bins.postcode.hint', { example: examplePostcode })} error={error} errorPrefix={t('common.errorPrefix')} value={value} autocomplete="postal-code" spellcheck={false} classes="govuk-input--width-10" />
        <Button text={t('bins.postcode.button')} />
      </form>,
      { errors: error ? { postcode: error } : {}, back: stepHref(c, draft, 'location') },
    );
  }

  app.get('/d/:id/postcode', async (c) => {
    const draft = await loadDraft(c);
    return postcodePage(c, draft, draft.data.postcode ?? '');
  });
  app.post('/d/:id/postcode', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const typed = one((await form(c)).postcode).slice(0, 20);
    if (!typed) return postcodePage(c, draft, typed, t('bins.postcode.errorRequired'));
    const postcode = normalisePostcode(typed);
    if (!postcode) return postcodePage(c, draft, typed, t('bins.postcode.errorInvalid', { example: examplePostcode }));
    const found = await addresses.byPostcode(postcode);
    if (found.outcome === 'out-of-area') return postcodePage(c, draft, typed, outOfArea(c, neighbourForPostcode(config, postcode)));
    if (found.outcome === 'no-addresses') return postcodePage(c, draft, typed, t('bins.postcode.errorNoAddresses', { postcode }));
    draft.data = { ...draft.data, locationMethod: 'postcode', postcode, location: undefined };
    return saveAndGo(c, draft, 'address');
  });

  async function addressPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    const found = draft.data.postcode ? await addresses.byPostcode(draft.data.postcode) : undefined;
    if (!found || found.outcome !== 'found') return c.redirect(stepHref(c, draft, 'postcode'), 303);
    return stepPage(
      c,
      draft,
      t('report.address.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <Radios id="uprn" name="uprn" legend={t('report.address.title')} isPageHeading hint={t('report.address.hint', { postcode: draft.data.postcode! })} error={error} errorPrefix={t('common.errorPrefix')} value={draft.data.location?.addressId} items={found.properties.map((p) => ({ value: p.uprn, text: p.lines.join(', ') }))} />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { uprn: error } : {}, back: stepHref(c, draft, 'postcode') },
    );
  }

  app.get('/d/:id/address', async (c) => addressPage(c, await loadDraft(c)));
  app.post('/d/:id/address', async (c) => {
    const draft = await loadDraft(c);
    const uprn = one((await form(c)).uprn);
    const property: Property | undefined = /^\d{1,12}$/.test(uprn) ? await addresses.byUprn(uprn) : undefined;
    if (!property || property.postcode !== draft.data.postcode || !property.point) return addressPage(c, draft, c.get('t')('bins.address.errorRequired'));
    draft.data.location = { long: property.point[0], lat: property.point[1], address: addressLine(property), addressId: property.uprn };
    return saveAndGo(c, draft);
  });

  // 5b. By street name
  function streetPage(c: AppContext, draft: Draft<ReportDraft>, search: string, errors: Errors = {}) {
    const t = c.get('t');
    const q = search.toLowerCase();
    const matches = q.length >= 2 ? config.streets.filter((s) => `${s.name} ${s.locality}`.toLowerCase().includes(q)) : [];
    return stepPage(
      c,
      draft,
      t('report.street.title'),
      <>
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="action" value="search" />
          <Input id="street" name="street" label={t('report.street.title')} isPageHeading hint={t('report.street.hint')} error={errors.street} errorPrefix={t('common.errorPrefix')} value={search} spellcheck={false} />
          <Button text={t('report.street.search')} secondary={matches.length > 0} />
        </form>
        {matches.length > 0 && (
          <form method="post" novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <input type="hidden" name="action" value="choose" />
            <input type="hidden" name="street" value={search} />
            <Radios id="usrn" name="usrn" legend={t('report.street.choose')} error={errors.usrn} errorPrefix={t('common.errorPrefix')} value={draft.data.location?.addressId} items={matches.map((s) => ({ value: s.usrn, text: `${s.name}, ${s.locality}` }))} />
            <Button text={t('common.continue')} />
          </form>
        )}
      </>,
      { errors, back: stepHref(c, draft, 'location') },
    );
  }

  app.get('/d/:id/street', async (c) => {
    const draft = await loadDraft(c);
    return streetPage(c, draft, draft.data.streetSearch ?? '');
  });
  app.post('/d/:id/street', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const body = await form(c);
    const search = one(body.street).slice(0, 100);
    if (one(body.action) === 'choose') {
      const street = config.streets.find((s) => s.usrn === one(body.usrn));
      if (!street) return streetPage(c, draft, search, { usrn: t('report.street.errorChoose') });
      draft.data.location = { long: street.point[0], lat: street.point[1], address: `${street.name}, ${street.locality}` };
      return saveAndGo(c, draft);
    }
    if (search.length < 2) return streetPage(c, draft, search, { street: t('report.street.errorRequired') });
    if (!config.streets.some((s) => `${s.name} ${s.locality}`.toLowerCase().includes(search.toLowerCase()))) {
      return streetPage(c, draft, search, { street: t('report.street.errorNone', { search }) });
    }
    draft.data = { ...draft.data, locationMethod: 'street', streetSearch: search };
    return saveAndGo(c, draft, 'street');
  });

  // 5c. By latitude and longitude
  function coordinatesPage(c: AppContext, draft: Draft<ReportDraft>, values: { lat: string; long: string }, errors: Errors = {}) {
    const t = c.get('t');
    // An example from inside the area: a known street, else a corner of the boundary.
    const [long, lat] = config.streets[0]?.point ?? config.boundary[0];
    return stepPage(
      c,
      draft,
      t('report.coordinates.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.coordinates.title')}</h1>
        <p class="govuk-body">{t('report.coordinates.hint')}</p>
        <Input id="lat" name="lat" label={t('report.coordinates.lat')} hint={t('report.coordinates.example', { value: lat.toFixed(5) })} error={errors.lat} errorPrefix={t('common.errorPrefix')} value={values.lat} spellcheck={false} classes="govuk-input--width-10" />
        <Input id="long" name="long" label={t('report.coordinates.long')} hint={t('report.coordinates.example', { value: long.toFixed(5) })} error={errors.long} errorPrefix={t('common.errorPrefix')} value={values.long} spellcheck={false} classes="govuk-input--width-10" />
        <Button text={t('common.continue')} />
      </form>,
      { errors, back: stepHref(c, draft, 'location') },
    );
  }

  app.get('/d/:id/coordinates', async (c) => {
    const draft = await loadDraft(c);
    const l = draft.data.location;
    return coordinatesPage(c, draft, { lat: l ? String(l.lat) : '', long: l ? String(l.long) : '' });
  });
  app.post('/d/:id/coordinates', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const body = await form(c);
    const values = { lat: one(body.lat).slice(0, 20), long: one(body.long).slice(0, 20) };
    const lat = Number(values.lat);
    const long = Number(values.long);
    const errors: Errors = {};
    if (!values.lat) errors.lat = t('report.coordinates.errorLatRequired');
    else if (!/^-?\d+(\.\d+)?$/.test(values.lat) || lat < -90 || lat > 90) errors.lat = t('report.coordinates.errorLat');
    if (!values.long) errors.long = t('report.coordinates.errorLongRequired');
    else if (!/^-?\d+(\.\d+)?$/.test(values.long) || long < -180 || long > 180) errors.long = t('report.coordinates.errorLong');
    if (Object.keys(errors).length > 0) return coordinatesPage(c, draft, values, errors);
    const inArea = checkPoint(config, [long, lat]);
    if (!inArea.inside) return coordinatesPage(c, draft, values, { lat: outOfArea(c, inArea.neighbour) });
    draft.data = { ...draft.data, locationMethod: 'coordinates', location: { lat, long } };
    return saveAndGo(c, draft);
  });

  // 6. What is wrong?
  function descriptionPage(c: AppContext, draft: Draft<ReportDraft>, value: string, error?: string) {
    const t = c.get('t');
    return stepPage(
      c,
      draft,
      t('report.description.title'),
      <form method="post" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        <h1 class="govuk-heading-l">{t('report.description.title')}</h1>
        <Textarea id="description" name="description" label={t('report.description.label')} hint={t('report.description.hint', { max: MAX_DESCRIPTION_LENGTH })} error={error} errorPrefix={t('common.errorPrefix')} value={value} />
        <Button text={t('common.continue')} />
      </form>,
      { errors: error ? { description: error } : {}, back: stepHref(c, draft, draft.data.locationMethod === 'postcode' ? 'address' : draft.data.locationMethod ?? 'location') },
    );
  }

  app.get('/d/:id/description', async (c) => {
    const draft = await loadDraft(c);
    return descriptionPage(c, draft, draft.data.description ?? '');
  });
  app.post('/d/:id/description', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const value = one((await form(c)).description).replace(/\r\n/g, '\n');
    if (!value) return descriptionPage(c, draft, value, t('report.description.errorRequired'));
    if (value.length > MAX_DESCRIPTION_LENGTH) return descriptionPage(c, draft, value, t('report.description.errorTooLong', { max: MAX_DESCRIPTION_LENGTH }));
    draft.data.description = value;
    return saveAndGo(c, draft);
  });

  // 7. A photo (optional): the browser uploads it straight to storage, which sends it back here.
  async function photoPage(c: AppContext, draft: Draft<ReportDraft>, error?: string) {
    const t = c.get('t');
    const photos = deps.photos;
    if (!photos) throw new Error('Report a problem needs photo storage');
    const paths = c.get('paths');
    const origin = new URL(c.req.url).origin;
    const upload = await photos.uploadForm({ draftId: draft.id, redirectUrl: `${origin}${stepHref(c, draft, 'photo-uploaded')}`, now: deps.clock() });
    const current = draft.data.photos?.[0];
    return stepPage(
      c,
      draft,
      t('report.photo.title'),
      <>
        <h1 class="govuk-heading-l">{t('report.photo.title')}</h1>
        <p class="govuk-body">{t('report.photo.intro')}</p>
        {current && (
          <>
            <img class="app-photo" src={paths.href(`/report/photos/${current}`)} alt={t('report.photo.alt')} />
            <form method="post" action={stepHref(c, draft, 'photo-remove')} novalidate>
              <CsrfField token={c.get('csrfToken')} />
              <Button text={t('report.photo.remove')} secondary />
            </form>
          </>
        )}
        <form method="post" action={upload.action} enctype="multipart/form-data" novalidate>
          {Object.entries(upload.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
            <label class="govuk-label govuk-label--s" for="photo">
              {current ? t('report.photo.replaceLabel') : t('report.photo.label')}
            </label>
            <div id="photo-hint" class="govuk-hint">
              {t('report.photo.hint')}
            </div>
            {error && (
              <p id="photo-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">{t('common.errorPrefix')}:</span> {error}
              </p>
            )}
            <input class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id="photo" name={upload.fileField} type="file" accept="image/jpeg,image/png" aria-describedby={error ? 'photo-hint photo-error' : 'photo-hint'} />
          </div>
          <Button text={t('report.photo.upload')} secondary />
        </form>
        <form method="post" action={stepHref(c, draft, 'photo')} novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <Button text={current ? t('common.continue') : t('report.photo.skip')} />
        </form>
      </>,
      { errors: error ? { photo: error } : {}, back: stepHref(c, draft, 'description') },
    );
  }

  app.get('/d/:id/photo', async (c) => photoPage(c, await loadDraft(c)));
  app.post('/d/:id/photo', async (c) => {
    const draft = await loadDraft(c);
    draft.data.photos ??= [];
    return saveAndGo(c, draft);
  });
  app.post('/d/:id/photo-remove', async (c) => {
    const draft = await loadDraft(c);
    draft.data.photos = undefined;
    return saveAndGo(c, draft, 'photo');
  });
  app.get('/d/:id/photo-uploaded', async (c) => {
    const t = c.get('t');
    const draft = await loadDraft(c);
    const key = c.req.query('key') ?? '';
    const result = await deps.photos!.ingest({ key, draftId: draft.id });
    if (!result.ok) {
      const message: Record<typeof result.problem, MessageKey> = {
        missing: 'report.photo.errorMissing',
        'too-large': 'report.photo.errorTooLarge',
        'not-an-image': 'report.photo.errorType',
      };
      return photoPage(c, draft, t(message[result.problem]));
    }
    draft.data.photos = [result.photoId];
    return saveAndGo(c, draft, 'photo');
  });

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
        <Input id="email" name="email" type="email" label={t('bins.report.details.emailLabel')} hint={t('report.contact.emailHint')} error={errors.email} errorPrefix={t('common.errorPrefix')} value={values.email} autocomplete="email" spellcheck={false} />
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
    if (!values.email) errors.email = t('bins.report.details.errorEmailRequired');
    else if (!isEmailAddress(values.email)) errors.email = t('bins.report.details.errorEmailInvalid');
    if (values.phone && !PHONE.test(values.phone)) errors.phone = t('report.contact.errorPhone');
    if (Object.keys(errors).length > 0) return contactPage(c, draft, values, errors);
    draft.data.contact = { name: values.name, email: values.email, ...(values.phone && { phone: values.phone }) };
    return saveAndGo(c, draft);
  });

  // 9. Check your answers, then send
  function checkPage(c: AppContext, draft: Draft<ReportDraft>, problem?: string) {
    const t = c.get('t');
    const d = draft.data;
    const category = categoryOf(d)!;
    const change = (step: Step, what: string) => ({ href: stepHref(c, draft, step), text: t('common.change'), visuallyHidden: what.toLowerCase() });
    const answerText = (code: string) => {
      const q = category.questions.find((x) => x.code === code)!;
      const v = d.attributes?.[code];
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
      return values.map((x) => (q.options ? text(c, q.options.find((o) => o.key === x)!.name) : x)).join(', ');
    };
    const location = d.location!.address ?? `${d.location!.lat.toFixed(5)}, ${d.location!.long.toFixed(5)}`;
    return stepPage(
      c,
      draft,
      t('report.check.title'),
      <>
        <h1 class="govuk-heading-l">{t('report.check.title')}</h1>
        <SummaryList
          rows={[
            { key: t('report.check.problem'), value: text(c, category.name), changeHref: change('category', t('report.check.problem')) },
            ...category.questions
              .filter((q) => d.attributes?.[q.code] !== undefined)
              .map((q) => ({ key: text(c, q.question), value: answerText(q.code), changeHref: change('questions', text(c, q.question)) })),
            { key: t('report.check.location'), value: location, changeHref: change('location', t('report.check.location')) },
            { key: t('report.check.description'), value: d.description!, changeHref: change('description', t('report.check.description')) },
            { key: t('report.check.photo'), value: d.photos?.length ? t('report.check.photoAdded') : t('bins.report.check.none'), changeHref: change('photo', t('report.check.photo')) },
            { key: t('report.contact.name'), value: d.contact!.name, changeHref: change('contact', t('report.contact.name')) },
            { key: t('bins.report.details.emailLabel'), value: d.contact!.email, changeHref: change('contact', t('bins.report.details.emailLabel')) },
            { key: t('report.contact.phone'), value: d.contact!.phone ?? t('bins.report.check.none'), changeHref: change('contact', t('report.contact.phone')) },
          ]}
        />
        <h2 class="govuk-heading-m">{t('report.check.sendHeading')}</h2>
        <p class="govuk-body">{t('report.check.declaration')}</p>
        <form method="post" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" id="send-report">
            {t('report.check.button')}
          </button>
        </form>
      </>,
      { errors: problem ? { 'send-report': problem } : {}, status: problem ? 503 : 200, back: stepHref(c, draft, 'contact') },
    );
  }

  app.get('/d/:id/check', async (c) => {
    const draft = await loadDraft(c);
    const step = nextStep(draft.data);
    if (step !== 'check') return c.redirect(stepHref(c, draft, step), 303);
    return checkPage(c, draft);
  });
  app.post('/d/:id/check', async (c) => {
    const draft = await loadDraft(c);
    const step = nextStep(draft.data);
    if (step !== 'check') return c.redirect(stepHref(c, draft, step), 303);
    const d = draft.data;
    const now = deps.clock();
    let result;
    try {
      result = await createProblemReport(
        deps.store,
        council,
        {
          category: categoryOf(d)!,
          description: d.description!,
          attributes: d.attributes ?? {},
          location: d.location!,
          contact: d.contact!,
          photos: d.photos ?? [],
          lang: c.get('lang'),
          // The draft is the submission: sending it twice finds the first case.
          submissionId: draft.id,
          source: 'web',
        },
        now,
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      c.get('log').error('store unavailable: problem report kept in its draft', { module: SERVICE });
      return checkPage(c, draft, c.get('t')('report.check.unavailable'));
    }
    c.get('log').info('problem report', { module: SERVICE, outcome: result.outcome, reference: result.case.reference, category: d.category });
    if (result.outcome === 'created') {
      await deliverCaseNotification(deps.store, deps.notifications, result.case, now, c.get('log').with({ module: SERVICE }));
    }
    return c.redirect(c.get('paths').href(`/report/done/${result.case.reference}`), 303);
  });

  // 10. Confirmation
  app.get('/done/:reference', async (c) => {
    const t = c.get('t');
    const reference = normaliseReference(c.req.param('reference'));
    const found = reference ? await getCase(deps.store, reference, deps.clock()) : undefined;
    if (!found || found.service !== SERVICE) throw new HttpError(404, 'Unknown report');
    const category = categories.get(found.type)?.category;
    return render(
      c,
      <Page c={c} title={t('report.done.title')}>
        <Panel title={t('report.done.title')}>
          {t('bins.report.confirmation.reference')}
          <br />
          <strong>{found.reference}</strong>
        </Panel>
        <p class="govuk-body">{t('report.done.emailSent')}</p>
        <h2 class="govuk-heading-m">{t('bins.report.confirmation.nextHeading')}</h2>
        {category && <p class="govuk-body">{text(c, category.responseTime)}</p>}
        <p class="govuk-body">{text(c, config.whatHappensNext)}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href(`/report/track?reference=${found.reference}`)}>
            {t('report.done.track')}
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={c.get('paths').href('/report')}>
            {t('report.done.another')}
          </a>
        </p>
      </Page>,
    );
  });

  // Track a report: status and public updates only, never personal data.
  app.get('/track', async (c) => {
    const t = c.get('t');
    const lang = c.get('lang');
    const typed = (c.req.query('reference') ?? '').slice(0, 30);
    const submitted = c.req.query('reference') !== undefined;
    let error: string | undefined;
    let found;
    if (submitted) {
      const reference = normaliseReference(typed);
      if (!typed.trim()) error = t('report.track.errorRequired');
      else if (!reference) error = t('report.track.errorFormat');
      else {
        found = await getCase(deps.store, reference, deps.clock());
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
                  value: <strong class={found.status === 'closed' ? 'govuk-tag govuk-tag--green' : 'govuk-tag govuk-tag--blue'}>{t(found.status === 'closed' ? 'report.track.closed' : 'report.track.open')}</strong>,
                },
                { key: t('report.track.reported'), value: formatDate(found.createdAt.slice(0, 10), lang) },
              ]}
            />
            <h3 class="govuk-heading-s">{t('report.track.updatesHeading')}</h3>
            {found.updates.length === 0 ? (
              <p class="govuk-body">{t('report.track.noUpdates')}</p>
            ) : (
              <ol class="govuk-list">
                {[...found.updates].reverse().map((u) => (
                  <li>
                    <p class="govuk-body govuk-!-margin-bottom-1">
                      <strong>{formatDate(u.createdAt.slice(0, 10), lang)}</strong> – {t(u.status === 'closed' ? 'report.track.closed' : 'report.track.open')}
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

  // Photos: stripped of metadata when they came in; public, as on FixMyStreet.
  app.get('/photos/:photo', async (c) => {
    const photo = c.req.param('photo');
    if (!PHOTO_ID_PATTERN.test(photo) || !deps.photos) throw new HttpError(404, 'No photo');
    const url = await deps.photos.viewUrl(photo);
    if (url) return c.redirect(url, 303);
    const found = await deps.photos.read(photo);
    if (!found) throw new HttpError(404, 'No photo');
    return c.body(found.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': found.contentType, 'Cache-Control': 'public, max-age=86400' });
  });

  return app;
}
