import { AppError, type PublicSseEvent } from '@starter/contracts';
import type { LedgerFrameContext } from './ledger-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects a scope the tables cannot hold, before it reaches SQL (a bad row would fail its whole batch). */
export function assertLedgerScope(tenantId: string, conversationId?: string): void {
  if (!UUID.test(tenantId)) throw new AppError('ValidationError', 'A ledger tenant id must be a uuid.');
  if (conversationId !== undefined && (conversationId.length === 0 || conversationId.length > 255)) {
    throw new AppError('ValidationError', 'A conversation id must have 1 to 255 characters.');
  }
}

/** A non-negative integer (message position, event id bound), else `ValidationError`. */
export function assertPosition(value: number, label: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError('ValidationError', `${label} must be a non-negative integer.`);
  }
}

/** Checks what the row's columns and constraints need from a context and frame. */
export function assertAppendable(context: LedgerFrameContext, frame: PublicSseEvent): void {
  assertLedgerScope(context.tenantId, context.conversationId);
  if (context.messagePosition !== null) assertPosition(context.messagePosition, 'A message position');
  if (!Number.isSafeInteger(frame.event_id) || frame.event_id < 1 || frame.event_id > 2_147_483_647) {
    throw new AppError('ValidationError', 'A frame event_id must be a positive integer.');
  }
  if (typeof frame.stream_id !== 'string' || frame.stream_id.length === 0) {
    throw new AppError('ValidationError', 'A frame needs a stream_id.');
  }
  if (Number.isNaN(Date.parse(frame.server_timestamp))) {
    throw new AppError('ValidationError', 'A frame server_timestamp must be an ISO-8601 time.');
  }
}
