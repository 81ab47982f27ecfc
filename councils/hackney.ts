import { defineCouncil } from '../functions/config/define-council.ts';

export default defineCouncil({
  id: 'hackney',
  // Shipped with the platform for development: synthesizes without GOV.UK Notify.
  sample: true,
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
    // Flats in one building share the building's point
    properties: [
      // E5 0: Clapton
      { uprn: '10008200001', lines: ['Flat 2', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday', point: [-0.05362, 51.55528] },
      { uprn: '10008200002', lines: ['Flat 5', '41 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'monday', point: [-0.05362, 51.55528] },
      { uprn: '10008200003', lines: ['58 Linscott Road', 'London'], postcode: 'E5 0LH', round: 'tuesday', point: [-0.05331, 51.55561] },
      // E8 2: Dalston
      { uprn: '10008200011', lines: ['17 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'tuesday', point: [-0.07168, 51.54921] },
      { uprn: '10008200012', lines: ['Ground Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday', point: [-0.07181, 51.54935] },
      { uprn: '10008200013', lines: ['First Floor Flat', '23 Sandringham Mews', 'London'], postcode: 'E8 2NS', round: 'wednesday', point: [-0.07181, 51.54935] },
      // E9 6: Hackney Wick
      { uprn: '10008200021', lines: ['Flat 12', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday', point: [-0.02914, 51.54668] },
      { uprn: '10008200022', lines: ['Flat 31', 'Lea Wharf', '8 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'thursday', point: [-0.02914, 51.54668] },
      { uprn: '10008200023', lines: ['4 Eastway Lock', 'London'], postcode: 'E9 6PT', round: 'friday', point: [-0.02942, 51.54652] },
      // N16 7: Stoke Newington
      { uprn: '10008200031', lines: ['9 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday', point: [-0.08015, 51.56231] },
      { uprn: '10008200032', lines: ['14 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'friday', point: [-0.07998, 51.56244] },
      { uprn: '10008200033', lines: ['Flat A', '30 Albion Grove Terrace', 'London'], postcode: 'N16 7UX', round: 'monday', point: [-0.07972, 51.56262] },
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
    report: {
      groups: [
        {
          id: 'roads',
          name: { en: 'Roads, pavements and parking' },
          categories: [
            {
              code: 'pothole',
              name: { en: 'Pothole' },
              description: { en: 'A hole or broken surface in the road or a cycle lane.' },
              keywords: ['pothole', 'hole', 'road surface', 'tarmac', 'cycle lane'],
              notice: { en: 'If this is dangerous, call us now on 020 8356 2300.' },
              responseTime: { en: 'We aim to inspect potholes within 5 working days, and to make dangerous ones safe within 24 hours.' },
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
                    { key: 'bus_lane', name: { en: 'In a bus lane' } },
                  ],
                },
              ],
            },
            {
              code: 'pavement',
              name: { en: 'Damaged pavement or kerb' },
              description: { en: 'Cracked, loose or uneven paving slabs, a damaged kerb or a broken dropped kerb.' },
              keywords: ['pavement', 'footway', 'paving slab', 'kerb', 'dropped kerb', 'trip'],
              responseTime: { en: 'We aim to inspect damaged pavements within 5 working days.' },
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
              code: 'abandoned_vehicle',
              name: { en: 'Abandoned vehicle' },
              description: { en: 'A car, van, motorbike or trailer that looks dumped: untaxed, damaged, burnt out or not moved for weeks.' },
              keywords: ['abandoned', 'car', 'vehicle', 'untaxed', 'burnt out', 'dumped car'],
              responseTime: { en: 'We aim to inspect an abandoned vehicle within 5 working days. Burnt-out vehicles are removed within 1 working day.' },
              questions: [
                {
                  code: 'registration',
                  question: { en: 'What is the registration number?' },
                  hint: { en: 'Leave this blank if the plates have been taken off.' },
                  type: 'string',
                },
                {
                  code: 'condition',
                  question: { en: 'What state is it in?' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'untaxed', name: { en: 'Untaxed but in one piece' } },
                    { key: 'damaged', name: { en: 'Damaged or missing wheels or windows' } },
                    { key: 'burnt_out', name: { en: 'Burnt out' } },
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
              description: { en: 'Rubbish dumped on a street, estate or park, including bags left out on the wrong day.' },
              keywords: ['fly-tipping', 'fly tipping', 'dumped', 'dumping', 'rubbish', 'mattress', 'sofa', 'bags'],
              notice: { en: 'Do not touch or move the rubbish: it may hold sharp or dangerous things. If you saw who dumped it, tell us in the description, but do not approach them.' },
              // Busy streets are swept daily, so dumped rubbish is cleared faster than in a rural district
              responseTime: { en: 'We aim to clear fly-tipping within 1 working day.' },
              questions: [
                {
                  code: 'what',
                  question: { en: 'What has been dumped?' },
                  hint: { en: 'Choose all that apply.' },
                  type: 'multivaluelist',
                  required: true,
                  options: [
                    { key: 'household', name: { en: 'Household rubbish or black bags' } },
                    { key: 'furniture', name: { en: 'Furniture or mattresses' } },
                    { key: 'building', name: { en: 'Building rubble' } },
                    { key: 'electrical', name: { en: 'Fridges or other electrical items' } },
                    { key: 'trade', name: { en: 'Shop or business waste' } },
                    { key: 'tyres', name: { en: 'Tyres' } },
                    { key: 'hazardous', name: { en: 'Chemicals, asbestos, needles or other hazardous waste' } },
                    { key: 'other', name: { en: 'Something else' } },
                  ],
                },
                {
                  code: 'amount',
                  question: { en: 'How much is there?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'single', name: { en: 'One bag or item' } },
                    { key: 'few', name: { en: 'A few bags or items' } },
                    { key: 'van', name: { en: 'A small van load' } },
                    { key: 'lorry', name: { en: 'A lorry load or more' } },
                  ],
                },
              ],
            },
            {
              code: 'graffiti',
              name: { en: 'Graffiti or fly-posting' },
              description: { en: 'Tags, paint or stickers on walls, shutters, bridges or street furniture, or posters put up without permission.' },
              keywords: ['graffiti', 'tagging', 'tag', 'spray paint', 'vandalism', 'fly-posting', 'posters', 'stickers'],
              responseTime: { en: 'We remove offensive graffiti within 1 working day and other graffiti on public property within 5 working days.' },
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
              description: { en: 'Litter, broken glass or spilled rubbish on a street, or a litter bin that is full.' },
              keywords: ['litter', 'rubbish', 'bin', 'litter bin', 'overflowing', 'broken glass'],
              responseTime: { en: 'We aim to clear litter and empty full bins within 1 working day.' },
            },
            {
              code: 'dog_fouling',
              name: { en: 'Dog fouling' },
              description: { en: 'Dog mess on a pavement, estate path or in a park.' },
              keywords: ['dog fouling', 'dog mess', 'dog poo'],
              responseTime: { en: 'We aim to clear dog fouling within 1 working day.' },
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
              notice: { en: 'If the post is leaning, has wires showing or has been hit by a vehicle, call us now on 020 8356 2300.' },
              responseTime: { en: 'We aim to repair street lights within 5 working days.' },
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
        {
          id: 'trees',
          name: { en: 'Trees and parks' },
          categories: [
            {
              code: 'street_tree',
              name: { en: 'Street tree problem' },
              description: { en: 'A street or park tree that is damaged, dying, blocking a sign or light, or has a broken or hanging branch.' },
              keywords: ['tree', 'branch', 'fallen tree', 'roots', 'overhanging', 'tree pit'],
              notice: { en: 'If a tree or large branch has fallen or is about to fall, call us now on 020 8356 2300.' },
              responseTime: { en: 'We aim to inspect street trees within 10 working days.' },
              questions: [
                {
                  code: 'problem',
                  question: { en: 'What is the problem?' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'fallen', name: { en: 'Fallen or hanging branch' } },
                    { key: 'damaged', name: { en: 'Damaged or vandalised tree' } },
                    { key: 'dead', name: { en: 'Dead or dying tree' } },
                    { key: 'blocking', name: { en: 'Blocking a sign, light or the pavement' } },
                    { key: 'roots', name: { en: 'Roots lifting the pavement' } },
                  ],
                },
              ],
            },
            {
              code: 'park_damage',
              name: { en: 'Damaged park equipment or bench' },
              description: { en: 'Broken play equipment, benches, fences or gates in a park or on an estate green.' },
              keywords: ['park', 'playground', 'swing', 'bench', 'fence', 'gate'],
              notice: { en: 'If play equipment is unsafe, keep children off it and call us now on 020 8356 2300.' },
              responseTime: { en: 'We aim to inspect damaged park equipment within 2 working days.' },
            },
          ],
        },
      ],
      // Simplified borough boundary: the Lea on the east, Victoria Park and Hackney Road on the south,
      // Shoreditch and the Islington boundary on the west, Seven Sisters Road and Stamford Hill on the north
      boundary: [
        [-0.0975, 51.5705],
        [-0.082, 51.576],
        [-0.062, 51.579],
        [-0.052, 51.574],
        [-0.038, 51.559],
        [-0.02, 51.55],
        [-0.024, 51.543],
        [-0.042, 51.5395],
        [-0.06, 51.5345],
        [-0.072, 51.529],
        [-0.078, 51.5215],
        [-0.088, 51.525],
        [-0.095, 51.532],
        [-0.087, 51.544],
        [-0.095, 51.56],
        [-0.0975, 51.5705],
      ],
      neighbours: [
        {
          name: { en: 'Islington Council' },
          website: 'https://www.islington.gov.uk',
          // N1 also takes in Hoxton and De Beauvoir, which are ours, but most of it is Islington's
          postcodeDistricts: ['N1', 'N5', 'N7', 'N19'],
          boundary: [
            [-0.0975, 51.5705],
            [-0.095, 51.56],
            [-0.087, 51.544],
            [-0.095, 51.532],
            [-0.088, 51.525],
            [-0.1, 51.521],
            [-0.115, 51.52],
            [-0.125, 51.533],
            [-0.13, 51.547],
            [-0.143, 51.565],
            [-0.12, 51.573],
            [-0.0975, 51.5705],
          ],
        },
        {
          name: { en: 'Tower Hamlets Council' },
          website: 'https://www.towerhamlets.gov.uk',
          postcodeDistricts: ['E1', 'E2', 'E3', 'E14'],
          boundary: [
            [-0.078, 51.5215],
            [-0.072, 51.529],
            [-0.06, 51.5345],
            [-0.042, 51.5395],
            [-0.024, 51.543],
            [-0.01, 51.53],
            [-0.005, 51.51],
            [-0.008, 51.487],
            [-0.03, 51.488],
            [-0.03, 51.505],
            [-0.073, 51.507],
            [-0.078, 51.5215],
          ],
        },
        {
          name: { en: 'Waltham Forest Council' },
          website: 'https://www.walthamforest.gov.uk',
          postcodeDistricts: ['E4', 'E10', 'E17'],
        },
      ],
      streets: [
        { usrn: '20701512', name: 'Linscott Road', locality: 'Clapton', point: [-0.05348, 51.55544] },
        { usrn: '20700388', name: 'Chatsworth Road', locality: 'Clapton', point: [-0.04462, 51.55471] },
        { usrn: '20702207', name: 'Sandringham Mews', locality: 'Dalston', point: [-0.07175, 51.54928] },
        { usrn: '20701390', name: 'Kingsland High Street', locality: 'Dalston', point: [-0.07545, 51.54803] },
        { usrn: '20700951', name: 'Eastway Lock', locality: 'Hackney Wick', point: [-0.02928, 51.5466] },
        { usrn: '20701660', name: 'Mare Street', locality: 'Hackney Central', point: [-0.05528, 51.54497] },
        { usrn: '20700042', name: 'Albion Grove Terrace', locality: 'Stoke Newington', point: [-0.07995, 51.56246] },
        { usrn: '20702419', name: 'Stamford Hill', locality: 'Stamford Hill', point: [-0.07251, 51.57002] },
        { usrn: '20701237', name: 'Hoxton Street', locality: 'Hoxton', point: [-0.08047, 51.53198] },
      ],
      whatHappensNext: { en: 'We will look at your report and update its status. You can track it with your reference number.' },
    },
    forms: {
      adopted: {
        'assisted-bin-collection': {
          texts: {
            // Most Hackney flats share communal bins emptied from the bin store: they need no assisted collection
            start: [
              {
                en: 'If nobody in your home is able to take your bins out to the kerb because of their health, a disability or their age, our crew can collect them from your property and put them back afterwards.',
              },
              {
                en: 'If you live in a block of flats with shared bins, you do not need to apply: the crew empties them from the bin store.',
              },
              { en: 'This service is free. It takes about 5 minutes to apply. If you need help to fill in this form, call us on {contact.phone}.' },
            ],
          },
        },
        'single-person-discount': {},
        'dropped-kerb': {
          texts: {
            questions: {
              // Roads residents here know
              'classified-road': {
                hint: { en: "These are classified roads. The road's letter and number are on road signs and maps, for example A10 or A107." },
              },
            },
          },
        },
        'new-bin-request': {},
        // England: the form's Care Act 2014 outcomes and law apply as they are.
        'care-needs-assessment': {
          values: {
            // Sample: the council's main and out-of-hours lines (contact above) stand in for its adult safeguarding numbers
            'safeguarding-phone': '020 8356 3000',
            'safeguarding-out-of-hours-phone': '020 8356 2300',
            'response-working-days': 5,
          },
        },
      },
    },
  },
  staff: {
    // Sample: the local host's embedded provider, shaped like Microsoft Entra ID (tid, app roles).
    signIn: {
      provider: 'embedded',
      clientId: 'ldf-hackney',
      tenant: { claim: 'tid', value: '3c1e6a52-8d0f-4b7e-9a41-0d2f6b8e1a01' },
      roleClaim: 'roles',
      roles: { 'LDF.Viewer': ['viewer'], 'LDF.Officer': ['officer'], 'LDF.Supervisor': ['supervisor'], 'LDF.Admin': ['admin'], 'LDF.Care': ['care'], 'LDF.DataProtection': ['data-protection'] },
    },
    session: { idleMinutes: 30, absoluteHours: 12 },
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
