import { describe, expect, it } from 'vitest';
import { describeKeyValueStoreConformance } from '../testing/key-value-store-conformance.js';
import { createManualClock } from '../testing/manual-clock.js';
import { createMemoryKeyValueStore } from './memory-key-value-store.js';

describeKeyValueStoreConformance('memory', () => createMemoryKeyValueStore(), {
  withPrefix: (keyPrefix) => createMemoryKeyValueStore({ keyPrefix }),
});

describe('memory key-value store on a manual clock', () => {
  it('expires keys exactly at their ttl', async () => {
    const clock = createManualClock();
    const store = createMemoryKeyValueStore({ clock });
    await store.set('k', 'v', { ttlMs: 1_000 });
    clock.advance(999);
    expect(await store.ttl('k')).toBe(1);
    expect(await store.get('k')).toBe('v');
    clock.advance(1);
    expect(await store.get('k')).toBeNull();
    await store.close();
  });

  it('keeps a fixed window: later hits never move the expiry', async () => {
    const clock = createManualClock();
    const store = createMemoryKeyValueStore({ clock });
    expect(await store.increment('w', { ttlMs: 60_000 })).toEqual({ value: 1, ttlMs: 60_000 });
    clock.advance(59_000);
    expect(await store.increment('w', { ttlMs: 60_000 })).toEqual({ value: 2, ttlMs: 1_000 });
    clock.advance(1_000);
    expect(await store.increment('w', { ttlMs: 60_000 })).toEqual({ value: 1, ttlMs: 60_000 });
    await store.close();
  });

  it('frees a lease slot when its holder stops refreshing', async () => {
    const clock = createManualClock();
    const store = createMemoryKeyValueStore({ clock });
    const held = await store.acquireLease('l', { ttlMs: 100, limit: 2 });
    const kept = await store.acquireLease('l', { ttlMs: 100, limit: 2 });
    clock.advance(50);
    expect(await kept?.refresh(100)).toBe(true);
    clock.advance(50);
    expect(await held?.refresh(100)).toBe(false);
    expect(await store.acquireLease('l', { ttlMs: 100, limit: 2 })).not.toBeNull();
    expect(await store.acquireLease('l', { ttlMs: 100, limit: 2 })).toBeNull();
    await store.close();
  });

  it('keeps stream ids increasing when the clock stands still or goes back', async () => {
    const clock = createManualClock(5_000);
    const store = createMemoryKeyValueStore({ clock });
    expect(await store.appendToStream('s', { a: '1' })).toBe('5000-0');
    expect(await store.appendToStream('s', { a: '2' })).toBe('5000-1');
    clock.set(4_000);
    expect(await store.appendToStream('s', { a: '3' })).toBe('5000-2');
    clock.set(6_000);
    expect(await store.appendToStream('s', { a: '4' })).toBe('6000-0');
    expect(await store.readStream('s', { after: '5000' })).toHaveLength(3);
    await store.close();
  });

  it('sweeps expired keys that nobody reads again', async () => {
    const clock = createManualClock();
    const store = createMemoryKeyValueStore({ clock, sweepIntervalMs: 5 });
    await store.set('gone', 'v', { ttlMs: 10 });
    await store.set('stays', 'v');
    clock.advance(10);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The sweep has run if a later clock rewind cannot resurrect the expired key.
    clock.set(clock.now() - 10);
    expect(await store.get('gone')).toBeNull();
    expect(await store.get('stays')).toBe('v');
    await store.close();
  });

  it('refuses a key of another kind, like Redis WRONGTYPE', async () => {
    const store = createMemoryKeyValueStore();
    await store.appendToStream('s', { a: '1' });
    await expect(store.get('s')).rejects.toThrow(/another kind/);
    await store.close();
  });
});
