import { defineCouncil } from '../functions/config/define-council.ts';

export default defineCouncil({
  id: 'highland',
  // Shipped with the platform for development: synthesizes without GOV.UK Notify.
  sample: true,
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
      { uprn: '13000700001', lines: ['12 Kinmylies Crescent', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday', point: [-4.25683, 57.47612] },
      { uprn: '13000700002', lines: ['27 Kinmylies Crescent', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday', point: [-4.25641, 57.47648] },
      { uprn: '13000700003', lines: ['Flat 4', '3 Kinmylies Court', 'Inverness'], postcode: 'IV3 5PS', round: 'inverness-tuesday', point: [-4.25598, 57.47581] },
      // IV2 5: rural east of Inverness (Croy and Culloden Moor)
      { uprn: '13000700011', lines: ['Tigh na Coille', 'Croy', 'Inverness'], postcode: 'IV2 5PG', round: 'rural-friday', point: [-4.02847, 57.51023] },
      { uprn: '13000700012', lines: ['2 Balnagowan Cottages', 'Croy', 'Inverness'], postcode: 'IV2 5PG', round: 'rural-friday', point: [-4.02689, 57.50968] },
      // IV12 4: Nairn
      { uprn: '13000700021', lines: ['8 Seabank Gardens', 'Nairn'], postcode: 'IV12 4RP', round: 'nairn-wednesday', point: [-3.88012, 57.58734] },
      { uprn: '13000700022', lines: ['19 Seabank Gardens', 'Nairn'], postcode: 'IV12 4RP', round: 'nairn-wednesday', point: [-3.87968, 57.58761] },
      // PH33 6: Fort William
      { uprn: '13000700031', lines: ['5 Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'lochaber-thursday', point: [-5.12341, 56.80672] },
      { uprn: '13000700032', lines: ['Ardlinnhe', 'Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'lochaber-thursday', point: [-5.12402, 56.80618] },
      { uprn: '13000700033', lines: ['Croft House', 'Achintore Brae', 'Fort William'], postcode: 'PH33 6TB', round: 'rural-friday', point: [-5.12587, 56.80493] },
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
    report: {
      groups: [
        {
          id: 'roads',
          name: { en: 'Roads and pavements' },
          categories: [
            {
              code: 'pothole',
              name: { en: 'Pothole' },
              description: { en: 'A hole or broken surface in the road, a passing place or a lay-by.' },
              keywords: ['pothole', 'hole', 'road surface', 'tarmac', 'passing place', 'single track'],
              notice: { en: 'If this is dangerous, call us now on 0800 090 1004.' },
              // Roads are inspected on a risk basis: a pothole on a rural single-track road is further from a depot
              responseTime: { en: 'We aim to inspect potholes within 5 working days on main roads and within 10 working days on other roads.' },
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
                    { key: 'passing_place', name: { en: 'In a passing place or lay-by' } },
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
              responseTime: { en: 'We aim to inspect damaged pavements within 10 working days.' },
            },
            {
              code: 'road_sign',
              name: { en: 'Damaged road sign' },
              description: { en: 'A road sign, snow pole or street name plate that is damaged, dirty, missing or hidden by plants.' },
              keywords: ['sign', 'road sign', 'street sign', 'name plate', 'snow pole', 'marker post'],
              responseTime: { en: 'We aim to inspect damaged signs within 10 working days.' },
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
                    { key: 'hidden', name: { en: 'Hidden by trees or bushes' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'winter',
          name: { en: 'Snow and ice' },
          categories: [
            {
              code: 'gritting',
              name: { en: 'Icy road or pavement' },
              description: { en: 'A road or pavement that is icy or covered in snow and needs gritting or ploughing.' },
              keywords: ['ice', 'icy', 'snow', 'gritting', 'grit', 'salt', 'plough', 'winter'],
              notice: { en: 'We grit main routes first, so some streets and pavements are not treated. If ice or snow is causing an emergency, call us now on 0800 090 1004.' },
              responseTime: { en: 'We treat priority 1 routes within 2 hours of a report, and other routes once the main routes are clear.' },
              questions: [
                {
                  code: 'surface',
                  question: { en: 'What needs treating?' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'road', name: { en: 'The road' } },
                    { key: 'pavement', name: { en: 'The pavement' } },
                    { key: 'both', name: { en: 'The road and the pavement' } },
                  ],
                },
              ],
            },
            {
              code: 'grit_bin',
              name: { en: 'Grit bin empty or damaged' },
              description: { en: 'A roadside grit bin that is empty, damaged or missing its lid.' },
              keywords: ['grit bin', 'salt bin', 'grit', 'salt', 'empty'],
              responseTime: { en: 'We aim to refill grit bins within 5 working days between October and April.' },
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
              description: { en: 'Rubbish dumped illegally on a road, verge, lay-by, forestry track or public land.' },
              keywords: ['fly-tipping', 'fly tipping', 'dumped', 'dumping', 'rubbish', 'mattress', 'tyres'],
              notice: { en: 'Do not touch or move the rubbish: it may hold sharp or dangerous things. If you saw who dumped it, tell us in the description, but do not approach them.' },
              // Rural fly-tipping can be hours from the nearest depot, hence a longer target than a town council's
              responseTime: { en: 'We aim to remove fly-tipping from public land within 10 working days, and hazardous waste within 2 working days.' },
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
                    { key: 'electrical', name: { en: 'Fridges or other electrical items' } },
                    { key: 'tyres', name: { en: 'Tyres' } },
                    { key: 'vehicle_parts', name: { en: 'Car parts or oil' } },
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
              description: { en: 'Litter on a street, in a lay-by or at a beauty spot, or a litter or dog bin that is full.' },
              keywords: ['litter', 'rubbish', 'bin', 'litter bin', 'overflowing', 'lay-by', 'dog bin'],
              responseTime: { en: 'We aim to clear litter and empty full bins within 5 working days.' },
            },
            {
              code: 'dog_fouling',
              name: { en: 'Dog fouling' },
              description: { en: 'Dog mess on a pavement, path, beach or play area.' },
              keywords: ['dog fouling', 'dog mess', 'dog poo', 'dog dirt'],
              responseTime: { en: 'We aim to clear dog fouling within 5 working days.' },
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
              notice: { en: 'If the post is leaning, has wires showing or has been hit by a vehicle, call us now on 0800 090 1004.' },
              responseTime: { en: 'We aim to repair street lights within 10 working days, or sooner if a whole street is dark.' },
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
      // Simplified council area, mainland and Skye: the line runs out to sea round the coast, and leaves the
      // Western Isles (Comhairle nan Eilean Siar) and Orkney outside
      boundary: [
        [-5.1, 58.65],
        [-3.0, 58.7],
        [-3.0, 58.4],
        [-3.7, 58.05],
        [-3.7, 57.85],
        [-3.74, 57.64],
        [-3.55, 57.4],
        [-3.45, 57.1],
        [-4.2, 56.8],
        [-4.7, 56.62],
        [-5.25, 56.63],
        [-5.7, 56.5],
        [-6.3, 56.68],
        [-6.9, 57.3],
        [-6.6, 57.75],
        [-5.55, 58.3],
        [-5.3, 58.55],
        [-5.1, 58.65],
      ],
      neighbours: [
        {
          name: { en: 'The Moray Council' },
          website: 'https://www.moray.gov.uk',
          postcodeDistricts: ['IV30', 'IV31', 'IV32', 'AB56'],
          boundary: [
            [-3.74, 57.64],
            [-3.3, 57.73],
            [-2.8, 57.7],
            [-2.8, 57.45],
            [-3.1, 57.2],
            [-3.45, 57.1],
            [-3.55, 57.4],
            [-3.74, 57.64],
          ],
        },
        {
          name: { en: 'Argyll and Bute Council' },
          website: 'https://www.argyll-bute.gov.uk',
          postcodeDistricts: ['PA34', 'PA35', 'PA37'],
        },
        {
          name: { en: 'Perth and Kinross Council' },
          website: 'https://www.pkc.gov.uk',
          postcodeDistricts: ['PH16', 'PH17', 'PH18'],
        },
      ],
      streets: [
        { usrn: '9450112', name: 'Kinmylies Crescent', locality: 'Inverness', point: [-4.25662, 57.4763] },
        { usrn: '9450118', name: 'Kinmylies Court', locality: 'Inverness', point: [-4.25598, 57.47581] },
        { usrn: '9450003', name: 'Academy Street', locality: 'Inverness', point: [-4.22693, 57.48017] },
        { usrn: '9452207', name: 'Balnagowan Cottages', locality: 'Croy', point: [-4.02689, 57.50968] },
        { usrn: '9460341', name: 'Seabank Gardens', locality: 'Nairn', point: [-3.8799, 57.58748] },
        { usrn: '9460010', name: 'High Street', locality: 'Nairn', point: [-3.86912, 57.58502] },
        { usrn: '9471523', name: 'Achintore Brae', locality: 'Fort William', point: [-5.12443, 56.80595] },
        { usrn: '9471004', name: 'High Street', locality: 'Fort William', point: [-5.10807, 56.81853] },
        { usrn: '9480217', name: 'Grampian Road', locality: 'Aviemore', point: [-3.82905, 57.19204] },
        { usrn: '9490086', name: 'Bridge Street', locality: 'Wick', point: [-3.09104, 58.44001] },
      ],
      whatHappensNext: { en: 'We will look at your report and update its status. You can track it with your reference number.' },
    },
    forms: {
      adopted: {
        'assisted-bin-collection': {},
        'single-person-discount': {
          // Scotland's council tax regulations set the penalty for not telling the council at £50, not £70
          values: { 'penalty-pounds': 50 },
        },
        'dropped-kerb': {
          // Highland's roads team finds the planning application itself from the address: residents are not asked for its reference
          hide: ['planning-reference'],
          texts: {
            questions: {
              // Roads residents here know
              'classified-road': {
                hint: { en: "These are classified roads. The road's letter and number are on road signs and maps, for example A9 or B9161." },
              },
            },
          },
        },
        'new-bin-request': {
          // Highland gives a larger grey bin to households of 5 or more
          values: { 'extra-capacity-minimum-people': 5 },
        },
        // Scotland: the Social Work (Scotland) Act 1968 s.12A (the form's law for Scotland). In Highland adult
        // social care is delivered by NHS Highland for the council; the sample keeps it with the council.
        'care-needs-assessment': {
          values: {
            // Sample: the council's main and out-of-hours lines (contact above) stand in for its adult protection numbers
            'safeguarding-phone': '01349 886606',
            'safeguarding-out-of-hours-phone': '0800 090 1004',
            'response-working-days': 10,
          },
          // The council's own list: Scotland has no outcomes in law like England's and Wales', so Highland asks
          // about the areas of life Scotland's national eligibility framework weighs risk in.
          options: {
            needs: [
              { value: 'personal-care', text: { en: 'Personal care, such as washing, dressing or using the toilet' } },
              { value: 'eating-drinking', text: { en: 'Eating, drinking and making meals' } },
              { value: 'moving-safely', text: { en: 'Moving around the home safely' } },
              { value: 'daily-routines', text: { en: 'Daily routines and looking after the home' } },
              { value: 'health-wellbeing', text: { en: 'Managing their health and wellbeing' } },
              { value: 'staying-safe', text: { en: 'Staying safe from harm, abuse or neglect' } },
              { value: 'family-community', text: { en: 'Taking part in family and community life' } },
              { value: 'work-learning', text: { en: 'Work, learning or volunteering' } },
              { value: 'caring-for-others', text: { en: 'Caring for someone else' } },
            ],
          },
          texts: {
            // Scots law's words: the Adults with Incapacity (Scotland) Act 2000 and the Carers (Scotland) Act 2016
            questions: {
              'carer-assessment': { label: { en: 'May we contact the carer to offer them an adult carer support plan?' } },
              'power-of-attorney': {
                label: { en: 'Does anyone hold a welfare or continuing power of attorney, or a guardianship order, for them?' },
                errorName: { en: 'whether anyone holds a power of attorney or guardianship order' },
                hint: { en: 'Registered with the Office of the Public Guardian (Scotland).' },
              },
            },
            pages: {
              'carer-assessment': {
                title: { en: 'Support for the carer' },
                guidance: [
                  {
                    en: 'An unpaid carer has a right to an adult carer support plan: a conversation about their own health and wellbeing, and the support they need to keep caring. It is free, and they can ask for one at any time.',
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
  staff: {
    // Sample: shaped like Google Workspace, whose ID tokens carry hd and a verified email but no
    // roles or groups: so roles are given to staff by email address, here, as a reviewed change.
    signIn: {
      provider: 'embedded',
      clientId: 'ldf-highland',
      tenant: { claim: 'hd', value: 'highland.gov.uk' },
      roleClaim: 'email',
      roles: {
        'vic.viewer@highland.gov.uk': ['viewer'],
        'olu.officer@highland.gov.uk': ['officer'],
        'sam.supervisor@highland.gov.uk': ['supervisor'],
        'ada.admin@highland.gov.uk': ['admin'],
        // The duty social worker: works cases and opens care requests
        'cai.care@highland.gov.uk': ['officer', 'care'],
        // The data protection officer: residents' requests to delete their data, subject access searches
        'dara.data@highland.gov.uk': ['data-protection'],
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
