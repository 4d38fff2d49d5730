import { type AppLogger, createLogger } from '../observability/logger.js';
import type { Settings } from '../settings/index.js';

/** What every command starts from. */
export interface CommandContext {
  settings: Settings;
  logger: AppLogger;
  /** The process environment, for command inputs that are not service settings (e.g. a password). */
  env: Readonly<Record<string, string | undefined>>;
  /** Writes a line for the operator (stdout), outside the JSON log stream. */
  print(text: string): void;
  /** Writes a line for the operator on stderr. */
  printError(text: string): void;
}

/** The root logger of a process, named after the service and its environment. */
export function createProcessLogger(settings: Settings): AppLogger {
  return createLogger({
    level: settings.logLevel,
    service: settings.appName,
    environment: settings.environment,
    version: settings.appVersion,
  });
}
