import { CATALOGUE_FORMS } from '../../catalogue/forms.ts';
import { useCatalogue } from '../../functions/modules/forms/definition/catalogue-source.ts';

// Tests resolve forms against the catalogue itself, as the local host does once it has validated
// the council files (a test may build a council object without validating it).
useCatalogue(() => CATALOGUE_FORMS);
