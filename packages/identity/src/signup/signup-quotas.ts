import type { SignupSettings } from './signup-settings.js';

/** The part of a rate-limit quota signup uses (the providers' `Quota` satisfies it). */
export interface EnforceableQuota {
  /** Counts a hit and throws a 429 with `Retry-After` when over the limit. */
  enforce(parts: readonly string[]): Promise<unknown>;
}

/** The part of the providers' `RateLimiter` signup uses. */
export interface QuotaFactory {
  quota(name: string, options: { limit: number; windowSeconds: number; scope?: string }): EnforceableQuota;
}

/** Enforces the four signup quotas of spec §7.10 for one flow. */
export type SignupQuotas = (ip: string | null, email: string) => Promise<void>;

const HOUR = 3600;
const DAY = 86_400;

/** Builds the quotas for `signup` or `signup_request` (validated now, not at the first hit). */
export function createSignupQuotas(
  limiter: QuotaFactory | undefined,
  flow: 'signup' | 'signup_request',
  settings: SignupSettings,
): SignupQuotas {
  if (limiter === undefined) return async () => {};
  const perHour = limiter.quota(`${flow}_per_hour`, {
    limit: settings.ratePerHour,
    windowSeconds: HOUR,
    scope: 'ip',
  });
  const perDay = limiter.quota(`${flow}_per_day`, {
    limit: settings.ratePerIpDay,
    windowSeconds: DAY,
    scope: 'ip',
  });
  const perEmail = limiter.quota(`${flow}_per_email_day`, {
    limit: settings.ratePerEmailDay,
    windowSeconds: DAY,
    scope: 'email',
  });
  const perDomain = limiter.quota(`${flow}_per_domain_day`, {
    limit: settings.ratePerDomainDay,
    windowSeconds: DAY,
    scope: 'domain',
  });
  return async (ip, email) => {
    const normalized = email.trim().toLowerCase();
    const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
    if (ip !== null) {
      await perHour.enforce([ip]);
      await perDay.enforce([ip]);
    }
    await perEmail.enforce([normalized]);
    await perDomain.enforce([domain]);
  };
}
