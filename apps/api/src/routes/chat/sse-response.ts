import { formatHeartbeat, type Logger, type PublicSseEvent } from '@starter/contracts';
import { frameJson } from '../../chat/index.js';

/** Options of {@link sseResponse}. */
export interface SseResponseOptions {
  readonly now: () => Date;
  readonly logger: Logger;
  /** Heartbeat spacing (§2.1: 15 s). */
  readonly heartbeatMs?: number | undefined;
  /** Called once when the response ends, whether drained or cancelled by the client. */
  readonly onClose: () => void | Promise<void>;
}

/** The §2.1 SSE headers (plus the wildcard CORS origin SSE responses carry, spec §0). */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'Access-Control-Allow-Origin': '*',
  'X-Accel-Buffering': 'no',
} as const;

/**
 * Streams public frames as SSE (`id: <event_id>` + `data: <json>`, as `formatSseFrame` writes them), with a
 * `: heartbeat <ISO>` comment whenever 15 s passed since the last one — checked after each frame and on a
 * timer, since a follower may wait a long time on a paused or slow run. A client cancel ends only this
 * response. Text written while the reader is busy is coalesced into its next chunk (one socket write).
 */
export function sseBody(
  frames: AsyncIterable<PublicSseEvent>,
  options: SseResponseOptions,
): ReadableStream<Uint8Array> {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const encoder = new TextEncoder();
  const iterator = frames[Symbol.asyncIterator]();
  let lastHeartbeat = options.now().getTime();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Text not yet handed to the reader, and whether a read is waiting for it. */
  let buffered = '';
  let demand = false;

  const finish = async () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    // Runs from a detached task and from `cancel`: a failed clean-up is logged, never left unhandled.
    try {
      await options.onClose();
    } catch (error) {
      options.logger.warn({ err: error, event: 'chat.stream.close_failed' }, 'Stream clean-up failed');
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string) => {
          if (closed) return;
          if (demand) {
            demand = false;
            controller.enqueue(encoder.encode(text));
          } else buffered += text;
        };
        const beat = () => {
          const now = options.now();
          if (now.getTime() - lastHeartbeat < heartbeatMs) return;
          lastHeartbeat = now.getTime();
          write(formatHeartbeat(now));
        };
        timer = setInterval(beat, Math.max(10, Math.floor(heartbeatMs / 3)));
        timer.unref();
        void (async () => {
          try {
            while (true) {
              const next = await iterator.next();
              if (next.done || closed) break;
              write(`id: ${next.value.event_id}\ndata: ${frameJson(next.value)}\n\n`);
              beat();
            }
          } catch (error) {
            options.logger.error({ err: error, event: 'chat.stream.follow_failed' }, 'Chat stream broke off');
          }
          const wasOpen = !closed;
          await finish();
          if (wasOpen) {
            if (buffered !== '') controller.enqueue(encoder.encode(buffered));
            buffered = '';
            controller.close();
          }
        })();
      },
      pull(controller) {
        if (buffered === '') {
          demand = true;
          return;
        }
        const text = buffered;
        buffered = '';
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await finish();
        await iterator.return?.()?.catch((error: unknown) => {
          options.logger.warn({ err: error, event: 'chat.stream.close_failed' }, 'Stream clean-up failed');
        });
      },
    },
    { highWaterMark: 0 },
  );
}
