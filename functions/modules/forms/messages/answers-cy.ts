import type { formsAnswersEn } from './answers-en.ts';

/** Forms: answers strings in Welsh. */
export const formsAnswersCy: Record<keyof typeof formsAnswersEn, string> = {
};
