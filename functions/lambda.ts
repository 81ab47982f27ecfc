import { readFileSync } from 'node:fs';
import type { CouncilConfig } from './config/council-schema.ts';
import { createLambdaHandler } from './handler.ts';

/**
 * The Lambda entry. Every council runs the same code; the council's validated config comes from
 * its stack, as a layer mounted at /opt. Reading a small JSON file keeps the cold start short.
 */
export const COUNCIL_CONFIG_FILE = process.env.COUNCIL_CONFIG_FILE ?? '/opt/council/council.json';

export const handler = createLambdaHandler(JSON.parse(readFileSync(COUNCIL_CONFIG_FILE, 'utf8')) as CouncilConfig);
