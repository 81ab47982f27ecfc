import type { FormDefinition } from '../functions/modules/forms/definition/types.ts';
import assistedBinCollection from './forms/assisted-bin-collection.ts';
import careNeedsAssessment from './forms/care-needs-assessment.ts';
import droppedKerb from './forms/dropped-kerb.ts';
import newBinRequest from './forms/new-bin-request.ts';
import singlePersonDiscount from './forms/single-person-discount.ts';

/**
 * Every form in the shared catalogue, one file each in `catalogue/forms/<form-id>.ts`. A council
 * adopts one with an entry under `services.forms.adopted` in its file (see `ldf form adopt`).
 * Validation checks that every file in the folder is listed here and that each id matches its file.
 */
export const CATALOGUE_FORMS: readonly FormDefinition[] = [assistedBinCollection, singlePersonDiscount, droppedKerb, newBinRequest, careNeedsAssessment];
