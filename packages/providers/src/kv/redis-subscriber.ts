import type { Logger, Subscription } from '@starter/contracts';
import type { RedisConnection } from './redis-connection.js';

/** Every channel of a store shares one subscriber connection; this maps its messages to handlers. */
export interface RedisSubscriber {
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Subscription>;
  close(): Promise<void>;
}

interface Listener {
  onMessage(message: string): void;
}

interface ChannelState {
  listeners: Set<Listener>;
  /** Settles when Redis has confirmed SUBSCRIBE, so later subscribers wait for it too. */
  subscribed: Promise<void>;
}

/** Creates the dispatcher; the connection itself is opened on the first subscribe. */
export function createRedisSubscriber(
  openConnection: () => RedisConnection,
  readyTimeoutMs: number,
  logger?: Logger,
): RedisSubscriber {
  let connection: RedisConnection | undefined;
  const channels = new Map<string, ChannelState>();

  const getConnection = (): RedisConnection => {
    if (connection === undefined) {
      connection = openConnection();
      // ioredis re-subscribes every channel after a reconnect (autoResubscribe).
      connection.client.on('message', (channel: string, message: string) => {
        const state = channels.get(channel);
        if (state === undefined) return;
        for (const listener of [...state.listeners]) {
          try {
            listener.onMessage(message);
          } catch (error) {
            logger?.warn({ err: error, channel }, 'kv.subscriber_failed');
          }
        }
      });
    }
    return connection;
  };

  const removeListener = async (channel: string, state: ChannelState, listener: Listener) => {
    if (!state.listeners.delete(listener) || state.listeners.size > 0) return;
    if (channels.get(channel) !== state) return;
    channels.delete(channel);
    // Best effort: a failed UNSUBSCRIBE only means Redis sends messages nobody dispatches.
    await connection?.client.unsubscribe(channel).catch(() => {});
  };

  return {
    async subscribe(channel, onMessage) {
      const conn = getConnection();
      let state = channels.get(channel);
      if (state === undefined) {
        const subscribed = conn.ready(readyTimeoutMs).then(async () => {
          await conn.client.subscribe(channel);
        });
        state = { listeners: new Set(), subscribed };
        channels.set(channel, state);
      }
      const listener: Listener = { onMessage };
      state.listeners.add(listener);
      const current = state;
      try {
        await current.subscribed;
      } catch (error) {
        current.listeners.delete(listener);
        if (channels.get(channel) === current) channels.delete(channel);
        throw error;
      }
      return { unsubscribe: () => removeListener(channel, current, listener) };
    },

    async close() {
      channels.clear();
      await connection?.close();
    },
  };
}
