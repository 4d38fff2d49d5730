import type { Logger, Subscription } from '@starter/contracts';

/** In-process channels whose delivery is always asynchronous, like a real broker. */
export interface MemoryPubSub {
  publish(channel: string, message: string): void;
  subscribe(channel: string, onMessage: (message: string) => void): Subscription;
  clear(): void;
}

/** Creates in-process pub/sub; handler errors are logged and never reach the publisher. */
export function createMemoryPubSub(logger?: Logger): MemoryPubSub {
  const channels = new Map<string, Set<{ onMessage: (message: string) => void }>>();

  return {
    publish(channel, message) {
      const listeners = channels.get(channel);
      if (listeners === undefined) return;
      for (const listener of [...listeners]) {
        // A microtask per listener keeps publish from re-entering subscriber code synchronously.
        queueMicrotask(() => {
          if (!listeners.has(listener)) return;
          try {
            listener.onMessage(message);
          } catch (error) {
            logger?.warn({ err: error, channel }, 'kv.subscriber_failed');
          }
        });
      }
    },
    subscribe(channel, onMessage) {
      let listeners = channels.get(channel);
      if (listeners === undefined) {
        listeners = new Set();
        channels.set(channel, listeners);
      }
      const listener = { onMessage };
      listeners.add(listener);
      return {
        async unsubscribe() {
          const current = channels.get(channel);
          if (current === undefined) return;
          current.delete(listener);
          if (current.size === 0) channels.delete(channel);
        },
      };
    },
    clear() {
      for (const listeners of channels.values()) listeners.clear();
      channels.clear();
    },
  };
}
