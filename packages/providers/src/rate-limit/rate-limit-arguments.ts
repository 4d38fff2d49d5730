import { AppError } from '@starter/contracts';

// A misconfigured limit is a programming error, not a client's fault: hence 500s with safe messages.

const NAME = /^[A-Za-z0-9_.-]+$/;

function invalid(message: string): AppError {
  return new AppError('InternalServerError', `Invalid rate limit: ${message}`);
}

/** Rejects a quota or concurrency name that could not sit between the key's `:` separators. */
export function assertRateLimitName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalid("a name must be letters, digits, '_', '.' or '-'.");
  }
}

/** Rejects a metric scope label that is empty or not a string. */
export function assertRateLimitScope(scope: string): void {
  if (typeof scope !== 'string' || scope.trim() === '') {
    throw invalid('scope must be a non-empty string.');
  }
}

/** Rejects key parts that are not an array of strings. */
export function assertRateLimitParts(parts: readonly string[]): void {
  if (!Array.isArray(parts) || parts.some((part) => typeof part !== 'string')) {
    throw invalid('key parts must be an array of strings.');
  }
}

/** Rejects a count or duration that is not a whole number of at least one. */
export function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalid(`${what} must be an integer >= 1.`);
  }
}

/** Rejects a key prefix that is empty or not a string. */
export function assertRateLimitPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || prefix === '') {
    throw invalid('prefix must be a non-empty string.');
  }
}

/** Rejects a missing key-value store. */
export function assertKeyValueStore(kv: unknown): void {
  const store = kv as { increment?: unknown; acquireLease?: unknown } | null | undefined;
  if (typeof store?.increment !== 'function' || typeof store.acquireLease !== 'function') {
    throw invalid('kv must be a KeyValueStore.');
  }
}
