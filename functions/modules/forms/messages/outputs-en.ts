/** Forms: outputs strings in English; `outputs-cy.ts` has the same keys. Placeholders are {name}. */
export const formsOutputsEn = {
} as const satisfies Record<`forms.outputs.${string}`, string>;
