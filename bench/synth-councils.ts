/**
 * Synthetic council configs for the synthesis bench: the real council files cloned round-robin, each
 * with its own id, GSS-like code and nation, some in another AWS account and a few with a custom
 * domain. Every one is run through the council schema, so synthesis sees only valid configs.
 */
import { councilSchema, type CouncilConfig } from '../functions/config/council-schema.ts';
import { loadCouncils } from '../functions/config/load-councils.ts';
import { CATALOGUE_FORMS } from '../catalogue/forms.ts';

const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
const GSS_LETTER: Record<CouncilConfig['nation'], string> = { england: 'E', wales: 'W', scotland: 'S', 'northern-ireland': 'N' };

/** Every ACCOUNT_EVERY-th council is deployed to one of these accounts (not the platform's own). */
export const OTHER_ACCOUNTS = ['210987654321', '309876543210', '408765432109'] as const;
export const ACCOUNT_EVERY = 50;
/** Councils at index DOMAIN_OFFSET, DOMAIN_OFFSET + DOMAIN_EVERY, ... have a custom domain. */
export const DOMAIN_EVERY = 40;
export const DOMAIN_OFFSET = 7;

export interface GeneratedCouncils {
  councils: CouncilConfig[];
  /** The ids of the real council files they were cloned from. */
  bases: string[];
  withOtherAccount: number;
  withDomain: number;
}

/** `n` valid council configs cloned from `bases` (the real council files when not given). */
export async function generateCouncils(n: number, bases?: CouncilConfig[]): Promise<GeneratedCouncils> {
  const from = bases ?? (await loadCouncils());
  if (from.length === 0) throw new Error('No council files to clone');
  const councils: CouncilConfig[] = [];
  for (let i = 0; i < n; i++) {
    const base = from[i % from.length];
    const number = i + 1;
    const id = `${base.id}-${number}`;
    // Each base council cycles through the nations, so the nations are not tied to one base.
    const nation = NATIONS[Math.floor(i / from.length) % NATIONS.length];
    const clone = structuredClone(base) as CouncilConfig;
    const aws: CouncilConfig['aws'] = { ...clone.aws };
    if (i % ACCOUNT_EVERY === ACCOUNT_EVERY - 1) aws.account = OTHER_ACCOUNTS[Math.floor(i / ACCOUNT_EVERY) % OTHER_ACCOUNTS.length];
    if (i % DOMAIN_EVERY === DOMAIN_OFFSET) {
      const zoneName = `${id}.example.gov.uk`;
      aws.domain = { name: `services.${zoneName}`, zoneName, hostedZoneId: `Z0LDF${String(number).padStart(12, '0')}` };
    }
    // A council moved to another nation keeps its forms valid there: a selection whose options are all
    // kept to other nations (the care form's needs, in Scotland) becomes the council's own list, the
    // catalogue's options for its base council's nation (in English and Welsh, as any council needs).
    if (nation !== base.nation && clone.services.forms) {
      for (const [formId, adoption] of Object.entries(clone.services.forms.adopted)) {
        const form = CATALOGUE_FORMS.find((f) => f.id === formId);
        for (const q of form?.pages.flatMap((p) => p.questions) ?? []) {
          if (q.type !== 'selection' || !q.options || adoption.options?.[q.key]) continue;
          if (q.options.some((o) => !o.nations || o.nations.includes(nation))) continue;
          const own = q.options.filter((o) => o.nations?.includes(base.nation)).map(({ nations: _, ...o }) => o);
          adoption.options = { ...adoption.options, [q.key]: own };
        }
      }
    }
    const input = {
      ...clone,
      id,
      name: { ...clone.name, en: `${clone.name.en} ${number}`, ...(clone.name.cy ? { cy: `${clone.name.cy} ${number}` } : {}) },
      // A GSS-like code no real council has: the nation's letter, then 9 and the council's number.
      gss: `${GSS_LETTER[nation]}9${String(number).padStart(7, '0')}`,
      nation,
      aws,
    };
    councils.push(councilSchema.parse(input));
  }
  const ids = new Set(councils.map((c) => c.id));
  const codes = new Set(councils.map((c) => c.gss));
  if (ids.size !== n || codes.size !== n) throw new Error('Generated council ids or GSS codes are not unique');
  return {
    councils,
    bases: from.map((c) => c.id),
    withOtherAccount: councils.filter((c) => c.aws.account).length,
    withDomain: councils.filter((c) => c.aws.domain).length,
  };
}
