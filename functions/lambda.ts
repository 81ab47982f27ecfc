import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CouncilConfig } from './config/council-schema.ts';
import { createJobHandler, createLambdaHandler } from './handler.ts';
import { useCatalogue } from './modules/forms/definition/catalogue-source.ts';
import type { FormDefinition } from './modules/forms/definition/types.ts';

/**
 * The Lambda entry. Every council runs the same code; the council's validated config comes from
 * its stack, as a layer mounted at /opt. Reading a small JSON file keeps the cold start short.
 */
export const COUNCIL_CONFIG_FILE = process.env.COUNCIL_CONFIG_FILE ?? '/opt/council/council.json';

const council = JSON.parse(readFileSync(COUNCIL_CONFIG_FILE, 'utf8')) as CouncilConfig;

// The council's adopted catalogue forms, as data written beside its config (build-lambda.ts): read on
// a form's first use, so that no other page's cold start loads them.
useCatalogue(() => JSON.parse(readFileSync(path.join(path.dirname(COUNCIL_CONFIG_FILE), 'forms.json'), 'utf8')) as FormDefinition[]);

export const handler = createLambdaHandler(council);

/** The council's jobs function (`ldf-<id>-jobs`): background exports. Same bundle, same config layer. */
export const jobHandler = createJobHandler(council);
