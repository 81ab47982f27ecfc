export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** BCP 47 tag used for Intl formatting and the html lang attribute. */
export const LOCALE: Record<Language, string> = { en: 'en-GB', cy: 'cy' };
