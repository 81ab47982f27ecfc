import { defineCouncil } from '../functions/config/define-council.ts';

export default defineCouncil({
  id: 'ceredigion',
  // Shipped with the platform for development: synthesizes without GOV.UK Notify.
  sample: true,
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
      { uprn: '10009400001', lines: ['5 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'monday-week-1', point: [-4.08561, 52.41651] },
      { uprn: '10009400002', lines: ['Fflat 3', '22 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'monday-week-1', point: [-4.08498, 52.41592] },
      { uprn: '10009400003', lines: ['31 Ffordd y Môr', 'Aberystwyth'], postcode: 'SY23 1DE', round: 'tuesday-week-2', point: [-4.08453, 52.41548] },
      // SA46 0: Aberaeron
      { uprn: '10009400011', lines: ['8 Stryd y Cei', 'Aberaeron'], postcode: 'SA46 0AT', round: 'tuesday-week-2', point: [-4.26048, 52.24292] },
      { uprn: '10009400012', lines: ['14 Stryd y Cei', 'Aberaeron'], postcode: 'SA46 0AT', round: 'tuesday-week-2', point: [-4.26013, 52.24271] },
      // SA43 1: Aberteifi / Cardigan
      { uprn: '10009400021', lines: ['2 Heol y Castell', 'Aberteifi', 'Cardigan'], postcode: 'SA43 1JB', round: 'thursday-week-3', point: [-4.65918, 52.08341] },
      { uprn: '10009400022', lines: ['Bwthyn Glan Teifi', 'Heol y Castell', 'Aberteifi', 'Cardigan'], postcode: 'SA43 1JB', round: 'thursday-week-3', point: [-4.65967, 52.08318] },
      // SY25 6: Tregaron
      { uprn: '10009400031', lines: ['Maes y Ffynnon', 'Tregaron'], postcode: 'SY25 6HQ', round: 'thursday-week-3', point: [-3.93401, 52.21983] },
      { uprn: '10009400032', lines: ['4 Lôn y Capel', 'Tregaron'], postcode: 'SY25 6HQ', round: 'monday-week-1', point: [-3.93312, 52.22034] },
    ],
  },
  notifications: {
    provider: 'govuk-notify',
    templates: {
      'missed-collection-confirmation': {
        en: '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13',
        cy: 'b2e7d9a1-4c6f-4e8b-a3d5-7f9c1e3b5d27',
      },
      // An officer's public update of a case, emailed to the resident (one per module).
      'bins-case-update': {
        en: '0c4e8a2b-6d1f-4b3a-9e5c-7a2d4f6b8c01',
        cy: '5e7a9c1d-3f5b-4d7e-8a1c-2b4d6f8a0c12',
      },
      'report-case-update': {
        en: '9b1d3f5a-7c2e-4a6b-8d0f-1e3a5c7b9d23',
        cy: 'd4f6a8c0-2e4b-4c6d-9f1a-3b5d7e9a1c34',
      },
      'problem-report-confirmation': {
        en: 'e640fca0-38fe-4d4c-9429-a1675ae29907',
        cy: '9907f5a5-b6bb-4777-9f85-c8569c33bed7',
      },
      'form-confirmation': {
        en: '24c0fe94-1136-459f-bb13-9bb5f643da94',
        cy: 'a8c6927f-2dac-4ecf-a01b-fc1878a9948f',
      },
      // A restricted form's confirmation (social care): the reference, response time and phone number only.
      'form-confirmation-restricted': {
        en: '1c41e200-f449-4c50-af04-283edca1e696',
        cy: '5ae0b17a-e863-496b-9c83-afadb3783a4b',
      },
      'form-resume-link': {
        en: '6a428937-7ae7-46f7-8fac-7d011eaee0fd',
        cy: 'd1e95bad-e175-4b20-afe4-9361bfd76f25',
      },
      // A restricted form's save and return link (social care): names no form, and its link none.
      'form-resume-link-restricted': {
        en: '15343720-96f3-477c-8e59-cba98eade2b8',
        cy: 'adffafa9-9a4d-4b0b-95b7-1e9a63b8a3c3',
      },
      'form-to-council': {
        en: '8da5481a-daa6-4be3-8a1c-5201b68ddc14',
        cy: '52778c6d-d401-4471-a22d-eb6a8893cc54',
      },
      'forms-case-update': {
        en: '1d23bfd9-d7a2-4e3e-b3fe-32df2e6cb71f',
        cy: 'f410d47d-4ad7-46dd-a02c-fc45bf878fcd',
      },
      'data-rights-code': {
        en: 'ff391f04-1c60-4cac-8fea-786250bd09bb',
        cy: 'e510aacd-3cc6-4e85-b84d-1363c263db90',
      },
      'data-rights-request-received': {
        en: 'd0151648-d049-4fde-95cf-fc4d0d0128d0',
        cy: 'ae1e6354-12ad-4d6d-84f0-232e5054de27',
      },
      'data-rights-erased': {
        en: '04d586cd-f05f-4463-ba03-6b2389917bde',
        cy: '622a73c6-4ebf-4f7b-a1d0-1c1b282c680d',
      },
      'data-rights-refused': {
        en: '06d69997-cc10-47b9-944b-ff641a991fe2',
        cy: '624e47dc-7a6b-443d-8cea-d5e77b4967c7',
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
    report: {
      groups: [
        {
          id: 'roads',
          name: { en: 'Roads and pavements', cy: 'Ffyrdd a phalmentydd' },
          categories: [
            {
              code: 'pothole',
              name: { en: 'Pothole', cy: 'Twll yn y ffordd' },
              description: { en: 'A hole or broken surface in the road.', cy: 'Twll neu wyneb wedi torri yn y ffordd.' },
              keywords: ['pothole', 'hole', 'road surface', 'tarmac', 'twll', 'ffordd'],
              notice: { en: 'If this is dangerous, call us now on 01970 625277.', cy: 'Os yw hyn yn beryglus, ffoniwch ni nawr ar 01970 625277.' },
              responseTime: {
                en: 'We aim to inspect potholes within 5 working days.',
                cy: 'Ein nod yw archwilio tyllau yn y ffordd o fewn 5 diwrnod gwaith.',
              },
              questions: [
                {
                  code: 'depth',
                  question: { en: 'How deep is the pothole?', cy: "Pa mor ddwfn yw'r twll?" },
                  hint: { en: 'A rough guess is fine.', cy: 'Mae amcangyfrif bras yn iawn.' },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'under_5cm', name: { en: 'Less than 5cm', cy: 'Llai na 5cm' } },
                    { key: 'from_5_to_10cm', name: { en: '5cm to 10cm', cy: 'Rhwng 5cm a 10cm' } },
                    { key: 'over_10cm', name: { en: 'More than 10cm', cy: 'Mwy na 10cm' } },
                  ],
                },
                {
                  code: 'where',
                  question: { en: 'Where is it?', cy: 'Ble mae e?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'road', name: { en: 'In the road', cy: 'Yn y ffordd' } },
                    { key: 'edge', name: { en: 'At the edge of the road', cy: 'Ar ymyl y ffordd' } },
                    { key: 'passing_place', name: { en: 'In a passing place or lay-by', cy: 'Mewn man pasio neu gilfan' } },
                  ],
                },
              ],
            },
            {
              code: 'pavement',
              name: { en: 'Damaged pavement or kerb', cy: "Palmant neu gwrb wedi'i ddifrodi" },
              description: {
                en: 'Cracked, loose or uneven paving slabs, or a damaged kerb.',
                cy: "Slabiau palmant sydd wedi cracio, yn rhydd neu'n anwastad, neu gwrb wedi'i ddifrodi.",
              },
              keywords: ['pavement', 'footway', 'paving slab', 'kerb', 'trip', 'palmant', 'cwrb'],
              responseTime: {
                en: 'We aim to inspect damaged pavements within 10 working days.',
                cy: "Ein nod yw archwilio palmentydd sydd wedi'u difrodi o fewn 10 diwrnod gwaith.",
              },
              questions: [
                {
                  code: 'trip_hazard',
                  question: { en: 'Could someone trip on it?', cy: 'A allai rhywun faglu arno?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'yes', name: { en: 'Yes', cy: 'Gallai' } },
                    { key: 'no', name: { en: 'No', cy: 'Na allai' } },
                  ],
                },
              ],
            },
            {
              code: 'road_sign',
              name: { en: 'Damaged road sign or street name plate', cy: "Arwydd ffordd neu arwydd enw stryd wedi'i ddifrodi" },
              description: {
                en: 'A road sign or street name plate that is damaged, dirty, missing or hidden by plants.',
                cy: "Arwydd ffordd neu arwydd enw stryd sydd wedi'i ddifrodi, yn frwnt, ar goll neu wedi'i guddio gan dyfiant.",
              },
              keywords: ['sign', 'road sign', 'street sign', 'name plate', 'arwydd', 'enw stryd'],
              responseTime: {
                en: 'We aim to inspect damaged signs within 10 working days.',
                cy: "Ein nod yw archwilio arwyddion sydd wedi'u difrodi o fewn 10 diwrnod gwaith.",
              },
              questions: [
                {
                  code: 'problem',
                  question: { en: 'What is wrong with the sign?', cy: "Beth sy'n bod ar yr arwydd?" },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'damaged', name: { en: 'Damaged or knocked down', cy: "Wedi'i ddifrodi neu ei fwrw i lawr" } },
                    { key: 'missing', name: { en: 'Missing', cy: 'Ar goll' } },
                    { key: 'dirty', name: { en: 'Dirty', cy: 'Yn frwnt' } },
                    { key: 'hidden', name: { en: 'Hidden by trees or hedges', cy: "Wedi'i guddio gan goed neu berthi" } },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'street_cleaning',
          name: { en: 'Street cleaning', cy: 'Glanhau strydoedd' },
          categories: [
            {
              code: 'fly_tipping',
              name: { en: 'Fly-tipping', cy: 'Tipio anghyfreithlon' },
              description: {
                en: 'Rubbish dumped illegally on a road, verge, lay-by or public land.',
                cy: "Sbwriel sydd wedi'i ddympio'n anghyfreithlon ar ffordd, ymyl ffordd, cilfan neu dir cyhoeddus.",
              },
              keywords: ['fly-tipping', 'fly tipping', 'dumped', 'rubbish', 'tipio', 'sbwriel', 'gwastraff'],
              notice: {
                en: 'Do not touch or move the rubbish: it may hold sharp or dangerous things. If you saw who dumped it, tell us in the description, but do not approach them.',
                cy: "Peidiwch â chyffwrdd â'r sbwriel na'i symud: gall fod pethau miniog neu beryglus ynddo. Os gwelsoch chi bwy a'i dympiodd, dywedwch wrthym yn y disgrifiad, ond peidiwch â mynd atyn nhw.",
              },
              responseTime: {
                en: 'We aim to remove fly-tipping from public land within 5 working days.',
                cy: "Ein nod yw clirio gwastraff sydd wedi'i dipio'n anghyfreithlon ar dir cyhoeddus o fewn 5 diwrnod gwaith.",
              },
              questions: [
                {
                  code: 'what',
                  question: { en: 'What has been dumped?', cy: "Beth sydd wedi'i ddympio?" },
                  hint: { en: 'Choose all that apply.', cy: "Dewiswch bob un sy'n berthnasol." },
                  type: 'multivaluelist',
                  required: true,
                  options: [
                    { key: 'household', name: { en: 'Household rubbish', cy: 'Sbwriel cartref' } },
                    { key: 'furniture', name: { en: 'Furniture or mattresses', cy: 'Dodrefn neu fatresi' } },
                    { key: 'building', name: { en: 'Building rubble', cy: 'Rwbel adeiladu' } },
                    { key: 'garden', name: { en: 'Garden waste', cy: 'Gwastraff gardd' } },
                    { key: 'electrical', name: { en: 'Fridges or other electrical items', cy: 'Oergelloedd neu nwyddau trydanol eraill' } },
                    { key: 'tyres', name: { en: 'Tyres', cy: 'Teiars' } },
                    { key: 'farm', name: { en: 'Farm plastics or silage wrap', cy: 'Plastig fferm neu lapio silwair' } },
                    { key: 'hazardous', name: { en: 'Chemicals, asbestos or other hazardous waste', cy: 'Cemegion, asbestos neu wastraff peryglus arall' } },
                    { key: 'other', name: { en: 'Something else', cy: 'Rhywbeth arall' } },
                  ],
                },
                {
                  code: 'amount',
                  question: { en: 'How much is there?', cy: 'Faint sydd yno?' },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'single', name: { en: 'One bag or item', cy: 'Un bag neu eitem' } },
                    { key: 'car_boot', name: { en: 'A car boot load', cy: 'Llond cist car' } },
                    { key: 'van', name: { en: 'A small van load', cy: 'Llond fan fach' } },
                    { key: 'lorry', name: { en: 'A lorry load or more', cy: 'Llond lori neu fwy' } },
                  ],
                },
              ],
            },
            {
              code: 'graffiti',
              name: { en: 'Graffiti or fly-posting', cy: 'Graffiti neu bosteri anghyfreithlon' },
              description: {
                en: 'Paint, marker pen or stickers on walls, bridges, bus shelters or signs, or posters put up without permission.',
                cy: "Paent, pen marcio neu sticeri ar waliau, pontydd, llochesi bws neu arwyddion, neu bosteri wedi'u gosod heb ganiatâd.",
              },
              keywords: ['graffiti', 'spray paint', 'vandalism', 'posters', 'stickers', 'fandaliaeth', 'posteri'],
              responseTime: {
                en: 'We remove offensive graffiti within 1 working day and other graffiti on public property within 10 working days.',
                cy: 'Rydym yn cael gwared ar graffiti sarhaus o fewn 1 diwrnod gwaith, a graffiti arall ar eiddo cyhoeddus o fewn 10 diwrnod gwaith.',
              },
              questions: [
                {
                  code: 'offensive',
                  question: { en: 'Is it offensive?', cy: "A yw'n sarhaus?" },
                  hint: {
                    en: 'For example racist, sexual or abusive words or pictures.',
                    cy: 'Er enghraifft, geiriau neu luniau hiliol, rhywiol neu ddifrïol.',
                  },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'yes', name: { en: 'Yes', cy: 'Ydy' } },
                    { key: 'no', name: { en: 'No', cy: 'Nac ydy' } },
                  ],
                },
              ],
            },
            {
              code: 'litter',
              name: { en: 'Litter or overflowing litter bin', cy: 'Sbwriel neu fin sbwriel yn gorlifo' },
              description: {
                en: 'Litter on a street, beach car park or promenade, or a litter or dog bin that is full.',
                cy: "Sbwriel ar stryd, maes parcio traeth neu bromenâd, neu fin sbwriel neu fin baw cŵn sy'n llawn.",
              },
              keywords: ['litter', 'rubbish', 'bin', 'overflowing', 'sbwriel', 'biniau'],
              // Seaside towns fill their bins faster in summer; the target is the same all year
              responseTime: {
                en: 'We aim to clear litter and empty full bins within 3 working days.',
                cy: 'Ein nod yw clirio sbwriel a gwagio biniau llawn o fewn 3 diwrnod gwaith.',
              },
            },
            {
              code: 'dog_fouling',
              name: { en: 'Dog fouling', cy: 'Baw cŵn' },
              description: { en: 'Dog mess on a pavement, path, beach or play area.', cy: 'Baw cŵn ar balmant, llwybr, traeth neu ardal chwarae.' },
              keywords: ['dog fouling', 'dog mess', 'dog poo', 'baw cŵn'],
              responseTime: { en: 'We aim to clear dog fouling within 3 working days.', cy: 'Ein nod yw clirio baw cŵn o fewn 3 diwrnod gwaith.' },
              questions: [
                {
                  code: 'how_often',
                  question: { en: 'How often does this happen here?', cy: 'Pa mor aml mae hyn yn digwydd yma?' },
                  hint: {
                    en: 'This helps our enforcement officers patrol at the right times.',
                    cy: 'Mae hyn yn helpu ein swyddogion gorfodi i batrolio ar yr adegau iawn.',
                  },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'first_time', name: { en: 'This is the first time I have seen it', cy: "Dyma'r tro cyntaf i mi ei weld" } },
                    { key: 'weekly', name: { en: 'Every week', cy: 'Bob wythnos' } },
                    { key: 'daily', name: { en: 'Every day', cy: 'Bob dydd' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'lighting',
          name: { en: 'Street lighting', cy: 'Goleuadau stryd' },
          categories: [
            {
              code: 'street_light',
              name: { en: 'Street light not working', cy: 'Golau stryd ddim yn gweithio' },
              description: {
                en: 'A street light that is out, flickering, on during the day or damaged.',
                cy: "Golau stryd sydd wedi diffodd, yn fflachio, ymlaen yn ystod y dydd neu wedi'i ddifrodi.",
              },
              keywords: ['street light', 'streetlight', 'lamp post', 'light out', 'golau stryd', 'lamp'],
              notice: {
                en: 'If the post is leaning, has wires showing or has been hit by a vehicle, call us now on 01970 625277.',
                cy: "Os yw'r polyn yn gwyro, os oes gwifrau yn y golwg neu os oes cerbyd wedi taro yn ei erbyn, ffoniwch ni nawr ar 01970 625277.",
              },
              responseTime: {
                en: 'We aim to repair street lights within 7 working days, or sooner if a whole street is dark.',
                cy: "Ein nod yw trwsio goleuadau stryd o fewn 7 diwrnod gwaith, neu'n gynt os yw stryd gyfan yn dywyll.",
              },
              questions: [
                {
                  code: 'column_number',
                  question: { en: 'What is the number on the post?', cy: "Beth yw'r rhif ar y polyn?" },
                  hint: {
                    en: 'It is on a small plate or sticker on the post, at about head height. Leave this blank if you cannot see one.',
                    cy: 'Mae ar blât neu sticer bach ar y polyn, tua uchder pen. Gadewch hwn yn wag os na allwch weld un.',
                  },
                  type: 'string',
                },
                {
                  code: 'day_burning',
                  question: { en: 'Is the light on during the day?', cy: "A yw'r golau ymlaen yn ystod y dydd?" },
                  type: 'singlevaluelist',
                  options: [
                    { key: 'yes', name: { en: 'Yes', cy: 'Ydy' } },
                    { key: 'no', name: { en: 'No', cy: 'Nac ydy' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          // The council looks after the public rights of way and the Ceredigion stretch of the Wales Coast Path
          id: 'paths',
          name: { en: 'Footpaths and the coast path', cy: 'Llwybrau troed a llwybr yr arfordir' },
          categories: [
            {
              code: 'right_of_way',
              name: { en: 'Footpath or bridleway problem', cy: 'Problem ar lwybr troed neu lwybr ceffyl' },
              description: {
                en: 'A public footpath or bridleway that is blocked, overgrown or flooded, or has a broken stile, gate or sign.',
                cy: "Llwybr troed neu lwybr ceffyl cyhoeddus sydd wedi'i rwystro, wedi tyfu'n wyllt neu dan ddŵr, neu sydd â chamfa, giât neu arwydd wedi torri.",
              },
              keywords: ['footpath', 'bridleway', 'right of way', 'stile', 'gate', 'overgrown', 'llwybr', 'camfa'],
              responseTime: {
                en: 'We aim to inspect problems on footpaths and bridleways within 20 working days, or sooner if the path is unsafe.',
                cy: "Ein nod yw archwilio problemau ar lwybrau troed a llwybrau ceffyl o fewn 20 diwrnod gwaith, neu'n gynt os nad yw'r llwybr yn ddiogel.",
              },
              questions: [
                {
                  code: 'problem',
                  question: { en: 'What is the problem?', cy: "Beth yw'r broblem?" },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'blocked', name: { en: 'Blocked by a fence, crops or a locked gate', cy: "Wedi'i rwystro gan ffens, cnydau neu giât wedi'i chloi" } },
                    { key: 'overgrown', name: { en: 'Overgrown', cy: "Wedi tyfu'n wyllt" } },
                    { key: 'stile_gate', name: { en: 'Broken stile, gate or bridge', cy: 'Camfa, giât neu bont wedi torri' } },
                    { key: 'sign', name: { en: 'Sign missing or broken', cy: 'Arwydd ar goll neu wedi torri' } },
                    { key: 'flooded', name: { en: 'Flooded or very muddy', cy: "Dan ddŵr neu'n fwdlyd iawn" } },
                  ],
                },
              ],
            },
            {
              code: 'coast_path',
              name: { en: 'Ceredigion Coast Path problem', cy: 'Problem ar Lwybr Arfordir Ceredigion' },
              description: {
                en: 'Erosion, a landslip, a fallen fence or a damaged gate, step or sign on the coast path.',
                cy: "Erydu, tirlithriad, ffens wedi cwympo neu giât, gris neu arwydd wedi'i ddifrodi ar lwybr yr arfordir.",
              },
              keywords: ['coast path', 'coastal path', 'cliff', 'erosion', 'landslip', 'llwybr arfordir', 'clogwyn'],
              notice: {
                en: 'If the path has collapsed or a cliff edge is unsafe, keep away and call us now on 01970 625277. If someone is in danger, call 999 and ask for the Coastguard.',
                cy: "Os yw'r llwybr wedi cwympo neu os nad yw ymyl clogwyn yn ddiogel, cadwch draw a ffoniwch ni nawr ar 01970 625277. Os oes rhywun mewn perygl, ffoniwch 999 a gofynnwch am Wylwyr y Glannau.",
              },
              responseTime: {
                en: 'We aim to inspect coast path problems within 10 working days, and close unsafe sections straight away.',
                cy: 'Ein nod yw archwilio problemau ar lwybr yr arfordir o fewn 10 diwrnod gwaith, a chau rhannau anniogel ar unwaith.',
              },
              questions: [
                {
                  code: 'still_open',
                  question: { en: 'Is the path still open?', cy: "A yw'r llwybr yn dal ar agor?" },
                  type: 'singlevaluelist',
                  required: true,
                  options: [
                    { key: 'yes', name: { en: 'Yes, but take care', cy: 'Ydy, ond mae angen gofal' } },
                    { key: 'no', name: { en: 'No, it is blocked or unsafe', cy: "Nac ydy, mae wedi'i rwystro neu'n anniogel" } },
                  ],
                },
              ],
            },
          ],
        },
      ],
      // Simplified county boundary: the Dyfi estuary on the north, Pumlumon and the Cambrian Mountains on the east,
      // the Teifi on the south and Cardigan Bay on the west (the line runs out to sea so beaches and harbours fall inside)
      boundary: [
        [-4.06, 52.56],
        [-3.93, 52.56],
        [-3.75, 52.5],
        [-3.68, 52.35],
        [-3.72, 52.22],
        [-3.8, 52.12],
        [-4.1, 52.1],
        [-4.3, 52.035],
        [-4.47, 52.045],
        [-4.62, 52.07],
        [-4.665, 52.078],
        [-4.71, 52.1],
        [-4.6, 52.16],
        [-4.4, 52.23],
        [-4.24, 52.3],
        [-4.12, 52.42],
        [-4.08, 52.52],
        [-4.06, 52.56],
      ],
      neighbours: [
        {
          name: { en: 'Powys County Council', cy: 'Cyngor Sir Powys' },
          website: 'https://www.powys.gov.uk',
          postcodeDistricts: ['LD1', 'LD6', 'SY18', 'SY20'],
        },
        {
          name: { en: 'Pembrokeshire County Council', cy: 'Cyngor Sir Penfro' },
          website: 'https://www.pembrokeshire.gov.uk',
          postcodeDistricts: ['SA61', 'SA62', 'SA65', 'SA72'],
          boundary: [
            [-4.71, 52.1],
            [-4.665, 52.078],
            [-4.62, 52.07],
            [-4.58, 51.97],
            [-4.62, 51.82],
            [-4.65, 51.73],
            [-4.95, 51.6],
            [-5.35, 51.7],
            [-5.32, 51.88],
            [-4.9, 52.03],
            [-4.71, 52.1],
          ],
        },
        {
          name: { en: 'Carmarthenshire County Council', cy: 'Cyngor Sir Gâr' },
          website: 'https://www.carmarthenshire.gov.wales',
          postcodeDistricts: ['SA31', 'SA32', 'SA33'],
          boundary: [
            [-4.62, 52.07],
            [-4.47, 52.045],
            [-4.3, 52.035],
            [-4.1, 52.1],
            [-3.8, 52.12],
            [-3.65, 52.05],
            [-3.75, 51.8],
            [-4.2, 51.68],
            [-4.65, 51.73],
            [-4.62, 51.82],
            [-4.58, 51.97],
            [-4.62, 52.07],
          ],
        },
      ],
      streets: [
        { usrn: '41400217', name: 'Ffordd y Môr', locality: 'Aberystwyth', point: [-4.08504, 52.41597] },
        { usrn: '41400962', name: 'Rhodfa Padarn', locality: 'Llanbadarn Fawr', point: [-4.06215, 52.40853] },
        { usrn: '41402305', name: 'Stryd y Cei', locality: 'Aberaeron', point: [-4.2603, 52.24281] },
        { usrn: '41402871', name: 'Stryd y Farchnad', locality: 'Cei Newydd', point: [-4.35742, 52.21363] },
        { usrn: '41403540', name: 'Heol y Castell', locality: 'Aberteifi', point: [-4.65941, 52.0833] },
        { usrn: '41404118', name: 'Stryd Fawr', locality: 'Llanbedr Pont Steffan', point: [-4.07952, 52.11302] },
        { usrn: '41404733', name: 'Lôn y Capel', locality: 'Tregaron', point: [-3.93318, 52.2203] },
      ],
      whatHappensNext: {
        en: 'We will look at your report and update its status. You can track it with your reference number.',
        cy: 'Byddwn yn edrych ar eich adroddiad ac yn diweddaru ei statws. Gallwch ei ddilyn gan ddefnyddio eich cyfeirnod.',
      },
    },
    forms: {
      adopted: {
        'assisted-bin-collection': {
          texts: {
            questions: {
              // Ceredigion collects bags, boxes and caddies, not wheeled bins: the hint says where those are left
              'collection-point': {
                hint: {
                  en: 'For example, "in the porch" or "beside the back door". It must be somewhere the crew can reach safely without a key, out of reach of gulls and animals.',
                  cy: 'Er enghraifft, "yn y portsh" neu "wrth y drws cefn". Rhaid iddo fod yn rhywle y gall y criw ei gyrraedd yn ddiogel heb allwedd, allan o gyrraedd gwylanod ac anifeiliaid.',
                },
              },
            },
          },
        },
        'single-person-discount': {},
        'dropped-kerb': {
          // Rural driveways take longer vehicles (pick-ups, vans, trailers): Ceredigion's highways standard is 5 m
          values: { 'minimum-depth-metres': 5 },
          texts: {
            questions: {
              // Roads residents here know
              'classified-road': {
                hint: {
                  en: "These are classified roads. The road's letter and number are on road signs and maps, for example A487 or B4340.",
                  cy: "Ffyrdd dosbarthedig yw'r rhain. Mae llythyren a rhif y ffordd ar arwyddion ffyrdd ac ar fapiau, er enghraifft A487 neu B4340.",
                },
              },
            },
          },
        },
        'new-bin-request': {
          texts: {
            questions: {
              // Ceredigion's containers are bags, boxes and caddies: "bins" alone would not name them
              containers: {
                label: { en: 'Which bags, boxes or caddies do you need?', cy: 'Pa fagiau, blychau neu gadis sydd eu hangen arnoch?' },
                errorName: { en: 'the bags, boxes or caddies you need', cy: "y bagiau, y blychau neu'r cadis sydd eu hangen arnoch" },
              },
            },
          },
        },
        // Wales: the form's Social Services and Well-being (Wales) Act 2014 outcomes and law apply as they are.
        'care-needs-assessment': {
          values: {
            // Sample: the council's main and out-of-hours lines (contact above) stand in for its adult safeguarding numbers
            'safeguarding-phone': '01545 570881',
            'safeguarding-out-of-hours-phone': '01970 625277',
            'response-working-days': 5,
          },
        },
      },
    },
  },
  staff: {
    // Sample: shaped like Microsoft Entra ID (tid, app roles).
    signIn: {
      provider: 'embedded',
      clientId: 'ldf-ceredigion',
      tenant: { claim: 'tid', value: 'c9e4a7b3-2f6d-4d1a-8e5c-6b3f0a9d2e03' },
      roleClaim: 'roles',
      roles: { 'LDF.Viewer': ['viewer'], 'LDF.Officer': ['officer'], 'LDF.Supervisor': ['supervisor'], 'LDF.Admin': ['admin'], 'LDF.Care': ['care'], 'LDF.DataProtection': ['data-protection'] },
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
        text: {
          en: 'Thank you. An inspector will look at the pothole within 5 working days and book a repair if it needs one.',
          cy: 'Diolch. Bydd arolygydd yn edrych ar y twll yn y ffordd o fewn 5 diwrnod gwaith ac yn trefnu ei atgyweirio os oes angen.',
        },
      },
      {
        id: 'pothole-fixed',
        service: 'report',
        type: 'pothole',
        state: 'fixed',
        title: 'Pothole: repaired',
        text: { en: 'The pothole has been repaired. Thank you for reporting it.', cy: 'Mae’r twll yn y ffordd wedi’i atgyweirio. Diolch am roi gwybod i ni.' },
      },
      {
        id: 'report-not-responsible',
        service: 'report',
        state: 'not-responsible',
        title: 'Not ours to fix',
        text: {
          en: 'This is not looked after by the council. We have passed your report to the organisation responsible.',
          cy: 'Nid y cyngor sy’n gofalu am hyn. Rydym wedi anfon eich adroddiad at y sefydliad sy’n gyfrifol.',
        },
      },
      {
        id: 'missed-collection-collected',
        service: 'bins',
        type: 'missed-collection',
        state: 'fixed',
        title: 'Missed collection: collected',
        text: { en: 'Our crew has been back and collected your bin. Sorry it was missed.', cy: 'Mae ein criw wedi dod yn ôl ac wedi casglu eich bin. Mae’n ddrwg gennym iddo gael ei fethu.' },
      },
    ],
  },
});
