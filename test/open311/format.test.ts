import { describe, expect, it } from 'vitest';
import { parseW3cDateTime, w3cDateTime } from '../../functions/modules/report/open311/respond.ts';
import { escapeXml, toXml } from '../../functions/modules/report/open311/xml.ts';
import { parseXml } from '../support/open311.ts';

describe('the XML writer', () => {
  it('writes objects as elements of elements and lists as one element per item', () => {
    const xml = toXml('services', [{ service_code: 'a', metadata: true }, { service_code: 'b', metadata: false }], () => 'service');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a</service_code><metadata>true</metadata></service><service><service_code>b</service_code><metadata>false</metadata></service></services>\n',
    );
  });

  it('leaves out undefined values and writes null as an empty element', () => {
    expect(toXml('request', { a: undefined, b: null, c: 0 }, () => 'x')).toBe('<?xml version="1.0" encoding="utf-8"?>\n<request><b/><c>0</c></request>\n');
  });

  it('escapes markup in text so it cannot add elements', () => {
    const xml = toXml('r', { description: '</description><status>closed</status> & more' }, () => 'x');
    expect(xml).toContain('<description>&lt;/description&gt;&lt;status&gt;closed&lt;/status&gt; &amp; more</description>');
    expect(parseXml(xml).children.map((c) => c.name)).toEqual(['description']);
  });

  it('drops characters XML cannot carry and keeps the rest of Unicode', () => {
    expect(escapeXml('a\u0000b\u0007c\u001bd\uFFFEe\uD800f')).toBe('abcdef');
    expect(escapeXml('Tab\tnew\nline\r, Welsh ŵ ŷ, emoji 🕳️')).toBe('Tab\tnew\nline\r, Welsh ŵ ŷ, emoji 🕳️');
  });

  it('refuses to write an element name that is not one', () => {
    expect(() => toXml('a b', 'x', () => 'x')).toThrow(/element name/);
  });
});

describe('date-times', () => {
  it('writes UTC to the second with Z, as the spec’s examples do', () => {
    expect(w3cDateTime('2026-12-01T10:00:00.123Z')).toBe('2026-12-01T10:00:00Z');
    expect(w3cDateTime(new Date('2026-06-01T12:00:00+01:00'))).toBe('2026-06-01T11:00:00Z');
  });

  it('reads W3C date-times with Z or an offset, with or without seconds and fractions', () => {
    expect(parseW3cDateTime('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3cDateTime('1994-11-05T13:15Z')?.toISOString()).toBe('1994-11-05T13:15:00.000Z');
    expect(parseW3cDateTime('2026-06-01T12:00:00.5+0100')?.toISOString()).toBe('2026-06-01T11:00:00.500Z');
  });

  it('refuses date-times without a time zone and days that do not exist', () => {
    for (const bad of ['2010-01-01T00:00:00', '2010-01-01', '2010-02-29T00:00:00Z', '2010-04-31T00:00:00Z', '2010-01-01T24:00:00Z', '2010-01-01T00:60:00Z', '01/01/2010', '']) {
      expect(parseW3cDateTime(bad), bad).toBeUndefined();
    }
    expect(parseW3cDateTime('2028-02-29T00:00:00Z')).toBeDefined();
  });
});
