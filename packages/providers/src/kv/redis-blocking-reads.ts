import type { RedisConnection } from './redis-connection.js';

/** Runs blocking commands, each on a connection of its own, since a blocked connection serves no one else. */
export interface RedisBlockingReads {
  /** Sends XREAD with `args` (which include BLOCK); aborting drops that connection to end the wait. */
  xread(args: (string | number)[], blockMs: number, signal?: AbortSignal): Promise<unknown>;
  /** Drops every connection, failing reads still in flight. */
  close(): void;
}

/** A small pool: idle connections are reused, at most `maxIdle` are kept. */
export function createRedisBlockingReads(
  openConnection: () => RedisConnection,
  readyTimeoutMs: number,
  maxIdle = 4,
): RedisBlockingReads {
  const idle: RedisConnection[] = [];
  const busy = new Set<RedisConnection>();
  let closed = false;

  return {
    xread(args, blockMs, signal) {
      signal?.throwIfAborted();
      const conn = idle.pop() ?? openConnection();
      busy.add(conn);
      return new Promise<unknown>((resolve, reject) => {
        let settled = false;
        const finish = (reusable: boolean, outcome: { value: unknown } | { error: unknown }) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          busy.delete(conn);
          if (reusable && !closed && idle.length < maxIdle) idle.push(conn);
          else conn.client.disconnect();
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome.value);
        };
        const onAbort = () => finish(false, { error: signal?.reason });
        // These connections have no command timeout (it would cut every long BLOCK short), so the
        // read gets its own deadline: the block itself plus the usual allowance for a slow server.
        const deadline = setTimeout(
          () => finish(false, { error: new Error('Redis blocking read timed out') }),
          blockMs + 2 * readyTimeoutMs,
        );
        signal?.addEventListener('abort', onAbort, { once: true });
        conn
          .ready(readyTimeoutMs)
          .then(() => conn.client.call('XREAD', ...args))
          .then(
            (value) => finish(true, { value }),
            (error: unknown) => finish(false, { error }),
          );
      });
    },

    close() {
      closed = true;
      for (const conn of [...idle, ...busy]) conn.client.disconnect();
      idle.length = 0;
      busy.clear();
    },
  };
}
