import { decodeCursor, encodeCursor } from '@starter/contracts';
import { z } from 'zod';

const LedgerCursorSchema = z.strictObject({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** The opaque "start after this row" cursor of ledger replay: base64url JSON `{id}` (spec §2.7). */
export function encodeLedgerCursor(rowId: number): string {
  return encodeCursor({ id: rowId });
}

/** The row id of a ledger cursor; anything else is `BadRequest` (400). */
export function decodeLedgerCursor(cursor: string): number {
  return decodeCursor(cursor, LedgerCursorSchema).id;
}
