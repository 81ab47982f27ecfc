import { addMessages } from '../../../core/message-catalogue.ts';
import { formsOnDemandCy } from './on-demand-cy.ts';
import { formsOnDemandEn } from './on-demand-en.ts';

// The answer types', save and return's and outputs' strings join the catalogue when the code that
// uses them loads: each file that uses them imports this one for its side effect.
addMessages({ en: formsOnDemandEn, cy: formsOnDemandCy });
