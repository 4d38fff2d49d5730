import { randomUUID } from 'node:crypto';
import { AppError } from '@starter/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisKeyValueStore } from '../kv/redis-key-value-store.js';
import { eventually, sleep } from '../testing/key-value-conformance-support.js';
import { createRateLimiter } from './rate-limiter.js';

const redisUrl = process.env.REDIS_URL;
// One prefix per run, so runs never see each other's keys and cleanup finds everything.
const runPrefix = `test:rate-limit:${randomUUID()}:`;

describe.skipIf(!redisUrl)('rate limiter on Redis', () => {
  const url = redisUrl as string;
  let kv: ReturnType<typeof createRedisKeyValueStore>;

  beforeAll(() => {
    kv = createRedisKeyValueStore({ url, keyPrefix: runPrefix });
  });
  afterAll(async () => {
    await kv.close();
    const admin = new Redis(url);
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await admin.unlink(...keys);
    } while (cursor !== '0');
    await admin.quit();
  });

  it('blocks after the limit with the remaining ttl as Retry-After, then unblocks', async () => {
    const quota = createRateLimiter({ kv }).quota('window', { limit: 2, windowSeconds: 2 });
    expect((await quota.hit(['a'])).allowed).toBe(true);
    expect((await quota.hit(['a'])).allowed).toBe(true);
    const blocked = await quota.hit(['a']);
    expect(blocked).toMatchObject({ allowed: false, remaining: 0 });
    expect([1, 2]).toContain(blocked.retryAfterSeconds);
    const error = await quota.enforce(['a']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(['1', '2']).toContain((error as AppError).headers['Retry-After']);
    await eventually(async () => (await quota.hit(['a'])).allowed, 'the window ended');
  });

  it('uses the spec key layout with a real expiry', async () => {
    const quota = createRateLimiter({ kv }).quota('layout', { limit: 5, windowSeconds: 30 });
    await quota.hit(['t1', 'user:1']);
    expect(await kv.get('rate-limit:quota:layout:t1:user%3A1')).toBe('1');
    const ttl = await kv.ttl('rate-limit:quota:layout:t1:user%3A1');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('never over-admits concurrent hits', async () => {
    const quota = createRateLimiter({ kv }).quota('burst', { limit: 10, windowSeconds: 60 });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => quota.hit(['same'])));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(await kv.get('rate-limit:quota:burst:same')).toBe('50');
  });

  it('holds at most `limit` concurrency slots, also when acquired in parallel', async () => {
    const streams = createRateLimiter({ kv }).concurrency('parallel', { limit: 3, ttlSeconds: 60 });
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => streams.acquire(['u'])));
    const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(held).toHaveLength(3);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'TooManyRequests' });
      else await outcome.value.release();
    }
  });

  it('frees a slot on release and extends it on refresh', async () => {
    const streams = createRateLimiter({ kv }).concurrency('slots', { limit: 1, ttlSeconds: 30 });
    const slot = await streams.acquire(['u']);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
    const key = 'rate-limit:concurrency:slots:u';
    await sleep(20);
    const before = (await kv.ttl(key)) ?? 0;
    expect(before).toBeLessThan(30_000);
    expect(await slot.refresh()).toBe(true);
    expect(await kv.ttl(key)).toBeGreaterThan(before);
    await slot.release();
    const next = await streams.acquire(['u']);
    expect(next.held).toBe(true);
    await next.release();
  });

  it('frees a crashed holder slot once its ttl passes', async () => {
    const streams = createRateLimiter({ kv }).concurrency('crash', { limit: 1, ttlSeconds: 2 });
    await streams.acquire(['u']);
    await expect(streams.acquire(['u'])).rejects.toThrow(AppError);
    await eventually(
      async () => (await streams.acquire(['u']).catch(() => null)) !== null,
      'the abandoned slot expired',
    );
  });
});
