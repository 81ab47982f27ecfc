import { addMessages } from '../../core/message-catalogue.ts';
import { staffCy } from './cy.ts';
import { staffEn } from './en.ts';

// The back office's strings join the catalogue when its code loads (imported for this side effect by
// every entry into the back office), so that a resident's cold start does not read them.
addMessages({ en: staffEn, cy: staffCy });
