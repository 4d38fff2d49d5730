import type { KeyValueStore, Logger } from '@starter/contracts';
import type { StoreFailureReporter } from './store-failure-reporter.js';

/** What quotas and concurrency limits share with the limiter that created them. */
export interface RateLimitContext {
  readonly kv: KeyValueStore;
  readonly prefix: string;
  readonly logger: Logger | undefined;
  readonly onHit: ((quota: string, scope: string) => void) | undefined;
  readonly reportStoreError: StoreFailureReporter;
}

/** Counts and logs one blocked request; the key parts stay out of the log since they may hold an email. */
export function reportBlock(
  context: RateLimitContext,
  fields: {
    quota: string;
    scope: string;
    kind: 'quota' | 'concurrency';
    limit: number;
    retryAfterSeconds: number;
  },
): void {
  context.onHit?.(fields.quota, fields.scope);
  context.logger?.warn(
    {
      event: 'rate_limit.block',
      quota: fields.quota,
      scope: fields.scope,
      kind: fields.kind,
      limit: fields.limit,
      retry_after_seconds: fields.retryAfterSeconds,
    },
    'Rate limit exceeded',
  );
}
