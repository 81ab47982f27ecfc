import { describe, expect, it } from 'vitest';
import { printValue, quoteString } from '../../functions/cli/ts-literal.ts';

describe('printing council data as TypeScript', () => {
  it('quotes only the keys that are not identifiers', () => {
    expect(printValue({ en: 'x', 'missed-collection-confirmation': { en: 'y' }, $ok: 1 })).toBe(
      "{ en: 'x', 'missed-collection-confirmation': { en: 'y' }, $ok: 1 }",
    );
  });

  it('escapes quotes, backslashes and control characters and keeps other text as it is', () => {
    const text = "New Year's Day \\ line\nnext\ttab Ffordd y Môr ’";
    expect(quoteString(text)).toBe("'New Year\\'s Day \\\\ line\\nnext\\ttab Ffordd y Môr ’'");
    expect(new Function(`return ${quoteString(text)};`)()).toBe(text);
  });

  it('puts a value on one line when it fits, and one item a line when it does not', () => {
    expect(printValue({ a: [1, 2], b: {}, c: [] })).toBe('{ a: [1, 2], b: {}, c: [] }');
    const long = { lines: Array.from({ length: 12 }, (_, i) => `Line number ${i}`) };
    expect(printValue(long)).toBe(`{\n  lines: [\n${long.lines.map((l) => `    '${l}',`).join('\n')}\n  ],\n}`);
  });

  it('writes each comment above its property and leaves undefined properties out', () => {
    const printed = printValue(
      { gss: 'E00000000', contact: { phone: '01234 567890', email: 'a@example.gov.uk' }, addresses: undefined },
      { comments: new Map([['gss', 'TODO: the GSS code'], ['contact.phone', 'TODO: the phone\nnumber']]) },
    );
    expect(printed).toBe(
      [
        '{',
        '  // TODO: the GSS code',
        "  gss: 'E00000000',",
        '  contact: {',
        '    // TODO: the phone',
        '    // number',
        "    phone: '01234 567890',",
        "    email: 'a@example.gov.uk',",
        '  },',
        '}',
      ].join('\n'),
    );
  });
});
