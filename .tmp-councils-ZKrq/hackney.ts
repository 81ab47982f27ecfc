import { defineCouncil } from '../functions/config/council-schema.ts';

export default defineCouncil({
  id: 'hackney',
  name: { en: 'London Borough of Hackney' },
  gss: 'E09000012',
  nation: 'england',
  languages: ['en'],
  brand: { colour: '#00664f' },
  contact: {
    phone: '020 8356 3000',
    outOfHoursPhone: '020 8356 2300',
    email: 'info@hackney.gov.uk',
    website: 'https://hackney.gov.uk',
    address: ['Hackney Town Hall', 'Mare Street', 'London', 'E8 1EA'],
  },
  privacy: {
    controller: 'London Borough of Hackney',
    icoRegistration: 'Z5787351',
    dataProtectionEmail: 'dpo@hackney.gov.uk',
  },
  accessibility: { lastReviewed: '2026-01-20' },
  addresses: {
    provider: 'gazetteer',
    postcodeDistricts: ['E5', 'E8', 'E9', 'N16'],
    properties: [
      // E5 0: Clapton
      { uprn: '10008200001', lines: ['Flat 2', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday' },
      { uprn: '10008200002', lines: ['Flat 5', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday' },
      { uprn: '10008200003', lines: ['58 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'tuesday' },
      // E8 2: Dalston
      { uprn: '10008200011', lines: ['17 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'tuesday' },
      { uprn: '10008200012', lines: ['Ground Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday' },
      { uprn: '10008200013', lines: ['First Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday' },
      // E9 6: Hackney Wick
      { uprn: '10008200021', lines: ['Flat 12', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday' },
      { uprn: '10008200022', lines: ['Flat 31', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday' },
      { uprn: '10008200023', lines: ['4 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'friday' },
      // N16 7: Stoke Newington
      { uprn: '10008200031', lines: ['9 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday' },
      { uprn: '10008200032', lines: ['14 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday' },
      { uprn: '10008200033', lines: ['Flat A', '30 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'monday' },
    ],
  },
  services: {
    bins: {
      containers: [
        { id: 'black-bin', name: { en: 'Black bin or black sacks' }, contents: { en: 'General waste' } },
        { id: 'recycling-sack', name: { en: 'Blue recycling sack' }, contents: { en: 'Mixed recycling: paper, card, plastic bottles, tins, cans and glass' } },
        { id: 'food-caddy', name: { en: 'Food caddy' }, contents: { en: 'Food waste' } },
      ],
      // Everything is collected weekly on the same day; Hackney has no garden waste service
      rounds: [
        {
          id: 'monday',
          collections: [
            { container: 'black-bin', everyWeeks: 1, firstDate: '2025-01-06' },
            { container: 'recycling-sack', everyWeeks: 1, firstDate: '2025-01-06' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-06' },
          ],
        },
        {
          id: 'tuesday',
          collections: [
            { container: 'black-bin', everyWeeks: 1, firstDate: '2025-01-07' },
            { container: 'recycling-sack', everyWeeks: 1, firstDate: '2025-01-07' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-07' },
          ],
        },
        {
          id: 'wednesday',
          collections: [
            { container: 'black-bin', everyWeeks: 1, firstDate: '2025-01-08' },
            { container: 'recycling-sack', everyWeeks: 1, firstDate: '2025-01-08' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-08' },
          ],
        },
        {
          id: 'thursday',
          collections: [
            { container: 'black-bin', everyWeeks: 1, firstDate: '2025-01-09' },
            { container: 'recycling-sack', everyWeeks: 1, firstDate: '2025-01-09' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-09' },
          ],
        },
        {
          id: 'friday',
          collections: [
            { container: 'black-bin', everyWeeks: 1, firstDate: '2025-01-10' },
            { container: 'recycling-sack', everyWeeks: 1, firstDate: '2025-01-10' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-10' },
          ],
        },
      ],
      // Hackney runs collections on bank holidays; only Christmas and New Year move (listed below)
      bankHolidays: { policy: 'no-change' },
      changedCollections: [
        // 2025/26: Christmas Day and New Year's Day are Thursdays, Boxing Day a Friday
        { date: '2025-12-25', moveTo: '2025-12-27', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2025-12-26', moveTo: '2025-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2026-01-01', moveTo: '2026-01-03', reason: { en: 'Christmas and New Year: collections move' } },
        // 2026/27: Christmas Day is a Friday, Boxing Day is a Saturday (substitute holiday Monday 28), New Year's Day a Friday
        { date: '2026-12-25', moveTo: '2026-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2026-12-28', moveTo: '2026-12-30', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2027-01-01', moveTo: '2027-01-02', reason: { en: 'Christmas and New Year: collections move' } },
        // 2027/28: all three fall at a weekend; crews take the substitute Mondays and Tuesday off instead
        { date: '2027-12-27', moveTo: '2027-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2027-12-28', moveTo: '2027-12-30', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2028-01-03', moveTo: '2028-01-04', reason: { en: 'Christmas and New Year: collections move' } },
      ],
      lookAheadWeeks: 4,
      missedCollections: {
        // Weekly collections: a missed bin is usually back on the next working day
        windowWorkingDays: 1,
        whatHappensNext: { en: 'We will collect your waste by the end of the next working day. You do not need to call us.' },
        retentionDays: 365,
      },
    },
  },
});
