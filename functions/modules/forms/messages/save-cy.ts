import type { formsSaveEn } from './save-en.ts';

/** Forms: save strings in Welsh (GOV.UK Welsh style); the same keys as `save-en.ts`. */
export const formsSaveCy: Record<keyof typeof formsSaveEn, string> = {
  'forms.save.title': 'Cadw eich atebion a dod yn ôl yn nes ymlaen',
  'forms.save.intro': 'Byddwn yn anfon dolen atoch drwy e-bost er mwyn i chi allu parhau â’r ffurflen hon ar unrhyw ddyfais.',
  'forms.save.lasts': 'Mae’r ddolen yn gweithio unwaith ac yn para {days} diwrnod. Ar ôl hynny, bydd eich atebion yn cael eu dileu a bydd angen i chi ddechrau eto.',
  'forms.save.emailHint': 'Byddwn ond yn defnyddio hwn i anfon y ddolen atoch.',
  'forms.save.send': 'Anfon y ddolen',
  'forms.save.backToForm': 'Mynd yn ôl i’r ffurflen',
  'forms.save.tooMany': 'Rydych wedi gofyn am sawl dolen mewn amser byr. Gallwch ofyn am un arall ymhen {minutes} munud.',
  'forms.save.notSent': 'Nid oeddem yn gallu anfon yr e-bost. Nid yw eich atebion wedi’u colli: rhowch gynnig arall arni yn nes ymlaen, neu ewch yn ôl i’r ffurflen.',
  'forms.save.saved.title': 'Mae eich cynnydd wedi’i gadw',
  'forms.save.saved.sentTo': 'Rydym wedi anfon dolen i {email}.',
  'forms.save.saved.until': 'Defnyddiwch hi i barhau â’r ffurflen hyd at ddiwedd {date}. Ar ôl hynny, bydd eich atebion yn cael eu dileu a bydd angen i chi ddechrau eto.',
  'forms.save.saved.notFound': 'Os na allwch ddod o hyd i’r e-bost, edrychwch yn eich ffolder sbam neu sothach. Gallwch ofyn am ddolen newydd o’r ffurflen: bydd yr hen un wedyn yn peidio â gweithio.',
  'forms.save.saved.carryOn': 'Parhau â’r ffurflen nawr',
  'forms.save.resume.title': 'Parhau â’ch ffurflen',
  'forms.save.resume.body': 'Mae eich atebion i’r ffurflen hon wedi’u cadw: {form}. Dewiswch ‘Parhau’ i fynd ymlaen o’r man lle gwnaethoch adael.',
  'forms.save.resume.once': 'Dim ond unwaith y mae’r ddolen yn gweithio. Os oes angen i chi stopio eto, gallwch gadw eich atebion a chael dolen newydd.',
  'forms.save.expired.title': 'Mae’r ddolen hon wedi dod i ben neu wedi cael ei defnyddio eisoes',
  'forms.save.expired.body': 'Dim ond unwaith, ac am gyfnod cyfyngedig, y mae dolen i barhau â ffurflen yn gweithio. Os gwnaethoch ofyn am fwy nag un ddolen, dim ond yr un fwyaf diweddar sy’n gweithio.',
  'forms.save.expired.start': 'Dechrau’r ffurflen eto',
  'forms.save.expired.findForm': 'Dod o hyd i’r ffurflen a dechrau eto',
};
