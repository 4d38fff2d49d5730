import { randomUUID } from 'node:crypto';
import { AppError, type Clock, type KeyValueStore } from '@starter/contracts';
import { createMemoryKeyValueStore, createRedisKeyValueStore, createSystemClock } from '@starter/providers';
import { createManualClock, type ManualClock } from '@starter/providers/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ipBlockKey, ipCounterKey, ipThrottleTargets, userFailureKey, userLockKey } from './lockout-keys.js';
import {
  createLoginThrottle,
  type LoginFailureOutcome,
  type LoginThrottle,
  type LoginThrottleOptions,
} from './login-throttle.js';

const MINUTE_MS = 60_000;

async function fail(throttle: LoginThrottle, times: number, failure: { userId?: string; ip: string }) {
  let last: LoginFailureOutcome = { userLocked: false, ipBlocked: false };
  for (let i = 0; i < times; i += 1) last = await throttle.recordFailure(failure);
  return last;
}

async function blockedError(throttle: LoginThrottle, ip: string): Promise<unknown> {
  return throttle.checkIp(ip).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('login throttle on the memory store', () => {
  let clock: ManualClock;
  let kv: KeyValueStore;
  let throttle: LoginThrottle;

  beforeEach(() => {
    clock = createManualClock();
    kv = createMemoryKeyValueStore({ clock });
    throttle = createLoginThrottle({ kv, clock });
  });
  afterEach(async () => {
    await kv.close();
  });

  it('locks a user at the fifth failure and lifts the lock after 60 minutes', async () => {
    const fourth = await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' });
    expect(fourth).toEqual({ userLocked: false, ipBlocked: false });
    expect(await throttle.isUserLocked('u1')).toBe(false);
    clock.advance(1_000);
    const fifth = await throttle.recordFailure({ userId: 'u1', ip: '198.51.100.1' });
    expect(fifth).toEqual({
      userLocked: true,
      lockedUntil: new Date(clock.now() + 60 * MINUTE_MS),
      ipBlocked: false,
    });
    expect(await throttle.isUserLocked('u1')).toBe(true);
    clock.advance(60 * MINUTE_MS - 1);
    expect(await throttle.isUserLocked('u1')).toBe(true);
    clock.advance(1);
    expect(await throttle.isUserLocked('u1')).toBe(false);
    // The count started over with the lock, so one more failure does not lock again.
    expect((await throttle.recordFailure({ userId: 'u1', ip: '198.51.100.1' })).userLocked).toBe(false);
  });

  it('forgets failures once the user window passes', async () => {
    await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' });
    clock.advance(60 * MINUTE_MS);
    expect((await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' })).userLocked).toBe(false);
    expect(await throttle.isUserLocked('u1')).toBe(false);
  });

  it('does not stretch a lock when failures keep coming', async () => {
    const first = await fail(throttle, 5, { userId: 'u1', ip: '198.51.100.1' });
    clock.advance(30 * MINUTE_MS);
    const again = await fail(throttle, 5, { userId: 'u1', ip: '198.51.100.1' });
    expect(again.lockedUntil).toEqual(first.lockedUntil);
    clock.advance(30 * MINUTE_MS);
    expect(await throttle.isUserLocked('u1')).toBe(false);
  });

  it('resets the user counter on success', async () => {
    await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' });
    await throttle.recordSuccess('u1');
    expect((await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' })).userLocked).toBe(false);
    expect((await throttle.recordFailure({ userId: 'u1', ip: '198.51.100.1' })).userLocked).toBe(true);
  });

  it('clearUser lifts a lock and its count', async () => {
    await fail(throttle, 5, { userId: 'u1', ip: '198.51.100.1' });
    await throttle.clearUser('u1');
    expect(await throttle.isUserLocked('u1')).toBe(false);
    expect((await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' })).userLocked).toBe(false);
  });

  it('blocks an IP and its /24 at 50 failures, for 10 minutes', async () => {
    expect((await fail(throttle, 49, { userId: 'u1', ip: '203.0.113.7' })).ipBlocked).toBe(false);
    expect(await blockedError(throttle, '203.0.113.7')).toBeNull();
    clock.advance(1_000);
    expect((await throttle.recordFailure({ ip: '203.0.113.7' })).ipBlocked).toBe(true);

    const error = await blockedError(throttle, '203.0.113.7');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'TooManyRequests',
      status: 429,
      message: 'Too many failed login attempts from this network. Try again later.',
      headers: { 'Retry-After': '600' },
    });
    expect(await blockedError(throttle, '203.0.113.200')).toBeInstanceOf(AppError);
    expect(await blockedError(throttle, '::ffff:203.0.113.9')).toBeInstanceOf(AppError);
    expect(await blockedError(throttle, '203.0.114.7')).toBeNull();

    clock.advance(4 * MINUTE_MS);
    expect(await blockedError(throttle, '203.0.113.7')).toMatchObject({ headers: { 'Retry-After': '360' } });
    clock.advance(6 * MINUTE_MS);
    expect(await blockedError(throttle, '203.0.113.7')).toBeNull();
    expect(await blockedError(throttle, '203.0.113.200')).toBeNull();
  });

  it('blocks only the address for IPv6', async () => {
    await fail(throttle, 50, { ip: '2001:db8::1' });
    expect(await blockedError(throttle, '2001:DB8::1')).toBeInstanceOf(AppError);
    expect(await blockedError(throttle, '2001:db8::2')).toBeNull();
  });

  it('counts failures across a /24 toward its block', async () => {
    for (let i = 0; i < 50; i += 1) await throttle.recordFailure({ ip: `192.0.2.${i + 1}` });
    expect(await blockedError(throttle, '192.0.2.250')).toBeInstanceOf(AppError);
  });

  it('counts unknown-user failures toward the IP throttle only', async () => {
    const outcome = await throttle.recordFailure({ ip: '198.51.100.1' });
    expect(outcome).toEqual({ userLocked: false, ipBlocked: false });
    expect(await kv.get(ipCounterKey('198.51.100.1'))).toBe('1');
    expect(await kv.get(ipCounterKey('198.51.100.0/24'))).toBe('1');
    expect(await kv.ttl(ipCounterKey('198.51.100.1'))).toBe(10 * MINUTE_MS);
    await fail(throttle, 4, { userId: 'u1', ip: '198.51.100.1' });
    expect(await kv.get(userFailureKey('u1'))).toBe('4');
  });

  it('rejects bad options at creation', () => {
    const bad: Partial<LoginThrottleOptions>[] = [
      { userThreshold: 0 },
      { userThreshold: 2.5 },
      { ipThreshold: -1 },
      { userWindowMinutes: 0 },
      { ipBlockMinutes: Number.NaN },
    ];
    for (const options of bad) {
      expect(() => createLoginThrottle({ kv, clock, ...options })).toThrow(AppError);
    }
  });
});

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('login throttle on Redis', () => {
  // Short real durations (fractions of a minute) so expiry is observed without a manual clock.
  const seconds = (value: number) => value / 60;
  const runPrefix = `test:lockout:${randomUUID()}:`;
  const clock: Clock = createSystemClock();
  const users: string[] = [];
  const ips: string[] = [];
  let kv: KeyValueStore;
  let throttle: LoginThrottle;

  beforeAll(() => {
    kv = createRedisKeyValueStore({ url: redisUrl as string, keyPrefix: runPrefix });
    throttle = createLoginThrottle({
      kv,
      clock,
      userLockMinutes: seconds(2),
      ipBlockMinutes: seconds(2),
    });
  });
  const user = () => {
    const id = randomUUID();
    users.push(id);
    return id;
  };
  const ip = (address: string) => {
    ips.push(address);
    return address;
  };
  // Polls instead of sleeping a fixed time, so a slow machine only makes the test slower.
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  afterAll(async () => {
    const keys = [
      ...users.flatMap((id) => [userFailureKey(id), userLockKey(id)]),
      ...ips.flatMap(ipThrottleTargets).flatMap((target) => [ipCounterKey(target), ipBlockKey(target)]),
    ];
    await Promise.all(keys.map((key) => kv.delete(key)));
    await kv.close();
  });

  it('locks a user at the fifth failure and lifts the lock after its duration', async () => {
    const id = user();
    const from = ip('198.51.100.10');
    expect((await fail(throttle, 4, { userId: id, ip: from })).userLocked).toBe(false);
    const fifth = await throttle.recordFailure({ userId: id, ip: from });
    expect(fifth.userLocked).toBe(true);
    expect(fifth.lockedUntil).toBeInstanceOf(Date);
    expect(await throttle.isUserLocked(id)).toBe(true);
    await eventually(async () => !(await throttle.isUserLocked(id)), 'the lock lifted');
  });

  it('blocks an IP and its /24 neighbours at 50 failures until the block ends', async () => {
    const from = ip('203.0.113.77');
    ip('203.0.113.78');
    expect((await fail(throttle, 50, { ip: from })).ipBlocked).toBe(true);
    expect(await blockedError(throttle, from)).toMatchObject({ code: 'TooManyRequests' });
    expect(await blockedError(throttle, '203.0.113.78')).toBeInstanceOf(AppError);
    await eventually(async () => (await blockedError(throttle, from)) === null, 'the block lifted');
    expect(await blockedError(throttle, '203.0.113.78')).toBeNull();
  });

  it('resets the user counter on success and counts unknown users for the IP only', async () => {
    const id = user();
    const from = ip('192.0.2.10');
    await fail(throttle, 4, { userId: id, ip: from });
    await throttle.recordSuccess(id);
    expect(await kv.get(userFailureKey(id))).toBeNull();
    await throttle.recordFailure({ ip: from });
    expect(await kv.get(ipCounterKey(from))).toBe('5');
    expect((await fail(throttle, 4, { userId: id, ip: from })).userLocked).toBe(false);
  });
});
