import { readFileSync } from 'node:fs';
import path from 'node:path';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createPlatformApp, type CatalogueEntry } from './platform/platform-app.tsx';

/**
 * The Platform stack's function: the landing page and service catalogue. Its only input is the
 * public catalogue (names, nations, services, addresses) that synthesis writes to its layer.
 */
const catalogue = JSON.parse(readFileSync(process.env.CATALOGUE_FILE ?? '/opt/platform/catalogue.json', 'utf8')) as CatalogueEntry[];

export const handler = middy(handle(createPlatformApp({ councils: catalogue, assetsDir: path.join(import.meta.dirname, 'assets') })));
