import { z } from 'zod';

/** Text a council writes in its file: English always, Welsh where the council offers it (checked council-wide). */
export const localisedTextSchema = z.strictObject({
  en: z.string().trim().min(1, 'English text is required'),
  cy: z.string().trim().min(1, 'Welsh text must not be empty').optional(),
});

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2025-12-25')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'Not a real calendar date',
  });

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of a colour against white, as WCAG defines it. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** The header shows white text on the brand colour, so the colour must pass WCAG AA for normal text (4.5:1). */
export const brandColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d70b8')
  .refine((c) => contrastWithWhite(c) >= 4.5, {
    message: 'White text on this colour is below the 4.5:1 contrast WCAG AA needs; choose a darker colour',
  });

export const ukPhoneSchema = z.string().regex(/^[0-9 +()]{10,20}$/, 'Use a phone number like 01223 443700');

/** A [longitude, latitude] pair (WGS84), as GeoJSON writes it. */
export const pointSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
