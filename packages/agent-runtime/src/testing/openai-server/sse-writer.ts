import type { ServerResponse } from 'node:http';
import type { StreamTimingOptions } from './turn-types.js';

/** A stream event ready to send, already numbered. */
export interface NumberedEvent {
  readonly type: string;
  readonly sequence_number: number;
}

/**
 * Writes `event: <type>` / `data: <json>` frames with the turn's pacing. Resolves when the stream is
 * ended, the client went away, or the turn hangs (the connection then stays open until the server closes).
 */
export async function writeEventStream(
  res: ServerResponse,
  events: readonly NumberedEvent[],
  timing: StreamTimingOptions,
  requestId: string,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': requestId,
  });
  res.flushHeaders();
  for (const [index, event] of events.entries()) {
    if (timing.delayMs !== undefined && timing.delayMs > 0) {
      await sleep(timing.delayMs);
    }
    if (res.destroyed || res.writableEnded) return;
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (shouldHang(timing.hangAfter, index + 1, event.type)) return;
  }
  res.end();
}

/** Whether a stalled upstream should stop after `sent` events, the last being of type `type`. */
export function shouldHang(hangAfter: number | string | undefined, sent: number, type: string): boolean {
  if (hangAfter === undefined) return false;
  return typeof hangAfter === 'number' ? sent >= hangAfter : type === hangAfter;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
