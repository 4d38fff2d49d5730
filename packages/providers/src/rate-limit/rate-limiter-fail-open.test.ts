import { AppError, type Logger } from '@starter/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryKeyValueStore } from '../kv/memory-key-value-store.js';
import { createRedisKeyValueStore } from '../kv/redis-key-value-store.js';
import { createManualClock } from '../testing/manual-clock.js';
import { createRateLimiter } from './rate-limiter.js';

function warningsLogger(events: unknown[]): Logger {
  const ignore = () => {};
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: (fields) => events.push(fields.event),
    error: ignore,
    child: () => logger,
  };
  return logger;
}

// Port 1 refuses connections, so every call fails like an outage; no running Redis is needed.
describe('rate limiter with an unavailable store', () => {
  const down = createRedisKeyValueStore({
    url: 'redis://127.0.0.1:1',
    commandTimeoutMs: 200,
    connectTimeoutMs: 200,
  });
  afterAll(async () => {
    await down.close();
  });

  it('allows quota hits and reports the store error', async () => {
    const errors: unknown[] = [];
    const quota = createRateLimiter({ kv: down, onStoreError: (error) => errors.push(error) }).quota('q', {
      limit: 1,
      windowSeconds: 60,
    });
    expect(await quota.hit(['a'])).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0, limit: 1 });
    expect(await quota.enforce(['a'])).toMatchObject({ allowed: true });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(AppError);
  });

  it('hands out a slot that holds nothing instead of failing', async () => {
    const errors: unknown[] = [];
    const streams = createRateLimiter({ kv: down, onStoreError: (error) => errors.push(error) }).concurrency(
      'c',
      {
        limit: 1,
        ttlSeconds: 60,
      },
    );
    const first = await streams.acquire(['u']);
    const second = await streams.acquire(['u']);
    expect(first.held).toBe(false);
    expect(second.held).toBe(false);
    expect(await first.refresh()).toBe(true);
    await first.release();
    expect(errors).toHaveLength(2);
  });

  it('warns once per interval however many requests fail', async () => {
    const clock = createManualClock();
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const quota = createRateLimiter({
      kv: down,
      clock,
      logger: warningsLogger(events),
      onStoreError: (error) => errors.push(error),
      storeWarningIntervalSeconds: 30,
    }).quota('q', { limit: 1, windowSeconds: 60 });
    for (let i = 0; i < 3; i += 1) await quota.hit(['a']);
    expect(events).toEqual(['rate_limit.store_unavailable']);
    clock.advance(29_999);
    await quota.hit(['a']);
    expect(events).toHaveLength(1);
    clock.advance(1);
    await quota.hit(['a']);
    expect(events).toEqual(['rate_limit.store_unavailable', 'rate_limit.store_unavailable']);
    expect(errors).toHaveLength(5);
  });

  it('keeps a held slot usable when the store fails during refresh or release', async () => {
    const kv = createMemoryKeyValueStore();
    const errors: unknown[] = [];
    const streams = createRateLimiter({ kv, onStoreError: (error) => errors.push(error) }).concurrency('c', {
      limit: 1,
      ttlSeconds: 60,
    });
    const slot = await streams.acquire(['u']);
    await kv.close();
    expect(await slot.refresh()).toBe(true);
    await expect(slot.release()).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});
