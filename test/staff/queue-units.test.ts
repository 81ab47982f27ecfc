import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvStream } from '../../functions/staff/export/csv.ts';
import { filtersQuery, londonDayEnd, londonDayStart, parseFilters, type FilterContext } from '../../functions/staff/queue/filters.ts';
import { coreFilters, decodeTrail, encodeTrail, MAX_TRAIL, nextTrail, previousTrail, type PageTrail } from '../../functions/staff/queue/queue-data.ts';
import { searchOf } from '../../functions/staff/queue/routes.tsx';

const context: FilterContext = {
  services: ['bins', 'report'],
  types: [
    { service: 'report', type: 'pothole' },
    { service: 'bins', type: 'missed-collection' },
  ],
  council: { cases: { states: { 'internal-referral': false } } },
};

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['＝1', "'＝1"],
  ])('neutralises %j against formula injection', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and leaves plain text alone', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Twll yn y ffordd')).toBe('Twll yn y ffordd');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes the platform’s own numbers as numbers, so a negative longitude is not mistaken for a formula', () => {
    expect(csvRow(['A', -0.05348, 51.5])).toBe('A,-0.05348,51.5\r\n');
  });

  it('streams a byte order mark and the header, then each batch, and ends', async () => {
    async function* batches() {
      yield [['ABCD-2345', '=1']];
      yield [];
      yield [['EFGH-6789', 'ok']];
    }

    const bytes = new Uint8Array(await new Response(csvStream(['reference', 'text'], batches())).arrayBuffer());

    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('reference,text\r\nABCD-2345,\'=1\r\nEFGH-6789,ok\r\n');
  });
});

describe('queue filters in the query string', () => {
  it('round-trips every filter through its query string', () => {
    const query = new URLSearchParams(
      'type=report:pothole&state=investigating&assigned=me&channel=phone&created-from-day=1&created-from-month=3&created-from-year=2026&changed-to-day=31&changed-to-month=3&changed-to-year=2026',
    );

    const { filters, errors } = parseFilters(query, context);
    const again = parseFilters(filtersQuery(filters), context);

    expect(errors).toEqual({});
    expect(filters).toEqual({ service: 'report', type: 'pothole', state: 'investigating', assigned: 'me', channel: 'phone', createdFrom: '2026-03-01', changedTo: '2026-03-31' });
    expect(again.filters).toEqual(filters);
  });

  it('leaves the defaults out, so the plain queue has an empty query string', () => {
    expect(filtersQuery(parseFilters(new URLSearchParams('assigned=anyone&service='), context).filters).toString()).toBe('');
  });

  it('gives each bad answer an error for the summary, keeping what was typed', () => {
    const query = new URLSearchParams(
      'service=parking&type=report:unknown&state=internal-referral&assigned=everyone&channel=fax&created-from-day=31&created-from-month=2&created-from-year=2026&changed-from-day=1&changed-from-month=&changed-from-year=2026&created-to-day=1&created-to-month=1&created-to-year=26',
    );

    const { errors, raw } = parseFilters(query, context);

    expect(errors).toEqual({
      service: 'staff.queue.error.service',
      type: 'staff.queue.error.type',
      state: 'staff.queue.error.state',
      assigned: 'staff.queue.error.assigned',
      channel: 'staff.queue.error.channel',
      'created-from-day': 'staff.queue.error.dateInvalid',
      'changed-from-day': 'staff.queue.error.dateIncomplete',
      'created-to-day': 'staff.queue.error.dateYear',
    });
    expect(raw['created-from-day']).toBe('31');
    expect(raw.service).toBe('parking');
  });

  it('refuses an end date before its start date, and a type of another service', () => {
    const { errors } = parseFilters(
      new URLSearchParams('service=bins&type=report:pothole&changed-from-day=2&changed-from-month=3&changed-from-year=2026&changed-to-day=1&changed-to-month=3&changed-to-year=2026'),
      context,
    );

    expect(errors).toEqual({ type: 'staff.queue.error.typeOfService', 'changed-to-day': 'staff.queue.error.dateOrder' });
  });

  it('reads a day as a UK day, in GMT and in summer time', () => {
    expect(londonDayStart('2026-01-15')).toBe('2026-01-15T00:00:00.000Z');
    expect(londonDayStart('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(londonDayEnd('2026-03-28')).toBe('2026-03-29T00:00:00.000Z');
    expect(londonDayEnd('2026-03-29')).toBe('2026-03-29T23:00:00.000Z');
  });

  it('gives the core queue "me" as the member of staff and whole days as inclusive instants', () => {
    expect(coreFilters({ assigned: 'me', state: 'fixed', createdFrom: '2026-07-01', createdTo: '2026-07-01' }, 'hackney-officer', [])).toEqual({
      assigned: 'hackney-officer',
      states: ['fixed'],
      created: { from: '2026-06-30T23:00:00.000Z', to: '2026-07-01T22:59:59.999Z' },
      restrictedVisible: [],
    });
    expect(coreFilters({ assigned: 'unassigned' }, 'x', ['care'])).toEqual({ assigned: 'unassigned', restrictedVisible: ['care'] });
  });
});

describe('the page trail behind Previous and Next', () => {
  it('walks forward and back to the first page', () => {
    const second = nextTrail(undefined, 'c2');
    const third = nextTrail(decodeTrail(encodeTrail(second)), 'c3');

    expect(previousTrail(third)).toEqual(second);
    expect(previousTrail(second)).toBeUndefined();
  });

  it('keeps a bounded trail and then offers the first page', () => {
    let trail: PageTrail | undefined;
    for (let i = 0; i < MAX_TRAIL + 5; i++) trail = nextTrail(trail, `c${i}`);
    let back: ReturnType<typeof previousTrail> = trail!;
    let steps = 0;
    while (back && back !== 'first') {
      back = previousTrail(back);
      steps++;
    }

    expect(trail!.before).toHaveLength(MAX_TRAIL);
    expect(encodeTrail(trail!).length).toBeLessThan(400);
    expect(back).toBe('first');
    expect(steps).toBe(MAX_TRAIL + 1);
  });

  it.each(['', 'not base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[0,"",""]').toString('base64url'), Buffer.from('[2,"x"]').toString('base64url')])(
    'refuses a trail it did not make: %j',
    (value) => {
      expect(decodeTrail(value)).toBeUndefined();
    },
  );
});

describe('the search box', () => {
  it.each([
    ['abcd 2345', { reference: 'abcd 2345' }],
    ['Ann@Example.com', { email: 'Ann@Example.com' }],
    ['020 7946 0000', { phone: '020 7946 0000' }],
    ['+44 20 7946 0000', { phone: '+44 20 7946 0000' }],
    ['e5 0lh', { postcode: 'e5 0lh' }],
    ['E50LH', { postcode: 'E50LH' }],
    ['potholes near the park', undefined],
    ['flat 2, E5 0LH', undefined],
  ])('reads %j as %j', (words, expected) => {
    expect(searchOf(words)).toEqual(expected);
  });
});
