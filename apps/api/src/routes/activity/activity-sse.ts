import type { KeyValueStore, Logger, StreamEntry } from '@starter/contracts';

/** What one activity SSE connection reads. */
export interface ActivitySseOptions {
  kv: Pick<KeyValueStore, 'readStream'>;
  streamKey: string;
  /** Resume after this stream entry id (`Last-Event-ID`); the whole retained backlog when absent. */
  after?: string | undefined;
  keepaliveMs: number;
  /** The request's signal: a client that goes away ends the blocking read at once. */
  signal?: AbortSignal | undefined;
  logger: Logger;
}

const encoder = new TextEncoder();
/** An SSE comment: keeps proxies and clients from timing an idle stream out (spec §1.15). */
export const SSE_KEEPALIVE = ':\n\n';
const BATCH = 100;

/** One entry as an SSE frame; the entry id lets a client resume with `Last-Event-ID`. */
export function activityFrame(entry: StreamEntry): string {
  const data = entry.fields.event ?? '{}';
  return `id: ${entry.id}\ndata: ${data}\n\n`;
}

/**
 * The body of `GET /activity/stream`: replays the retained backlog, then follows with blocking reads.
 * Each pull is one read of at most `keepaliveMs`; an empty read sends the keepalive comment. Pull-driven,
 * so a slow client holds reads back instead of growing a buffer. Cancelling (client gone) aborts the read.
 */
export function activitySseBody(options: ActivitySseOptions): ReadableStream<Uint8Array> {
  const abort = new AbortController();
  const onRequestAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onRequestAbort, { once: true });
  let cursor = options.after;
  const stop = () => {
    options.signal?.removeEventListener('abort', onRequestAbort);
    abort.abort();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Sent at once so the client sees the stream open before the first event or keepalive.
      controller.enqueue(encoder.encode(SSE_KEEPALIVE));
    },
    async pull(controller) {
      try {
        const entries = await options.kv.readStream(options.streamKey, {
          ...(cursor === undefined ? {} : { after: cursor }),
          count: BATCH,
          blockMs: options.keepaliveMs,
          signal: abort.signal,
        });
        if (entries.length === 0) {
          controller.enqueue(encoder.encode(SSE_KEEPALIVE));
          return;
        }
        controller.enqueue(encoder.encode(entries.map(activityFrame).join('')));
        cursor = entries.at(-1)?.id ?? cursor;
      } catch (error) {
        if (abort.signal.aborted) return;
        // Mid-stream there is no status to send: end the stream; the client reconnects with Last-Event-ID.
        options.logger.warn(
          {
            event: 'activity.stream_read_failed',
            reason: error instanceof Error ? error.message : String(error),
          },
          'Activity stream read failed',
        );
        stop();
        controller.close();
      }
    },
    cancel() {
      stop();
    },
  });
}
