import { decodeCursor, encodeCursor } from '@starter/contracts';
import { z } from 'zod';

// A Postgres `timestamptz::text` value. The keyset keeps the database's microseconds: a JS Date would
// round them to milliseconds and skip or repeat rows that share a millisecond.
const timestampText = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)?$/);

// Each list has its own `k`, so a cursor of one list handed to another is a 400, not a wrong page.
const listCursor = z.strictObject({ k: z.literal('conversations'), t: timestampText, id: z.uuid() });
const searchCursor = z.strictObject({ k: z.literal('search'), t: timestampText, id: z.uuid() });
const messageCursor = z.strictObject({
  k: z.literal('messages'),
  d: z.enum(['asc', 'desc']),
  p: z.number().int().min(0),
});
const eventCursor = z.strictObject({ k: z.literal('run_events'), id: z.number().int().min(0) });

/** Keyset position of the conversation list and search: `(updated_at, id)` descending. */
export interface UpdatedKey {
  readonly t: string;
  readonly id: string;
}

/** Cursor of `list` (or `search`): the last row's `(updated_at, id)`. */
export function encodeUpdatedCursor(kind: 'conversations' | 'search', key: UpdatedKey): string {
  return encodeCursor({ k: kind, t: key.t, id: key.id });
}

/** Decodes a `list` or `search` cursor; AppError 400 for garbage or another list's cursor. */
export function decodeUpdatedCursor(kind: 'conversations' | 'search', cursor: string): UpdatedKey {
  return decodeCursor(cursor, kind === 'conversations' ? listCursor : searchCursor);
}

/** Cursor of `messages`: the last position returned, bound to the paging direction. */
export function encodeMessageCursor(direction: 'asc' | 'desc', position: number): string {
  return encodeCursor({ k: 'messages', d: direction, p: position });
}

/** Decodes a `messages` cursor; a cursor of the other direction is a 400 too. */
export function decodeMessageCursor(direction: 'asc' | 'desc', cursor: string): number {
  return decodeCursor(
    cursor,
    messageCursor.refine((value) => value.d === direction),
  ).p;
}

/** Cursor of `runEvents`: the last event row id. */
export function encodeRunEventCursor(id: number): string {
  return encodeCursor({ k: 'run_events', id });
}

/** Decodes a `runEvents` cursor. */
export function decodeRunEventCursor(cursor: string): number {
  return decodeCursor(cursor, eventCursor).id;
}
