export type { ConcurrencyLimit, ConcurrencyOptions, ConcurrencySlot } from './concurrency-limit.js';
export type { Quota, QuotaDecision, QuotaOptions } from './fixed-window-quota.js';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
