import { AppError } from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeyValueStore } from '../kv/memory-key-value-store.js';
import { createManualClock, type ManualClock } from '../testing/manual-clock.js';
import { createRateLimiter } from './rate-limiter.js';

describe('concurrency limit on the memory store', () => {
  let clock: ManualClock;
  let kv: ReturnType<typeof createMemoryKeyValueStore>;

  beforeEach(() => {
    clock = createManualClock();
    kv = createMemoryKeyValueStore({ clock });
  });
  afterEach(async () => {
    await kv.close();
  });

  it('holds at most `limit` slots and rejects the next with a 429', async () => {
    const hits: [string, string][] = [];
    const streams = createRateLimiter({ kv, onHit: (quota, scope) => hits.push([quota, scope]) }).concurrency(
      'chat_stream_concurrency',
      { limit: 2, ttlSeconds: 300, scope: 'user' },
    );
    const first = await streams.acquire(['t1', 'u1']);
    await streams.acquire(['t1', 'u1']);
    expect(first.held).toBe(true);
    const error = await streams.acquire(['t1', 'u1']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'TooManyRequests',
      headers: { 'Retry-After': '5' },
      details: { quota: 'chat_stream_concurrency' },
    });
    expect(hits).toEqual([['chat_stream_concurrency', 'user']]);
    // Another user has slots of their own.
    expect((await streams.acquire(['t1', 'u2'])).held).toBe(true);
  });

  it('frees a slot on release, and a second release is harmless', async () => {
    const streams = createRateLimiter({ kv }).concurrency('c', { limit: 1, ttlSeconds: 60 });
    const slot = await streams.acquire(['u']);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
    await slot.release();
    await slot.release();
    const next = await streams.acquire(['u']);
    expect(next.held).toBe(true);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
  });

  it('frees a crashed holder slot once its ttl passes', async () => {
    const streams = createRateLimiter({ kv }).concurrency('c', { limit: 1, ttlSeconds: 60 });
    await streams.acquire(['u']);
    clock.advance(59_999);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
    clock.advance(1);
    expect((await streams.acquire(['u'])).held).toBe(true);
  });

  it('refresh extends a slot by its ttl, and reports a slot lost to expiry', async () => {
    const streams = createRateLimiter({ kv }).concurrency('c', { limit: 1, ttlSeconds: 60 });
    const slot = await streams.acquire(['u']);
    clock.advance(50_000);
    expect(await slot.refresh()).toBe(true);
    clock.advance(50_000);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
    clock.advance(10_000);
    expect(await slot.refresh()).toBe(false);
    expect((await streams.acquire(['u'])).held).toBe(true);
  });

  it('stores slots under <prefix>:concurrency:<name>:<parts>', async () => {
    const streams = createRateLimiter({ kv, prefix: 'rl' }).concurrency('c', { limit: 1, ttlSeconds: 60 });
    await streams.acquire(['t', 'u']);
    expect(await kv.ttl('rl:concurrency:c:t:u')).toBe(60_000);
  });

  it('rejects bad options when the limit is created', () => {
    const limiter = createRateLimiter({ kv });
    expect(() => limiter.concurrency('c', { limit: 0, ttlSeconds: 60 })).toThrow(AppError);
    expect(() => limiter.concurrency('c', { limit: 1, ttlSeconds: 0 })).toThrow(AppError);
    expect(() => limiter.concurrency('c', { limit: 1, ttlSeconds: 60, retryAfterSeconds: 0 })).toThrow(
      AppError,
    );
    expect(() => limiter.concurrency('a b', { limit: 1, ttlSeconds: 60 })).toThrow(AppError);
    expect(limiter.concurrency('c', { limit: 1, ttlSeconds: 2 })).toMatchObject({
      scope: 'default',
      ttlSeconds: 2,
    });
  });
});
