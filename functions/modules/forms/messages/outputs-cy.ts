import type { formsOutputsEn } from './outputs-en.ts';

/** Forms: outputs strings in Welsh. */
export const formsOutputsCy: Record<keyof typeof formsOutputsEn, string> = {
};
