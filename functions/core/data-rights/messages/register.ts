import { addMessages } from '../../message-catalogue.ts';
import { dataRecordCy } from './cy.ts';
import { dataRecordEn } from './en.ts';

// The record's strings join the catalogue when the record's code loads (the residents' data pages or
// the staff subject access export, both on demand), so that a resident's cold start does not read them.
addMessages({ en: dataRecordEn, cy: dataRecordCy });
