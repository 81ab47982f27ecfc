import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';

/**
 * Request a new or replacement bin or box. The reason routes to the one follow-up question it
 * needs (what is wrong, the police report, the moving-in date, or the household's size), and the
 * bins offered are the property's own, from the council's bins config (`bin-containers`).
 */
export default defineForm({
  id: 'new-bin-request',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: { en: 'Request a new or replacement bin or box', cy: 'Gofyn am fin neu flwch newydd neu un newydd yn ei le' },
  summary: {
    en: 'Ask for a bin, box or caddy if yours is damaged or missing, you have moved into a new-build home, or you need more room.',
    cy: "Gofynnwch am fin, blwch neu gadi os yw eich un chi wedi'i ddifrodi neu ar goll, os ydych wedi symud i gartref newydd ei adeiladu, neu os oes angen mwy o le arnoch.",
  },
  start: [
    {
      en: 'Use this form if your bin or box is damaged, stolen or missing, if you have moved into a new-build home, or if your household needs more room for its waste.',
      cy: "Defnyddiwch y ffurflen hon os yw eich bin neu eich blwch wedi'i ddifrodi, wedi'i ddwyn neu ar goll, os ydych wedi symud i gartref newydd ei adeiladu, neu os oes angen mwy o le ar eich aelwyd ar gyfer ei gwastraff.",
    },
    {
      en: 'If you have moved into a home that is not new, the bins belong to the property: the people who lived there before you should have left them.',
      cy: "Os ydych wedi symud i gartref nad yw'n newydd, mae'r biniau'n perthyn i'r eiddo: dylai'r bobl a oedd yn byw yno o'ch blaen fod wedi eu gadael.",
    },
    {
      en: 'We will tell you if there is a charge before we deliver anything. It takes about 5 minutes.',
      cy: "Byddwn yn rhoi gwybod i chi os oes tâl cyn i ni ddanfon unrhyw beth. Mae'n cymryd tua 5 munud.",
    },
  ],
  contact: { team: { en: 'Waste and recycling', cy: 'Gwastraff ac ailgylchu' } },
  values: {
    'extra-capacity-minimum-people': { value: 6, description: 'The smallest household that may have a larger or extra bin for its waste.' },
    'delivery-working-days': { value: 10, description: 'How many working days the council aims to take to deliver.' },
  },
  pages: [
    {
      id: 'address',
      questions: [
        {
          key: 'address',
          type: 'address',
          label: { en: 'What is your address?', cy: 'Beth yw eich cyfeiriad?' },
          hint: { en: 'The address the bin or box is for.', cy: "Y cyfeiriad y mae'r bin neu'r blwch ar ei gyfer." },
        },
      ],
    },
    {
      id: 'reason',
      questions: [
        {
          key: 'reason',
          type: 'selection',
          label: { en: 'Why do you need a new bin or box?', cy: 'Pam mae angen bin neu flwch newydd arnoch?' },
          errorName: { en: 'why you need a new bin or box', cy: 'y rheswm pam mae angen bin neu flwch newydd arnoch' },
          options: [
            { value: 'damaged', text: { en: 'It is damaged', cy: "Mae wedi'i ddifrodi" } },
            { value: 'stolen', text: { en: 'It has been stolen or is missing', cy: "Mae wedi'i ddwyn neu ar goll" } },
            {
              value: 'new-property',
              text: { en: 'I have moved into a new-build home', cy: 'Rwyf wedi symud i gartref newydd ei adeiladu' },
              hint: { en: 'Or I am about to move in.', cy: "Neu rwyf ar fin symud i mewn." },
            },
            { value: 'extra-capacity', text: { en: 'My household needs more room for its waste', cy: "Mae angen mwy o le ar fy aelwyd ar gyfer ei gwastraff" } },
          ],
        },
      ],
      routes: [
        { when: { question: 'reason', op: 'equals', value: 'damaged' }, to: { page: 'damage' } },
        { when: { question: 'reason', op: 'equals', value: 'stolen' }, to: { page: 'reported' } },
        { when: { question: 'reason', op: 'equals', value: 'new-property' }, to: { page: 'moved-in' } },
        { when: { question: 'reason', op: 'equals', value: 'extra-capacity' }, to: { page: 'household-size' } },
      ],
    },
    {
      id: 'damage',
      questions: [
        {
          key: 'damage',
          type: 'selection',
          multiple: true,
          label: { en: 'What is wrong with it?', cy: "Beth sy'n bod arno?" },
          errorName: { en: 'what is wrong with your bin or box', cy: "yr hyn sy'n bod ar eich bin neu eich blwch" },
          hint: { en: 'Select all that apply.', cy: "Dewiswch bob un sy'n berthnasol." },
          options: [
            { value: 'lid', text: { en: 'The lid is broken or missing', cy: "Mae'r caead wedi torri neu ar goll" } },
            { value: 'wheels', text: { en: 'A wheel or the axle is broken', cy: "Mae olwyn neu'r echel wedi torri" } },
            { value: 'split', text: { en: 'It is split or cracked', cy: 'Mae wedi hollti neu gracio' } },
            { value: 'other', text: { en: 'Something else', cy: 'Rhywbeth arall' } },
          ],
        },
      ],
      next: { page: 'containers' },
    },
    {
      id: 'reported',
      title: { en: 'A missing or stolen bin', cy: "Bin ar goll neu wedi'i ddwyn" },
      guidance: [
        {
          en: 'Before you tell us a bin is missing, look along your street: bins are sometimes put back outside the wrong house.',
          cy: "Cyn i chi roi gwybod i ni fod bin ar goll, edrychwch ar hyd eich stryd: weithiau caiff biniau eu rhoi yn ôl y tu allan i'r tŷ anghywir.",
        },
      ],
      questions: [
        {
          key: 'reported',
          type: 'yesno',
          label: { en: 'Have you reported it to the police?', cy: "Ydych chi wedi rhoi gwybod i'r heddlu amdano?" },
          hint: {
            en: 'You only need to if you think it was stolen.',
            cy: "Dim ond os ydych yn meddwl ei fod wedi'i ddwyn y mae angen i chi wneud hynny.",
          },
        },
      ],
      routes: [{ when: { question: 'reported', op: 'equals', value: 'no' }, to: { page: 'containers' } }],
    },
    {
      id: 'crime-reference',
      questions: [
        {
          key: 'crime-reference',
          type: 'text',
          maxLength: 30,
          optional: true,
          label: { en: 'What is the crime reference number?', cy: "Beth yw'r cyfeirnod trosedd?" },
          errorName: { en: 'the crime reference number', cy: 'y cyfeirnod trosedd' },
          hint: { en: 'Leave this blank if you do not have one yet.', cy: "Gadewch hwn yn wag os nad oes gennych un eto." },
        },
      ],
      next: { page: 'containers' },
    },
    {
      id: 'moved-in',
      questions: [
        {
          key: 'moved-in',
          type: 'date',
          kind: 'other',
          min: { daysFromToday: -365 },
          max: { daysFromToday: 90 },
          label: { en: 'When did you move in?', cy: 'Pryd wnaethoch chi symud i mewn?' },
          errorName: { en: 'the date you moved in', cy: 'y dyddiad y gwnaethoch symud i mewn' },
          hint: {
            en: 'If you have not moved in yet, give the date you complete or your tenancy starts. For example, 27 3 2026.',
            cy: "Os nad ydych wedi symud i mewn eto, rhowch y dyddiad cwblhau neu'r dyddiad y mae eich tenantiaeth yn dechrau. Er enghraifft, 27 3 2026.",
          },
        },
      ],
      next: { page: 'containers' },
    },
    {
      id: 'household-size',
      questions: [
        {
          key: 'household-size',
          type: 'number',
          whole: true,
          min: 1,
          max: 30,
          label: { en: 'How many people live at the property?', cy: "Faint o bobl sy'n byw yn yr eiddo?" },
          errorName: { en: 'the number of people who live at the property', cy: "nifer y bobl sy'n byw yn yr eiddo" },
          hint: { en: 'Include children and babies.', cy: 'Dylech gynnwys plant a babanod.' },
        },
      ],
      routes: [
        { when: { question: 'household-size', op: 'lt', value: { value: 'extra-capacity-minimum-people' } }, to: { exit: 'extra-not-eligible' } },
      ],
    },
    {
      id: 'containers',
      questions: [
        {
          key: 'containers',
          type: 'selection',
          multiple: true,
          optionsFrom: { source: 'bin-containers', addressQuestion: 'address' },
          label: { en: 'Which bins or boxes do you need?', cy: 'Pa finiau neu flychau sydd eu hangen arnoch?' },
          errorName: { en: 'the bins or boxes you need', cy: "y biniau neu'r blychau sydd eu hangen arnoch" },
          hint: { en: 'Select all that apply.', cy: "Dewiswch bob un sy'n berthnasol." },
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
      id: 'contact',
      title: { en: 'How can we contact you?', cy: 'Sut gallwn ni gysylltu â chi?' },
      questions: [
        {
          key: 'email',
          type: 'email',
          contact: 'email',
          label: { en: 'Email address', cy: 'Cyfeiriad e-bost' },
          hint: { en: 'We will send a confirmation to this address.', cy: "Byddwn yn anfon cadarnhad i'r cyfeiriad hwn." },
        },
        {
          key: 'phone',
          type: 'phone',
          contact: 'phone',
          optional: true,
          label: { en: 'Phone number', cy: 'Rhif ffôn' },
          hint: {
            en: 'We will only call you if the delivery crew cannot find where to leave it.',
            cy: "Dim ond os na all y criw danfon ddod o hyd i le i'w adael y byddwn yn eich ffonio.",
          },
        },
      ],
    },
  ],
  exits: [
    {
      id: 'extra-not-eligible',
      title: { en: 'You cannot have more room for your waste', cy: 'Ni allwch gael mwy o le ar gyfer eich gwastraff' },
      body: [
        {
          en: 'We give a larger or extra bin to households of {values.extra-capacity-minimum-people} or more people. Recycling more can free up room in your bin.',
          cy: 'Rydym yn rhoi bin mwy neu fin ychwanegol i aelwydydd o {values.extra-capacity-minimum-people} o bobl neu fwy. Gall ailgylchu mwy ryddhau lle yn eich bin.',
        },
        {
          en: 'If you need more room because of medical waste or nappies, call us on {contact.phone}.',
          cy: "Os oes angen mwy o le arnoch oherwydd gwastraff meddygol neu gewynnau, ffoniwch ni ar {contact.phone}.",
        },
      ],
    },
  ],
  declaration: [{ en: 'I confirm that the information I have given is correct.', cy: "Rwy'n cadarnhau bod yr wybodaeth a roddais yn gywir." }],
  confirmation: {
    whatHappensNext: [
      {
        en: 'We will check your request and deliver your new bin or box. You do not need to be at home.',
        cy: "Byddwn yn gwirio eich cais ac yn danfon eich bin neu eich blwch newydd. Nid oes angen i chi fod gartref.",
      },
      {
        en: 'If your old bin is damaged, keep using it until the new one comes. The delivery crew will take the old one away.',
        cy: "Os yw eich hen fin wedi'i ddifrodi, daliwch ati i'w ddefnyddio nes i'r un newydd gyrraedd. Bydd y criw danfon yn mynd â'r hen un i ffwrdd.",
      },
    ],
    responseTime: { en: 'We aim to deliver within {values.delivery-working-days} working days.', cy: 'Ein nod yw danfon o fewn {values.delivery-working-days} diwrnod gwaith.' },
  },
  // A delivery is settled within weeks; a year covers a repeat request or a charge being queried
  retentionDays: 365,
});
