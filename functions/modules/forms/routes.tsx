import { Hono } from 'hono';
import type { CouncilConfig } from '../../config/council-schema.ts';
import type { AppEnv, CouncilAppDeps } from '../../core/http/env.ts';

/** Every adopted form's pages, at /forms/<form-id>/…: one file per step (placeholder). */
export function formsRoutes(_council: CouncilConfig, _deps: CouncilAppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
