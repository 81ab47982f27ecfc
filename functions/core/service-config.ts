import type { CouncilConfig, ServiceId } from '../config/council-schema.ts';

/** The module's code ran for a council that has not switched it on: a wiring mistake, not user input. */
export class ServiceNotEnabledError extends Error {
  override name = 'ServiceNotEnabledError';
  constructor(readonly service: string, readonly council: string) {
    super(`${council} has not switched on ${service}`);
  }
}

/**
 * A module's own section of the council's config, typed, for code that only runs when the council
 * has switched the module on.
 *
 * @example
 * const report = serviceConfig(council, 'report'); // ReportConfig, never undefined
 */
export function serviceConfig<K extends ServiceId>(council: CouncilConfig, id: K): NonNullable<CouncilConfig['services'][K]> {
  const section = council.services[id];
  if (section === undefined) throw new ServiceNotEnabledError(id, council.id);
  return section as NonNullable<CouncilConfig['services'][K]>;
}
