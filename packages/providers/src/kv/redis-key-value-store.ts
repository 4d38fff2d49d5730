import { randomUUID } from 'node:crypto';
import { AppError, type KeyValueStore, type Lease, type Logger, type StreamEntry } from '@starter/contracts';
import { Redis, type RedisOptions } from 'ioredis';
import {
  kvStoreClosedError,
  notAnIntegerError,
  toBlockMs,
  toFieldList,
  toIncrementStep,
  toLeaseLimit,
  toMaxLength,
  toReadCount,
  toTtlMs,
  wrongTypeError,
} from './kv-arguments.js';
import { createRedisBlockingReads } from './redis-blocking-reads.js';
import { type RedisConnection, wrapRedisConnection } from './redis-connection.js';
import {
  acquireLeaseScript,
  appendStreamScript,
  incrementScript,
  refreshLeaseScript,
  releaseLeaseScript,
} from './redis-scripts.js';
import { parseXreadReply } from './redis-stream-reply.js';
import { createRedisSubscriber } from './redis-subscriber.js';
import { describeRedisUrl } from './redis-url.js';
import { formatStreamId, parseStreamId } from './stream-id.js';

export interface RedisKeyValueStoreOptions {
  /** `redis://` or `rediss://` URL; its password never appears in errors or logs. */
  url: string;
  /** Prepended to every key, stream and channel. */
  keyPrefix?: string;
  /** Bound on opening a TCP connection; 2 s by default. */
  connectTimeoutMs?: number;
  /** Bound on any command while Redis is slow or unreachable; 2 s by default. */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/** The production key-value store on Redis (ioredis), failing fast while Redis is down. */
export function createRedisKeyValueStore(options: RedisKeyValueStoreOptions): KeyValueStore {
  const prefix = options.keyPrefix ?? '';
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const { redact, safeTarget } = describeRedisUrl(options.url);
  const logger = options.logger?.child({ component: 'kv', target: safeTarget });
  const redisOptions: RedisOptions = {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: commandTimeoutMs,
    // No offline queue: while Redis is down calls fail now instead of piling up and running later.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep reconnecting forever, at most every 2 s, so the store heals when Redis comes back.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
  const main = wrapRedisConnection(new Redis(options.url, redisOptions), 'main', redact, logger);
  const duplicate = (role: string, override: Partial<RedisOptions> = {}, log?: Logger): RedisConnection =>
    wrapRedisConnection(main.client.duplicate(override), role, redact, log);
  const subscriber = createRedisSubscriber(
    () => duplicate('subscriber', {}, logger),
    commandTimeoutMs,
    logger,
  );
  const blocking = createRedisBlockingReads(
    () => duplicate('blocking', { commandTimeout: undefined }),
    commandTimeoutMs,
  );
  let closing: Promise<void> | undefined;

  const k = (key: string) => prefix + key;

  /** Runs one operation on the main connection, turning failures into secret-free AppErrors. */
  const run = async <T>(operation: string, key: string, fn: (client: Redis) => Promise<T>): Promise<T> => {
    if (closing) throw kvStoreClosedError();
    try {
      await main.ready(commandTimeoutMs);
      return await fn(main.client);
    } catch (error) {
      throw toAppError(error, operation, key);
    }
  };
  const toAppError = (error: unknown, operation: string, key: string): unknown => {
    if (error instanceof AppError) return error;
    const message = redact(error instanceof Error ? error.message : String(error));
    if (message.includes('WRONGTYPE')) return wrongTypeError(key);
    if (message.includes('not an integer')) return notAnIntegerError(key);
    return new AppError('ServiceUnavailable', `Redis ${operation} failed: ${message}`, { cause: error });
  };

  const makeLease = (fullKey: string, key: string, holder: string): Lease => ({
    key,
    holder,
    refresh: async (ttlMs) => {
      const ttl = toTtlMs(ttlMs);
      return run(
        'lease refresh',
        key,
        async (c) => (await refreshLeaseScript(c, [fullKey], [holder, ttl])) === 1,
      );
    },
    release: () =>
      run('lease release', key, async (c) => void (await releaseLeaseScript(c, [fullKey], [holder]))),
  });

  return {
    provider: 'redis',

    get: (key) => run('get', key, (c) => c.get(k(key))),

    async set(key, value, setOptions = {}) {
      const ttlMs = setOptions.ttlMs === undefined ? undefined : toTtlMs(setOptions.ttlMs);
      const args: (string | number)[] = [k(key), value];
      if (ttlMs !== undefined) args.push('PX', ttlMs);
      if (setOptions.ifAbsent) args.push('NX');
      return run('set', key, async (c) => (await c.call('SET', ...args)) === 'OK');
    },

    delete: (key) => run('delete', key, async (c) => (await c.del(k(key))) > 0),

    take: (key) => run('take', key, (c) => c.getdel(k(key))),

    async ttl(key) {
      const pttl = await run('ttl', key, (c) => c.pttl(k(key)));
      return pttl === -2 ? null : pttl;
    },

    async increment(key, incrementOptions = {}) {
      const by = toIncrementStep(incrementOptions.by);
      const ttlMs = incrementOptions.ttlMs === undefined ? 0 : toTtlMs(incrementOptions.ttlMs);
      const reply = await run('increment', key, (c) => incrementScript(c, [k(key)], [by, ttlMs]));
      const [value, pttl] = reply as [number, number];
      return { value, ttlMs: pttl };
    },

    async acquireLease(key, leaseOptions) {
      const ttlMs = toTtlMs(leaseOptions.ttlMs);
      const limit = toLeaseLimit(leaseOptions.limit);
      const holder = randomUUID();
      const fullKey = k(key);
      const taken = await run('lease acquire', key, (c) =>
        acquireLeaseScript(c, [fullKey], [limit, ttlMs, holder]),
      );
      return taken === 1 ? makeLease(fullKey, key, holder) : null;
    },

    publish: (channel, message) =>
      run('publish', channel, async (c) => void (await c.publish(k(channel), message))),

    async subscribe(channel, onMessage) {
      if (closing) throw kvStoreClosedError();
      try {
        return await subscriber.subscribe(k(channel), onMessage);
      } catch (error) {
        throw toAppError(error, 'subscribe', channel);
      }
    },

    async appendToStream(stream, fields, appendOptions = {}) {
      const flat = toFieldList(fields);
      const maxLength = toMaxLength(appendOptions.maxLength) ?? 0;
      const ttlMs = appendOptions.ttlMs === undefined ? 0 : toTtlMs(appendOptions.ttlMs);
      const id = await run('stream append', stream, (c) =>
        appendStreamScript(c, [k(stream)], [maxLength, ttlMs, ...flat]),
      );
      return String(id);
    },

    async readStream(stream, readOptions = {}): Promise<StreamEntry[]> {
      if (closing) throw kvStoreClosedError();
      readOptions.signal?.throwIfAborted();
      const after =
        readOptions.after === undefined ? '0-0' : formatStreamId(parseStreamId(readOptions.after));
      const count = toReadCount(readOptions.count);
      const blockMs = toBlockMs(readOptions.blockMs);
      if (blockMs === 0) {
        const reply = await run('stream read', stream, (c) =>
          c.call('XREAD', 'COUNT', count, 'STREAMS', k(stream), after),
        );
        return parseXreadReply(reply);
      }
      try {
        const args = ['COUNT', count, 'BLOCK', blockMs, 'STREAMS', k(stream), after];
        return parseXreadReply(await blocking.xread(args, blockMs, readOptions.signal));
      } catch (error) {
        if (readOptions.signal?.aborted && error === readOptions.signal.reason) throw error;
        throw toAppError(closing ? kvStoreClosedError() : error, 'stream read', stream);
      }
    },

    async health() {
      const started = performance.now();
      const latencyMs = () => Math.round(performance.now() - started);
      if (closing) return { ok: false, provider: 'redis', latencyMs: 0, detail: 'closed' };
      try {
        await run('ping', '', (c) => c.ping());
        return { ok: true, provider: 'redis', latencyMs: latencyMs() };
      } catch (error) {
        const detail = error instanceof Error ? error.message : 'unavailable';
        return { ok: false, provider: 'redis', latencyMs: latencyMs(), detail };
      }
    },

    close() {
      closing ??= (async () => {
        blocking.close();
        await Promise.all([subscriber.close(), main.close()]);
      })();
      return closing;
    },
  };
}
