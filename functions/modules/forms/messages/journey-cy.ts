import type { formsJourneyEn } from './journey-en.ts';

/** Forms: journey strings in Welsh. */
export const formsJourneyCy: Record<keyof typeof formsJourneyEn, string> = {
};
