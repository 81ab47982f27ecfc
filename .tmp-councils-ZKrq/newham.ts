import { defineCouncil } from '../functions/config/council-schema.ts';

// Written by `ldf council new` on 2026-11-27, copying hackney’s services and settings.
// Replace every TODO, then run: ldf council check newham
export default defineCouncil({
  id: 'newham',
  name: { en: 'London Borough of Newham' },
  // TODO: the council’s ONS GSS code, like E07000012 (ONS Open Geography Portal)
  gss: 'E00000000',
  nation: 'england',
  languages: ['en'],
  // TODO: the council’s brand colour: white text on it needs 4.5:1 contrast (#1d70b8 is GOV.UK blue)
  brand: { colour: '#1d70b8' },
  contact: {
    // TODO: the council’s main phone number
    phone: '01234 567890',
    // TODO: the out-of-hours (emergency) phone number
    outOfHoursPhone: '01234 567891',
    // TODO: the council’s public contact email
    email: 'contact@example.gov.uk',
    // TODO: the council’s website (https)
    website: 'https://www.example.gov.uk',
    // TODO: the council’s postal address, one line each, postcode last
    address: ['Council Offices', 'High Street', 'Town', 'AB1 2CD'],
  },
  privacy: {
    // The data controller, exactly as registered with the ICO
    controller: 'London Borough of Newham',
    // TODO: the council’s ICO registration number (ico.org.uk/ESDWebPages/Search)
    icoRegistration: 'Z0000000',
    // TODO: the email of the council’s data protection officer
    dataProtectionEmail: 'dpo@example.gov.uk',
  },
  // When the accessibility statement was last reviewed
  accessibility: { lastReviewed: '2026-11-27' },
  // TODO: copied from hackney: replace with this council’s own gazetteer (postcode districts and properties)
  addresses: {
    provider: 'gazetteer',
    postcodeDistricts: ['E5', 'E8', 'E9', 'N16'],
    properties: [
      { uprn: '10008200001', lines: ['Flat 2', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday' },
      { uprn: '10008200002', lines: ['Flat 5', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday' },
      { uprn: '10008200003', lines: ['58 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'tuesday' },
      { uprn: '10008200011', lines: ['17 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'tuesday' },
      { uprn: '10008200012', lines: ['Ground Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday' },
      { uprn: '10008200013', lines: ['First Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday' },
      { uprn: '10008200021', lines: ['Flat 12', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday' },
      { uprn: '10008200022', lines: ['Flat 31', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday' },
      { uprn: '10008200023', lines: ['4 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'friday' },
      { uprn: '10008200031', lines: ['9 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday' },
      { uprn: '10008200032', lines: ['14 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday' },
      { uprn: '10008200033', lines: ['Flat A', '30 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'monday' },
    ],
  },
  // Deployed to the platform’s own AWS account; set account (12 digits) to use the council’s own
  aws: { region: 'eu-west-2' },
  // TODO: trial mode: messages are kept, not sent. Before go-live, switch to GOV.UK Notify (provider: 'govuk-notify')
  notifications: { provider: 'outbox' },
  // TODO: copied from hackney: check every container, round, date and text against this council’s own
  services: {
    bins: {
      containers: [
        { id: 'black-bin', name: { en: 'Black bin or black sacks' }, contents: { en: 'General waste' } },
        {
          id: 'recycling-sack',
          name: { en: 'Blue recycling sack' },
          contents: { en: 'Mixed recycling: paper, card, plastic bottles, tins, cans and glass' },
        },
        { id: 'food-caddy', name: { en: 'Food caddy' }, contents: { en: 'Food waste' } },
      ],
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
      bankHolidays: { policy: 'no-change' },
      changedCollections: [
        { date: '2025-12-25', moveTo: '2025-12-27', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2025-12-26', moveTo: '2025-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2026-01-01', moveTo: '2026-01-03', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2026-12-25', moveTo: '2026-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2026-12-28', moveTo: '2026-12-30', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2027-01-01', moveTo: '2027-01-02', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2027-12-27', moveTo: '2027-12-29', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2027-12-28', moveTo: '2027-12-30', reason: { en: 'Christmas and New Year: collections move' } },
        { date: '2028-01-03', moveTo: '2028-01-04', reason: { en: 'Christmas and New Year: collections move' } },
      ],
      lookAheadWeeks: 4,
      missedCollections: {
        windowWorkingDays: 1,
        whatHappensNext: { en: 'We will collect your waste by the end of the next working day. You do not need to call us.' },
        retentionDays: 365,
      },
    },
  },
});
