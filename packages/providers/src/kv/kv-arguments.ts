import { AppError } from '@starter/contracts';

// Both stores validate arguments the same way, so a call that works embedded also works on Redis.

/** Default number of entries a stream read returns. */
export const DEFAULT_STREAM_READ_COUNT = 100;

/** A programming error in how the store was called (not a client error, so 500). */
export function invalidKvArgument(message: string): AppError {
  return new AppError('InternalServerError', `Invalid key-value store call: ${message}`);
}

/** The error for any call made after `close()`. */
export function kvStoreClosedError(): AppError {
  return new AppError('ServiceUnavailable', 'The key-value store is closed.');
}

/** A TTL rounded up to whole milliseconds; rejects zero, negative and non-finite values. */
export function toTtlMs(value: number, name = 'ttlMs'): number {
  if (!Number.isFinite(value) || value <= 0) throw invalidKvArgument(`${name} must be a positive number`);
  return Math.ceil(value);
}

/** The increment step; Redis INCRBY only takes integers. */
export function toIncrementStep(value: number | undefined): number {
  const by = value ?? 1;
  if (!Number.isSafeInteger(by)) throw invalidKvArgument('increment `by` must be a safe integer');
  return by;
}

/** The number of holders a lease allows; 1 (a lock) by default. */
export function toLeaseLimit(value: number | undefined): number {
  const limit = value ?? 1;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw invalidKvArgument('lease limit must be an integer >= 1');
  return limit;
}

/** The number of entries a stream read returns. */
export function toReadCount(value: number | undefined): number {
  const count = value ?? DEFAULT_STREAM_READ_COUNT;
  if (!Number.isSafeInteger(count) || count < 1) throw invalidKvArgument('count must be an integer >= 1');
  return count;
}

/** How long a read may block; 0 means "do not block" (unlike Redis, where BLOCK 0 waits forever). */
export function toBlockMs(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0) throw invalidKvArgument('blockMs must be a non-negative number');
  return Math.ceil(value);
}

/** The optional stream length cap. */
export function toMaxLength(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) throw invalidKvArgument('maxLength must be an integer >= 1');
  return value;
}

/** Stream fields as a flat list; Redis rejects entries without fields, so both stores do. */
export function toFieldList(fields: Record<string, string>): string[] {
  const flat = Object.entries(fields).flat();
  if (flat.length === 0) throw invalidKvArgument('a stream entry needs at least one field');
  return flat;
}

/** The error both stores raise when an integer operation meets a non-integer value. */
export function notAnIntegerError(key: string): AppError {
  return new AppError('InternalServerError', `Key-value value at "${key}" is not an integer.`);
}

/** The error both stores raise when a key holds another kind of value. */
export function wrongTypeError(key: string): AppError {
  return new AppError('InternalServerError', `Key-value key "${key}" holds another kind of value.`);
}
