/** An `limit`/`offset` window over a list (spec §0 pagination style b). */
export interface PageWindow {
  limit: number;
  offset: number;
}

/** One page of an offset-paginated list with the total count of matching rows. */
export interface OffsetPage<T> {
  items: T[];
  total: number;
}

/** Reads a `count(*)` result, which drivers may return as number, bigint or string. */
export function toCount(value: unknown): number {
  return value === undefined || value === null ? 0 : Number(value);
}

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Runs a page query and its count query together and shapes the result as an `OffsetPage`. */
export async function offsetPageOf<T>(
  rows: Promise<T[]>,
  count: Promise<{ total: unknown } | undefined>,
): Promise<OffsetPage<T>> {
  const [items, counted] = await Promise.all([rows, count]);
  return { items, total: toCount(counted?.total) };
}
