/**
 * Checks across every council file: what one council claims (a postcode district, a property, a
 * street, a GSS code, an id) no other may claim too. Each council is checked alone by the schema;
 * these need them all. A copied gazetteer (`ldf council new --from`) shows up here as "still the
 * other council's".
 */
import type { CouncilConfig } from './council-schema.ts';
import { notifyTemplateProblems } from './notify-templates-check.ts';
import { findPlaceholders, GSS_PLACEHOLDERS, type ConfigProblem } from './placeholders.ts';

/** A problem in one council's file, found by looking at it beside the others. */
export interface CouncilProblem extends ConfigProblem {
  council: string;
}

interface Claim {
  council: string;
  path: string;
}

/** value → who claims it, where; in council order, so messages are stable. */
function claims(councils: readonly CouncilConfig[], each: (c: CouncilConfig) => [value: string, path: string][]): Map<string, Claim[]> {
  const byValue = new Map<string, Claim[]>();
  for (const council of councils) {
    for (const [value, path] of each(council)) {
      const list = byValue.get(value) ?? [];
      list.push({ council: council.id, path });
      byValue.set(value, list);
    }
  }
  return byValue;
}

/**
 * Reports every value of a list claimed by another council too. When all of a council's entries are
 * also another one's, that is one problem on the whole list (a copy), not one per entry.
 */
function duplicates(
  councils: readonly CouncilConfig[],
  what: { list: string; each: (c: CouncilConfig) => [string, string][]; one: (value: string, others: string) => string; all: (others: string) => string },
  allowed: (value: string, a: string, b: string) => boolean = () => false,
): CouncilProblem[] {
  const byValue = claims(councils, what.each);
  const problems: CouncilProblem[] = [];
  for (const council of councils) {
    const own = what.each(council);
    const clashes = own.flatMap(([value, path]) => {
      const others = [...new Set(byValue.get(value)!.map((c) => c.council))].filter((id) => id !== council.id && !allowed(value, council.id, id));
      const twiceHere = byValue.get(value)!.filter((c) => c.council === council.id).length > 1;
      return others.length > 0 || twiceHere ? [{ value, path, others }] : [];
    });
    if (clashes.length === 0) continue;
    const firstOthers = clashes[0].others.join(', ');
    if (own.length > 1 && clashes.length === own.length && firstOthers && clashes.every((c) => c.others.join(', ') === firstOthers)) {
      problems.push({ council: council.id, path: what.list, message: what.all(firstOthers) });
      continue;
    }
    for (const { value, path, others } of clashes) {
      problems.push({ council: council.id, path, message: others.length ? what.one(value, others.join(', ')) : `${value} is listed twice in this file` });
    }
  }
  return problems;
}

const gazetteerOf = (c: CouncilConfig) => (c.addresses?.provider === 'gazetteer' ? c.addresses : undefined);

/**
 * What the council files claim that another also claims:
 * - a postcode district, unless both files list it in addresses.sharedPostcodeDistricts naming each
 *   other (both sides, so neither council can take part of the other's area by itself);
 * - a UPRN (a property is in one council) or a USRN (a street is in one council's gazetteer);
 * - a GSS code or an id.
 *
 * @example
 * crossCouncilProblems([ceredigion, wrexhamCopiedFromCeredigion])
 * // [{ council: 'wrexham', path: 'addresses.postcodeDistricts', message: 'every district here is also ceredigion’s…' }, …]
 */
export function crossCouncilProblems(councils: readonly CouncilConfig[]): CouncilProblem[] {
  const byId = new Map(councils.map((c) => [c.id, c]));
  const sharesWith = (district: string, a: string, b: string) => gazetteerOf(byId.get(a)!)?.sharedPostcodeDistricts?.[district]?.includes(b) ?? false;
  const problems: CouncilProblem[] = [];

  for (const [id, list] of claims(councils, (c) => [[c.id, 'id']])) {
    if (list.length > 1) for (const claim of list) problems.push({ council: id, path: claim.path, message: `${list.length} council files have the id "${id}"` });
  }
  const placeholderGss = new Set(Object.values(GSS_PLACEHOLDERS));
  problems.push(
    ...duplicates(councils, {
      list: 'gss',
      each: (c) => (placeholderGss.has(c.gss) ? [] : [[c.gss, 'gss']]),
      one: (gss, others) => `GSS code ${gss} is also ${others}’s: each council has its own`,
      all: (others) => `this GSS code is also ${others}’s: each council has its own`,
    }),
  );

  problems.push(
    ...duplicates(
      councils,
      {
        list: 'addresses.postcodeDistricts',
        each: (c) => (gazetteerOf(c)?.postcodeDistricts ?? []).map((d, i) => [d, `addresses.postcodeDistricts.${i}`]),
        one: (district, others) =>
          `postcode district ${district} is also claimed by ${others}: a district belongs to one council, unless both files list it in addresses.sharedPostcodeDistricts, each naming the other`,
        all: (others) => `every postcode district here is also claimed by ${others}: still ${others}’s (copied by ldf council new --from?); use this council’s own`,
      },
      (district, a, b) => sharesWith(district, a, b) && sharesWith(district, b, a),
    ),
  );
  for (const council of councils) {
    const gazetteer = gazetteerOf(council);
    for (const [district, partners] of Object.entries(gazetteer?.sharedPostcodeDistricts ?? {})) {
      const at = `addresses.sharedPostcodeDistricts.${district}`;
      if (!gazetteer!.postcodeDistricts.includes(district)) {
        problems.push({ council: council.id, path: at, message: `${district} is not in addresses.postcodeDistricts` });
      }
      partners.forEach((partner, i) => {
        if (partner === council.id) problems.push({ council: council.id, path: `${at}.${i}`, message: 'a council cannot share a district with itself' });
      });
    }
  }

  problems.push(
    ...duplicates(councils, {
      list: 'addresses.properties',
      each: (c) => (gazetteerOf(c)?.properties ?? []).map((p, i) => [p.uprn, `addresses.properties.${i}.uprn`]),
      one: (uprn, others) => `UPRN ${uprn} is also in ${others}’s gazetteer: a property is in one council`,
      all: (others) => `every property here is also in ${others}’s gazetteer: still ${others}’s (copied by ldf council new --from?); use this council’s own`,
    }),
    ...duplicates(councils, {
      list: 'services.report.streets',
      each: (c) => (c.services.report?.streets ?? []).map((s, i) => [s.usrn, `services.report.streets.${i}.usrn`]),
      one: (usrn, others) => `USRN ${usrn} is also one of ${others}’s streets: a street is in one council’s gazetteer`,
      all: (others) => `every street here is also ${others}’s: still ${others}’s (copied by ldf council new --from?); use this council’s own`,
    }),
    ...duplicates(councils, {
      list: 'services.report.boundary',
      each: (c) => (c.services.report ? [[JSON.stringify(c.services.report.boundary), 'services.report.boundary']] : []),
      one: (_, others) => `the boundary is ${others}’s: still ${others}’s (copied by ldf council new --from?); draw this council’s own`,
      all: (others) => `the boundary is ${others}’s: still ${others}’s (copied by ldf council new --from?); draw this council’s own`,
    }),
  );
  return problems;
}

/**
 * Everything that stops the councils being deployed: each one's placeholders and missing Notify
 * templates, then what they claim in common. Synthesis refuses while this is not empty; `ldf council check` prints it.
 *
 * @example
 * const problems = deployProblems(await loadCouncils());
 * if (problems.length) throw new Error(problems.map((p) => `${p.council}: ${p.path}: ${p.message}`).join('\n'));
 */
export function deployProblems(councils: readonly CouncilConfig[]): CouncilProblem[] {
  return [
    ...councils.flatMap((c) => [...findPlaceholders(c), ...notifyTemplateProblems(c)].map((p) => ({ council: c.id, ...p }))),
    ...crossCouncilProblems(councils),
  ];
}
