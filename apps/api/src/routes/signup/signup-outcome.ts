import { isAppError } from '@starter/contracts';
import type { AppMetrics } from '../../observability/metrics.js';

/** Why a signup attempt was refused before it could succeed or fail on its merits. */
export type SignupBlockReason = 'quota' | 'honeypot' | 'policy';

/** The signup series the routes count into (spec §10.2). */
export type SignupMetrics = Pick<AppMetrics, 'signupAttemptsTotal' | 'signupBlockedTotal'>;

/** Runs one public signup attempt (register or request access) and counts how it ended. */
export type SignupAttempt = <T>(attempt: () => Promise<T>, silentlyBlocked?: SignupBlockReason) => Promise<T>;

function blockReason(error: unknown): SignupBlockReason | null {
  if (!isAppError(error)) return null;
  // The signup flows throw 429 only from their quotas and 403 only when the access policy refuses.
  if (error.code === 'TooManyRequests') return 'quota';
  if (error.code === 'Forbidden') return 'policy';
  return null;
}

/**
 * Counts attempts under one access policy. `silentlyBlocked` marks an attempt that answers like a
 * success on purpose (a honeypot hit must look accepted to the bot), so only the metric tells it apart.
 */
export function signupAttempts(metrics: SignupMetrics, policy: string): SignupAttempt {
  const blocked = (reason: SignupBlockReason) => {
    metrics.signupAttemptsTotal.labels('blocked', policy).inc();
    metrics.signupBlockedTotal.labels(reason).inc();
  };
  return async (attempt, silentlyBlocked) => {
    try {
      const result = await attempt();
      if (silentlyBlocked === undefined) metrics.signupAttemptsTotal.labels('success', policy).inc();
      else blocked(silentlyBlocked);
      return result;
    } catch (error) {
      const reason = blockReason(error);
      if (reason === null) metrics.signupAttemptsTotal.labels('failure', policy).inc();
      else blocked(reason);
      throw error;
    }
  };
}
