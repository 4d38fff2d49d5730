import { AppError } from '@starter/contracts';

/** Longest key accepted, in UTF-8 bytes (the S3 limit). */
export const MAX_OBJECT_KEY_BYTES = 1024;

// With the `u` flag a surrogate range only matches unpaired halves, which cannot be encoded as UTF-8.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Returns the key when it is a safe `/`-separated object key, else throws `BadRequest`. */
export function assertValidObjectKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new AppError('BadRequest', 'Object key must be a non-empty string.');
  }
  if (Buffer.byteLength(key, 'utf8') > MAX_OBJECT_KEY_BYTES) {
    throw new AppError('BadRequest', `Object key must be at most ${MAX_OBJECT_KEY_BYTES} bytes.`);
  }
  assertSafeCharacters(key, 'Object key');
  for (const segment of key.split('/')) {
    assertValidSegment(segment, 'Object key');
  }
  return key;
}

/**
 * Returns the prefix when it is safe for `list`: empty, or whole valid segments followed by an optional
 * partial last segment (`docs/`, `docs/rep`). Throws `BadRequest` otherwise.
 */
export function assertValidObjectPrefix(prefix: string): string {
  if (typeof prefix !== 'string') {
    throw new AppError('BadRequest', 'Object prefix must be a string.');
  }
  if (prefix.length === 0) return prefix;
  if (Buffer.byteLength(prefix, 'utf8') > MAX_OBJECT_KEY_BYTES) {
    throw new AppError('BadRequest', `Object prefix must be at most ${MAX_OBJECT_KEY_BYTES} bytes.`);
  }
  assertSafeCharacters(prefix, 'Object prefix');
  const segments = prefix.split('/');
  const partial = segments.pop() ?? '';
  for (const segment of segments) {
    assertValidSegment(segment, 'Object prefix');
  }
  // A partial `..` could only ever match a `..` segment, which no key may contain.
  if (partial === '.' || partial === '..') {
    throw new AppError('BadRequest', 'Object prefix must not contain "." or ".." segments.');
  }
  return prefix;
}

function assertSafeCharacters(value: string, label: string): void {
  if (value.startsWith('/')) {
    throw new AppError('BadRequest', `${label} must not start with "/".`);
  }
  if (hasForbiddenCharacter(value)) {
    throw new AppError('BadRequest', `${label} must not contain backslashes or control characters.`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new AppError('BadRequest', `${label} must be well-formed Unicode.`);
  }
}

function assertValidSegment(segment: string, label: string): void {
  if (segment.length === 0) {
    throw new AppError('BadRequest', `${label} must not contain empty segments.`);
  }
  if (segment === '.' || segment === '..') {
    throw new AppError('BadRequest', `${label} must not contain "." or ".." segments.`);
  }
}

// C0 controls, DEL and C1 controls are never meaningful in a key and are dangerous in paths, headers and
// logs; backslashes are path separators on Windows.
function hasForbiddenCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}
