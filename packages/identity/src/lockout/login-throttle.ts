import { AppError, type Clock, type KeyValueStore, type Logger } from '@starter/contracts';
import { maskIp } from '../sessions/mask-ip.js';
import { ipBlockKey, ipCounterKey, ipThrottleTargets, userFailureKey, userLockKey } from './lockout-keys.js';

export interface LoginThrottleOptions {
  kv: KeyValueStore;
  /** Stamps `lockedUntil`; pass the clock the store runs on. */
  clock: Clock;
  /** Failures that lock a user (`AUTH_LOCKOUT_THRESHOLD`); 5 by default. */
  userThreshold?: number;
  /** Window the user's failures are counted in (`AUTH_LOCKOUT_WINDOW_MINUTES`); 60 by default. */
  userWindowMinutes?: number;
  /** How long a lock lasts (`AUTH_LOCKOUT_DURATION_MINUTES`); 60 by default. */
  userLockMinutes?: number;
  /** Failures that block an IP or /24 (`AUTH_IP_LOCKOUT_THRESHOLD`); 50 by default. */
  ipThreshold?: number;
  /** Window an IP's failures are counted in; 10 by default. */
  ipWindowMinutes?: number;
  /** How long an IP block lasts; 10 by default. */
  ipBlockMinutes?: number;
  logger?: Logger;
}

/** What one failed login led to. */
export interface LoginFailureOutcome {
  /** True when this failure reached the threshold and the user is now locked. */
  userLocked: boolean;
  /** End of the lock, for the user's `locked_until`; only when `userLocked`. */
  lockedUntil?: Date;
  /** True when the IP or its /24 reached the threshold with this failure and is now blocked. */
  ipBlocked: boolean;
}

/** Per-user lockout and per-IP throttle of logins (spec §7.5). */
export interface LoginThrottle {
  /** Throws a 429 with `Retry-After` while the IP or (IPv4) its /24 is blocked. */
  checkIp(ip: string): Promise<void>;
  /** Counts a failed login; an unknown email (no `userId`) counts toward the IP throttle only. */
  recordFailure(failure: { userId?: string; ip: string }): Promise<LoginFailureOutcome>;
  /** True while the user's lock flag is set. */
  isUserLocked(userId: string): Promise<boolean>;
  /** Resets the user's failure counter after a successful login. */
  recordSuccess(userId: string): Promise<void>;
  /** Clears the user's counter and lock, after a password change or reset. */
  clearUser(userId: string): Promise<void>;
}

const MINUTE_MS = 60_000;

function positive(value: number, name: string, integer: boolean): number {
  const valid = integer ? Number.isSafeInteger(value) : Number.isFinite(value);
  if (!valid || value <= 0) {
    throw new AppError('InternalServerError', `Invalid login throttle: ${name} must be a positive number.`);
  }
  return value;
}

/** Creates the login throttle; counters are fixed windows that start at a target's first failure. */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const { kv, clock, logger } = options;
  if (typeof kv?.increment !== 'function' || typeof clock?.now !== 'function') {
    throw new AppError('InternalServerError', 'Invalid login throttle: kv and clock are required.');
  }
  const userThreshold = positive(options.userThreshold ?? 5, 'userThreshold', true);
  const userWindowMs = positive(options.userWindowMinutes ?? 60, 'userWindowMinutes', false) * MINUTE_MS;
  const userLockMs = positive(options.userLockMinutes ?? 60, 'userLockMinutes', false) * MINUTE_MS;
  const ipThreshold = positive(options.ipThreshold ?? 50, 'ipThreshold', true);
  const ipWindowMs = positive(options.ipWindowMinutes ?? 10, 'ipWindowMinutes', false) * MINUTE_MS;
  const ipBlockMs = positive(options.ipBlockMinutes ?? 10, 'ipBlockMinutes', false) * MINUTE_MS;

  const lockUser = async (userId: string): Promise<Date> => {
    const lockKey = userLockKey(userId);
    const lockedUntil = clock.now() + userLockMs;
    // A fresh count after the lock, or one failure would re-lock when the window outlives the lock.
    await kv.delete(userFailureKey(userId));
    // `ifAbsent`: failures recorded during a lock must not stretch it.
    if (!(await kv.set(lockKey, String(lockedUntil), { ttlMs: userLockMs, ifAbsent: true }))) {
      const existing = Number(await kv.get(lockKey));
      if (existing > clock.now()) return new Date(existing);
      await kv.set(lockKey, String(lockedUntil), { ttlMs: userLockMs });
    }
    logger?.warn(
      { event: 'auth.lockout', user_id: userId, locked_until: new Date(lockedUntil).toISOString() },
      'User locked after repeated login failures',
    );
    return new Date(lockedUntil);
  };

  const countIpFailure = async (target: string): Promise<boolean> => {
    const { value } = await kv.increment(ipCounterKey(target), { ttlMs: ipWindowMs });
    if (value < ipThreshold) return false;
    const set = await kv.set(ipBlockKey(target), '1', { ttlMs: ipBlockMs, ifAbsent: true });
    await kv.delete(ipCounterKey(target));
    if (set) {
      // Full client IPs stay out of logs: a single address is logged as its masked /24 form.
      const network = target.includes('/') ? target : (maskIp(target) ?? 'unknown');
      logger?.warn({ event: 'auth.ip_lockout', network, block_minutes: ipBlockMs / MINUTE_MS }, 'IP blocked');
    }
    return true;
  };

  return {
    async checkIp(ip) {
      const ttls = await Promise.all(ipThrottleTargets(ip).map((target) => kv.ttl(ipBlockKey(target))));
      const blockedMs = Math.max(0, ...ttls.map((ttl) => (ttl === null ? 0 : ttl < 0 ? ipBlockMs : ttl)));
      if (blockedMs === 0) return;
      throw new AppError(
        'TooManyRequests',
        'Too many failed login attempts from this network. Try again later.',
        {
          headers: { 'Retry-After': String(Math.max(1, Math.ceil(blockedMs / 1000))) },
        },
      );
    },

    async recordFailure({ userId, ip }) {
      const ipResults = await Promise.all(ipThrottleTargets(ip).map(countIpFailure));
      const ipBlocked = ipResults.some(Boolean);
      if (userId === undefined) return { userLocked: false, ipBlocked };
      const { value } = await kv.increment(userFailureKey(userId), { ttlMs: userWindowMs });
      if (value < userThreshold) return { userLocked: false, ipBlocked };
      return { userLocked: true, lockedUntil: await lockUser(userId), ipBlocked };
    },

    async isUserLocked(userId) {
      const until = await kv.get(userLockKey(userId));
      // The stored end guards against a store whose clock runs behind ours.
      return until !== null && Number(until) > clock.now();
    },

    async recordSuccess(userId) {
      await kv.delete(userFailureKey(userId));
    },

    async clearUser(userId) {
      await Promise.all([kv.delete(userFailureKey(userId)), kv.delete(userLockKey(userId))]);
    },
  };
}
