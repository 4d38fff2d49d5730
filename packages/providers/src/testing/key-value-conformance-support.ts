import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '@starter/contracts';
import { afterEach, beforeEach } from 'vitest';

/**
 * The TTL of keys meant to expire during a test: short, yet long enough that a loaded CI machine still
 * sees them before expiry right after writing.
 */
export const SHORT_TTL_MS = 300;

/** How the conformance suite gets stores; see `describeKeyValueStoreConformance`. */
export interface KeyValueStoreConformanceOptions {
  /**
   * Another store on the same backend and prefix, standing in for a second replica. Defaults to the
   * first store itself, which is all an in-process store can offer.
   */
  second?: (first: KeyValueStore) => Promise<KeyValueStore> | KeyValueStore;
  /** A store on the same backend under another key prefix; a fresh factory store when omitted. */
  withPrefix?: (prefix: string) => Promise<KeyValueStore> | KeyValueStore;
}

/** What each group of conformance tests works with. */
export interface KeyValueConformanceContext {
  /** The store under test, fresh for each test. */
  readonly store: KeyValueStore;
  second(): Promise<KeyValueStore>;
  withPrefix(prefix: string): Promise<KeyValueStore>;
  /** A key nobody else uses, so tests sharing one backend never collide. */
  key(name: string): string;
}

/** Registers the hooks that open and close stores around each test. */
export function useKeyValueConformanceContext(
  factory: () => Promise<KeyValueStore> | KeyValueStore,
  options: KeyValueStoreConformanceOptions,
): KeyValueConformanceContext {
  let current: KeyValueStore | undefined;
  const extra: KeyValueStore[] = [];
  const track = (store: KeyValueStore) => {
    if (store !== current && !extra.includes(store)) extra.push(store);
    return store;
  };

  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    const stores = [...extra.splice(0), ...(current ? [current] : [])];
    current = undefined;
    await Promise.all(stores.map((store) => store.close()));
  });

  return {
    get store() {
      if (current === undefined) throw new Error('The conformance store is only available inside a test.');
      return current;
    },
    async second() {
      const first = this.store;
      return track(options.second ? await options.second(first) : first);
    },
    async withPrefix(prefix) {
      return track(options.withPrefix ? await options.withPrefix(prefix) : await factory());
    },
    key: (name) => `conformance:${name}:${randomUUID()}`,
  };
}

/** Polls until `check` returns true; fails after `timeoutMs` (a safety net, not a timing assertion). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${message}`);
    await sleep(10);
  }
}

/** Waits `ms` real milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Collects messages delivered to a subscriber. */
export function collector(): { messages: string[]; onMessage: (message: string) => void } {
  const messages: string[] = [];
  return { messages, onMessage: (message) => messages.push(message) };
}
