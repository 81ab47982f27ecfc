import type { formsOutputsEn } from './outputs-en.ts';

/** Forms: outputs strings in Welsh. */
export const formsOutputsCy: Record<keyof typeof formsOutputsEn, string> = {
  'forms.outputs.answers.heading': 'Atebion',
  'forms.outputs.answers.form': 'Ffurflen: {form} (fersiwn {version})',
  'forms.outputs.answers.withheld': 'Nid yw’r atebion yn cael eu dangos: nid yw eich rôl yn caniatáu i chi weld data personol.',
  'forms.outputs.answers.specialCategory': 'Data categori arbennig: heb ei ddangos',
  'forms.outputs.answers.specialCategoryNote': 'Nid yw atebion sy’n ddata categori arbennig (megis iechyd neu ofal) yn cael eu dangos ar y dudalen hon: dim ond staff sydd â’r rôl gofal sy’n gallu eu gweld.',
  'forms.outputs.answers.specialCategoryTag': 'Categori arbennig',
  'forms.outputs.answers.specialCategoryOpened': 'Mae atebion sy’n ddata categori arbennig (megis iechyd neu ofal) yn cael eu dangos oherwydd bod gennych y rôl gofal. Caiff pob tro y cânt eu hagor ei gofnodi yn archwiliad yr achos.',
  'forms.outputs.answers.specialCategoryFailed': 'Nid oedd modd ei agor',
  'forms.outputs.answers.specialCategoryError': 'Nid oedd modd agor yr atebion hyn. Rhowch gynnig arall arni yn nes ymlaen. Os yw’n dal i ddigwydd, rhowch wybod i dîm y platfform, gan nodi achos {reference}.',
  'forms.outputs.answers.warning': 'Rhybudd',
  'forms.outputs.answers.notAnswered': 'Heb ei ateb',
  'forms.outputs.answers.none': 'Nid oes atebion ar yr achos hwn.',
  'forms.outputs.file.download': 'Lawrlwytho {name}',
  'forms.outputs.delivery.heading': 'Wedi’i anfon i’r cyngor',
  'forms.outputs.kind.webhook': 'System y cyngor (webhook)',
  'forms.outputs.kind.mailbox': 'E-bost i flwch post y cyngor',
  'forms.outputs.tag.delivered': 'Wedi’i ddanfon',
  'forms.outputs.tag.waiting': 'Yn aros',
  'forms.outputs.tag.failed': 'Wedi methu',
  'forms.outputs.status.delivered': 'Wedi’i ddanfon am {time}.',
  'forms.outputs.status.waiting': 'Ymgais {attempt}: y cynnig nesaf am {time}.',
  'forms.outputs.status.failed': 'Wedi rhoi’r gorau iddi ar ôl {attempts} ymgais. Mae’r cyflwyniad yn cael ei gadw ar yr achos hwn.',
  'forms.outputs.status.lastResult': 'Y cynnig diwethaf am {time}: {result}.',
  'forms.outputs.retry.button': 'Rhoi cynnig arall arni',
};
