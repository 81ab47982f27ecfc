import type { FormDefinition } from './types.ts';

/**
 * Where resolveForm finds the catalogue's forms. Wherever council files are validated (the local
 * host, tests, the CLI, synthesis) that is catalogue/forms.ts itself, given by the forms config
 * section as it loads; in the Lambda it is the council's adopted forms as data, `forms.json` beside
 * `council.json` in the config layer, read on a form's first use: so a resident's cold start on
 * any other page neither loads nor parses the catalogue.
 */
type CatalogueLoader = () => readonly FormDefinition[];

let loader: CatalogueLoader | undefined;
let loaded: readonly FormDefinition[] | undefined;

/**
 * Sets where the catalogue comes from (the first host to call it wins unless `replace`).
 *
 * @example
 * useCatalogue(() => JSON.parse(readFileSync('/opt/council/forms.json', 'utf8')));
 */
export function useCatalogue(load: CatalogueLoader, options: { replace?: boolean } = {}): void {
  if (loader && !options.replace) return;
  loader = load;
  loaded = undefined;
}

/** The catalogue's forms (loaded once); an error naming the fix when no host gave a source. */
export function catalogueForms(): readonly FormDefinition[] {
  if (loaded) return loaded;
  if (!loader) throw new Error('No forms catalogue: the host gives one with useCatalogue (functions/lambda.ts reads forms.json; loading the forms config section gives catalogue/forms.ts)');
  return (loaded = loader());
}
