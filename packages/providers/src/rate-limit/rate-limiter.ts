import type { Clock, KeyValueStore, Logger } from '@starter/contracts';
import { createSystemClock } from '../clock/system-clock.js';
import {
  type ConcurrencyLimit,
  type ConcurrencyOptions,
  createConcurrencyLimit,
} from './concurrency-limit.js';
import { createFixedWindowQuota, type Quota, type QuotaOptions } from './fixed-window-quota.js';
import {
  assertKeyValueStore,
  assertPositiveInteger,
  assertRateLimitName,
  assertRateLimitPrefix,
} from './rate-limit-arguments.js';
import type { RateLimitContext } from './rate-limit-context.js';
import { createStoreFailureReporter } from './store-failure-reporter.js';

export interface RateLimiterOptions {
  kv: KeyValueStore;
  /** First segment of every key (`RATE_LIMIT_KEY_PREFIX`); `rate-limit` by default. */
  prefix?: string;
  logger?: Logger;
  /** Called for each blocked request, e.g. to count `rate_limit_hits_total{quota,scope}`. */
  onHit?: (quota: string, scope: string) => void;
  /** Called for every failed store call; the requests it concerned were allowed. */
  onStoreError?: (error: unknown) => void;
  /** Minimum seconds between two `rate_limit.store_unavailable` warnings; 60 by default. */
  storeWarningIntervalSeconds?: number;
  /** Times the warning throttle; the system clock by default. */
  clock?: Clock;
}

/** Makes quotas and concurrency limits that share one store, key prefix and reporting. */
export interface RateLimiter {
  /** A fixed-window quota, validated now rather than at its first hit. */
  quota(name: string, options: QuotaOptions): Quota;
  /** A concurrency limit on leases, validated now rather than at its first acquisition. */
  concurrency(name: string, options: ConcurrencyOptions): ConcurrencyLimit;
}

/**
 * Creates the rate limiter of spec §7.10. It fails open: when the store throws, requests are allowed,
 * since an unavailable limiter must not take the whole API down with it.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { kv, prefix = 'rate-limit', logger, onHit, onStoreError } = options;
  assertKeyValueStore(kv);
  assertRateLimitPrefix(prefix);
  const warningIntervalSeconds = options.storeWarningIntervalSeconds ?? 60;
  assertPositiveInteger(warningIntervalSeconds, 'storeWarningIntervalSeconds');
  const context: RateLimitContext = {
    kv,
    prefix,
    logger,
    onHit,
    reportStoreError: createStoreFailureReporter({
      clock: options.clock ?? createSystemClock(),
      intervalMs: warningIntervalSeconds * 1000,
      logger,
      onStoreError,
    }),
  };

  return {
    quota(name, quotaOptions) {
      assertRateLimitName(name);
      return createFixedWindowQuota(context, name, quotaOptions);
    },
    concurrency(name, concurrencyOptions) {
      assertRateLimitName(name);
      return createConcurrencyLimit(context, name, concurrencyOptions);
    },
  };
}
