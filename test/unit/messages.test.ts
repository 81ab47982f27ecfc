import { describe, expect, it } from 'vitest';
import { CATALOGUES, formatDate, translator } from '../../functions/core/i18n.ts';
import { binsEmailTemplates } from '../../functions/modules/bins/email-templates.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('has every English key in Welsh and no Welsh key missing from English', () => {
    expect(Object.keys(CATALOGUES.cy).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    for (const key of Object.keys(CATALOGUES.en) as (keyof typeof CATALOGUES.en)[]) {
      expect(placeholders(CATALOGUES.cy[key]), key).toEqual(placeholders(CATALOGUES.en[key]));
    }
  });

  it('has no empty message and no Welsh message left in English', () => {
    // Messages that are only placeholders and punctuation read the same in both languages.
    const sameInBoth = new Set(['bins.property.containerLine']);
    for (const [key, text] of Object.entries(CATALOGUES.cy)) {
      expect(text.trim(), key).not.toBe('');
      if (text.length > 12 && !sameInBoth.has(key)) expect(text, key).not.toBe(CATALOGUES.en[key as keyof typeof CATALOGUES.en]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('bins.postcode.hint', { example: 'CB23 6DW' })).toBe('For example, CB23 6DW');
    expect(t('bins.postcode.hint')).toBe('For example, {example}');
  });

  it('has every email in both languages with the same placeholders', () => {
    const notifyPlaceholders = (s: string) => [...s.matchAll(/\(\((\w+)\)\)/g)].map((m) => m[1]).sort();
    for (const [name, template] of Object.entries(binsEmailTemplates)) {
      expect(notifyPlaceholders(template.body.cy), name).toEqual(notifyPlaceholders(template.body.en));
      expect(notifyPlaceholders(template.subject.cy), name).toEqual(notifyPlaceholders(template.subject.en));
    }
  });
});

describe('dates in the page language', () => {
  it('writes dates as GOV.UK does, without a comma', () => {
    expect(formatDate('2026-12-07', 'en')).toBe('Monday 7 December 2026');
    expect(formatDate('2026-12-07', 'en', { weekday: false })).toBe('7 December 2026');
  });

  it('writes dates in Welsh', () => {
    expect(formatDate('2026-12-07', 'cy')).toBe('Dydd Llun 7 Rhagfyr 2026');
    expect(formatDate('2027-01-01', 'cy')).toBe('Dydd Gwener 1 Ionawr 2027');
  });
});
