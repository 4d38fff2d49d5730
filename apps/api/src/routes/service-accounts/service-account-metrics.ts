import { Counter, Histogram, type Registry } from 'prom-client';

/** Where an issuance came from: a vault-signed request, the dev-demo bearer, or the browser route. */
export type IssuanceSource = 'vault' | 'dev' | 'browser';
/** How it ended: a new token, the existing one returned, or refused / failed. */
export type IssuanceResult = 'issued' | 'reused' | 'error';

/** The service-account series of spec §10.2. */
export interface ServiceAccountMetrics {
  readonly issuanceTotal: Counter<'source' | 'result'>;
  readonly issuanceLatencySeconds: Histogram<'source'>;
  readonly nonceCacheHitsTotal: Counter;
  readonly nonceCacheMissesTotal: Counter;
}

// Issuance signs a JWT and writes one row in a transaction: milliseconds, rarely a second.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The series on the app's registry. They are looked up first because one registry may serve several
 * apps (tests build many apps over one set of dependencies), and prom-client refuses a second
 * registration of a name.
 */
export function serviceAccountMetrics(registry: Registry): ServiceAccountMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    issuanceTotal:
      existing<Counter<'source' | 'result'>>('service_account_issuance_total') ??
      new Counter({
        name: 'service_account_issuance_total',
        help: 'Service-account token issuances, by source and result.',
        labelNames: ['source', 'result'],
        registers: [registry],
      }),
    issuanceLatencySeconds:
      existing<Histogram<'source'>>('service_account_issuance_latency_seconds') ??
      new Histogram({
        name: 'service_account_issuance_latency_seconds',
        help: 'Time to issue (or return) a service-account token, by source.',
        labelNames: ['source'],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
    nonceCacheHitsTotal:
      existing<Counter>('nonce_cache_hits_total') ??
      new Counter({
        name: 'nonce_cache_hits_total',
        help: 'Vault issuance nonces already seen (replays refused).',
        registers: [registry],
      }),
    nonceCacheMissesTotal:
      existing<Counter>('nonce_cache_misses_total') ??
      new Counter({
        name: 'nonce_cache_misses_total',
        help: 'Vault issuance nonces seen for the first time.',
        registers: [registry],
      }),
  };
}
