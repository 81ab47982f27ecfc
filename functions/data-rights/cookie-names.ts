/**
 * The cookies of "Your requests and your data", in a file of their own so that the cookies page
 * (functions/core/pages/info-pages.tsx, on every cold start) can name them without loading the pages.
 */

/** The browser's data session: a random token, only its hash in the store (core/data-rights/data-session.ts). */
export const DATA_SESSION_COOKIE = 'ldf_data';
/** Which code this browser is waiting to type: the proof's id, in a cookie so that it is never in a URL (and so a log or the Referer). */
export const DATA_PROOF_COOKIE = 'ldf_data_proof';
