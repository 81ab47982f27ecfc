import { defineCouncil } from '../functions/config/council-schema.ts';

export default defineCouncil({
  id: 'south-cambridgeshire',
  name: { en: 'South Cambridgeshire District Council' },
  gss: 'E07000012',
  nation: 'england',
  languages: ['en'],
  brand: { colour: '#00594f' },
  contact: {
    phone: '03450 450 500',
    outOfHoursPhone: '03450 450 500',
    email: 'contact@scambs.gov.uk',
    website: 'https://www.scambs.gov.uk',
    address: ['South Cambridgeshire Hall', 'Cambourne Business Park', 'Cambourne', 'Cambridge', 'CB23 6EA'],
  },
  privacy: {
    controller: 'South Cambridgeshire District Council',
    icoRegistration: 'Z6853216',
    dataProtectionEmail: 'data.protection@scambs.gov.uk',
  },
  accessibility: { lastReviewed: '2026-02-16' },
  addresses: {
    provider: 'gazetteer',
    postcodeDistricts: ['CB21', 'CB22', 'CB23', 'CB24'],
    properties: [
      // CB23 6: Cambourne, split between the two Tuesday rounds
      { uprn: '10033500001', lines: ['3 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-a', subscriptions: ['green-bin'] },
      { uprn: '10033500002', lines: ['7 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-a' },
      { uprn: '10033500003', lines: ['12 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-b', subscriptions: ['green-bin'] },
      { uprn: '10033500004', lines: ['18 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-b' },
      // CB22 5: Great Shelford
      { uprn: '10033500011', lines: ['2 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a', subscriptions: ['green-bin'] },
      { uprn: '10033500012', lines: ['9 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a' },
      { uprn: '10033500013', lines: ['Flat 1', '15 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a' },
      // CB24 8: Cottenham
      { uprn: '10033500021', lines: ['4 Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b', subscriptions: ['green-bin'] },
      { uprn: '10033500022', lines: ['11 Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b' },
      { uprn: '10033500023', lines: ['The Old Forge', 'Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b' },
      // CB21 6: Linton, on the edge of the Thursday and Friday rounds
      { uprn: '10033500031', lines: ['6 Bartlow Rise', 'Linton', 'Cambridge'], postcode: 'CB21 6LN', round: 'thursday-a' },
      { uprn: '10033500032', lines: ['21 Bartlow Rise', 'Linton', 'Cambridge'], postcode: 'CB21 6LN', round: 'friday-b', subscriptions: ['green-bin'] },
    ],
  },
  services: {
    bins: {
      containers: [
        { id: 'black-bin', name: { en: 'Black bin' }, contents: { en: 'General waste' } },
        { id: 'blue-bin', name: { en: 'Blue bin' }, contents: { en: 'Recycling: paper, card, plastic bottles, tins, cans and glass' } },
        // Garden waste is a chargeable, opt-in service: only subscribers get a green bin
        { id: 'green-bin', name: { en: 'Green bin' }, contents: { en: 'Garden waste' }, subscription: true },
        { id: 'food-caddy', name: { en: 'Food caddy' }, contents: { en: 'Food waste' } },
      ],
      rounds: [
        // Week A: black bin on the first Tuesday, blue bin (and garden) the week after
        {
          id: 'tuesday-a',
          collections: [
            { container: 'black-bin', everyWeeks: 2, firstDate: '2025-01-07' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-14' },
            { container: 'green-bin', everyWeeks: 2, firstDate: '2025-01-14' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-07' },
          ],
        },
        // Week B: the other Tuesday crew, a week out of step with tuesday-a
        {
          id: 'tuesday-b',
          collections: [
            { container: 'black-bin', everyWeeks: 2, firstDate: '2025-01-14' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-07' },
            { container: 'green-bin', everyWeeks: 2, firstDate: '2025-01-07' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-07' },
          ],
        },
        {
          id: 'thursday-a',
          collections: [
            { container: 'black-bin', everyWeeks: 2, firstDate: '2025-01-09' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-16' },
            { container: 'green-bin', everyWeeks: 2, firstDate: '2025-01-16' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-09' },
          ],
        },
        {
          id: 'friday-b',
          collections: [
            { container: 'black-bin', everyWeeks: 2, firstDate: '2025-01-17' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-10' },
            { container: 'green-bin', everyWeeks: 2, firstDate: '2025-01-10' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-10' },
          ],
        },
      ],
      // South Cambridgeshire does not collect on bank holidays: that day and the rest of the week move a day later
      bankHolidays: { policy: 'slip-rest-of-week' },
      changedCollections: [
        // Christmas 2026: Christmas Day is a Friday, so Friday rounds are collected on the Saturday instead
        { date: '2026-12-25', moveTo: '2026-12-26', reason: { en: 'Christmas Day: Friday collections move to Saturday 26 December' } },
        // The week after the Boxing Day substitute holiday would slip Thursday onto New Year's Day, so it goes to Saturday
        { date: '2026-12-31', moveTo: '2027-01-02', reason: { en: 'New Year: Thursday collections move to Saturday 2 January' } },
        // New Year's Day 2027 is a Friday; Friday rounds are collected on the Saturday
        { date: '2027-01-01', moveTo: '2027-01-02', reason: { en: "New Year's Day: Friday collections move to Saturday 2 January" } },
      ],
      lookAheadWeeks: 4,
      missedCollections: {
        windowWorkingDays: 2,
        whatHappensNext: { en: 'We will collect your bin within 2 working days. You do not need to call us.' },
        retentionDays: 365,
      },
    },
  },
});
