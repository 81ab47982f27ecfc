type Extra = Record<string, unknown>;
type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The platform's structured logger: one JSON line per entry, with `council`, `module` and
 * `requestId` keys, in the shape CloudWatch Logs Insights queries (as Powertools Logger writes).
 * Never pass personal data (names, emails, addresses, free text) in `extra`.
 */
export interface Logger {
  debug(message: string, extra?: Extra): void;
  info(message: string, extra?: Extra): void;
  warn(message: string, extra?: Extra): void;
  error(message: string, extra?: Extra): void;
  /** A logger that adds these keys to every line. */
  with(keys: Extra): Logger;
}

const RANK: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(env: NodeJS.ProcessEnv): number {
  const configured = (env.LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'info').toLowerCase();
  return RANK[configured as Level] ?? RANK.info;
}

export interface LoggerOptions {
  /** Where lines go; stdout by default (CloudWatch in Lambda). */
  write?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * The root logger for a process; LOG_LEVEL (or POWERTOOLS_LOG_LEVEL) sets the level, SILENT in tests.
 * Hand-written rather than Powertools: a dozen lines keep the Lambda cold start smaller.
 */
export function createLogger(keys: Extra = {}, options: LoggerOptions = {}): Logger {
  const min = threshold(options.env ?? process.env);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const bind = (bound: Extra): Logger => {
    const log = (level: Level) => (message: string, extra?: Extra) => {
      if (RANK[level] < min) return;
      write(JSON.stringify({ level: level.toUpperCase(), message, timestamp: new Date().toISOString(), service: 'ldf', ...bound, ...extra }));
    };
    return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), with: (more) => bind({ ...bound, ...more }) };
  };
  return bind(keys);
}
