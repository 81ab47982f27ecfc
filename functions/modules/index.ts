import type { CouncilConfig } from '../config/council-schema.ts';
import type { ServiceModule } from '../core/module.ts';
import { binsModule } from './bins/index.ts';
import { reportModule } from './report/index.ts';

/** Every service module the platform has; a council switches one on with an entry under `services`. */
export const ALL_MODULES: readonly ServiceModule[] = [binsModule, reportModule];

export function enabledModules(council: CouncilConfig): ServiceModule[] {
  return ALL_MODULES.filter((m) => council.services[m.id] !== undefined);
}
