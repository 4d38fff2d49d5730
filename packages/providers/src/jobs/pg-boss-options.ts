import type { JobSendOptions } from '@starter/contracts';
import type PgBoss from 'pg-boss';

/** pg-boss refuses polling faster than every 0.5 s. */
export const MIN_POLLING_INTERVAL_SECONDS = 0.5;

/** Maps the port's send options onto pg-boss's (seconds stay seconds; pg-boss wants whole ones). */
export function toPgBossSendOptions(options: JobSendOptions): PgBoss.SendOptions {
  const mapped: PgBoss.SendOptions = {};
  // A number of seconds: pg-boss adds it to the database's now(), so client clock skew does not matter.
  if (options.startAfterSeconds !== undefined && options.startAfterSeconds > 0) {
    mapped.startAfter = options.startAfterSeconds;
  }
  if (options.retryLimit !== undefined) mapped.retryLimit = Math.max(0, Math.floor(options.retryLimit));
  if (options.retryDelaySeconds !== undefined) {
    mapped.retryDelay = Math.max(0, Math.ceil(options.retryDelaySeconds));
  }
  if (options.retryBackoff !== undefined) mapped.retryBackoff = options.retryBackoff;
  if (options.expireInSeconds !== undefined)
    mapped.expireInSeconds = Math.max(1, Math.ceil(options.expireInSeconds));
  return mapped;
}

/** Maps the port's polling interval, clamped to pg-boss's minimum. */
export function toPgBossWorkOptions(pollingIntervalSeconds: number | undefined): PgBoss.WorkOptions & {
  includeMetadata: true;
} {
  return {
    includeMetadata: true,
    batchSize: 1,
    ...(pollingIntervalSeconds === undefined
      ? {}
      : { pollingIntervalSeconds: Math.max(MIN_POLLING_INTERVAL_SECONDS, pollingIntervalSeconds) }),
  };
}
