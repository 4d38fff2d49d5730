import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** Keyset page size: 1..100, default 20. */
export const PageLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

/** Query of keyset-paginated lists (spec §0 style a). */
export const CursorPageQuerySchema = z.object({
  cursor: z.string().min(1).max(2048).optional(),
  limit: PageLimitSchema,
});
export type CursorPageQuery = z.infer<typeof CursorPageQuerySchema>;

/** Query of offset-paginated admin lists (spec §0 style b). */
export const OffsetPageQuerySchema = z.object({
  limit: PageLimitSchema,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OffsetPageQuery = z.infer<typeof OffsetPageQuerySchema>;

/** A keyset page: items plus the opaque cursor of the next page (null at the end). */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

/** An offset page: items, total, and the next offset (null at the end). */
export function offsetPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    next_offset: z.number().int().nullable(),
  });
}

/** Encodes a keyset position as an opaque base64url-JSON cursor. */
export function encodeCursor(position: Record<string, string | number | null>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes and validates a cursor against the schema of its position; a cursor that does not decode,
 * or that belongs to another list, is a 400 rather than an empty page.
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('BadRequest', 'Invalid cursor.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('BadRequest', 'Invalid cursor.');
  return parsed.data;
}
