import { defineCouncil } from '../functions/config/define-council.ts';

export default defineCouncil({
  id: 'south-cambridgeshire',
  // Shipped with the platform for development: synthesizes without GOV.UK Notify.
  sample: true,
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
      { uprn: '10033500001', lines: ['3 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-a', subscriptions: ['green-bin'], point: [-0.06831, 52.21794] },
      { uprn: '10033500002', lines: ['7 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-a', point: [-0.06812, 52.21806] },
      { uprn: '10033500003', lines: ['12 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-b', subscriptions: ['green-bin'], point: [-0.06788, 52.21821] },
      { uprn: '10033500004', lines: ['18 Foxglove Way', 'Cambourne', 'Cambridge'], postcode: 'CB23 6DW', round: 'tuesday-b', point: [-0.06759, 52.21838] },
      // CB22 5: Great Shelford
      { uprn: '10033500011', lines: ['2 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a', subscriptions: ['green-bin'], point: [0.13702, 52.14933] },
      { uprn: '10033500012', lines: ['9 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a', point: [0.13724, 52.14947] },
      { uprn: '10033500013', lines: ['Flat 1', '15 Orchard Meadow', 'Great Shelford', 'Cambridge'], postcode: 'CB22 5AX', round: 'thursday-a', point: [0.13741, 52.14962] },
      // CB24 8: Cottenham
      { uprn: '10033500021', lines: ['4 Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b', subscriptions: ['green-bin'], point: [0.12652, 52.29705] },
      { uprn: '10033500022', lines: ['11 Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b', point: [0.12678, 52.29721] },
      { uprn: '10033500023', lines: ['The Old Forge', 'Lambs Lane Close', 'Cottenham', 'Cambridge'], postcode: 'CB24 8RW', round: 'friday-b', point: [0.12697, 52.29738] },
      // CB21 6: Linton, on the edge of the Thursday and Friday rounds
      { uprn: '10033500031', lines: ['6 Bartlow Rise', 'Linton', 'Cambridge'], postcode: 'CB21 6LN', round: 'thursday-a', point: [0.27694, 52.09744] },
      { uprn: '10033500032', lines: ['21 Bartlow Rise', 'Linton', 'Cambridge'], postcode: 'CB21 6LN', round: 'friday-b', subscriptions: ['green-bin'], point: [0.27731, 52.09768] },
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
    report: {
      // South Cambridgeshire is a district council: roads, pavements, signs and most street lights belong to
      // Cambridgeshire County Council, the highway authority. Residents still report them here and the district
      // passes them on, so those response times are the county's.
      groups: [
        {
          id: 'roads',
          name: { en: 'Roads and pavements' },
          categories: [
            {
              code: 'pothole',
              name: { en: 'Pothole' },
              description: { en: 'A hole or broken surface in the road or a cycle lane.' },
              keywords: ['pothole', 'hole', 'road surface', 'crater', 'tarmac'],
              notice: { en: 'If this is dangerous, call us now on 03450 450 500.' },
              responseTime: { en: 'We pass pothole reports to Cambridgeshire County Council within 1 working day. They aim to inspect potholes within 5 working days.' },
              questions: [
                {
                  code: 'depth',
                  question: { en: 'How deep is the pothole?' },
                  hint: { en: 'A rough guess is fine.' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'under_5cm', name: { en: 'Less than 5cm' } },
                    { key: 'from_5_to_10cm', name: { en: '5cm to 10cm' } },
                    { key: 'over_10cm', name: { en: 'More than 10cm' } },
                  ],
                },
                {
                  code: 'where',
                  question: { en: 'Where is it?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'road', name: { en: 'In the road' } },
                    { key: 'cycle_lane', name: { en: 'In a cycle lane' } },
                    { key: 'edge', name: { en: 'At the edge of the road' } },
                  ],
                },
              ],
            },
            {
              code: 'pavement',
              name: { en: 'Damaged pavement or kerb' },
              description: { en: 'Cracked, loose or uneven paving slabs, or a damaged kerb.' },
              keywords: ['pavement', 'footway', 'paving slab', 'kerb', 'trip'],
              responseTime: { en: 'We pass pavement reports to Cambridgeshire County Council within 1 working day. They aim to inspect them within 10 working days.' },
              questions: [
                {
                  code: 'trip_hazard',
                  question: { en: 'Could someone trip on it?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'yes', name: { en: 'Yes' } },
                    { key: 'no', name: { en: 'No' } },
                  ],
                },
              ],
            },
            {
              code: 'road_sign',
              name: { en: 'Damaged road sign or street name plate' },
              description: { en: 'A road sign or street name plate that is damaged, dirty, missing or hidden by plants.' },
              // Street name plates are the district's own, so those are not passed on
              keywords: ['sign', 'road sign', 'street sign', 'name plate', 'bollard'],
              responseTime: { en: 'We repair street name plates within 20 working days and pass other signs to Cambridgeshire County Council within 1 working day.' },
              questions: [
                {
                  code: 'problem',
                  question: { en: 'What is wrong with the sign?' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'damaged', name: { en: 'Damaged or knocked down' } },
                    { key: 'missing', name: { en: 'Missing' } },
                    { key: 'dirty', name: { en: 'Dirty' } },
                    { key: 'hidden', name: { en: 'Hidden by trees or hedges' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'street_cleaning',
          name: { en: 'Street cleaning' },
          categories: [
            {
              code: 'fly_tipping',
              name: { en: 'Fly-tipping' },
              description: { en: 'Rubbish dumped illegally on a road, verge, lay-by, field gateway or public land.' },
              keywords: ['fly-tipping', 'fly tipping', 'dumped', 'dumping', 'rubbish', 'mattress', 'tyres'],
              notice: { en: 'Do not touch or move the rubbish: it may hold sharp or dangerous things. If you saw who dumped it, tell us in the description, but do not approach them.' },
              responseTime: { en: 'We aim to remove fly-tipping from public land within 5 working days, and hazardous waste within 1 working day.' },
              questions: [
                {
                  code: 'what',
                  question: { en: 'What has been dumped?' },
                  hint: { en: 'Choose all that apply.' },
                  type: 'multivaluelist',
                  required: true,
                  options: [
                    { key: 'household', name: { en: 'Household rubbish' } },
                    { key: 'furniture', name: { en: 'Furniture or mattresses' } },
                    { key: 'building', name: { en: 'Building rubble' } },
                    { key: 'garden', name: { en: 'Garden waste' } },
                    { key: 'electrical', name: { en: 'Fridges or other electrical items' } },
                    { key: 'tyres', name: { en: 'Tyres' } },
                    { key: 'hazardous', name: { en: 'Chemicals, asbestos or other hazardous waste' } },
                    { key: 'other', name: { en: 'Something else' } },
                  ],
                },
                {
                  code: 'amount',
                  question: { en: 'How much is there?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'single', name: { en: 'One bag or item' } },
                    { key: 'car_boot', name: { en: 'A car boot load' } },
                    { key: 'van', name: { en: 'A small van load' } },
                    { key: 'lorry', name: { en: 'A lorry load or more' } },
                  ],
                },
              ],
            },
            {
              code: 'graffiti',
              name: { en: 'Graffiti or fly-posting' },
              description: { en: 'Paint, marker pen or stickers on walls, bridges, bus shelters or signs, or posters put up without permission.' },
              keywords: ['graffiti', 'tagging', 'spray paint', 'vandalism', 'fly-posting', 'posters', 'stickers'],
              responseTime: { en: 'We remove offensive graffiti within 1 working day and other graffiti on public property within 10 working days.' },
              questions: [
                {
                  code: 'offensive',
                  question: { en: 'Is it offensive?' },
                  hint: { en: 'For example racist, sexual or abusive words or pictures.' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'yes', name: { en: 'Yes' } },
                    { key: 'no', name: { en: 'No' } },
                  ],
                },
              ],
            },
            {
              code: 'litter',
              name: { en: 'Litter or overflowing litter bin' },
              description: { en: 'Litter on a street, verge or recreation ground, or a litter or dog bin that is full.' },
              keywords: ['litter', 'rubbish', 'bin', 'litter bin', 'overflowing', 'dog bin'],
              responseTime: { en: 'We aim to clear litter and empty full bins within 3 working days.' },
            },
            {
              code: 'dog_fouling',
              name: { en: 'Dog fouling' },
              description: { en: 'Dog mess on a pavement, footpath, verge or play area.' },
              keywords: ['dog fouling', 'dog mess', 'dog poo', 'dog dirt'],
              responseTime: { en: 'We aim to clear dog fouling within 3 working days.' },
              questions: [
                {
                  code: 'how_often',
                  question: { en: 'How often does this happen here?' },
                  hint: { en: 'This helps our enforcement officers patrol at the right times.' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'first_time', name: { en: 'This is the first time I have seen it' } },
                    { key: 'weekly', name: { en: 'Every week' } },
                    { key: 'daily', name: { en: 'Every day' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'lighting',
          name: { en: 'Street lighting' },
          categories: [
            {
              code: 'street_light',
              name: { en: 'Street light not working' },
              description: { en: 'A street light that is out, flickering, on during the day or damaged.' },
              keywords: ['street light', 'streetlight', 'lamp post', 'light out', 'flickering', 'lighting'],
              notice: { en: 'If the post is leaning, has wires showing or has been hit by a vehicle, call us now on 03450 450 500.' },
              responseTime: { en: 'We pass street light reports to Cambridgeshire County Council within 1 working day. They aim to repair lights within 7 working days.' },
              questions: [
                {
                  code: 'column_number',
                  question: { en: 'What is the number on the post?' },
                  hint: { en: 'It is on a small plate or sticker on the post, at about head height. Leave this blank if you cannot see one.' },
                  type: 'string',
                },
                {
                  code: 'day_burning',
                  question: { en: 'Is the light on during the day?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'yes', name: { en: 'Yes' } },
                    { key: 'no', name: { en: 'No' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
      // Simplified district boundary. Cambridge sits in a hole in the district, and a ring has no holes: the ring
      // runs in from the Wilbrahams side to trace the city's edge and back out along the same line.
      boundary: [
        [-0.25, 52.18],
        [-0.16, 52.25],
        [-0.07, 52.3],
        [0.02, 52.345],
        [0.12, 52.33],
        [0.21, 52.29],
        [0.26, 52.22],
        [0.19, 52.19],
        [0.14, 52.163],
        [0.085, 52.195],
        [0.1, 52.235],
        [0.165, 52.235],
        [0.19, 52.19],
        [0.26, 52.22],
        [0.4, 52.15],
        [0.36, 52.05],
        [0.13, 52.02],
        [-0.22, 52.08],
        [-0.25, 52.18],
      ],
      neighbours: [
        {
          name: { en: 'Cambridge City Council' },
          website: 'https://www.cambridge.gov.uk',
          postcodeDistricts: ['CB1', 'CB2', 'CB3', 'CB4', 'CB5'],
          // The hole in the district's boundary, traced the same way
          boundary: [
            [0.19, 52.19],
            [0.165, 52.235],
            [0.1, 52.235],
            [0.085, 52.195],
            [0.14, 52.163],
            [0.19, 52.19],
          ],
        },
        {
          name: { en: 'Huntingdonshire District Council' },
          website: 'https://www.huntingdonshire.gov.uk',
          postcodeDistricts: ['PE19', 'PE26', 'PE27', 'PE28', 'PE29'],
          boundary: [
            [-0.25, 52.18],
            [-0.5, 52.2],
            [-0.5, 52.55],
            [-0.05, 52.58],
            [0.05, 52.45],
            [0.02, 52.345],
            [-0.07, 52.3],
            [-0.16, 52.25],
            [-0.25, 52.18],
          ],
        },
        {
          name: { en: 'East Cambridgeshire District Council' },
          website: 'https://www.eastcambs.gov.uk',
          postcodeDistricts: ['CB6', 'CB7'],
        },
      ],
      streets: [
        { usrn: '25101034', name: 'Foxglove Way', locality: 'Cambourne', point: [-0.06795, 52.21816] },
        { usrn: '25101002', name: 'Broad Street', locality: 'Cambourne', point: [-0.06332, 52.22031] },
        { usrn: '25204417', name: 'Orchard Meadow', locality: 'Great Shelford', point: [0.13722, 52.14948] },
        { usrn: '25204120', name: 'High Street', locality: 'Sawston', point: [0.16985, 52.12402] },
        { usrn: '25302281', name: 'Lambs Lane Close', locality: 'Cottenham', point: [0.12675, 52.29722] },
        { usrn: '25302655', name: 'Station Road', locality: 'Histon', point: [0.10471, 52.25093] },
        { usrn: '25405118', name: 'Bartlow Rise', locality: 'Linton', point: [0.27712, 52.09756] },
        { usrn: '25406030', name: 'Cambridge Road', locality: 'Melbourn', point: [0.01934, 52.08612] },
      ],
      whatHappensNext: { en: 'We will look at your report and update its status. You can track it with your reference number.' },
    },
    forms: {
      adopted: {
        'assisted-bin-collection': {},
        'single-person-discount': {},
        // No dropped-kerb: Cambridgeshire County Council, the highway authority, builds them here
        'new-bin-request': {
          texts: {
            questions: {
              // The green bin comes with the garden waste subscription, so a request for one alone cannot be met
              containers: {
                hint: { en: 'Select all that apply. You can only have a green bin with a garden waste subscription.' },
              },
            },
          },
        },
        // Sample only: in two-tier Cambridgeshire adult social care is the county council's. The sample adopts
        // it to show an English district with its own care team; a real district would not.
        'care-needs-assessment': {
          values: {
            // Sample: the council's main line (contact above) stands in for the safeguarding numbers
            'safeguarding-phone': '03450 450 500',
            'safeguarding-out-of-hours-phone': '03450 450 500',
            'response-working-days': 5,
          },
        },
      },
    },
  },
  staff: {
    // Sample: shaped like Microsoft Entra ID with security groups (group object ids) in place of app roles.
    signIn: {
      provider: 'embedded',
      clientId: 'ldf-south-cambridgeshire',
      tenant: { claim: 'tid', value: '7b2d9f14-5c3a-4e8b-b6d0-2a9e4c1f7d02' },
      roleClaim: 'groups',
      roles: {
        'a1f0c3d2-1111-4a5b-8c9d-000000000001': ['viewer'],
        'a1f0c3d2-1111-4a5b-8c9d-000000000002': ['officer'],
        'a1f0c3d2-1111-4a5b-8c9d-000000000003': ['supervisor'],
        'a1f0c3d2-1111-4a5b-8c9d-000000000004': ['admin'],
        // Adult social care's group: care requests and their special-category answers
        'a1f0c3d2-1111-4a5b-8c9d-000000000005': ['care'],
        // The data protection officer's group: residents' requests to delete their data, subject access searches
        'a1f0c3d2-1111-4a5b-8c9d-000000000006': ['data-protection'],
      },
    },
  },
  // The back office's response templates (FixMyStreet's): officers pick one to prefill a public update.
  cases: {
    // Adult social care's own states for care requests (same lifecycle ids: Open311 and the queue are unchanged)
    types: [
      {
        service: 'forms',
        type: 'care-needs-assessment',
        states: {
          submitted: { label: { en: 'Received', cy: 'Wedi dod i law' } },
          investigating: { label: { en: 'Screening', cy: 'Sgrinio' } },
          'action-scheduled': { label: { en: 'Allocated to a social worker', cy: 'Wedi’i neilltuo i weithiwr cymdeithasol' } },
          'in-progress': { label: { en: 'Assessment booked', cy: 'Asesiad wedi’i drefnu' } },
          fixed: { label: { en: 'Closed: assessment completed', cy: 'Wedi cau: asesiad wedi’i gwblhau' } },
          'not-responsible': false,
          duplicate: { label: { en: 'Closed: already requested', cy: 'Wedi cau: cais eisoes wedi’i wneud' } },
          'no-further-action': { label: { en: 'Closed: no assessment needed', cy: 'Wedi cau: dim angen asesiad' } },
          'internal-referral': { label: { en: 'Closed: referred to another team', cy: 'Wedi cau: wedi’i gyfeirio at dîm arall' } },
        },
      },
    ],
    responseTemplates: [
      {
        id: 'pothole-inspecting',
        service: 'report',
        type: 'pothole',
        state: 'investigating',
        title: 'Pothole: inspection booked',
        text: { en: 'Thank you. An inspector will look at the pothole within 5 working days and book a repair if it needs one.' },
      },
      {
        id: 'pothole-fixed',
        service: 'report',
        type: 'pothole',
        state: 'fixed',
        title: 'Pothole: repaired',
        text: { en: 'The pothole has been repaired. Thank you for reporting it.' },
      },
      {
        id: 'report-not-responsible',
        service: 'report',
        state: 'not-responsible',
        title: 'Not ours to fix',
        text: { en: 'This is not looked after by the council. We have passed your report to the organisation responsible.' },
      },
      {
        id: 'missed-collection-collected',
        service: 'bins',
        type: 'missed-collection',
        state: 'fixed',
        title: 'Missed collection: collected',
        text: { en: 'Our crew has been back and collected your bin. Sorry it was missed.' },
      },
    ],
  },
});
