import { formatHeartbeat, formatSseFrame, type Logger, type PublicSseEvent } from '@starter/contracts';

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
 * Streams public frames as SSE (`id: <event_id>` + `data: <json>`), with a `: heartbeat <ISO>` comment
 * whenever 15 s passed since the last one — checked after each frame and on a timer, since a follower may
 * wait a long time on a paused or slow run. A client cancel ends only this response.
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

  const finish = async () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    await options.onClose();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
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
            write(formatSseFrame(next.value));
            beat();
          }
        } catch (error) {
          options.logger.error({ err: error, event: 'chat.stream.follow_failed' }, 'Chat stream broke off');
        }
        const wasOpen = !closed;
        await finish();
        if (wasOpen) controller.close();
      })();
    },
    async cancel() {
      await finish();
      await iterator.return?.();
    },
  });
}
