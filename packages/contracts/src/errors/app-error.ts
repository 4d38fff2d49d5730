import { type ErrorCode, type ErrorStatus, statusForCode } from './error-codes.js';

/** JSON-safe value carried in `details`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One validation problem, shaped like a zod issue. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code: string;
  /** Where the bad value came from: body, query, param, header, cookie. */
  location?: string;
}

export interface AppErrorOptions {
  details?: JsonValue;
  cause?: unknown;
  /** Headers the response must carry, e.g. `Retry-After` or `WWW-Authenticate`. */
  headers?: Record<string, string>;
  /** Overrides the status derived from the code (rarely needed). */
  status?: ErrorStatus;
}

/**
 * The one error family of the project. Packages throw it; only the app turns it into an HTTP response
 * or an SSE `error` frame. `message` must be safe to show to a client: never put secrets or internals in it.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: ErrorStatus;
  readonly details: JsonValue;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? statusForCode(code);
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
  }

  /** A 422 carrying zod-style issues, as in the spec's validation envelope. */
  static validation(issues: ValidationIssue[], message = 'Request validation failed.'): AppError {
    return new AppError('ValidationError', message, { details: issues as unknown as JsonValue });
  }
}

/** True for an `AppError`, also across duplicated module instances. */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value)
  );
}
