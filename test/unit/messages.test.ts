import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, translator } from '../../functions/core/i18n.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { ALL_MODULES, EMAIL_TEMPLATES } from '../../functions/modules/index.ts';
import { cy as commonCy } from '../../web/messages/cy.ts';
import { en as commonEn } from '../../web/messages/en.ts';
import { formsOnDemandCy } from '../../functions/modules/forms/messages/on-demand-cy.ts';
import { formsOnDemandEn } from '../../functions/modules/forms/messages/on-demand-en.ts';
import { staffCy } from '../../functions/staff/messages/cy.ts';
import { staffEn } from '../../functions/staff/messages/en.ts';
import { DATA_RIGHTS_EMAIL_TEMPLATES } from '../../functions/core/data-rights/email-templates.ts';
import { dataRecordCy } from '../../functions/core/data-rights/messages/cy.ts';
import { dataRecordEn } from '../../functions/core/data-rights/messages/en.ts';
import { yourDataCy } from '../../functions/data-rights/messages/cy.ts';
import { yourDataEn } from '../../functions/data-rights/messages/en.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const notifyPlaceholders = (s: string) => [...s.matchAll(/\(\((\w+)\)\)/g)].map((m) => m[1]).sort();

/** Every catalogue: the common one and each module's own. */
const CATALOGUES = [
  { name: 'common', en: commonEn as Record<string, string>, cy: commonCy as Record<string, string> },
  ...ALL_MODULES.map((m) => ({ name: m.id, en: m.messages.en as Record<string, string>, cy: m.messages.cy as Record<string, string> })),
  { name: 'staff', en: staffEn as Record<string, string>, cy: staffCy as Record<string, string> },
  // The forms module's strings that join the catalogue when its pages load.
  { name: 'forms', en: formsOnDemandEn as Record<string, string>, cy: formsOnDemandCy as Record<string, string> },
  // Your requests and your data: its pages' strings and the resident's record's (also the staff subject access export's).
  { name: 'yourData', en: yourDataEn as Record<string, string>, cy: yourDataCy as Record<string, string> },
  { name: 'dataRights', en: dataRecordEn as Record<string, string>, cy: dataRecordCy as Record<string, string> },
];

/** Messages that are only placeholders and punctuation read the same in both languages. */
const SAME_IN_BOTH = new Set(['bins.property.containerLine']);

describe.each(CATALOGUES)('the $name message catalogue', ({ name, en, cy }) => {
  it('has every English key in Welsh and no Welsh key missing from English', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) expect(placeholders(cy[key]), key).toEqual(placeholders(en[key]));
  });

  it('has no empty message and no Welsh message left in English', () => {
    for (const [key, text] of Object.entries(cy)) {
      expect(text.trim(), key).not.toBe('');
      if (text.length > 12 && !SAME_IN_BOTH.has(key)) expect(text, key).not.toBe(en[key]);
    }
  });

  it('keeps its keys in its own namespace', () => {
    const moduleIds = ALL_MODULES.map((m) => m.id as string);
    for (const key of Object.keys(en)) {
      const prefix = key.split('.')[0];
      if (name === 'common') expect(moduleIds, `${key} belongs in that module's catalogue`).not.toContain(prefix);
      else expect(prefix, key).toBe(name);
    }
  });
});

describe.each(ALL_MODULES.map((m) => ({ id: m.id, templates: Object.entries(m.emailTemplates) })))('the $id module’s emails', ({ templates }) => {
  it('has every email in both languages with the same placeholders', () => {
    for (const [name, template] of templates) {
      expect(template.body.en.trim(), name).not.toBe('');
      expect(template.body.cy.trim(), name).not.toBe('');
      expect(notifyPlaceholders(template.body.cy), name).toEqual(notifyPlaceholders(template.body.en));
      expect(notifyPlaceholders(template.subject.cy), name).toEqual(notifyPlaceholders(template.subject.en));
    }
  });
});

/** The source files of a module's folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('modules keep to their own strings', () => {
  const modulesDir = path.resolve(import.meta.dirname, '../../functions/modules');

  it.each(ALL_MODULES.map((m) => m.id))('the %s module uses only its own and the common message keys', (id) => {
    const others = ALL_MODULES.map((m) => m.id as string).filter((other) => other !== id);
    const used = sourceFiles(path.join(modulesDir, id)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/['`]([a-z][A-Za-z]*)\.[A-Za-z.]+['`]/g)].map((m) => ({ file, key: m[0], prefix: m[1] })),
    );
    const borrowed = used.filter((u) => others.includes(u.prefix)).map((u) => `${path.relative(modulesDir, u.file)}: ${u.key}`);
    expect(borrowed).toEqual([]);
  });

  it('has no two modules (or the data rights pages) sending an email with the same name', () => {
    const names = [...ALL_MODULES.flatMap((m) => Object.keys(m.emailTemplates)), ...Object.keys(DATA_RIGHTS_EMAIL_TEMPLATES)];
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(EMAIL_TEMPLATES).sort()).toEqual([...names].sort());
  });
});

describe('the translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator(MESSAGES.en);
    expect(t('common.postcode.hint', { example: 'CB23 6DW' })).toBe('For example, CB23 6DW');
    expect(t('common.postcode.hint')).toBe('For example, {example}');
  });

  it('has the whole catalogue in Welsh', () => {
    expect(Object.keys(MESSAGES.cy).sort()).toEqual(Object.keys(MESSAGES.en).sort());
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
