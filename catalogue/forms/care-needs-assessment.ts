import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';

/**
 * Ask for an adult care and support needs assessment: the most common way into adult social care.
 *
 * Danger and abuse are asked about before anything else, and leave the form: someone in danger needs
 * 999 now, and a worry about abuse or neglect goes to the council's safeguarding team by phone, not
 * into an assessment queue. Someone asking for another adult is asked whether that person knows and
 * agrees before anything about the person is asked, so that nothing about them is collected without
 * a reason the law accepts.
 *
 * Health, care, disability, capacity and communication answers are UK GDPR special-category data:
 * they are marked `specialCategory` (sealed field by field) and only the council's care staff see
 * these cases (`restrictedTo: 'care'`). The needs are the eligibility outcomes of the council's
 * nation's law: England's and Wales' are here (each option kept to its nation); a council in
 * Scotland or Northern Ireland gives its own list in its adoption's `options.needs`.
 */
export default defineForm({
  id: 'care-needs-assessment',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: { en: 'Ask for a care and support needs assessment', cy: 'Gofyn am asesiad o anghenion gofal a chymorth' },
  summary: {
    en: 'Ask us to assess the care and support needs of an adult, for yourself or for someone else.',
    cy: 'Gofynnwch i ni asesu anghenion gofal a chymorth oedolyn, i chi eich hun neu i rywun arall.',
  },
  start: [
    {
      en: 'Use this form to ask for an assessment of the care and support needs of an adult aged {values.adult-age} or over. You can ask for yourself, for a family member or friend, or as a professional.',
      cy: "Defnyddiwch y ffurflen hon i ofyn am asesiad o anghenion gofal a chymorth oedolyn {values.adult-age} oed neu'n hŷn. Gallwch ofyn i chi eich hun, i aelod o'r teulu neu ffrind, neu fel gweithiwr proffesiynol.",
    },
    {
      en: 'The assessment is free. It is a conversation about what the person finds difficult, what matters to them and what help might make a difference.',
      cy: "Mae'r asesiad am ddim. Sgwrs yw hi am yr hyn sy'n anodd i'r person, beth sy'n bwysig iddo a pha help allai wneud gwahaniaeth.",
    },
    {
      en: 'If someone is in immediate danger, call 999. If you are worried that someone is being abused or neglected, call {values.safeguarding-phone}.',
      cy: "Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999. Os ydych yn poeni bod rhywun yn cael ei gam-drin neu ei esgeuluso, ffoniwch {values.safeguarding-phone}.",
    },
    {
      en: 'It takes about 15 minutes. You can save your answers and come back later. If you need help to fill in this form, call {contact.phone}.',
      cy: "Mae'n cymryd tua 15 munud. Gallwch gadw eich atebion a dod yn ôl yn nes ymlaen. Os oes angen help arnoch i lenwi'r ffurflen hon, ffoniwch {contact.phone}.",
    },
  ],
  contact: { team: { en: 'Adult social care', cy: 'Gofal cymdeithasol i oedolion' } },
  values: {
    'safeguarding-phone': { description: "The council's adult safeguarding phone number, for worries about abuse or neglect.", format: 'uk-phone' },
    'safeguarding-out-of-hours-phone': { description: "The council's out-of-hours number for adult safeguarding (evenings, weekends and bank holidays).", format: 'uk-phone' },
    'response-working-days': { value: 5, description: 'How many working days the council aims to take to contact the person after a request.' },
    'adult-age': { value: 18, description: 'The age from which the council’s adult social care assesses someone (younger people go to children’s services).' },
  },
  // Each nation's law for assessing an adult's needs; Article 9(2)(h) for the health and care answers.
  lawfulBasis: {
    byNation: {
      england: { en: 'the Care Act 2014, section 9', cy: 'Deddf Gofal 2014, adran 9' },
      wales: {
        en: 'the Social Services and Well-being (Wales) Act 2014, section 19',
        cy: 'Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014, adran 19',
      },
      scotland: { en: 'the Social Work (Scotland) Act 1968, section 12A', cy: 'Deddf Gwaith Cymdeithasol (Yr Alban) 1968, adran 12A' },
      'northern-ireland': {
        en: 'the Health and Personal Social Services (Northern Ireland) Order 1972',
        cy: 'Gorchymyn Gwasanaethau Iechyd a Gwasanaethau Cymdeithasol Personol (Gogledd Iwerddon) 1972',
      },
    },
    article9: {
      en: 'UK GDPR Article 9(2)(h) (health or social care), with the Data Protection Act 2018, Schedule 1, paragraph 2',
      cy: 'Erthygl 9(2)(h) GDPR y DU (gofal iechyd neu gymdeithasol), gydag Atodlen 1, paragraff 2 i Ddeddf Diogelu Data 2018',
    },
  },
  pages: [
    {
      id: 'what-you-want',
      questions: [
        {
          key: 'what-you-want',
          type: 'selection',
          label: { en: 'What do you want to do?', cy: 'Beth ydych chi eisiau ei wneud?' },
          errorName: { en: 'what you want to do', cy: 'beth rydych eisiau ei wneud' },
          options: [
            { value: 'danger', text: { en: 'Tell you that someone is in immediate danger', cy: 'Dweud wrthych fod rhywun mewn perygl uniongyrchol' } },
            {
              value: 'abuse',
              text: { en: 'Tell you I’m worried someone is being abused or neglected', cy: "Dweud wrthych fy mod yn poeni bod rhywun yn cael ei gam-drin neu ei esgeuluso" },
            },
            {
              value: 'assessment',
              text: { en: 'Ask for a care and support needs assessment', cy: 'Gofyn am asesiad o anghenion gofal a chymorth' },
              hint: { en: 'For yourself or for another adult.', cy: 'I chi eich hun neu i oedolyn arall.' },
            },
          ],
        },
      ],
      routes: [
        { when: { question: 'what-you-want', op: 'equals', value: 'danger' }, to: { exit: 'immediate-danger' } },
        { when: { question: 'what-you-want', op: 'equals', value: 'abuse' }, to: { exit: 'safeguarding' } },
      ],
    },
    {
      id: 'who-is-asking',
      questions: [
        {
          key: 'who-is-asking',
          type: 'selection',
          label: { en: 'Who are you asking for?', cy: 'Ar ran pwy rydych chi’n gofyn?' },
          errorName: { en: 'who you are asking for', cy: 'ar ran pwy rydych yn gofyn' },
          options: [
            { value: 'myself', text: { en: 'Myself', cy: 'Fi fy hun' } },
            {
              value: 'someone-else',
              text: { en: 'Someone else', cy: 'Rhywun arall' },
              hint: { en: 'For example, a family member, a friend or someone you care for.', cy: "Er enghraifft, aelod o'r teulu, ffrind neu rywun rydych yn gofalu amdano." },
            },
            {
              value: 'professional',
              text: { en: 'Someone I work with as a professional', cy: 'Rhywun rwy’n gweithio gydag ef fel gweithiwr proffesiynol' },
              hint: { en: 'For example, as a GP, nurse, housing officer or support worker.', cy: 'Er enghraifft, fel meddyg teulu, nyrs, swyddog tai neu weithiwr cymorth.' },
            },
          ],
        },
      ],
      routes: [
        { when: { question: 'who-is-asking', op: 'equals', value: 'myself' }, to: { page: 'person-name' } },
        { when: { question: 'who-is-asking', op: 'equals', value: 'someone-else' }, to: { page: 'your-details' } },
      ],
    },
    {
      id: 'professional',
      title: { en: 'Your organisation and role', cy: "Eich sefydliad a'ch rôl" },
      questions: [
        { key: 'organisation', type: 'organisation', label: { en: 'Organisation', cy: 'Sefydliad' } },
        {
          key: 'role',
          type: 'text',
          maxLength: 100,
          label: { en: 'Your role', cy: 'Eich rôl' },
          hint: { en: 'For example, district nurse or housing support officer.', cy: 'Er enghraifft, nyrs ardal neu swyddog cymorth tai.' },
        },
      ],
    },
    {
      id: 'your-details',
      title: { en: 'Your details', cy: 'Eich manylion' },
      guidance: [
        {
          en: 'We may need to talk to you about the request. Give your own details here: you can tell us about the person next.',
          cy: "Efallai y bydd angen i ni siarad â chi am y cais. Rhowch eich manylion eich hun yma: gallwch ddweud wrthym am y person nesaf.",
        },
      ],
      questions: [
        // Whoever asks for someone else is who we reply to (the confirmation email, updates): on the
        // path before the person's own details, so their contact answers come first.
        { key: 'requester-name', type: 'name', format: 'full', contact: 'name', label: { en: 'Your full name', cy: 'Eich enw llawn' } },
        { key: 'requester-phone', type: 'phone', contact: 'phone', label: { en: 'Your phone number', cy: 'Eich rhif ffôn' } },
        {
          key: 'requester-email',
          type: 'email',
          contact: 'email',
          optional: true,
          label: { en: 'Your email address', cy: 'Eich cyfeiriad e-bost' },
          hint: { en: 'We will send the confirmation to this address.', cy: "Byddwn yn anfon y cadarnhad i'r cyfeiriad hwn." },
        },
      ],
    },
    {
      id: 'agreement',
      questions: [
        {
          key: 'agreement',
          type: 'selection',
          label: { en: 'Does the person know you are asking, and agree to it?', cy: "A yw'r person yn gwybod eich bod yn gofyn, ac yn cytuno?" },
          errorName: { en: 'whether the person knows and agrees', cy: "a yw'r person yn gwybod ac yn cytuno" },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Ydy' } },
            { value: 'no', text: { en: 'No', cy: 'Nac ydy' } },
            {
              value: 'unable-to-decide',
              text: { en: 'They are unable to decide', cy: "Nid ydynt yn gallu penderfynu" },
              hint: {
                en: 'For example, because of dementia, a learning disability or a brain injury.',
                cy: 'Er enghraifft, oherwydd dementia, anabledd dysgu neu anaf i’r ymennydd.',
              },
            },
          ],
        },
      ],
      routes: [
        // An adult who can decide and has not agreed: nothing about them is collected (data protection
        // law's "only what you need"; the Care Act lets an adult refuse an assessment). The exit says
        // how to ask them, and where to go if they are at risk, which the council acts on anyway.
        { when: { question: 'agreement', op: 'equals', value: 'no' }, to: { exit: 'no-agreement' } },
        { when: { question: 'agreement', op: 'equals', value: 'yes' }, to: { page: 'person-name' } },
      ],
    },
    {
      id: 'capacity',
      title: { en: 'Why the person is unable to decide', cy: "Pam nad yw'r person yn gallu penderfynu" },
      questions: [
        {
          key: 'capacity-explanation',
          type: 'text',
          long: true,
          maxLength: 500,
          specialCategory: true,
          label: { en: 'Tell us briefly why they are unable to decide', cy: "Dywedwch wrthym yn fyr pam nad ydynt yn gallu penderfynu" },
          errorName: { en: 'an explanation of why they cannot decide', cy: 'esboniad o pam na allant benderfynu' },
          hint: {
            en: 'For example, a diagnosis, or what happens when they are asked to make decisions.',
            cy: "Er enghraifft, diagnosis, neu beth sy'n digwydd pan ofynnir iddynt wneud penderfyniadau.",
          },
        },
        {
          key: 'power-of-attorney',
          type: 'selection',
          specialCategory: true,
          label: { en: 'Does anyone hold a lasting power of attorney for them?', cy: 'A oes gan unrhyw un atwrneiaeth arhosol ar eu cyfer?' },
          errorName: { en: 'whether anyone holds a lasting power of attorney', cy: 'a oes gan unrhyw un atwrneiaeth arhosol' },
          hint: {
            en: 'For their health and welfare, or their property and financial affairs.',
            cy: "Ar gyfer eu hiechyd a'u lles, neu eu heiddo a'u materion ariannol.",
          },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Oes' } },
            { value: 'no', text: { en: 'No', cy: 'Nac oes' } },
            { value: 'not-known', text: { en: 'I do not know', cy: 'Nid wyf yn gwybod' } },
          ],
        },
      ],
    },
    {
      id: 'person-name',
      questions: [
        {
          key: 'person-name',
          type: 'name',
          format: 'full',
          contact: 'name',
          label: { en: 'What is the name of the person who needs care and support?', cy: "Beth yw enw'r person y mae angen gofal a chymorth arno?" },
          errorName: { en: 'the name of the person who needs care and support', cy: "enw'r person y mae angen gofal a chymorth arno" },
          hint: { en: 'If you are asking for yourself, give your own name.', cy: "Os ydych yn gofyn i chi eich hun, rhowch eich enw eich hun." },
        },
      ],
    },
    {
      id: 'date-of-birth',
      questions: [
        {
          key: 'date-of-birth',
          type: 'date',
          kind: 'date-of-birth',
          // Nobody alive was born before this: a mistyped year gets a clear error rather than a case
          min: { date: '1900-01-01' },
          label: { en: 'What is their date of birth?', cy: 'Beth yw eu dyddiad geni?' },
          errorName: { en: 'their date of birth', cy: 'eu dyddiad geni' },
          hint: { en: 'If you are asking for yourself, give your own. For example, 27 3 1948.', cy: "Os ydych yn gofyn i chi eich hun, rhowch eich un chi. Er enghraifft, 27 3 1948." },
        },
      ],
      routes: [{ when: { question: 'date-of-birth', op: 'age-lt', value: { value: 'adult-age' } }, to: { exit: 'not-an-adult' } }],
    },
    {
      id: 'person-address',
      questions: [
        {
          key: 'person-address',
          type: 'address',
          label: { en: 'What is their address?', cy: 'Beth yw eu cyfeiriad?' },
          errorName: { en: 'their address', cy: 'eu cyfeiriad' },
          hint: { en: 'Where they live now.', cy: 'Lle maen nhw’n byw nawr.' },
        },
      ],
    },
    {
      id: 'person-contact',
      title: { en: 'Their contact details', cy: 'Eu manylion cyswllt' },
      guidance: [
        {
          en: 'If you are asking for yourself, give your own. We will send a confirmation with the reference number to the email address, if there is one.',
          cy: "Os ydych yn gofyn i chi eich hun, rhowch eich rhai chi. Byddwn yn anfon cadarnhad gyda'r cyfeirnod i'r cyfeiriad e-bost, os oes un.",
        },
      ],
      questions: [
        {
          key: 'person-phone',
          type: 'phone',
          contact: 'phone',
          label: { en: 'Phone number', cy: 'Rhif ffôn' },
          hint: {
            en: 'If they do not have a phone, give the number of someone who can pass on a message.',
            cy: "Os nad oes ganddynt ffôn, rhowch rif rhywun sy'n gallu trosglwyddo neges.",
          },
        },
        { key: 'person-email', type: 'email', contact: 'email', optional: true, label: { en: 'Email address', cy: 'Cyfeiriad e-bost' } },
      ],
    },
    {
      id: 'lives-with',
      questions: [
        {
          key: 'lives-with',
          type: 'selection',
          label: { en: 'Who do they live with?', cy: "Gyda phwy maen nhw'n byw?" },
          errorName: { en: 'who they live with', cy: "pwy sy'n byw gyda nhw" },
          options: [
            { value: 'alone', text: { en: 'They live alone', cy: "Maen nhw'n byw ar eu pen eu hunain" } },
            { value: 'partner', text: { en: 'With a partner, husband or wife', cy: 'Gyda phartner, gŵr neu wraig' } },
            { value: 'family', text: { en: 'With other family', cy: 'Gyda theulu arall' } },
            { value: 'others', text: { en: 'With friends or other people', cy: 'Gyda ffrindiau neu bobl eraill' } },
          ],
        },
      ],
    },
    {
      id: 'language',
      questions: [
        {
          key: 'preferred-language',
          type: 'text',
          maxLength: 100,
          // British Sign Language as a first language says the person is Deaf: health data
          specialCategory: true,
          label: { en: 'What is their preferred language?', cy: 'Beth yw eu dewis iaith?' },
          errorName: { en: 'their preferred language', cy: 'eu dewis iaith' },
          hint: { en: 'For example, English, Welsh, Polish or British Sign Language.', cy: 'Er enghraifft, Cymraeg, Saesneg, Pwyleg neu Iaith Arwyddion Prydain.' },
        },
      ],
    },
    {
      id: 'interpreter',
      questions: [
        {
          key: 'interpreter',
          type: 'selection',
          specialCategory: true,
          label: { en: 'Do they need an interpreter?', cy: 'Oes angen cyfieithydd arnynt?' },
          errorName: { en: 'whether they need an interpreter', cy: 'a oes angen cyfieithydd arnynt' },
          options: [
            { value: 'no', text: { en: 'No', cy: 'Nac oes' } },
            { value: 'spoken', text: { en: 'Yes, a spoken language interpreter', cy: 'Oes, cyfieithydd iaith lafar' } },
            { value: 'bsl', text: { en: 'Yes, a British Sign Language (BSL) interpreter', cy: 'Oes, dehonglydd Iaith Arwyddion Prydain (BSL)' } },
          ],
        },
      ],
    },
    {
      id: 'communication-needs',
      questions: [
        {
          key: 'communication-needs',
          type: 'text',
          long: true,
          maxLength: 500,
          optional: true,
          specialCategory: true,
          label: { en: 'Do they have any other communication needs?', cy: 'Oes ganddynt unrhyw anghenion cyfathrebu eraill?' },
          errorName: { en: 'their other communication needs', cy: 'eu hanghenion cyfathrebu eraill' },
          hint: {
            en: 'For example, easy read or large print letters, a hearing loop, or more time to answer.',
            cy: "Er enghraifft, llythyrau hawdd eu darllen neu brint mawr, dolen sain, neu fwy o amser i ateb.",
          },
        },
      ],
    },
    {
      id: 'advocate',
      questions: [
        {
          key: 'advocate',
          // Not yes/no: Welsh answers with the question's verb (Hoffent / Na hoffent), not Ie / Na
          type: 'selection',
          specialCategory: true,
          label: { en: 'Would they like an advocate to help them?', cy: 'Hoffent gael eiriolwr i’w helpu?' },
          errorName: { en: 'whether they would like an advocate', cy: 'a hoffent gael eiriolwr' },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Hoffent' } },
            { value: 'no', text: { en: 'No', cy: 'Na hoffent' } },
          ],
          hint: {
            en: 'An advocate is an independent person who helps someone understand their choices and say what they want. It is free.',
            cy: "Mae eiriolwr yn berson annibynnol sy'n helpu rhywun i ddeall ei ddewisiadau a dweud beth mae ei eisiau. Mae am ddim.",
          },
        },
      ],
    },
    {
      id: 'needs',
      questions: [
        {
          key: 'needs',
          type: 'selection',
          multiple: true,
          specialCategory: true,
          label: { en: 'What do they need help with?', cy: 'Gyda beth mae angen help arnynt?' },
          errorName: { en: 'what they need help with', cy: 'beth mae angen help arnynt gydag ef' },
          hint: { en: 'Select all that apply.', cy: "Dewiswch bob un sy'n berthnasol." },
          noneOption: { en: 'I’m not sure', cy: 'Dwi ddim yn siŵr' },
          options: [
            // England: the outcomes of the Care and Support (Eligibility Criteria) Regulations 2015, regulation 2(2)
            {
              value: 'nutrition',
              nations: ['england'],
              text: { en: 'Eating and drinking (managing and maintaining nutrition)', cy: 'Bwyta ac yfed (rheoli a chynnal maeth)' },
            },
            { value: 'personal-hygiene', nations: ['england'], text: { en: 'Personal hygiene', cy: 'Hylendid personol' } },
            { value: 'toilet-needs', nations: ['england'], text: { en: 'Managing toilet needs', cy: 'Rheoli anghenion tŷ bach' } },
            { value: 'dressing', nations: ['england'], text: { en: 'Being appropriately clothed', cy: 'Gwisgo dillad addas' } },
            { value: 'home-safety', nations: ['england'], text: { en: 'Using the home safely', cy: "Defnyddio'r cartref yn ddiogel" } },
            { value: 'habitable-home', nations: ['england'], text: { en: 'Keeping the home clean and safe to live in', cy: "Cadw'r cartref yn lân ac yn ddiogel i fyw ynddo" } },
            { value: 'relationships', nations: ['england'], text: { en: 'Keeping up relationships with family and friends', cy: 'Cynnal perthynas â theulu a ffrindiau' } },
            { value: 'work-education', nations: ['england'], text: { en: 'Work, training, education or volunteering', cy: 'Gwaith, hyfforddiant, addysg neu wirfoddoli' } },
            {
              value: 'community',
              nations: ['england'],
              text: { en: 'Using local services and facilities, including public transport', cy: "Defnyddio gwasanaethau a chyfleusterau lleol, gan gynnwys trafnidiaeth gyhoeddus" },
            },
            { value: 'caring-for-child', nations: ['england'], text: { en: 'Caring for a child', cy: 'Gofalu am blentyn' } },
            // Wales: the outcomes of the Care and Support (Eligibility) (Wales) Regulations 2015, regulation 3(b),
            // made under the Social Services and Well-being (Wales) Act 2014
            { value: 'self-care', nations: ['wales'], text: { en: 'Looking after themselves and their home (self-care or domestic routines)', cy: "Gofalu amdanynt eu hunain a'u cartref (hunanofal neu arferion domestig)" } },
            { value: 'communication', nations: ['wales'], text: { en: 'Communicating', cy: 'Cyfathrebu' } },
            { value: 'protection', nations: ['wales'], text: { en: 'Being protected from abuse or neglect', cy: 'Cael eu hamddiffyn rhag camdriniaeth neu esgeulustod' } },
            {
              value: 'work-learning-leisure',
              nations: ['wales'],
              text: { en: 'Taking part in work, education, learning or leisure activities', cy: 'Cymryd rhan mewn gwaith, addysg, dysgu neu weithgareddau hamdden' },
            },
            {
              value: 'family-relationships',
              nations: ['wales'],
              text: { en: 'Keeping up or developing family or other important personal relationships', cy: 'Cynnal neu ddatblygu perthnasoedd teuluol neu berthnasoedd personol pwysig eraill' },
            },
            {
              value: 'social-community',
              nations: ['wales'],
              text: { en: 'Social relationships and taking part in the community', cy: "Perthnasoedd cymdeithasol a chymryd rhan yn y gymuned" },
            },
            { value: 'child-caring', nations: ['wales'], text: { en: 'Caring for a child', cy: 'Gofalu am blentyn' } },
          ],
        },
      ],
    },
    {
      id: 'needs-details',
      questions: [
        {
          key: 'needs-details',
          type: 'details',
          of: 'needs',
          maxLength: 500,
          specialCategory: true,
          label: { en: 'Tell us more about what they need help with', cy: 'Dywedwch fwy wrthym am yr hyn y mae angen help arnynt gydag ef' },
          hint: {
            en: 'For each one, tell us what they find difficult and what help they have now.',
            cy: "Ar gyfer pob un, dywedwch wrthym beth sy'n anodd iddynt a pha help sydd ganddynt nawr.",
          },
        },
      ],
    },
    {
      id: 'unpaid-carer',
      questions: [
        {
          key: 'unpaid-carer',
          // Not yes/no: Welsh answers with the question's verb (Oes / Nac oes)
          type: 'selection',
          // That someone looks after them says they need care
          specialCategory: true,
          label: { en: 'Does an unpaid carer help them?', cy: 'A oes gofalwr di-dâl yn eu helpu?' },
          errorName: { en: 'whether an unpaid carer helps them', cy: 'a oes gofalwr di-dâl yn eu helpu' },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Oes' } },
            { value: 'no', text: { en: 'No', cy: 'Nac oes' } },
          ],
          hint: {
            en: 'For example, a family member, partner, friend or neighbour. Do not include paid care workers.',
            cy: "Er enghraifft, aelod o'r teulu, partner, ffrind neu gymydog. Peidiwch â chynnwys gweithwyr gofal cyflogedig.",
          },
        },
      ],
      routes: [{ when: { question: 'unpaid-carer', op: 'equals', value: 'no' }, to: { page: 'health-conditions' } }],
    },
    {
      id: 'carer-assessment',
      title: { en: 'An assessment for the carer', cy: "Asesiad i'r gofalwr" },
      guidance: [
        {
          en: 'An unpaid carer may have a right to an assessment of their own: about their health and wellbeing, and the support they need to keep caring. It is free, and they can ask for one at any time.',
          cy: "Efallai y bydd gan ofalwr di-dâl hawl i asesiad ei hun: am ei iechyd a'i les, a'r cymorth sydd ei angen arno i barhau i ofalu. Mae am ddim, a gall ofyn am un unrhyw bryd.",
        },
      ],
      questions: [
        {
          key: 'carer-assessment',
          type: 'selection',
          label: { en: 'May we contact the carer to offer them an assessment?', cy: "A gawn ni gysylltu â'r gofalwr i gynnig asesiad iddo?" },
          errorName: { en: 'whether we may contact the carer', cy: "a gawn ni gysylltu â'r gofalwr" },
          hint: { en: 'If you are the carer, this means you.', cy: "Os mai chi yw'r gofalwr, mae hyn yn golygu chi." },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Cewch' } },
            { value: 'no', text: { en: 'No', cy: 'Na chewch' } },
            { value: 'not-sure', text: { en: 'I’m not sure: ask them first', cy: "Dwi ddim yn siŵr: gofynnwch iddyn nhw yn gyntaf" } },
          ],
        },
      ],
      routes: [{ when: { question: 'carer-assessment', op: 'equals', value: 'no' }, to: { page: 'health-conditions' } }],
    },
    {
      id: 'carer-details',
      title: { en: 'The carer’s details', cy: "Manylion y gofalwr" },
      questions: [
        { key: 'carer-name', type: 'name', format: 'full', label: { en: 'Carer’s full name', cy: 'Enw llawn y gofalwr' } },
        { key: 'carer-phone', type: 'phone', label: { en: 'Carer’s phone number', cy: 'Rhif ffôn y gofalwr' } },
      ],
    },
    {
      id: 'health-conditions',
      questions: [
        {
          key: 'health-conditions',
          type: 'text',
          long: true,
          maxLength: 1000,
          optional: true,
          specialCategory: true,
          label: { en: 'Do they have any health conditions or disabilities?', cy: 'Oes ganddynt unrhyw gyflyrau iechyd neu anableddau?' },
          errorName: { en: 'their health conditions or disabilities', cy: 'eu cyflyrau iechyd neu eu hanableddau' },
          hint: {
            en: 'Include anything that affects their daily life, such as memory problems, a long-term illness or their mental health.',
            cy: "Dylech gynnwys unrhyw beth sy'n effeithio ar eu bywyd bob dydd, fel problemau cof, salwch hirdymor neu eu hiechyd meddwl.",
          },
        },
      ],
    },
    {
      id: 'gp-practice',
      questions: [
        {
          key: 'gp-practice',
          type: 'text',
          maxLength: 200,
          optional: true,
          specialCategory: true,
          label: { en: 'What is the name of their GP practice?', cy: "Beth yw enw eu meddygfa?" },
          errorName: { en: 'the name of their GP practice', cy: 'enw eu meddygfa' },
          hint: { en: 'And the town, if you know it.', cy: "A'r dref, os ydych yn ei gwybod." },
        },
      ],
    },
    {
      id: 'how-to-contact',
      title: { en: 'How and when to contact', cy: 'Sut a phryd i gysylltu' },
      questions: [
        {
          key: 'contact-method',
          type: 'selection',
          label: { en: 'What is the best way to contact them about the assessment?', cy: "Beth yw'r ffordd orau o gysylltu â nhw am yr asesiad?" },
          errorName: { en: 'the best way to contact them', cy: "y ffordd orau o gysylltu â nhw" },
          options: [
            { value: 'phone', text: { en: 'Phone call', cy: 'Galwad ffôn' } },
            { value: 'text', text: { en: 'Text message', cy: 'Neges destun' } },
            { value: 'email', text: { en: 'Email', cy: 'E-bost' } },
            { value: 'letter', text: { en: 'Letter', cy: 'Llythyr' } },
            {
              value: 'through-requester',
              text: { en: 'Through me, the person filling in this form', cy: "Drwof fi, y person sy'n llenwi'r ffurflen hon" },
              hint: { en: 'If you are asking for someone else.', cy: 'Os ydych yn gofyn ar ran rhywun arall.' },
            },
          ],
        },
        {
          key: 'contact-time',
          type: 'text',
          maxLength: 200,
          label: { en: 'When is the best time to contact them?', cy: "Pryd yw'r amser gorau i gysylltu â nhw?" },
          errorName: { en: 'the best time to contact them', cy: "yr amser gorau i gysylltu â nhw" },
          hint: { en: 'For example, weekday mornings, or not before 11am.', cy: 'Er enghraifft, boreau yn ystod yr wythnos, neu ddim cyn 11am.' },
        },
      ],
    },
  ],
  exits: [
    {
      id: 'immediate-danger',
      title: { en: 'If someone is in immediate danger, call 999', cy: 'Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999' },
      body: [
        { en: 'Call 999 now and ask for the police or an ambulance. Do not use this form.', cy: "Ffoniwch 999 nawr a gofynnwch am yr heddlu neu ambiwlans. Peidiwch â defnyddio'r ffurflen hon." },
        {
          en: 'If you are Deaf or cannot speak, you can text 999 once you have registered with emergencySMS, or use Relay UK.',
          cy: "Os ydych yn Fyddar neu'n methu siarad, gallwch anfon neges destun i 999 ar ôl cofrestru gydag emergencySMS, neu ddefnyddio Relay UK.",
        },
        {
          en: 'When the person is safe, you can tell us about your worries on {values.safeguarding-phone}.',
          cy: "Pan fydd y person yn ddiogel, gallwch ddweud wrthym am eich pryderon ar {values.safeguarding-phone}.",
        },
      ],
    },
    {
      id: 'safeguarding',
      title: { en: 'Tell us you are worried someone is being abused or neglected', cy: "Rhowch wybod i ni eich bod yn poeni bod rhywun yn cael ei gam-drin neu ei esgeuluso" },
      body: [
        {
          en: 'Call our adult safeguarding team on {values.safeguarding-phone}. We will listen and decide with you what to do next.',
          cy: "Ffoniwch ein tîm diogelu oedolion ar {values.safeguarding-phone}. Byddwn yn gwrando ac yn penderfynu gyda chi beth i'w wneud nesaf.",
        },
        {
          en: 'Outside office hours, at weekends and on bank holidays, call {values.safeguarding-out-of-hours-phone}.',
          cy: 'Y tu allan i oriau swyddfa, ar benwythnosau ac ar wyliau banc, ffoniwch {values.safeguarding-out-of-hours-phone}.',
        },
        {
          en: 'You do not need proof, and you can tell us without giving your name. If someone is in immediate danger, call 999.',
          cy: "Nid oes angen prawf arnoch, a gallwch ddweud wrthym heb roi eich enw. Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999.",
        },
      ],
    },
    {
      id: 'no-agreement',
      title: { en: 'Ask the person first', cy: "Gofynnwch i'r person yn gyntaf" },
      body: [
        {
          en: 'An adult who is able to make their own decisions can choose whether to have an assessment, so we need them to know about the request and agree to it.',
          cy: "Gall oedolyn sy'n gallu gwneud ei benderfyniadau ei hun ddewis a yw eisiau asesiad, felly mae angen iddo wybod am y cais a chytuno iddo.",
        },
        {
          en: 'Talk to them about it. If they agree, you can come back and fill in this form, or they can call us on {contact.phone}.',
          cy: "Siaradwch â nhw am y peth. Os ydynt yn cytuno, gallwch ddod yn ôl a llenwi'r ffurflen hon, neu gallant ein ffonio ar {contact.phone}.",
        },
        {
          en: 'If you think they are being abused or neglected, or are at risk of it, call our adult safeguarding team on {values.safeguarding-phone}: we can act without their agreement to keep them safe.',
          cy: "Os ydych yn meddwl eu bod yn cael eu cam-drin neu eu hesgeuluso, neu mewn perygl o hynny, ffoniwch ein tîm diogelu oedolion ar {values.safeguarding-phone}: gallwn weithredu heb eu cytundeb i'w cadw'n ddiogel.",
        },
      ],
    },
    {
      id: 'not-an-adult',
      title: { en: 'Contact children’s services instead', cy: "Cysylltwch â'r gwasanaethau plant yn lle hynny" },
      body: [
        {
          en: 'This form is for adults aged {values.adult-age} or over. For a child or young person, call {contact.phone} and ask for children’s services.',
          cy: "Mae'r ffurflen hon ar gyfer oedolion {values.adult-age} oed neu'n hŷn. Ar gyfer plentyn neu berson ifanc, ffoniwch {contact.phone} a gofynnwch am y gwasanaethau plant.",
        },
        {
          en: 'A young person who is close to {values.adult-age} can ask children’s services about planning for the care and support they will need as an adult.',
          cy: "Gall person ifanc sydd bron yn {values.adult-age} oed ofyn i'r gwasanaethau plant am gynllunio'r gofal a'r cymorth fydd eu hangen arno fel oedolyn.",
        },
        {
          en: 'If you are worried a child is being harmed, call {values.safeguarding-phone} now, or 999 if they are in immediate danger.',
          cy: "Os ydych yn poeni bod plentyn yn cael ei niweidio, ffoniwch {values.safeguarding-phone} nawr, neu 999 os ydynt mewn perygl uniongyrchol.",
        },
      ],
    },
  ],
  declaration: [
    {
      en: 'I confirm that the information I have given is correct to the best of my knowledge.',
      cy: "Rwy'n cadarnhau bod yr wybodaeth a roddais yn gywir hyd eithaf fy ngwybodaeth.",
    },
    {
      en: 'If I am asking for someone else, they know and agree, or they are unable to decide.',
      cy: "Os wyf yn gofyn ar ran rhywun arall, maen nhw'n gwybod ac yn cytuno, neu nid ydynt yn gallu penderfynu.",
    },
  ],
  confirmation: {
    whatHappensNext: [
      {
        en: 'Someone from adult social care will contact them, or you if you asked us to, to talk about what they need and arrange the assessment.',
        cy: "Bydd rhywun o'r gwasanaeth gofal cymdeithasol i oedolion yn cysylltu â nhw, neu â chi os gwnaethoch ofyn i ni, i siarad am yr hyn sydd ei angen arnynt a threfnu'r asesiad.",
      },
      {
        en: 'If things get worse before we contact them, call {contact.phone}. If someone is in immediate danger, call 999.',
        cy: "Os bydd pethau'n gwaethygu cyn i ni gysylltu â nhw, ffoniwch {contact.phone}. Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999.",
      },
    ],
    responseTime: { en: 'We will contact you within {values.response-working-days} working days.', cy: 'Byddwn yn cysylltu â chi o fewn {values.response-working-days} diwrnod gwaith.' },
  },
  // Six years: a request is part of the person's social care record, which councils keep at least
  // this long after the last contact (longer where it leads to services); a council may set its own.
  retentionDays: 2190,
  // Long enough to ask the person first or find a GP's name; the draft's health answers are sealed too.
  saveAndReturn: { days: 14 },
  restrictedTo: 'care',
});
