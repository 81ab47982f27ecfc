import type { Actor } from '../../core/cases/case-store.ts';
import type { Translate } from '../../core/i18n.ts';
import type { Language } from '../../core/language.ts';

/** Times on staff pages: UK time, to the minute. */
export function staffTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
}

/**
 * Who made a change, as a staff page names them. A resident's name is personal data: without
 * `personal`, they are "the resident".
 */
export function actorLabel(t: Translate, by: Actor, personal: boolean): string {
  switch (by.kind) {
    case 'staff':
      return t('staff.case.by.staff', { name: by.name });
    case 'integrator':
      return t('staff.case.by.integrator', { name: by.name });
    case 'resident': {
      const who = personal && by.name ? by.name : t('staff.case.by.resident');
      return by.via ? t('staff.case.by.via', { who, name: by.via.name }) : who;
    }
    default:
      return t('staff.case.by.system');
  }
}
