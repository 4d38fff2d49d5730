/** pino's level names, the ones `createLogger` accepts after normalisation. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

// Settings come from Python-era env files too (`LOG_LEVEL=WARNING`, `CRITICAL`), so those names map
// onto pino's instead of failing the boot.
const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  silent: 'silent',
};

/** Normalises a level name in any case (`INFO`, `Warning`, …); throws on an unknown name. */
export function parseLogLevel(level: string): LogLevel {
  const parsed = LEVEL_ALIASES[level.trim().toLowerCase()];
  if (parsed === undefined) {
    throw new Error(`Unknown log level "${level}": use one of ${Object.keys(LEVEL_ALIASES).join(', ')}.`);
  }
  return parsed;
}
