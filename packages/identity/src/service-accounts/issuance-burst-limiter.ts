import { AppError, type Clock } from '@starter/contracts';

/** Burst limits of service-account issuance (spec §7.7). */
export interface BurstLimits {
  perAccount: number;
  global: number;
  windowSeconds: number;
}

/** The spec's limits: 5 per account and 30 overall per 60 s. */
export const DEFAULT_BURST_LIMITS: Readonly<BurstLimits> = Object.freeze({
  perAccount: 5,
  global: 30,
  windowSeconds: 60,
});

/** An in-process sliding-window limiter; `take` throws 429 with `Retry-After` when a limit is reached. */
export interface IssuanceBurstLimiter {
  take(account: string): void;
}

/**
 * Creates the limiter. It is deliberately in process (as the spec says): it bounds how fast one instance
 * can mint long-lived credentials, not a fleet-wide quota.
 */
export function createIssuanceBurstLimiter(
  clock: Clock,
  limits: BurstLimits = DEFAULT_BURST_LIMITS,
): IssuanceBurstLimiter {
  const windowMs = limits.windowSeconds * 1000;
  const perAccount = new Map<string, number[]>();
  let global: number[] = [];

  const recent = (hits: readonly number[], now: number) => hits.filter((at) => at > now - windowMs);
  const refuse = (hits: readonly number[], now: number, message: string): never => {
    const oldest = hits[0] ?? now;
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw new AppError('TooManyRequests', message, { headers: { 'Retry-After': String(retryAfter) } });
  };

  return {
    take(account) {
      const now = clock.now();
      global = recent(global, now);
      const mine = recent(perAccount.get(account) ?? [], now);
      if (mine.length >= limits.perAccount)
        refuse(mine, now, 'Too many token issuances for this service account.');
      if (global.length >= limits.global) refuse(global, now, 'Too many service-account token issuances.');
      mine.push(now);
      global.push(now);
      perAccount.set(account, mine);
      // Forget idle accounts so the map cannot grow without bound.
      for (const [name, hits] of perAccount) if (recent(hits, now).length === 0) perAccount.delete(name);
    },
  };
}
