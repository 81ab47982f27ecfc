import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

type Extra = Record<string, unknown>;

/**
 * The platform's structured logger: JSON lines with `council`, `module` and `requestId` keys.
 * Never pass personal data (names, emails, addresses, free text) in `extra`.
 */
export interface Logger {
  debug(message: string, extra?: Extra): void;
  info(message: string, extra?: Extra): void;
  warn(message: string, extra?: Extra): void;
  error(message: string, extra?: Extra): void;
  /** A logger that adds these keys to every line (cheap: no new Powertools instance per request). */
  with(keys: Extra): Logger;
}

function bind(base: PowertoolsLogger, keys: Extra): Logger {
  return {
    debug: (m, e) => base.debug(m, { ...keys, ...e }),
    info: (m, e) => base.info(m, { ...keys, ...e }),
    warn: (m, e) => base.warn(m, { ...keys, ...e }),
    error: (m, e) => base.error(m, { ...keys, ...e }),
    with: (more) => bind(base, { ...keys, ...more }),
  };
}

/** The root logger for a process; the level comes from POWERTOOLS_LOG_LEVEL (tests set SILENT). */
export function createLogger(keys: Extra = {}): Logger {
  return bind(new PowertoolsLogger({ serviceName: 'ldf' }), keys);
}
