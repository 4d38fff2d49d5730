import type { PublicSseEvent } from '@starter/contracts';

/** Live frames of one run, published after each ledger append (every replica can follow). */
export function runChannel(runId: string): string {
  return `chat:run:${runId}`;
}

/** Cancel requests for any run: the replica driving it aborts it. */
export const CANCEL_CHANNEL = 'chat:cancel';

export interface CancelMessage {
  readonly tenantId: string;
  readonly runId: string;
}

/**
 * Parses a published frame. Only the envelope fields the follower orders by are checked: the frame was
 * validated by the projector that made it, and a full schema parse per frame per follower is hot-path cost.
 */
export function parseRunMessage(message: string): PublicSseEvent | null {
  try {
    const value = JSON.parse(message) as Partial<PublicSseEvent> | null;
    if (
      value === null ||
      typeof value !== 'object' ||
      typeof value.event_id !== 'number' ||
      typeof value.stream_id !== 'string' ||
      typeof value.kind !== 'string'
    )
      return null;
    // The message is `JSON.stringify(frame)` (by the driver and the orphan claim), which round-trips exactly: the SSE
    // writer reuses it instead of serializing the frame once more.
    serialized.set(value as PublicSseEvent, message);
    return value as PublicSseEvent;
  } catch {
    return null;
  }
}

/** Frames → their JSON text: as published (read from the live channel) or as first serialized here. */
const serialized = new WeakMap<PublicSseEvent, string>();

/**
 * `JSON.stringify(frame)`, made once per frame object: the driver's ledger append, its publish, and the
 * SSE write of every follower on this instance (fed the same object in-process) share one string.
 */
export function frameJson(frame: PublicSseEvent): string {
  let json = serialized.get(frame);
  if (json === undefined) {
    json = JSON.stringify(frame);
    serialized.set(frame, json);
  }
  return json;
}

export function parseCancelMessage(message: string): CancelMessage | null {
  try {
    const value = JSON.parse(message) as Partial<CancelMessage>;
    return typeof value.tenantId === 'string' && typeof value.runId === 'string'
      ? { tenantId: value.tenantId, runId: value.runId }
      : null;
  } catch {
    return null;
  }
}
