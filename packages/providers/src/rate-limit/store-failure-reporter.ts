import type { Clock, Logger } from '@starter/contracts';

export interface StoreFailureReporterOptions {
  clock: Clock;
  /** Minimum milliseconds between two `rate_limit.store_unavailable` warnings. */
  intervalMs: number;
  logger?: Logger | undefined;
  onStoreError?: ((error: unknown) => void) | undefined;
}

/** Reports a failed store call; `name` is the quota or concurrency limit, `operation` what failed. */
export type StoreFailureReporter = (error: unknown, name: string, operation: string) => void;

/**
 * Reports store failures: `onStoreError` hears every one (so a metric can count them), while the
 * warning is throttled, because during an outage every request fails the same way.
 */
export function createStoreFailureReporter(options: StoreFailureReporterOptions): StoreFailureReporter {
  const { clock, intervalMs, logger, onStoreError } = options;
  let lastWarningAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;

  return (error, name, operation) => {
    onStoreError?.(error);
    const now = clock.now();
    if (now - lastWarningAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger?.warn(
      {
        event: 'rate_limit.store_unavailable',
        quota: name,
        operation,
        error: error instanceof Error ? error.message : String(error),
        suppressed_since_last: suppressed,
      },
      'Rate limit store unavailable; allowing requests',
    );
    lastWarningAt = now;
    suppressed = 0;
  };
}
