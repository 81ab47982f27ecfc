import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';

/**
 * Apply for an assisted bin collection: the crew collects the bins from the property and puts them
 * back, for homes where nobody can take them out. Eligibility is asked first (who lives there, and
 * whether any of them can take the bins out), so that nobody writes about their health only to be
 * told at the end that they do not qualify.
 */
export default defineForm({
  id: 'assisted-bin-collection',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: { en: 'Apply for an assisted bin collection', cy: 'Gwneud cais am gasgliad biniau â chymorth' },
  summary: {
    en: 'Ask for your bins to be collected from your property if nobody in your home can take them out.',
    cy: "Gofynnwch i ni gasglu eich biniau o'ch eiddo os nad oes neb yn eich cartref yn gallu mynd â nhw allan.",
  },
  start: [
    {
      en: 'If nobody in your home is able to take your bins out to the kerb because of their health, a disability or their age, our crew can collect them from your property and put them back afterwards.',
      cy: "Os nad oes neb yn eich cartref yn gallu mynd â'ch biniau allan at ymyl y ffordd oherwydd eu hiechyd, anabledd neu eu hoedran, gall ein criw eu casglu o'ch eiddo a'u rhoi yn ôl wedyn.",
    },
    { en: 'This service is free. It takes about 5 minutes to apply.', cy: "Mae'r gwasanaeth hwn am ddim. Mae'n cymryd tua 5 munud i wneud cais." },
    {
      en: 'If you need help to fill in this form, call us on {contact.phone}.',
      cy: "Os oes angen help arnoch i lenwi'r ffurflen hon, ffoniwch ni ar {contact.phone}.",
    },
  ],
  contact: { team: { en: 'Waste and recycling', cy: 'Gwastraff ac ailgylchu' } },
  values: {
    'minimum-age': { value: 16, description: 'The age from which someone who lives at the property is expected to take the bins out.' },
    'response-working-days': { value: 10, description: 'How many working days the council aims to take to reply to an application.' },
  },
  pages: [
    {
      id: 'household',
      questions: [
        {
          key: 'household',
          type: 'selection',
          label: { en: 'Who lives at the property?', cy: "Pwy sy'n byw yn yr eiddo?" },
          errorName: { en: 'who lives at the property', cy: "pwy sy'n byw yn yr eiddo" },
          options: [
            { value: 'alone', text: { en: 'I live on my own', cy: "Rwy'n byw ar fy mhen fy hun" } },
            {
              value: 'with-adults',
              text: { en: 'I live with other people aged {values.minimum-age} or over', cy: "Rwy'n byw gyda phobl eraill sy'n {values.minimum-age} oed neu'n hŷn" },
            },
            {
              value: 'with-children',
              text: { en: 'I live only with children under {values.minimum-age}', cy: "Rwy'n byw gyda phlant dan {values.minimum-age} oed yn unig" },
            },
          ],
        },
      ],
      routes: [{ when: { question: 'household', op: 'equals', value: 'with-adults' }, to: { page: 'others-able' } }],
      next: { page: 'reason' },
    },
    {
      id: 'others-able',
      questions: [
        {
          key: 'others-able',
          type: 'yesno',
          label: {
            en: 'Can any of the people aged {values.minimum-age} or over who live with you take the bins out?',
            cy: "A all unrhyw un o'r bobl {values.minimum-age} oed neu'n hŷn sy'n byw gyda chi fynd â'r biniau allan?",
          },
          hint: {
            en: 'Answer no only if their own health, disability or age stops them, or they are away from home on every collection day.',
            cy: "Atebwch na dim ond os yw eu hiechyd, eu hanabledd neu eu hoedran eu hunain yn eu rhwystro, neu os ydynt oddi cartref ar bob diwrnod casglu.",
          },
        },
      ],
      routes: [{ when: { question: 'others-able', op: 'equals', value: 'yes' }, to: { exit: 'someone-can-help' } }],
    },
    {
      id: 'reason',
      title: { en: 'Why you need help', cy: 'Pam mae angen help arnoch' },
      questions: [
        {
          key: 'reason',
          type: 'text',
          long: true,
          maxLength: 1000,
          // Health and disability: special-category data under UK GDPR
          specialCategory: true,
          label: { en: 'Why are you not able to take your bins out?', cy: "Pam nad ydych yn gallu mynd â'ch biniau allan?" },
          errorName: { en: 'the reason you are not able to take your bins out', cy: "y rheswm nad ydych yn gallu mynd â'ch biniau allan" },
          hint: {
            en: 'For example, a health condition, a disability or your age. Tell us how it makes moving the bins difficult.',
            cy: "Er enghraifft, cyflwr iechyd, anabledd neu eich oedran. Dywedwch wrthym sut mae'n ei gwneud yn anodd symud y biniau.",
          },
          guidance: [
            {
              en: 'We only use this to decide whether you can have an assisted collection. We will not share it with anyone else.',
              cy: 'Dim ond i benderfynu a allwch gael casgliad â chymorth y byddwn yn defnyddio hyn. Ni fyddwn yn ei rannu ag unrhyw un arall.',
            },
          ],
        },
      ],
    },
    {
      id: 'collection-point',
      title: { en: 'Where we collect your bins', cy: 'O ble rydym yn casglu eich biniau' },
      questions: [
        {
          key: 'collection-point',
          type: 'text',
          long: true,
          maxLength: 500,
          label: { en: 'Where should our crew collect your bins from?', cy: "O ble dylai ein criw gasglu eich biniau?" },
          errorName: { en: 'where our crew should collect your bins from', cy: 'y man lle dylai ein criw gasglu eich biniau' },
          hint: {
            en: 'For example, "beside the back door" or "in the bin store by the side gate". It must be somewhere the crew can reach safely without a key.',
            cy: 'Er enghraifft, "wrth y drws cefn" neu "yn y storfa finiau wrth y giât ochr". Rhaid iddo fod yn rhywle y gall y criw ei gyrraedd yn ddiogel heb allwedd.',
          },
          guidance: [
            {
              en: 'The crew will take your bins from this place, empty them and put them back.',
              cy: "Bydd y criw yn mynd â'ch biniau o'r lle hwn, yn eu gwagio ac yn eu rhoi yn ôl.",
            },
          ],
        },
      ],
    },
    {
      id: 'temporary',
      questions: [
        {
          key: 'temporary',
          type: 'yesno',
          label: { en: 'Do you need assisted collections for a short time only?', cy: 'Oes angen casgliadau â chymorth arnoch am gyfnod byr yn unig?' },
          hint: { en: 'For example, while you recover from an operation.', cy: 'Er enghraifft, tra byddwch yn gwella ar ôl llawdriniaeth.' },
        },
      ],
      routes: [{ when: { question: 'temporary', op: 'equals', value: 'no' }, to: { page: 'name' } }],
    },
    {
      id: 'end-date',
      questions: [
        {
          key: 'end-date',
          type: 'date',
          kind: 'other',
          min: { daysFromToday: 1 },
          max: { daysFromToday: 730 },
          label: { en: 'When will you stop needing assisted collections?', cy: 'Pryd na fydd angen casgliadau â chymorth arnoch mwyach?' },
          errorName: { en: 'the date you will stop needing assisted collections', cy: 'y dyddiad na fydd angen casgliadau â chymorth arnoch mwyach' },
          hint: {
            en: 'For example, 27 3 2027. If you are not sure, give your best guess: you can ask us to carry on.',
            cy: "Er enghraifft, 27 3 2027. Os nad ydych yn siŵr, rhowch eich amcangyfrif gorau: gallwch ofyn i ni barhau.",
          },
        },
      ],
    },
    {
      id: 'name',
      questions: [
        {
          key: 'name',
          type: 'name',
          format: 'first-last',
          contact: 'name',
          label: { en: 'What is your name?', cy: 'Beth yw eich enw?' },
        },
      ],
    },
    {
      id: 'address',
      questions: [
        {
          key: 'address',
          type: 'address',
          label: { en: 'What is your address?', cy: 'Beth yw eich cyfeiriad?' },
          hint: { en: 'The address where the bins are collected.', cy: 'Y cyfeiriad lle caiff y biniau eu casglu.' },
        },
      ],
    },
    {
      id: 'contact',
      title: { en: 'How can we contact you?', cy: 'Sut gallwn ni gysylltu â chi?' },
      guidance: [
        {
          en: 'We may need to call you to agree where your bins are left.',
          cy: "Efallai y bydd angen i ni eich ffonio i gytuno ble caiff eich biniau eu gadael.",
        },
      ],
      questions: [
        {
          key: 'phone',
          type: 'phone',
          contact: 'phone',
          label: { en: 'Phone number', cy: 'Rhif ffôn' },
        },
        {
          key: 'email',
          type: 'email',
          contact: 'email',
          optional: true,
          label: { en: 'Email address', cy: 'Cyfeiriad e-bost' },
          hint: {
            en: 'We will send a confirmation to this address. Leave it blank if you do not have one.',
            cy: "Byddwn yn anfon cadarnhad i'r cyfeiriad hwn. Gadewch ef yn wag os nad oes gennych un.",
          },
        },
      ],
    },
  ],
  exits: [
    {
      id: 'someone-can-help',
      title: { en: 'You cannot get an assisted bin collection', cy: 'Ni allwch gael casgliad biniau â chymorth' },
      body: [
        {
          en: 'Assisted collections are for homes where nobody aged {values.minimum-age} or over is able to take the bins out. As someone who lives with you can do it, we cannot offer you one.',
          cy: "Mae casgliadau â chymorth ar gyfer cartrefi lle nad oes neb {values.minimum-age} oed neu'n hŷn yn gallu mynd â'r biniau allan. Gan fod rhywun sy'n byw gyda chi yn gallu gwneud hyn, ni allwn gynnig un i chi.",
        },
        {
          en: 'If they are often away on collection day, or your situation is not straightforward, call us on {contact.phone} and we will talk it through with you.',
          cy: "Os ydynt oddi cartref yn aml ar y diwrnod casglu, neu os nad yw eich sefyllfa'n syml, ffoniwch ni ar {contact.phone} a byddwn yn trafod y peth gyda chi.",
        },
      ],
    },
  ],
  declaration: [
    {
      en: 'I confirm that the information I have given is correct, and that nobody aged {values.minimum-age} or over who lives at the property is able to take the bins out.',
      cy: "Rwy'n cadarnhau bod yr wybodaeth a roddais yn gywir, ac nad oes neb {values.minimum-age} oed neu'n hŷn sy'n byw yn yr eiddo yn gallu mynd â'r biniau allan.",
    },
    {
      // Welsh names the council as "y cyngor": "i {council}" would need a mutation a placeholder cannot make
      en: 'I will tell {council} if my circumstances change, for example if someone who can take the bins out moves in.',
      cy: "Byddaf yn rhoi gwybod i'r cyngor os bydd fy amgylchiadau'n newid, er enghraifft os bydd rhywun sy'n gallu mynd â'r biniau allan yn symud i mewn.",
    },
  ],
  confirmation: {
    whatHappensNext: [
      {
        en: 'We will look at your application. We may call you to agree where the crew should collect your bins from.',
        cy: "Byddwn yn edrych ar eich cais. Efallai y byddwn yn eich ffonio i gytuno o ble dylai'r criw gasglu eich biniau.",
      },
      {
        en: 'If we agree, we will tell you the date your assisted collections start. Until then, please put your bins out as you do now, or ask a neighbour to help.',
        cy: "Os byddwn yn cytuno, byddwn yn rhoi gwybod i chi pryd y bydd eich casgliadau â chymorth yn dechrau. Tan hynny, rhowch eich biniau allan fel rydych yn ei wneud nawr, neu gofynnwch i gymydog helpu.",
      },
    ],
    responseTime: { en: 'We aim to reply within {values.response-working-days} working days.', cy: 'Ein nod yw ateb o fewn {values.response-working-days} diwrnod gwaith.' },
  },
  // An assisted collection runs for years; councils review them about every 3, so the application is kept that long
  retentionDays: 1095,
});
