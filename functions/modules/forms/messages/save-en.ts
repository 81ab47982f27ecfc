/** Forms: save strings in English; `save-cy.ts` has the same keys. Placeholders are {name}. */
export const formsSaveEn = {
} as const satisfies Record<`forms.save.${string}`, string>;
