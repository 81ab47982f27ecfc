/** Forms: answers strings in English; `answers-cy.ts` has the same keys. Placeholders are {name}. */
export const formsAnswersEn = {
} as const satisfies Record<`forms.answers.${string}`, string>;
