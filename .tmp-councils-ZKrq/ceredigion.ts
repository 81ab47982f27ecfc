import { defineCouncil } from '../functions/config/council-schema.ts';

export default defineCouncil({
  id: 'ceredigion',
  name: { en: 'Ceredigion County Council', cy: 'Cyngor Sir Ceredigion' },
  gss: 'W06000008',
  nation: 'wales',
  // Welsh Language Standards: every page and message is offered in Welsh as well as English
  languages: ['en', 'cy'],
  brand: { colour: '#00576a' },
  contact: {
    phone: '01545 570881',
    outOfHoursPhone: '01970 625277',
    email: 'clic@ceredigion.gov.uk',
    website: 'https://www.ceredigion.gov.uk',
    address: ['Canolfan Rheidol', 'Rhodfa Padarn', 'Llanbadarn Fawr', 'Aberystwyth', 'SY23 3UE'],
  },
  privacy: {
    controller: 'Ceredigion County Council',
    icoRegistration: 'Z4972364',
    dataProtectionEmail: 'data.protection@ceredigion.gov.uk',
  },
  accessibility: { lastReviewed: '2026-03-02' },
  addresses: {
    provider: 'gazetteer',
    postcodeDistricts: ['SA43', 'SA46', 'SY23', 'SY25'],
    properties: [
      // SY23 1: Aberystwyth
      { uprn: '10009400001', lines: ['5 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'monday-week-1' },
      { uprn: '10009400002', lines: ['Fflat 3', '22 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'monday-week-1' },
      { uprn: '10009400003', lines: ['31 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'tuesday-week-2' },
      // SA46 0: Aberaeron
      { uprn: '10009400011', lines: ['8 Stryd y Cei', 'Aberaeron'], postcode: 'SA46 0AT', round: 'tuesday-week-2' },
      { uprn: '10009400012', lines: ['14 Stryd y Cei', 'Aberaeron'], postcode: 'SA46 0AT', round: 'tuesday-week-2' },
      // SA43 1: Aberteifi / Cardigan
      { uprn: '10009400021', lines: ['2 Heol y Castell', 'Aberteifi', 'Cardigan'], postcode: 'SA43 1JB', round: 'thursday-week-3' },
      { uprn: '10009400022', lines: ['Bwthyn Glan Teifi', 'Heol y Castell', 'Aberteifi', 'Cardigan'], postcode: 'SA43 1JB', round: 'thursday-week-3' },
      // SY25 6: Tregaron
      { uprn: '10009400031', lines: ['Maes y Ffynnon', 'Tregaron'], postcode: 'SY25 6HQ', round: 'thursday-week-3' },
      { uprn: '10009400032', lines: ['4 Lôn y Capel', 'Tregaron'], postcode: 'SY25 6HQ', round: 'monday-week-1' },
    ],
  },
  notifications: {
    provider: 'govuk-notify',
    templates: {
      'missed-collection-confirmation': {
        en: '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13',
        cy: 'b2e7d9a1-4c6f-4e8b-a3d5-7f9c1e3b5d27',
      },
    },
  },
  services: {
    bins: {
      containers: [
        {
          id: 'black-bags',
          name: { en: 'Black bags', cy: 'Bagiau du' },
          contents: { en: 'Waste that cannot be recycled', cy: 'Gwastraff na ellir ei ailgylchu' },
        },
        {
          id: 'clear-bags',
          name: { en: 'Clear bags', cy: 'Bagiau clir' },
          contents: {
            en: 'Mixed recycling: paper, card, plastic bottles, tins and cans',
            cy: 'Ailgylchu cymysg: papur, cardfwrdd, poteli plastig, tuniau a chaniau',
          },
        },
        {
          id: 'green-box',
          name: { en: 'Green box', cy: 'Blwch gwyrdd' },
          contents: { en: 'Glass bottles and jars', cy: 'Poteli a jariau gwydr' },
        },
        {
          id: 'food-caddy',
          name: { en: 'Food caddy', cy: 'Cadi bwyd' },
          contents: { en: 'Food waste', cy: 'Gwastraff bwyd' },
        },
      ],
      // Ceredigion collects black bags every three weeks (to push up recycling); recycling and food go weekly.
      // The three rounds sit on different weeks of the three-week cycle.
      rounds: [
        {
          id: 'monday-week-1',
          collections: [
            { container: 'black-bags', everyWeeks: 3, firstDate: '2025-01-06' },
            { container: 'clear-bags', everyWeeks: 1, firstDate: '2025-01-06' },
            { container: 'green-box', everyWeeks: 1, firstDate: '2025-01-06' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-06' },
          ],
        },
        {
          id: 'tuesday-week-2',
          collections: [
            { container: 'black-bags', everyWeeks: 3, firstDate: '2025-01-14' },
            { container: 'clear-bags', everyWeeks: 1, firstDate: '2025-01-07' },
            { container: 'green-box', everyWeeks: 1, firstDate: '2025-01-07' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-07' },
          ],
        },
        {
          id: 'thursday-week-3',
          collections: [
            { container: 'black-bags', everyWeeks: 3, firstDate: '2025-01-23' },
            { container: 'clear-bags', everyWeeks: 1, firstDate: '2025-01-09' },
            { container: 'green-box', everyWeeks: 1, firstDate: '2025-01-09' },
            { container: 'food-caddy', everyWeeks: 1, firstDate: '2025-01-09' },
          ],
        },
      ],
      // Ceredigion does not collect on bank holidays: that day and the rest of the week move a day later
      bankHolidays: { policy: 'slip-rest-of-week' },
      changedCollections: [
        // After the Boxing Day substitute holiday the week slips, which would put Thursday on New Year's Day 2027
        {
          date: '2026-12-31',
          moveTo: '2027-01-02',
          reason: {
            en: "New Year's Day: Thursday collections move to Saturday 2 January",
            cy: 'Dydd Calan: mae casgliadau dydd Iau yn symud i ddydd Sadwrn 2 Ionawr',
          },
        },
      ],
      lookAheadWeeks: 4,
      missedCollections: {
        windowWorkingDays: 2,
        whatHappensNext: {
          en: 'We will collect your waste within 2 working days. You do not need to call us.',
          cy: 'Byddwn yn casglu eich gwastraff o fewn 2 ddiwrnod gwaith. Nid oes angen i chi ein ffonio.',
        },
        retentionDays: 365,
      },
    },
  },
});
