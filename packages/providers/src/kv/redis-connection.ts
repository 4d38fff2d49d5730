import type { Logger } from '@starter/contracts';
import type { Redis } from 'ioredis';

/** An ioredis client plus the fail-fast gate every command goes through. */
export interface RedisConnection {
  readonly client: Redis;
  /**
   * Resolves when the client can take commands. Rejects at once while Redis is known to be down
   * (between reconnect attempts) and after `timeoutMs` while a connection attempt is under way,
   * so callers never sit in an offline queue.
   */
  ready(timeoutMs: number): Promise<void>;
  /** Quits politely when connected, else drops the socket; never throws. */
  close(): Promise<void>;
}

/** Wraps a client created with `enableOfflineQueue: false`; logs outages once, not per retry. */
export function wrapRedisConnection(
  client: Redis,
  role: string,
  redact: (text: string) => string,
  logger?: Logger,
): RedisConnection {
  let lastError: string | undefined;
  let failing = false;
  client.on('error', (error: unknown) => {
    lastError = redact(error instanceof Error ? error.message : String(error));
    if (!failing) {
      failing = true;
      logger?.warn({ role, error: lastError }, 'kv.redis_unavailable');
    }
  });
  client.on('ready', () => {
    lastError = undefined;
    if (failing) {
      failing = false;
      logger?.info({ role }, 'kv.redis_reconnected');
    }
  });
  const unavailable = () => new Error(lastError ?? `Redis connection is ${client.status}`);

  // One pair of listeners however many callers wait, so a burst of calls at startup adds no more.
  let settling: Promise<void> | undefined;
  const readyOrClosed = (): Promise<void> => {
    settling ??= new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        client.off('ready', onReady);
        client.off('close', onClose);
        settling = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => done();
      const onClose = () => done(unavailable());
      client.once('ready', onReady);
      client.once('close', onClose);
    });
    return settling;
  };

  return {
    client,
    ready(timeoutMs) {
      const status = client.status;
      if (status === 'ready') return Promise.resolve();
      if (status === 'end' || status === 'close' || status === 'reconnecting') {
        return Promise.reject(unavailable());
      }
      if (status === 'wait') client.connect().catch(() => {});
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis not ready within ${timeoutMs} ms`)), timeoutMs);
      });
      return Promise.race([readyOrClosed(), timeout]).finally(() => clearTimeout(timer));
    },
    async close() {
      if (client.status === 'end') return;
      if (client.status !== 'ready') {
        client.disconnect();
        return;
      }
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
