import { AppError } from '@starter/contracts';
import { assertPositiveInteger, assertRateLimitParts, assertRateLimitScope } from './rate-limit-arguments.js';
import { type RateLimitContext, reportBlock } from './rate-limit-context.js';
import { rateLimitKey } from './rate-limit-key.js';

export interface QuotaOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in whole seconds; the window starts at its first hit and never slides. */
  windowSeconds: number;
  /** Metric label of `rate_limit_hits_total`, e.g. `user`, `ip` or `tenant`; `default` when omitted. */
  scope?: string;
}

/** The outcome of one hit on a quota. */
export interface QuotaDecision {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** Whole seconds until the window resets when blocked; 0 when allowed. */
  retryAfterSeconds: number;
  limit: number;
}

/** A fixed-window request quota (spec §7.10). */
export interface Quota {
  readonly name: string;
  readonly scope: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /**
   * Counts a request and says whether it is allowed, without reporting a block; allowed when the
   * store is unavailable (fail open).
   */
  hit(parts: readonly string[]): Promise<QuotaDecision>;
  /** Counts a request and throws a 429 with `Retry-After` when over the limit, reporting the block. */
  enforce(parts: readonly string[]): Promise<QuotaDecision>;
}

/** Creates a quota counting with `INCR` + expiry on the first hit, so concurrent hits never over-admit. */
export function createFixedWindowQuota(
  context: RateLimitContext,
  name: string,
  options: QuotaOptions,
): Quota {
  const { limit, windowSeconds, scope = 'default' } = options;
  assertPositiveInteger(limit, 'limit');
  assertPositiveInteger(windowSeconds, 'windowSeconds');
  assertRateLimitScope(scope);
  const windowMs = windowSeconds * 1000;

  const hit = async (parts: readonly string[]): Promise<QuotaDecision> => {
    assertRateLimitParts(parts);
    let counted: { value: number; ttlMs: number };
    try {
      counted = await context.kv.increment(rateLimitKey(context.prefix, 'quota', name, parts), {
        ttlMs: windowMs,
      });
    } catch (error) {
      context.reportStoreError(error, name, 'quota.hit');
      return { allowed: true, remaining: limit, retryAfterSeconds: 0, limit };
    }
    const allowed = counted.value <= limit;
    // -1 (no expiry) cannot follow an increment with a TTL; the full window is the safe reading anyway.
    const ttlMs = counted.ttlMs < 0 ? windowMs : counted.ttlMs;
    return {
      allowed,
      remaining: Math.max(0, limit - counted.value),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttlMs / 1000)),
      limit,
    };
  };

  return {
    name,
    scope,
    limit,
    windowSeconds,
    hit,
    async enforce(parts) {
      const decision = await hit(parts);
      if (decision.allowed) return decision;
      reportBlock(context, {
        quota: name,
        scope,
        kind: 'quota',
        limit,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
      throw new AppError('TooManyRequests', 'Rate limit exceeded.', {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        details: { quota: name },
      });
    },
  };
}
