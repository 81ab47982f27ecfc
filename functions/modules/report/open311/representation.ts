import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { CaseUpdate, StoredCase } from '../../../core/cases/case-store.ts';
import { ANONYMISED_DESCRIPTION, isAnonymised } from '../../../core/data-rights/anonymised.ts';
import { localise } from '../../../core/localised-text.ts';
import { serviceConfig } from '../../../core/service-config.ts';
import type { Category, ReportConfig } from '../config.ts';
import { categoriesByCode, publicLocation } from '../reports.ts';
import { postcodeIn } from './input.ts';
import { w3cDateTime } from './respond.ts';
import type { XmlValue } from './xml.ts';

/** GET services: every category, as the spec's service list. */
export function serviceList(report: ReportConfig): XmlValue {
  return report.groups.flatMap((group) =>
    group.categories.map((category) => ({
      service_code: category.code,
      service_name: localise(category.name, 'en'),
      description: localise(category.description, 'en'),
      metadata: category.questions.length > 0 || category.notice !== undefined,
      type: 'realtime',
      keywords: category.keywords.join(', '),
      group: localise(group.name, 'en'),
    })),
  );
}

/** The code of the attribute that carries a category's notice; config codes cannot start with "_". */
export const NOTICE_ATTRIBUTE = '_notice';

/**
 * GET services/<code>: the category's questions as attributes. Its notice (e.g. "If this is
 * dangerous, call …") comes first as the spec's non-variable attribute: text to show, not to answer.
 */
export function serviceDefinition(category: Category): XmlValue {
  interface Attribute {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    datatype_description?: string;
    description: string;
    values?: { key: string; name: string }[];
  }
  const attributes: Attribute[] = [
    ...(category.notice ? [{ variable: false, code: NOTICE_ATTRIBUTE, datatype: 'string', required: false, description: localise(category.notice, 'en') }] : []),
    ...category.questions.map((q) => ({
      variable: true,
      code: q.code,
      datatype: q.type,
      required: q.required,
      datatype_description: q.hint ? localise(q.hint, 'en') : undefined,
      description: localise(q.question, 'en'),
      values: q.options?.map((o) => ({ key: o.key, name: localise(o.name, 'en') })),
    })),
  ];
  return {
    service_code: category.code,
    // In the spec's order of fields, `order` numbering from 1.
    attributes: attributes.map(({ description, values, ...head }, i) => ({ ...head, order: i + 1, description, values })),
  };
}

/** Where the request came in, for absolute links: the council's pages live at origin + basePath. */
export interface LinkBase {
  origin: string;
  basePath: string;
}

/**
 * One case as the spec's service request: the public side only. `details` (the resident's name,
 * email, phone and own address) is never read here.
 */
export function serviceRequest(council: CouncilConfig, c: StoredCase, links: LinkBase): XmlValue {
  const report = serviceConfig(council, 'report');
  const fields = c.public!;
  const category = categoriesByCode(report).get(fields.serviceCode)?.category;
  const latest = c.updates.at(-1);
  // Cases stored before addresses were kept private carry the resident's UPRN: show them as new ones are.
  const place = fields.addressId
    ? publicLocation(council, { lat: fields.lat ?? 0, long: fields.long ?? 0, address: fields.address, addressId: fields.addressId })
    : { address: fields.address, lat: fields.lat, long: fields.long };
  const photo = fields.media?.[0];
  return {
    service_request_id: c.reference,
    status: c.status,
    status_notes: latest?.description || undefined,
    service_name: fields.serviceName,
    service_code: fields.serviceCode,
    // An anonymised request (erased at the resident's request) says so rather than showing nothing.
    description: isAnonymised(c) ? ANONYMISED_DESCRIPTION : fields.description || undefined,
    agency_responsible: localise(council.name, 'en'),
    service_notice: category ? localise(category.responseTime, 'en') : undefined,
    requested_datetime: w3cDateTime(c.createdAt),
    updated_datetime: w3cDateTime(c.updatedAt),
    address: place.address,
    // Never a resident's UPRN: see publicLocation.
    zipcode: !fields.addressId && place.address ? postcodeIn(place.address) : undefined,
    lat: place.lat,
    long: place.long,
    media_url: photo ? `${links.origin}${links.basePath}/report/photos/${encodeURIComponent(photo)}` : fields.externalMediaUrl,
  };
}

/** The integrator statuses of mySociety's extension, and what each means for the case. */
export const EXTENDED_STATUSES: Record<string, 'open' | 'closed'> = {
  OPEN: 'open',
  INVESTIGATING: 'open',
  IN_PROGRESS: 'open',
  PLANNED: 'open',
  ACTION_SCHEDULED: 'open',
  FOR_TRIAGE: 'open',
  REOPEN: 'open',
  CLOSED: 'closed',
  FIXED: 'closed',
  DUPLICATE: 'closed',
  NOT_COUNCILS_RESPONSIBILITY: 'closed',
  NO_FURTHER_ACTION: 'closed',
  INTERNAL_REFERRAL: 'closed',
  CANCELLED: 'closed',
};

/** One update of the request `reference` as the extension's request_update; its status in the extension's lower case. */
export function requestUpdate(reference: string, update: CaseUpdate): XmlValue {
  const extended = update.externalStatusCode && Object.hasOwn(EXTENDED_STATUSES, update.externalStatusCode) ? update.externalStatusCode.toLowerCase() : update.status;
  return {
    update_id: update.id,
    service_request_id: reference,
    status: extended,
    updated_datetime: w3cDateTime(update.createdAt),
    description: update.description,
    media_url: '',
    external_status_code: update.externalStatusCode,
  };
}
