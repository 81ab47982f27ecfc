import { defineForm } from '../../functions/modules/forms/definition/define-form.ts';

/**
 * Council tax: tell us you now live alone (single person discount). The one eligibility question
 * (anyone else aged 18 or over, not counting people council tax disregards) comes first; then the
 * account, the date, who moved out and where to, and the National Insurance number the council
 * checks the claim with. The discount and the penalty are values: Scotland's penalty differs.
 */
export default defineForm({
  id: 'single-person-discount',
  version: 1,
  credit: { name: 'Local Digital Factory' },
  title: {
    en: 'Council tax: tell us you now live on your own',
    cy: 'Treth gyngor: rhoi gwybod i ni eich bod bellach yn byw ar eich pen eich hun',
  },
  summary: {
    en: 'Apply for a single person discount on your council tax if you are the only adult in your home.',
    cy: "Gwneud cais am ostyngiad person sengl ar eich treth gyngor os mai chi yw'r unig oedolyn yn eich cartref.",
  },
  start: [
    {
      en: 'You could get {values.discount-percent}% off your council tax bill if you are the only adult (aged 18 or over) living in your home.',
      cy: "Gallech gael {values.discount-percent}% oddi ar eich bil treth gyngor os mai chi yw'r unig oedolyn (18 oed neu'n hŷn) sy'n byw yn eich cartref.",
    },
    {
      en: 'Use this form to tell us you now live on your own. You will need your council tax account number and your National Insurance number. It takes about 10 minutes.',
      cy: "Defnyddiwch y ffurflen hon i roi gwybod i ni eich bod bellach yn byw ar eich pen eich hun. Bydd angen rhif eich cyfrif treth gyngor a'ch rhif Yswiriant Gwladol arnoch. Mae'n cymryd tua 10 munud.",
    },
    {
      en: 'If you live on your own because someone you lived with has died, we are sorry for your loss. You can use this form, or call us on {contact.phone} and we will help you.',
      cy: "Os ydych yn byw ar eich pen eich hun oherwydd bod rhywun roeddech yn byw gyda nhw wedi marw, mae'n ddrwg iawn gennym am eich colled. Gallwch ddefnyddio'r ffurflen hon, neu ein ffonio ar {contact.phone} a byddwn yn eich helpu.",
    },
  ],
  contact: { team: { en: 'Council tax', cy: 'Treth gyngor' } },
  values: {
    'discount-percent': { value: 25, description: 'The single person discount, as a percentage of the bill (set by law: 25% in England, Wales and Scotland).' },
    'penalty-pounds': {
      value: 70,
      description: 'The penalty for not telling the council of a change that ends the discount (£70 in England and Wales; £50 in Scotland).',
    },
    'response-working-days': { value: 20, description: 'How many working days the council aims to take to decide and send a new bill.' },
  },
  pages: [
    {
      id: 'anyone-else',
      questions: [
        {
          key: 'anyone-else',
          type: 'yesno',
          label: { en: 'Does anyone else aged 18 or over live at the property?', cy: "A oes unrhyw un arall 18 oed neu'n hŷn yn byw yn yr eiddo?" },
          hint: {
            en: 'Do not count people who are left out of council tax, such as full-time students, student nurses, apprentices, or someone with a severe mental impairment.',
            cy: "Peidiwch â chyfrif pobl nad ydynt yn cael eu cyfrif ar gyfer y dreth gyngor, fel myfyrwyr llawn amser, nyrsys dan hyfforddiant, prentisiaid, neu rywun â nam meddyliol difrifol.",
          },
        },
      ],
      routes: [{ when: { question: 'anyone-else', op: 'equals', value: 'yes' }, to: { exit: 'not-alone' } }],
    },
    {
      id: 'account-number',
      questions: [
        {
          key: 'account-number',
          type: 'text',
          maxLength: 20,
          label: { en: 'What is your council tax account number?', cy: 'Beth yw rhif eich cyfrif treth gyngor?' },
          errorName: { en: 'your council tax account number', cy: 'eich rhif cyfrif treth gyngor' },
          hint: {
            en: 'It is on your council tax bill, near the top. If you cannot find it, call us on {contact.phone}.',
            cy: "Mae ar eich bil treth gyngor, ger y brig. Os na allwch ddod o hyd iddo, ffoniwch ni ar {contact.phone}.",
          },
        },
      ],
    },
    {
      id: 'address',
      questions: [
        {
          key: 'address',
          type: 'address',
          label: { en: 'What is the address of the property?', cy: 'Beth yw cyfeiriad yr eiddo?' },
          hint: { en: 'The address you pay council tax for.', cy: "Y cyfeiriad rydych yn talu'r dreth gyngor amdano." },
        },
      ],
    },
    {
      id: 'living-alone-from',
      title: { en: 'When you started living alone', cy: 'Pryd y dechreuoch fyw ar eich pen eich hun' },
      questions: [
        {
          key: 'living-alone-from',
          type: 'date',
          kind: 'other',
          // Council tax can be put right for up to 6 years back; older claims need a conversation
          min: { daysFromToday: -2191 },
          max: { daysFromToday: 0 },
          label: { en: 'When did you start living on your own?', cy: 'Pryd wnaethoch chi ddechrau byw ar eich pen eich hun?' },
          errorName: { en: 'the date you started living on your own', cy: 'y dyddiad y gwnaethoch ddechrau byw ar eich pen eich hun' },
          hint: {
            en: 'This is usually the day the last other adult moved out. For example, 27 3 2025.',
            cy: "Fel arfer, dyma'r diwrnod y symudodd yr oedolyn arall olaf allan. Er enghraifft, 27 3 2025.",
          },
          guidance: [
            {
              en: 'If it was more than 6 years ago, call us on {contact.phone}.',
              cy: "Os oedd hynny fwy na 6 blynedd yn ôl, ffoniwch ni ar {contact.phone}.",
            },
          ],
        },
      ],
    },
    {
      id: 'someone-moved-out',
      questions: [
        {
          key: 'someone-moved-out',
          type: 'yesno',
          label: { en: 'Did someone move out of the property?', cy: "A symudodd rhywun allan o'r eiddo?" },
          hint: {
            en: 'Answer no if, for example, you moved into this home on your own.',
            cy: "Atebwch na os, er enghraifft, y gwnaethoch symud i'r cartref hwn ar eich pen eich hun.",
          },
        },
      ],
      routes: [{ when: { question: 'someone-moved-out', op: 'equals', value: 'no' }, to: { page: 'nino' } }],
    },
    {
      id: 'moved-out',
      questions: [
        {
          key: 'moved-out',
          type: 'name',
          format: 'first-last',
          repeatable: { max: 5 },
          label: { en: 'What is the name of the person who moved out?', cy: "Beth yw enw'r person a symudodd allan?" },
          hint: { en: 'You can add up to 5 people, one at a time.', cy: 'Gallwch ychwanegu hyd at 5 o bobl, un ar y tro.' },
        },
      ],
    },
    {
      id: 'forwarding-address',
      title: { en: 'The new address of the person who moved out', cy: 'Cyfeiriad newydd y person a symudodd allan' },
      questions: [
        {
          key: 'forwarding-address',
          type: 'address',
          optional: true,
          label: { en: 'What is their new address?', cy: 'Beth yw eu cyfeiriad newydd?' },
          hint: {
            en: 'If more than one person moved out, give the new address of one of them. Leave this blank if you do not know it.',
            cy: "Os symudodd mwy nag un person allan, rhowch gyfeiriad newydd un ohonynt. Gadewch hwn yn wag os nad ydych yn ei wybod.",
          },
          guidance: [
            {
              en: 'We use it to send them their own council tax bill, if they need one.',
              cy: "Rydym yn ei ddefnyddio i anfon eu bil treth gyngor eu hunain atynt, os oes angen un arnynt.",
            },
          ],
        },
      ],
    },
    {
      id: 'nino',
      title: { en: 'Your National Insurance number', cy: 'Eich rhif Yswiriant Gwladol' },
      questions: [
        {
          key: 'nino',
          type: 'nino',
          label: { en: 'What is your National Insurance number?', cy: 'Beth yw eich rhif Yswiriant Gwladol?' },
          hint: {
            en: "It's on your National Insurance card, benefit letter, payslip or P60. For example, 'QQ 12 34 56 C'.",
            cy: "Mae ar eich cerdyn Yswiriant Gwladol, llythyr budd-dal, slip cyflog neu P60. Er enghraifft, 'QQ 12 34 56 C'.",
          },
          guidance: [
            {
              en: 'We use it to check what you tell us against other records, to prevent fraud.',
              cy: "Rydym yn ei ddefnyddio i wirio'r hyn rydych yn ei ddweud wrthym yn erbyn cofnodion eraill, er mwyn atal twyll.",
            },
          ],
        },
      ],
    },
    {
      id: 'evidence',
      title: { en: 'Evidence that you live alone', cy: 'Tystiolaeth eich bod yn byw ar eich pen eich hun' },
      questions: [
        {
          key: 'evidence',
          type: 'file',
          accept: ['pdf', 'jpeg', 'png'],
          maxMegabytes: 10,
          optional: true,
          label: { en: 'Upload evidence that you live on your own', cy: 'Uwchlwythwch dystiolaeth eich bod yn byw ar eich pen eich hun' },
          hint: {
            en: "For example, a letter from the other person's new council, their new tenancy agreement, or a letter from a solicitor. PDF, JPEG or PNG, up to 10MB.",
            cy: 'Er enghraifft, llythyr gan gyngor newydd y person arall, eu cytundeb tenantiaeth newydd, neu lythyr gan gyfreithiwr. PDF, JPEG neu PNG, hyd at 10MB.',
          },
          guidance: [
            {
              en: 'You do not have to upload anything, but it can help us decide more quickly.',
              cy: "Nid oes rhaid i chi uwchlwytho dim, ond gall ein helpu i benderfynu'n gynt.",
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
          hint: { en: 'As it appears on your council tax bill.', cy: 'Fel y mae ar eich bil treth gyngor.' },
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
            en: 'We will only call you if we have a question about your application.',
            cy: 'Dim ond os bydd gennym gwestiwn am eich cais y byddwn yn eich ffonio.',
          },
        },
      ],
    },
  ],
  exits: [
    {
      id: 'not-alone',
      title: { en: 'You cannot get a single person discount', cy: 'Ni allwch gael gostyngiad person sengl' },
      body: [
        {
          en: 'A single person discount is only for homes where one adult, aged 18 or over, lives.',
          cy: "Dim ond ar gyfer cartrefi lle mae un oedolyn, 18 oed neu'n hŷn, yn byw y mae gostyngiad person sengl.",
        },
        {
          en: 'You may still be able to pay less, for example if everyone else who lives with you is a full-time student or a carer. Call us on {contact.phone} to find out.',
          cy: "Efallai y gallwch dalu llai o hyd, er enghraifft os yw pawb arall sy'n byw gyda chi yn fyfyrwyr llawn amser neu'n ofalwyr. Ffoniwch ni ar {contact.phone} i gael gwybod.",
        },
      ],
    },
  ],
  declaration: [
    {
      en: 'I declare that the information I have given on this form is correct and complete.',
      cy: "Rwy'n datgan bod yr wybodaeth a roddais ar y ffurflen hon yn gywir ac yn gyflawn.",
    },
    {
      en: 'I understand that I may be prosecuted if I give false information to get a discount. If I do not tell the council within 21 days when someone aged 18 or over moves in, I may have to pay a penalty of £{values.penalty-pounds}, as well as the council tax I owe.',
      cy: "Rwy'n deall y gallaf gael fy erlyn os byddaf yn rhoi gwybodaeth ffug er mwyn cael gostyngiad. Os na fyddaf yn rhoi gwybod i'r cyngor o fewn 21 diwrnod pan fydd rhywun 18 oed neu'n hŷn yn symud i mewn, efallai y bydd rhaid i mi dalu cosb o £{values.penalty-pounds}, yn ogystal â'r dreth gyngor sy'n ddyledus gennyf.",
    },
    {
      // Welsh names the council as "y cyngor": "gall {council}" would need a mutation a placeholder cannot make
      en: 'I understand that {council} may check this information against other records, such as the electoral register and credit reference agencies, to prevent and detect fraud.',
      cy: "Rwy'n deall y gall y cyngor wirio'r wybodaeth hon yn erbyn cofnodion eraill, fel y gofrestr etholiadol ac asiantaethau gwirio credyd, er mwyn atal a chanfod twyll.",
    },
  ],
  confirmation: {
    whatHappensNext: [
      {
        en: 'We will check what you have told us. We may write to you, or to the person who moved out, if we need more information.',
        cy: "Byddwn yn gwirio'r hyn rydych wedi'i ddweud wrthym. Efallai y byddwn yn ysgrifennu atoch chi, neu at y person a symudodd allan, os bydd angen rhagor o wybodaeth arnom.",
      },
      {
        en: 'If you get the discount, we will send you a new council tax bill. Keep paying your current instalments until it arrives.',
        cy: 'Os cewch y gostyngiad, byddwn yn anfon bil treth gyngor newydd atoch. Daliwch ati i dalu eich rhandaliadau presennol nes iddo gyrraedd.',
      },
    ],
    responseTime: {
      en: 'We aim to send your new bill within {values.response-working-days} working days.',
      cy: "Ein nod yw anfon eich bil newydd o fewn {values.response-working-days} diwrnod gwaith.",
    },
  },
  // Council tax records are kept for 6 years, the period a bill can be put right or recovered in
  retentionDays: 2190,
  saveAndReturn: { days: 28 },
});
