import { AppError, type Logger } from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeyValueStore } from '../kv/memory-key-value-store.js';
import { createManualClock, type ManualClock } from '../testing/manual-clock.js';
import { createRateLimiter } from './rate-limiter.js';

type LogLine = { level: string; fields: Record<string, unknown>; message: string | undefined };

function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message?: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

describe('fixed-window quota on the memory store', () => {
  let clock: ManualClock;
  let kv: ReturnType<typeof createMemoryKeyValueStore>;

  beforeEach(() => {
    clock = createManualClock();
    kv = createMemoryKeyValueStore({ clock });
  });
  afterEach(async () => {
    await kv.close();
  });

  it('allows up to the limit, then blocks with the remaining window as Retry-After', async () => {
    const quota = createRateLimiter({ kv }).quota('chat_per_minute', { limit: 3, windowSeconds: 60 });
    expect(await quota.hit(['t1', 'u1'])).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterSeconds: 0,
      limit: 3,
    });
    expect((await quota.hit(['t1', 'u1'])).remaining).toBe(1);
    expect(await quota.hit(['t1', 'u1'])).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
      limit: 3,
    });
    clock.advance(15_500);
    expect(await quota.hit(['t1', 'u1'])).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 45,
      limit: 3,
    });
  });

  it('unblocks when the window ends and starts a fresh one', async () => {
    const quota = createRateLimiter({ kv }).quota('q', { limit: 1, windowSeconds: 10 });
    expect((await quota.hit(['a'])).allowed).toBe(true);
    clock.advance(9_999);
    expect(await quota.hit(['a'])).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(await quota.hit(['a'])).toMatchObject({ allowed: true, remaining: 0 });
    expect(await quota.hit(['a'])).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
  });

  it('never slides the window on later hits, blocked ones included', async () => {
    const quota = createRateLimiter({ kv }).quota('q', { limit: 2, windowSeconds: 60 });
    await quota.hit(['a']);
    clock.advance(40_000);
    expect((await quota.hit(['a'])).allowed).toBe(true);
    clock.advance(10_000);
    expect(await quota.hit(['a'])).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    clock.advance(10_000);
    expect(await quota.hit(['a'])).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('counts each key, quota and prefix separately, in the spec key layout', async () => {
    const limiter = createRateLimiter({ kv, prefix: 'rl' });
    const quota = limiter.quota('q', { limit: 1, windowSeconds: 60 });
    await quota.hit(['t1', 'u1']);
    expect((await quota.hit(['t1', 'u2'])).allowed).toBe(true);
    expect((await quota.hit(['t1:u1'])).allowed).toBe(true);
    expect((await limiter.quota('other', { limit: 1, windowSeconds: 60 }).hit(['t1', 'u1'])).allowed).toBe(
      true,
    );
    expect(
      (await createRateLimiter({ kv }).quota('q', { limit: 1, windowSeconds: 60 }).hit(['t1', 'u1'])).allowed,
    ).toBe(true);
    expect(await kv.get('rl:quota:q:t1:u1')).toBe('1');
    expect(await kv.get('rate-limit:quota:q:t1:u1')).toBe('1');
  });

  it('enforce throws a 429 with Retry-After, counts the hit and logs without the key parts', async () => {
    const lines: LogLine[] = [];
    const hits: [string, string][] = [];
    const limiter = createRateLimiter({
      kv,
      logger: recordingLogger(lines),
      onHit: (quota, scope) => hits.push([quota, scope]),
    });
    const quota = limiter.quota('password_reset_email', { limit: 1, windowSeconds: 3600, scope: 'email' });
    await quota.enforce(['alice@example.com']);
    expect(hits).toEqual([]);
    clock.advance(600_000);
    const error = await quota.enforce(['alice@example.com']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'TooManyRequests',
      status: 429,
      message: 'Rate limit exceeded.',
      headers: { 'Retry-After': '3000' },
      details: { quota: 'password_reset_email' },
    });
    expect(hits).toEqual([['password_reset_email', 'email']]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toMatchObject({
      event: 'rate_limit.block',
      quota: 'password_reset_email',
      scope: 'email',
    });
    expect(JSON.stringify(lines)).not.toContain('alice');
  });

  it('hit reports nothing even when blocked', async () => {
    const hits: string[] = [];
    const quota = createRateLimiter({ kv, onHit: (name) => hits.push(name) }).quota('q', {
      limit: 1,
      windowSeconds: 60,
    });
    await quota.hit(['a']);
    expect((await quota.hit(['a'])).allowed).toBe(false);
    expect(hits).toEqual([]);
  });

  it('rejects bad options when the quota is created', () => {
    const limiter = createRateLimiter({ kv });
    const bad = [
      () => limiter.quota('has:colon', { limit: 1, windowSeconds: 1 }),
      () => limiter.quota('', { limit: 1, windowSeconds: 1 }),
      () => limiter.quota('q', { limit: 0, windowSeconds: 1 }),
      () => limiter.quota('q', { limit: 1.5, windowSeconds: 1 }),
      () => limiter.quota('q', { limit: 1, windowSeconds: 0.5 }),
      () => limiter.quota('q', { limit: 1, windowSeconds: 1, scope: ' ' }),
      () => createRateLimiter({ kv, prefix: '' }),
    ];
    for (const create of bad) {
      expect(create).toThrow(AppError);
    }
    const quota = limiter.quota('q', { limit: 5, windowSeconds: 60 });
    expect(quota).toMatchObject({ name: 'q', scope: 'default', limit: 5, windowSeconds: 60 });
  });
});
