/** Structured log call: fields first, then a short message (pino's order). */
export type LogFn = (fields: Record<string, unknown>, message?: string) => void;

/** The logging port that packages log through; the app binds it to pino. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger whose lines all carry these fields. */
  child(bindings: Record<string, unknown>): Logger;
}
