import type { formsSaveEn } from './save-en.ts';

/** Forms: save strings in Welsh. */
export const formsSaveCy: Record<keyof typeof formsSaveEn, string> = {
};
