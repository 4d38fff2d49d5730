import type { JsonValue, StreamNotice } from '@starter/contracts';
import { isSensitiveKey, REDACTED_VALUE } from '@starter/contracts';

/** A sanitized value and the notices telling the client what changed. */
export interface Sanitized<T> {
  readonly value: T;
  readonly notices: StreamNotice[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends a key to a dot/bracket path: `a.b`, `a[0]`, `a["odd key"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Cuts `text` to `max` characters, recording a `truncated` notice at `path` when it had to. */
export function truncateText(text: string, max: number, path: string, notices: StreamNotice[]): string {
  if (text.length <= max) return text;
  notices.push({
    type: 'truncated',
    path,
    message: `Truncated from ${text.length} to ${max} characters.`,
  });
  return text.slice(0, max);
}

function sanitizeAt(
  value: unknown,
  path: string,
  maxStringChars: number,
  notices: StreamNotice[],
): JsonValue {
  if (typeof value === 'string') return truncateText(value, maxStringChars, path, notices);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((entry, index) => sanitizeAt(entry, joinPath(path, index), maxStringChars, notices));
  }
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value)) {
      const at = joinPath(path, key);
      if (isSensitiveKey(key)) {
        out[key] = REDACTED_VALUE;
        notices.push({ type: 'redacted', path: at, message: 'Sensitive value removed.' });
      } else {
        out[key] = sanitizeAt(entry, at, maxStringChars, notices);
      }
    }
    return out;
  }
  // undefined, functions, bigints and symbols have no JSON form worth showing a client.
  return null;
}

/**
 * Spec §2.6: replaces the values of sensitive keys (at any depth) with `<redacted>` and cuts strings to
 * `maxStringChars`, with one notice per change; `basePath` prefixes the notice paths.
 */
export function sanitizeJson(value: unknown, maxStringChars: number, basePath = ''): Sanitized<JsonValue> {
  const notices: StreamNotice[] = [];
  return { value: sanitizeAt(value, basePath, maxStringChars, notices), notices };
}

/** Splits `text` into pieces of at most `size` characters (one empty piece for empty text). */
export function chunkString(text: string, size: number): string[] {
  if (text.length === 0) return [''];
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
