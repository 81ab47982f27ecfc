import { readFileSync } from 'node:fs';
import type { CouncilConfig } from './config/council-schema.ts';
import { createJobHandler, createLambdaHandler } from './handler.ts';

/**
 * The Lambda entry. Every council runs the same code; the council's validated config comes from
 * its stack, as a layer mounted at /opt. Reading a small JSON file keeps the cold start short.
 */
export const COUNCIL_CONFIG_FILE = process.env.COUNCIL_CONFIG_FILE ?? '/opt/council/council.json';

const council = JSON.parse(readFileSync(COUNCIL_CONFIG_FILE, 'utf8')) as CouncilConfig;

export const handler = createLambdaHandler(council);

/** The council's jobs function (`ldf-<id>-jobs`): background exports. Same bundle, same config layer. */
export const jobHandler = createJobHandler(council);
