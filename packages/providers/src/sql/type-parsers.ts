/**
 * The one value-mapping policy shared by the PGlite and `pg` adapters, so rows look the same on both:
 * - `int8` (bigint, `count(*)`) → `number` when it fits in a safe integer, else `bigint` (never silently
 *   rounded). This is PGlite's native behaviour; `pg` is configured to match.
 * - `numeric` → `string` (exact decimal; both drivers' default).
 * - `date` → `'YYYY-MM-DD'` string (a calendar day has no time zone; a `Date` would shift it).
 * - `timestamptz` → `Date`; `timestamp` (no zone) → `Date` read as UTC on both.
 * - `bytea` → `Uint8Array` (`pg` returns a `Buffer`, which is one).
 * - `json`/`jsonb` → parsed values.
 */
export const PG_OID = {
  int8: 20,
  int8Array: 1016,
  date: 1082,
  dateArray: 1182,
  timestamp: 1114,
} as const;

/** Parses an `int8` text value: `number` when safe, `bigint` beyond ±2^53. */
export function parseInt8(value: string): number | bigint {
  const big = BigInt(value);
  return big < BigInt(Number.MIN_SAFE_INTEGER) || big > BigInt(Number.MAX_SAFE_INTEGER) ? big : Number(big);
}

/** Parses a zone-less `timestamp` text value as UTC; infinities and BC dates stay strings. */
export function parseTimestampAsUtc(value: string): Date | string {
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) {
    return value;
  }
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? value : date;
}

/** Keeps a `date` value as its `YYYY-MM-DD` text. */
export function parseDate(value: string): string {
  return value;
}
