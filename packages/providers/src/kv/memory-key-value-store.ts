import type { Clock, KeyValueStore, Logger } from '@starter/contracts';
import { createSystemClock } from '../clock/system-clock.js';
import { kvStoreClosedError, notAnIntegerError, toIncrementStep, toTtlMs } from './kv-arguments.js';
import { createMemoryKeyspace } from './memory-keyspace.js';
import { createMemoryLeases } from './memory-leases.js';
import { createMemoryPubSub } from './memory-pub-sub.js';
import { createMemoryStreams } from './memory-streams.js';

export interface MemoryKeyValueStoreOptions {
  /** Drives every expiry; a manual clock makes TTLs testable without waiting. */
  clock?: Clock;
  /** Prepended to keys, channels and streams, as the Redis store does. */
  keyPrefix?: string;
  /** How often expired keys nobody reads again are swept; 30 s by default. */
  sweepIntervalMs?: number;
  /** Receives errors thrown by subscribers. */
  logger?: Logger;
}

const INTEGER = /^-?\d+$/;

/** The in-process key-value store of the embedded profile: same semantics as Redis, one process. */
export function createMemoryKeyValueStore(options: MemoryKeyValueStoreOptions = {}): KeyValueStore {
  const clock = options.clock ?? createSystemClock();
  const prefix = options.keyPrefix ?? '';
  const keyspace = createMemoryKeyspace(clock);
  const pubSub = createMemoryPubSub(options.logger);
  const streams = createMemoryStreams(keyspace, clock);
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw kvStoreClosedError();
  };
  const leases = createMemoryLeases(keyspace, clock, ensureOpen);
  // Unref'd so an idle embedded store never keeps the process alive.
  const sweeper = setInterval(() => keyspace.sweep(), options.sweepIntervalMs ?? 30_000);
  sweeper.unref();

  const k = (key: string) => prefix + key;
  const remaining = (expiresAt: number | null) =>
    expiresAt === null ? -1 : Math.max(1, expiresAt - clock.now());

  return {
    provider: 'memory',

    async get(key) {
      ensureOpen();
      return keyspace.getOf(k(key), 'string')?.value ?? null;
    },

    async set(key, value, setOptions = {}) {
      ensureOpen();
      const ttlMs = setOptions.ttlMs === undefined ? undefined : toTtlMs(setOptions.ttlMs);
      if (setOptions.ifAbsent && keyspace.get(k(key)) !== undefined) return false;
      // Like Redis SET, a plain set replaces any earlier expiry.
      keyspace.put(k(key), {
        kind: 'string',
        value,
        expiresAt: ttlMs === undefined ? null : clock.now() + ttlMs,
      });
      return true;
    },

    async delete(key) {
      ensureOpen();
      return keyspace.delete(k(key));
    },

    async take(key) {
      ensureOpen();
      const entry = keyspace.getOf(k(key), 'string');
      if (entry === undefined) return null;
      keyspace.delete(k(key));
      return entry.value;
    },

    async ttl(key) {
      ensureOpen();
      const entry = keyspace.get(k(key));
      return entry === undefined ? null : remaining(entry.expiresAt);
    },

    async increment(key, incrementOptions = {}) {
      ensureOpen();
      const by = toIncrementStep(incrementOptions.by);
      const ttlMs = incrementOptions.ttlMs === undefined ? undefined : toTtlMs(incrementOptions.ttlMs);
      const entry = keyspace.getOf(k(key), 'string');
      if (entry !== undefined && !INTEGER.test(entry.value)) throw notAnIntegerError(key);
      const value = (entry === undefined ? 0 : Number(entry.value)) + by;
      let expiresAt = entry?.expiresAt ?? null;
      // Only the first hit of a window sets the expiry, so later hits can never extend it.
      if (expiresAt === null && ttlMs !== undefined) expiresAt = clock.now() + ttlMs;
      keyspace.put(k(key), { kind: 'string', value: String(value), expiresAt });
      return { value, ttlMs: remaining(expiresAt) };
    },

    async acquireLease(key, leaseOptions) {
      ensureOpen();
      return leases.acquire(k(key), key, leaseOptions);
    },

    async publish(channel, message) {
      ensureOpen();
      pubSub.publish(k(channel), message);
    },

    async subscribe(channel, onMessage) {
      ensureOpen();
      return pubSub.subscribe(k(channel), onMessage);
    },

    async appendToStream(stream, fields, appendOptions) {
      ensureOpen();
      return streams.append(k(stream), fields, appendOptions);
    },

    async readStream(stream, readOptions) {
      ensureOpen();
      return streams.read(k(stream), readOptions);
    },

    async health() {
      return closed
        ? { ok: false, provider: 'memory', latencyMs: 0, detail: 'closed' }
        : { ok: true, provider: 'memory', latencyMs: 0 };
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      streams.abortAll();
      pubSub.clear();
      keyspace.clear();
    },
  };
}
