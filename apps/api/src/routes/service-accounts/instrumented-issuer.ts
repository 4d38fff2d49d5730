import type { IssueServiceAccountToken } from '@starter/identity';
import type { IssuanceSource, ServiceAccountMetrics } from './service-account-metrics.js';

/** Wraps an issuer so every call is counted and timed under its source. */
export function instrumentedIssuer(
  issue: IssueServiceAccountToken,
  metrics: ServiceAccountMetrics,
  source: IssuanceSource,
): IssueServiceAccountToken {
  return async (body) => {
    const stopTimer = metrics.issuanceLatencySeconds.startTimer({ source });
    try {
      const issued = await issue(body);
      metrics.issuanceTotal.labels(source, issued.reused ? 'reused' : 'issued').inc();
      return issued;
    } catch (error) {
      metrics.issuanceTotal.labels(source, 'error').inc();
      throw error;
    } finally {
      stopTimer();
    }
  };
}
