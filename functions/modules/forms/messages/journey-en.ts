/** Forms: journey strings in English; `journey-cy.ts` has the same keys. Placeholders are {name}. */
export const formsJourneyEn = {
} as const satisfies Record<`forms.journey.${string}`, string>;
