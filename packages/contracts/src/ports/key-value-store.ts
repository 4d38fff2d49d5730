import type { Lifecycle } from './health.js';

export interface KvSetOptions {
  /** Expire the key after this many milliseconds. */
  ttlMs?: number;
  /** Only set when the key does not exist (SET NX); `set` then returns false if it existed. */
  ifAbsent?: boolean;
}

export interface KvIncrementResult {
  value: number;
  /** Milliseconds until the counter expires; -1 when it has no expiry. */
  ttlMs: number;
}

/** A held slot of a lease (a lock when the limit is 1, a concurrency slot otherwise). */
export interface Lease {
  readonly key: string;
  readonly holder: string;
  /** Extends the slot's expiry; false when the slot had already expired and was lost. */
  refresh(ttlMs: number): Promise<boolean>;
  /** Gives the slot back; safe to call twice. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** How long a slot lives without a refresh, so a crashed holder cannot keep it. */
  ttlMs: number;
  /** How many holders may hold the lease at once; 1 (a lock) by default. */
  limit?: number;
}

/** One entry of an append-only stream. Ids are ordered and opaque (`<ms>-<seq>`). */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

export interface StreamAppendOptions {
  /** Keep roughly this many newest entries. */
  maxLength?: number;
  /** Expire the whole stream this long after the last append. */
  ttlMs?: number;
}

export interface StreamReadOptions {
  /** Read entries strictly after this id; from the beginning when omitted. */
  after?: string;
  /** At most this many entries; 100 by default. */
  count?: number;
  /** When nothing is there yet, wait up to this many milliseconds for a new entry. */
  blockMs?: number;
  /** Aborts a blocking read. */
  signal?: AbortSignal;
}

/** A subscription; `unsubscribe` stops delivery. */
export interface Subscription {
  unsubscribe(): Promise<void>;
}

/**
 * The key-value port: strings with TTLs, atomic counters, leases, pub/sub and append-only streams.
 * In-process when embedded, Redis in production, with identical semantics (one conformance suite).
 */
export interface KeyValueStore extends Lifecycle {
  readonly provider: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  /** Sets a value; returns false only when `ifAbsent` was given and the key existed. */
  set(key: string, value: string, options?: KvSetOptions): Promise<boolean>;
  /** Deletes a key; true when it existed. */
  delete(key: string): Promise<boolean>;
  /** Reads and deletes in one step (single-use tokens); null when absent. */
  take(key: string): Promise<string | null>;
  /** Milliseconds to expiry; -1 for no expiry; null when the key is absent. */
  ttl(key: string): Promise<number | null>;
  /**
   * Adds `by` (default 1) atomically. When `ttlMs` is given and the counter has no expiry yet (first
   * hit of a window), the expiry is set in the same step, so a fixed window can never stick.
   */
  increment(key: string, options?: { by?: number; ttlMs?: number }): Promise<KvIncrementResult>;
  /** Takes a slot of a lease, or null when all `limit` slots are held and unexpired. */
  acquireLease(key: string, options: LeaseOptions): Promise<Lease | null>;
  /** Publishes to a channel; delivered to every current subscriber, on every replica. */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Subscription>;
  /** Appends an entry and returns its id. */
  appendToStream(
    stream: string,
    fields: Record<string, string>,
    options?: StreamAppendOptions,
  ): Promise<string>;
  /** Reads entries after an id, optionally waiting for new ones. */
  readStream(stream: string, options?: StreamReadOptions): Promise<StreamEntry[]>;
}
