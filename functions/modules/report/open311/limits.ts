import type { RateLimitOptions } from '../../../core/http/rate-limit.ts';

/** The spec's cap on one list of requests ("first 1000 requests returned"); updates are capped alike. */
export const MAX_RESULTS = 1000;
/** At most this many ids in one service_request_id list: each is a read. */
export const MAX_REQUEST_IDS = 100;
/**
 * GeoReport v2's limit on a description ("4000 characters max"). Integrators wrap a resident's words
 * in their own framing (FixMyStreet's client adds about 110 characters), so the web form's shorter
 * limit would refuse reports their residents were allowed to write.
 */
export const MAX_OPEN311_DESCRIPTION_LENGTH = 4000;
/** GETs need no key, so each client is limited: enough for an integrator polling every few seconds. */
export const DEFAULT_GET_LIMIT: RateLimitOptions = { max: 120, windowSeconds: 60 };
/** The largest form accepted: Open311's arguments are short (a description is at most 4,000 characters). */
export const MAX_OPEN311_BODY_BYTES = 64 * 1024;
