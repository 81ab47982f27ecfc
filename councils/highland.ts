import { defineCouncil } from '../functions/config/council-schema.ts';

export default defineCouncil({
  id: 'highland',
  name: { en: 'The Highland Council' },
  gss: 'S12000017',
  nation: 'scotland',
  languages: ['en'],
  brand: { colour: '#16325c' },
  contact: {
    phone: '01349 886606',
    outOfHoursPhone: '0800 090 1004',
    email: 'customer.services@highland.gov.uk',
    website: 'https://www.highland.gov.uk',
    address: ['Council Headquarters', 'Glenurquhart Road', 'Inverness', 'IV3 5NX'],
  },
  privacy: {
    controller: 'The Highland Council',
    icoRegistration: 'Z6061208',
    dataProtectionEmail: 'data.protection.officer@highland.gov.uk',
  },
  accessibility: { lastReviewed: '2026-01-12' },
  addresses: {
    provider: 'gazetteer',
    postcodeDistricts: ['IV1', 'IV2', 'IV3', 'IV12', 'PH33'],
    properties: [
      // IV3 5: Inverness, west of the river
      { uprn: '13000700001', lines: ['12 Kinmylies Crescent', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday' },
      { uprn: '13000700002', lines: ['27 Kinmylies Crescent', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday' },
      { uprn: '13000700003', lines: ['Flat 4', '3 Kinmylies Court', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday' },
      // IV2 5: rural east of Inverness (Croy and Culloden Moor)
      { uprn: '13000700011', lines: ['Tigh na Coille', 'Croy', 'Inverness'], postcode: 'IV2 5PG', round: 'rural-friday' },
      { uprn: '13000700012', lines: ['2 Balnagowan Cottages', 'Croy', 'Inverness'], postcode: 'IV2 5PG', round: 'rural-friday' },
      // IV12 4: Nairn
      { uprn: '13000700021', lines: ['8 Seabank Gardens', 'Nairn'], postcode: 'IV12 4RP', round: 'nairn-wednesday' },
      { uprn: '13000700022', lines: ['19 Seabank Gardens', 'Nairn'], postcode: 'IV12 4RP', round: 'nairn-wednesday' },
      // PH33 6: Fort William
      { uprn: '13000700031', lines: ['5 Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'lochaber-thursday' },
      { uprn: '13000700032', lines: ['Ardlinnhe', 'Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'lochaber-thursday' },
      { uprn: '13000700033', lines: ['Croft House', 'Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'rural-friday' },
    ],
  },
  services: {
    bins: {
      containers: [
        { id: 'grey-bin', name: { en: 'Grey bin' }, contents: { en: 'General waste' } },
        { id: 'blue-bin', name: { en: 'Blue bin' }, contents: { en: 'Mixed recycling: paper, card, plastic bottles, tins and cans' } },
        { id: 'purple-bin', name: { en: 'Purple bin' }, contents: { en: 'Glass bottles and jars' } },
        { id: 'food-caddy', name: { en: 'Food caddy' }, contents: { en: 'Food waste' } },
      ],
      rounds: [
        // Urban rounds: three-weekly general waste and a weekly food caddy
        {
          id: 'inverness-tuesday',
          collections: [
            { container: 'grey-bin', everyWeeks: 3, firstDate: '2025-01-07' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-14' },
            { container: 'purple-bin', everyWeeks: 4, firstDate: '2025-01-21' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-07' },
          ],
        },
        {
          id: 'nairn-wednesday',
          collections: [
            { container: 'grey-bin', everyWeeks: 3, firstDate: '2025-01-15' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-08' },
            { container: 'purple-bin', everyWeeks: 4, firstDate: '2025-01-29' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-08' },
          ],
        },
        // Rural rounds: four-weekly general waste and no food waste collection (too far to run a food vehicle)
        {
          id: 'lochaber-thursday',
          collections: [
            { container: 'grey-bin', everyWeeks: 4, firstDate: '2025-01-09' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-16' },
            { container: 'purple-bin', everyWeeks: 4, firstDate: '2025-01-23' },
          ],
        },
        {
          id: 'rural-friday',
          collections: [
            { container: 'grey-bin', everyWeeks: 4, firstDate: '2025-01-17' },
            { container: 'blue-bin', everyWeeks: 2, firstDate: '2025-01-10' },
            { container: 'purple-bin', everyWeeks: 4, firstDate: '2025-01-31' },
          ],
        },
      ],
      // Scottish bank holidays differ from England's; a collection due on a Scottish bank holiday moves to the next day
      bankHolidays: { policy: 'next-day' },
      changedCollections: [
        // Christmas Day 2026 is a Friday and crews do not work Saturdays over the festive period; Monday 28 is a holiday too
        { date: '2026-12-25', moveTo: '2026-12-29', reason: { en: 'Christmas Day: collections move to Tuesday 29 December' } },
        // New Year's Day 2027 is a Friday and Monday 4 January is the 2 January substitute holiday in Scotland
        { date: '2027-01-01', moveTo: '2027-01-05', reason: { en: "New Year's Day: collections move to Tuesday 5 January" } },
      ],
      lookAheadWeeks: 6,
      missedCollections: {
        windowWorkingDays: 2,
        whatHappensNext: { en: 'We will collect your bin within 3 working days. You do not need to call us.' },
        retentionDays: 365,
      },
    },
  },
});
