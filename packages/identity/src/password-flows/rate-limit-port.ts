/** Options of one fixed-window quota (spec §7.10). */
export interface FlowQuotaOptions {
  limit: number;
  windowSeconds: number;
  /** Metric label: `user`, `ip`, `email`. */
  scope?: string;
}

/** A quota that throws a 429 with `Retry-After` once its window is used up. */
export interface FlowQuota {
  enforce(parts: readonly string[]): Promise<unknown>;
}

/**
 * The part of `@starter/providers`' rate limiter these flows use, declared structurally so the published
 * package needs no runtime dependency on providers.
 */
export interface FlowRateLimiter {
  quota(name: string, options: FlowQuotaOptions): FlowQuota;
}

const HOUR_SECONDS = 3600;

/** An hourly quota keyed by one value; a missing value (e.g. no client IP) is not counted. */
export function hourlyQuota(
  limiter: FlowRateLimiter,
  name: string,
  limit: number,
  scope: string,
): (part: string | null) => Promise<void> {
  const quota = limiter.quota(name, { limit, windowSeconds: HOUR_SECONDS, scope });
  return async (part) => {
    if (part !== null && part !== '') await quota.enforce([part]);
  };
}
