// Placeholder so the report module builds while the Open311 API is written; replaced by it.
import { Hono } from 'hono';
import type { CouncilConfig } from '../../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../../core/http/env.ts';

export function open311Routes(_council: CouncilConfig, _deps: CouncilAppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
