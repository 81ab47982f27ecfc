import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';

/**
 * Request a dropped kerb (a vehicle crossing over the pavement). The questions that most often
 * end a request come first and each leads to an exit that says what to do instead: no owner's
 * permission, a driveway too short for a car (the depth is a value, as councils set their own),
 * and no planning permission where a classified road needs it.
 */
export default defineForm({
  id: 'dropped-kerb',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: { en: 'Request a dropped kerb', cy: 'Gwneud cais am gwrb isel' },
  summary: {
    en: 'Ask us to lower the kerb and strengthen the pavement so that you can drive onto your driveway.',
    cy: "Gofynnwch i ni ostwng y cwrb a chryfhau'r palmant er mwyn i chi allu gyrru i mewn i'ch dreif.",
  },
  start: [
    {
      en: 'You need a dropped kerb to drive over the pavement to park on your property. It is against the law to drive over a kerb that has not been lowered.',
      cy: "Mae angen cwrb isel arnoch i yrru dros y palmant i barcio ar eich eiddo. Mae'n anghyfreithlon gyrru dros gwrb sydd heb ei ostwng.",
    },
    {
      en: 'You will have to pay for the work. We will visit and send you a quote before anything is built.',
      cy: "Bydd rhaid i chi dalu am y gwaith. Byddwn yn ymweld ac yn anfon dyfynbris atoch cyn i unrhyw beth gael ei adeiladu.",
    },
    {
      en: 'You will need to know how deep your driveway is. You can also upload a sketch or photo. It takes about 10 minutes.',
      cy: "Bydd angen i chi wybod pa mor ddwfn yw eich dreif. Gallwch hefyd uwchlwytho braslun neu lun. Mae'n cymryd tua 10 munud.",
    },
  ],
  contact: { team: { en: 'Highways', cy: 'Priffyrdd' } },
  values: {
    'minimum-depth-metres': {
      value: 4.8,
      description: 'The shortest driveway (from the back of the pavement) a car fits on without hanging over the pavement, in metres.',
    },
    'response-working-days': { value: 20, description: 'How many working days the council aims to take to visit and reply.' },
  },
  pages: [
    {
      id: 'address',
      questions: [
        {
          key: 'address',
          type: 'address',
          label: { en: 'What is the address of the property?', cy: 'Beth yw cyfeiriad yr eiddo?' },
          hint: { en: 'The property that needs the dropped kerb.', cy: "Yr eiddo y mae angen y cwrb isel ar ei gyfer." },
        },
      ],
    },
    {
      id: 'owner',
      questions: [
        {
          key: 'owner',
          type: 'yesno',
          label: { en: 'Do you own the property?', cy: "Ai chi sy'n berchen ar yr eiddo?" },
        },
      ],
      routes: [{ when: { question: 'owner', op: 'equals', value: 'yes' }, to: { page: 'surface' } }],
    },
    {
      id: 'landlord-permission',
      questions: [
        {
          key: 'landlord-permission',
          type: 'yesno',
          label: {
            en: "Do you have the owner's written permission for a dropped kerb?",
            cy: 'Oes gennych ganiatâd ysgrifenedig y perchennog ar gyfer cwrb isel?',
          },
          hint: {
            en: 'If you rent, the owner is usually your landlord or housing association. We may ask to see the permission.',
            cy: "Os ydych yn rhentu, eich landlord neu eich cymdeithas dai yw'r perchennog fel arfer. Efallai y byddwn yn gofyn am gael gweld y caniatâd.",
          },
        },
      ],
      routes: [{ when: { question: 'landlord-permission', op: 'equals', value: 'no' }, to: { exit: 'no-permission' } }],
    },
    {
      id: 'surface',
      title: { en: 'Your driveway', cy: 'Eich dreif' },
      questions: [
        {
          key: 'surface',
          type: 'selection',
          label: { en: 'What is the surface of your driveway?', cy: 'Beth yw arwyneb eich dreif?' },
          errorName: { en: 'the surface of your driveway', cy: 'arwyneb eich dreif' },
          hint: {
            en: 'If you have not laid it yet, tell us what you plan to use.',
            cy: "Os nad ydych wedi gosod yr arwyneb eto, dywedwch wrthym beth rydych yn bwriadu ei ddefnyddio.",
          },
          guidance: [
            {
              en: 'Your driveway needs a hard surface, so that stones and soil are not carried onto the pavement, and it must drain into your property rather than onto the road.',
              cy: "Mae angen arwyneb caled ar eich dreif, fel nad yw cerrig a phridd yn cael eu cario ar y palmant, a rhaid iddi ddraenio i'ch eiddo yn hytrach nag i'r ffordd.",
            },
          ],
          options: [
            { value: 'block-paving', text: { en: 'Block paving', cy: 'Blociau palmant' } },
            { value: 'tarmac', text: { en: 'Tarmac or asphalt', cy: 'Tarmac neu asffalt' } },
            { value: 'concrete', text: { en: 'Concrete', cy: 'Concrit' } },
            { value: 'permeable', text: { en: 'Permeable paving or resin-bound gravel', cy: "Palmant athraidd neu raean wedi'i rwymo â resin" } },
            { value: 'loose-gravel', text: { en: 'Loose gravel or chippings', cy: 'Graean rhydd neu gerrig mân' } },
            { value: 'grass', text: { en: 'Grass or soil', cy: 'Glaswellt neu bridd' } },
          ],
        },
      ],
    },
    {
      id: 'depth',
      title: { en: 'Depth of the driveway', cy: 'Dyfnder y dreif' },
      questions: [
        {
          key: 'depth',
          type: 'number',
          min: 0,
          max: 50,
          suffix: { en: 'metres', cy: 'metr' },
          label: { en: 'How deep is your driveway?', cy: 'Pa mor ddwfn yw eich dreif?' },
          errorName: { en: 'the depth of your driveway', cy: 'dyfnder eich dreif' },
          hint: {
            en: 'Measure from the back of the pavement to the front of your house, or to the nearest wall or fence, in metres. For example, 5.5.',
            cy: "Mesurwch o gefn y palmant i flaen eich tŷ, neu at y wal neu'r ffens agosaf, mewn metrau. Er enghraifft, 5.5.",
          },
          guidance: [
            {
              en: 'A parked car must not hang over the pavement, so the driveway needs to be at least {values.minimum-depth-metres} metres deep.',
              cy: "Ni ddylai car sydd wedi'i barcio fod dros y palmant, felly mae angen i'r dreif fod o leiaf {values.minimum-depth-metres} metr o ddyfnder.",
            },
          ],
        },
      ],
      routes: [{ when: { question: 'depth', op: 'lt', value: { value: 'minimum-depth-metres' } }, to: { exit: 'too-shallow' } }],
    },
    {
      id: 'classified-road',
      questions: [
        {
          key: 'classified-road',
          type: 'selection',
          label: { en: 'Is the property on an A, B or C road?', cy: "A yw'r eiddo ar ffordd A, B neu C?" },
          errorName: { en: 'if the property is on an A, B or C road', cy: "a yw'r eiddo ar ffordd A, B neu C" },
          hint: {
            // Councils name two of their own roads here (texts.questions.classified-road.hint), which residents recognise
            en: "These are classified roads. The road's letter and number are on road signs and maps, for example A123 or B1234.",
            cy: "Ffyrdd dosbarthedig yw'r rhain. Mae llythyren a rhif y ffordd ar arwyddion ffyrdd ac ar fapiau, er enghraifft A123 neu B1234.",
          },
          options: [
            { value: 'yes', text: { en: 'Yes', cy: 'Ydy' } },
            { value: 'no', text: { en: 'No', cy: 'Nac ydy' } },
            { value: 'not-sure', text: { en: 'I do not know', cy: 'Nid wyf yn gwybod' } },
          ],
        },
      ],
      routes: [{ when: { question: 'classified-road', op: 'equals', value: 'no' }, to: { page: 'sketch' } }],
    },
    {
      id: 'planning',
      title: { en: 'Planning permission', cy: 'Caniatâd cynllunio' },
      guidance: [
        {
          en: 'You need planning permission for a dropped kerb onto an A, B or C road. If you do not know what kind of road it is, tell us what you have: we will check.',
          cy: "Mae angen caniatâd cynllunio arnoch ar gyfer cwrb isel i ffordd A, B neu C. Os nad ydych yn gwybod pa fath o ffordd yw hi, dywedwch wrthym beth sydd gennych: byddwn yn gwirio.",
        },
      ],
      questions: [
        {
          key: 'planning-permission',
          type: 'selection',
          label: { en: 'Do you have planning permission for the dropped kerb?', cy: 'Oes gennych ganiatâd cynllunio ar gyfer y cwrb isel?' },
          errorName: { en: 'if you have planning permission for the dropped kerb', cy: 'a oes gennych ganiatâd cynllunio ar gyfer y cwrb isel' },
          options: [
            { value: 'granted', text: { en: 'Yes', cy: 'Oes' } },
            { value: 'applied', text: { en: 'I have applied and I am waiting for a decision', cy: "Rwyf wedi gwneud cais ac rwy'n aros am benderfyniad" } },
            { value: 'no', text: { en: 'No', cy: 'Nac oes' } },
          ],
        },
        {
          key: 'planning-reference',
          type: 'text',
          maxLength: 30,
          optional: true,
          label: { en: 'Planning application reference', cy: 'Cyfeirnod y cais cynllunio' },
          hint: { en: 'If you have one. For example, 24/01234/FUL.', cy: 'Os oes gennych un. Er enghraifft, 24/01234/FUL.' },
        },
      ],
      routes: [
        {
          when: {
            all: [
              { question: 'classified-road', op: 'equals', value: 'yes' },
              { question: 'planning-permission', op: 'equals', value: 'no' },
            ],
          },
          to: { exit: 'planning-needed' },
        },
      ],
    },
    {
      id: 'sketch',
      title: { en: 'A sketch or photo of your driveway', cy: "Braslun neu lun o'ch dreif" },
      questions: [
        {
          key: 'sketch',
          type: 'file',
          accept: ['pdf', 'jpeg', 'png'],
          maxMegabytes: 10,
          optional: true,
          label: { en: 'Upload a sketch or photo of your driveway', cy: "Uwchlwythwch fraslun neu lun o'ch dreif" },
          hint: {
            en: 'Show where you want the dropped kerb and how wide it should be. PDF, JPEG or PNG, up to 10MB.',
            cy: "Dangoswch ble rydych eisiau'r cwrb isel a pha mor llydan y dylai fod. PDF, JPEG neu PNG, hyd at 10MB.",
          },
          guidance: [
            {
              en: 'You do not have to upload anything, but it helps our inspector prepare for the visit.',
              cy: "Nid oes rhaid i chi uwchlwytho dim, ond mae'n helpu ein harolygydd i baratoi ar gyfer yr ymweliad.",
            },
          ],
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
      guidance: [
        { en: 'Our inspector may call you to arrange a visit.', cy: "Efallai y bydd ein harolygydd yn eich ffonio i drefnu ymweliad." },
      ],
      questions: [
        {
          key: 'email',
          type: 'email',
          contact: 'email',
          label: { en: 'Email address', cy: 'Cyfeiriad e-bost' },
          hint: { en: 'We will send a confirmation and your quote to this address.', cy: "Byddwn yn anfon cadarnhad a'ch dyfynbris i'r cyfeiriad hwn." },
        },
        {
          key: 'phone',
          type: 'phone',
          contact: 'phone',
          label: { en: 'Phone number', cy: 'Rhif ffôn' },
        },
      ],
    },
  ],
  exits: [
    {
      id: 'no-permission',
      title: { en: "You need the owner's permission", cy: 'Mae angen caniatâd y perchennog arnoch' },
      body: [
        {
          en: "We can only build a dropped kerb with the permission of the property's owner.",
          cy: 'Dim ond gyda chaniatâd perchennog yr eiddo y gallwn adeiladu cwrb isel.',
        },
        {
          en: 'Ask your landlord or the owner for permission in writing, then come back to this form. If you have any questions, call us on {contact.phone}.',
          cy: "Gofynnwch i'ch landlord neu'r perchennog am ganiatâd ysgrifenedig, ac yna dewch yn ôl i'r ffurflen hon. Os oes gennych unrhyw gwestiynau, ffoniwch ni ar {contact.phone}.",
        },
      ],
    },
    {
      id: 'too-shallow',
      title: { en: 'Your driveway is not deep enough for a dropped kerb', cy: 'Nid yw eich dreif yn ddigon dwfn ar gyfer cwrb isel' },
      body: [
        {
          en: 'Your driveway needs to be at least {values.minimum-depth-metres} metres deep, so that a parked car does not hang over the pavement and block it for people walking, using a wheelchair or pushing a pram.',
          cy: "Mae angen i'ch dreif fod o leiaf {values.minimum-depth-metres} metr o ddyfnder, fel nad yw car sydd wedi'i barcio dros y palmant ac yn ei rwystro i bobl sy'n cerdded, yn defnyddio cadair olwyn neu'n gwthio pram.",
        },
        {
          en: 'If you think your measurement may be wrong, go back and measure again. If your property is unusual, call us on {contact.phone} before you apply.',
          cy: "Os ydych yn meddwl y gallai eich mesuriad fod yn anghywir, ewch yn ôl a mesurwch eto. Os yw eich eiddo'n anarferol, ffoniwch ni ar {contact.phone} cyn i chi wneud cais.",
        },
      ],
    },
    {
      id: 'planning-needed',
      title: { en: 'You need planning permission first', cy: 'Mae angen caniatâd cynllunio arnoch yn gyntaf' },
      body: [
        {
          en: 'Because your property is on an A, B or C road, you need planning permission before we can build a dropped kerb.',
          cy: "Gan fod eich eiddo ar ffordd A, B neu C, mae angen caniatâd cynllunio arnoch cyn y gallwn adeiladu cwrb isel.",
        },
        {
          en: "Apply to {council}'s planning service first. When you have applied, come back to this form and tell us you are waiting for a decision. If you have any questions, call us on {contact.phone}.",
          cy: "Gwnewch gais i wasanaeth cynllunio'r cyngor yn gyntaf. Pan fyddwch wedi gwneud cais, dewch yn ôl i'r ffurflen hon a dywedwch wrthym eich bod yn aros am benderfyniad. Os oes gennych unrhyw gwestiynau, ffoniwch ni ar {contact.phone}.",
        },
      ],
    },
  ],
  declaration: [
    { en: 'I confirm that the information I have given is correct.', cy: "Rwy'n cadarnhau bod yr wybodaeth a roddais yn gywir." },
    {
      en: "I understand that I will have to pay for the dropped kerb, and that work will only start after I have accepted the council's quote.",
      cy: "Rwy'n deall y bydd rhaid i mi dalu am y cwrb isel, ac mai dim ond ar ôl i mi dderbyn dyfynbris y cyngor y bydd y gwaith yn dechrau.",
    },
    {
      en: 'I understand that I must not drive over the pavement until the dropped kerb has been built.',
      cy: "Rwy'n deall na ddylwn yrru dros y palmant nes bod y cwrb isel wedi'i adeiladu.",
    },
  ],
  confirmation: {
    whatHappensNext: [
      {
        en: 'An inspector will visit to check your driveway, the pavement, and anything in the way, such as trees, street lights or drains.',
        cy: "Bydd arolygydd yn ymweld i wirio eich dreif, y palmant, ac unrhyw beth sydd yn y ffordd, fel coed, goleuadau stryd neu ddraeniau.",
      },
      {
        en: 'If a dropped kerb can be built, we will send you a quote. Work starts only after you accept it and pay.',
        cy: 'Os oes modd adeiladu cwrb isel, byddwn yn anfon dyfynbris atoch. Dim ond ar ôl i chi ei dderbyn a thalu y bydd y gwaith yn dechrau.',
      },
    ],
    responseTime: { en: 'We aim to visit within {values.response-working-days} working days.', cy: 'Ein nod yw ymweld o fewn {values.response-working-days} diwrnod gwaith.' },
  },
  // Long enough to cover the quote, the works and the year a new crossing is watched for defects
  retentionDays: 1095,
  saveAndReturn: { days: 28 },
});
