import { describe, expect, it } from 'vitest';
import { gazetteerLookup } from '../../functions/core/address/address-lookup.ts';
import { translator } from '../../functions/core/i18n.ts';
import type { Language } from '../../functions/core/language.ts';
import { handlerFor, type AnswerContext, type PostedFields } from '../../functions/modules/forms/answers/answer-types.ts';
import type { Question, ResolvedForm } from '../../functions/modules/forms/definition/types.ts';
import { ALL_MESSAGES as MESSAGES } from '../../functions/modules/all-messages.ts';
import { council as loadCouncil } from '../support/harness.ts';

const council = await loadCouncil('ceredigion');

function ctx(lang: Language): AnswerContext {
  const source = council.addresses;
  if (source?.provider !== 'gazetteer') throw new Error('the sample council has a gazetteer');
  return { lang, t: translator(MESSAGES[lang]), today: '2026-12-01', council, form: { id: 'f' } as ResolvedForm, addresses: gazetteerLookup(source), optionsFor: (q) => q.options ?? [] };
}

async function errorOf(q: Question, body: PostedFields, lang: Language): Promise<string> {
  const result = await handlerFor(q).read(q, body, ctx(lang), q.key);
  if (result.kind !== 'errors') throw new Error(`expected errors, got ${result.kind}`);
  return Object.values(result.errors)[0];
}

describe('a question’s own name for its answer in error messages', () => {
  const account: Question = {
    key: 'account',
    type: 'text',
    maxLength: 20,
    label: { en: 'What is your council tax account number?', cy: 'Beth yw rhif eich cyfrif treth gyngor?' },
    errorName: { en: 'your council tax account number', cy: 'eich rhif cyfrif treth gyngor' },
  };
  const depth: Question = {
    key: 'depth',
    type: 'number',
    min: 1,
    max: 20,
    label: { en: 'How deep is your driveway?', cy: 'Pa mor ddwfn yw eich dreif?' },
    errorName: { en: 'the depth of your driveway', cy: 'dyfnder eich dreif' },
  };

  it('says specifically what to enter, in English and Welsh, where a question label would give a neutral noun', async () => {
    expect(await errorOf(account, {}, 'en')).toBe('Enter your council tax account number');
    expect(await errorOf(account, {}, 'cy')).toBe('Rhowch eich rhif cyfrif treth gyngor');
    const { errorName: _, ...withoutName } = account;
    expect(await errorOf(withoutName as Question, {}, 'en')).not.toContain('account number');
  });

  it('starts a sentence with it, capitalised, and soft-mutates it in Welsh where the grammar does', async () => {
    expect(await errorOf(depth, { depth: 'deep' }, 'en')).toBe('The depth of your driveway must be a number');
    expect(await errorOf(depth, { depth: 'dwfn' }, 'cy')).toMatch(/ddyfnder eich dreif/);
  });
});

describe('a Welsh error name that starts with a question word', () => {
  it('is not soft-mutated ("Dewiswch pwy…", not "Dewiswch bwy…")', async () => {
    const who: Question = {
      key: 'who',
      type: 'selection',
      options: [{ value: 'alone', text: { en: 'Just me', cy: 'Dim ond fi' } }],
      label: { en: 'Who lives at the property?', cy: 'Pwy sy’n byw yn yr eiddo?' },
      errorName: { en: 'who lives at the property', cy: 'pwy sy’n byw yn yr eiddo' },
    };
    expect(await errorOf(who, {}, 'cy')).toBe('Dewiswch pwy sy’n byw yn yr eiddo');
    expect(await errorOf(who, {}, 'en')).toBe('Select who lives at the property');
  });
});
