import type { Child } from 'hono/jsx';
import type { CouncilConfig } from '../../config/council-schema.ts';
import { createAddressLookup } from '../../core/address/address-lookup.ts';
import { draftOwnerOf } from '../../core/drafts/draft-session.ts';
import { getDraft, saveDraft, type Draft } from '../../core/drafts/draft-store.ts';
import type { AppContext, CouncilAppDeps } from '../../core/http/env.ts';
import { httpErrors } from '../../core/http/errors.ts';
import { appLimiters, takeForClient } from '../../core/http/rate-limit.ts';
import { localise, type LocalisedText } from '../../core/localised-text.ts';
import { serviceConfig } from '../../core/service-config.ts';
import type { Errors } from '../../../web/components.tsx';
import { Page, render } from '../../../web/layout.tsx';
import type { Category, ReportConfig } from './config.ts';
import { categoriesByCode, type AttributeAnswers } from './report-answers.ts';
import { firstValue, formFields } from '../../core/http/body.ts';

export const SERVICE = 'report';

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

export type Step =
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

/** What every step of the journey shares: the council's config, the draft and the page frame. */
export type ReportJourney = ReturnType<typeof reportJourney>;

/** Built once per app, in the routes factory; the step files take it. */
export function reportJourney(council: CouncilConfig, deps: CouncilAppDeps) {
  const config: ReportConfig = serviceConfig(council, 'report');
  const categories = categoriesByCode(config);
  const addresses = createAddressLookup(council);
  const examplePostcode = council.addresses?.provider === 'gazetteer' ? council.addresses.properties[0].postcode : 'SW1A 2AA';

  const text = (c: AppContext, t: LocalisedText) => localise(t, c.get('lang'));
  // A browser without a draft cookie owns no draft: '' matches none (starting one makes the cookie).
  const owner = (c: AppContext, options: { create?: boolean } = {}) => draftOwnerOf(c, options) ?? '';
  // Shared with the bins pages: a client's address look-ups count once, whichever service makes them.
  const lookups = appLimiters(deps).addressLookups;
  const lookupAllowed = (c: AppContext) => takeForClient(lookups, c, deps);
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
    if (!draft) throw httpErrors.notFound('No such draft', 'report.expired');
    return draft;
  }

  async function saveAndGo(c: AppContext, draft: Draft<ReportDraft>, step?: Step) {
    if (!(await saveDraft(deps.store, draft, owner(c), deps.clock()))) throw httpErrors.notFound('Draft gone', 'report.expired');
    return c.redirect(stepHref(c, draft, step ?? nextStep(draft.data)), 303);
  }

  const form = formFields;
  const one = firstValue;

  // Step pages share a frame: caption, back link, errors and the CSRF field.
  function stepPage(c: AppContext, draft: Draft<ReportDraft> | undefined, title: string, body: Child, options: { errors?: Errors; back?: string; status?: 200 | 400 | 429 | 503 } = {}) {
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

  /** "This is in X's area: report it to them" — or, when we do not know whose, a plain refusal. */
  function outOfArea(c: AppContext, neighbour: ReportConfig['neighbours'][number] | undefined): string {
    const t = c.get('t');
    return neighbour
      ? t('report.location.errorNeighbour', { council: text(c, neighbour.name), website: neighbour.website })
      : t('report.location.errorOutside', { council: text(c, council.name) });
  }

  return { council, deps, config, categories, addresses, examplePostcode, text, owner, lookupAllowed, stepHref, categoryOf, nextStep, stepBeforeLocation, loadDraft, saveAndGo, form, one, stepPage, outOfArea };
}
