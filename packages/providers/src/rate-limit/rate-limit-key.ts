/** Which structure a key names: a fixed-window counter or a concurrency lease. */
export type RateLimitKeyKind = 'quota' | 'concurrency';

/**
 * The key `<prefix>:<kind>:<name>:<parts…>`. Each part is URI-encoded, which turns a `:` into `%3A`
 * and a `%` into `%25`, so `['a:b']` and `['a', 'b']` can never share a counter.
 */
export function rateLimitKey(
  prefix: string,
  kind: RateLimitKeyKind,
  name: string,
  parts: readonly string[],
): string {
  const base = `${prefix}:${kind}:${name}`;
  return parts.length === 0 ? base : `${base}:${parts.map(encodeURIComponent).join(':')}`;
}
