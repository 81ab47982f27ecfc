import { addMessages } from '../../core/message-catalogue.ts';
import { yourDataCy } from './cy.ts';
import { yourDataEn } from './en.ts';

// The residents' data pages' strings join the catalogue when their code loads (on the first request
// to /your-data), so that a resident's cold start does not read them.
addMessages({ en: yourDataEn, cy: yourDataCy });
