import { AppError, type Lease } from '@starter/contracts';
import { assertPositiveInteger, assertRateLimitParts, assertRateLimitScope } from './rate-limit-arguments.js';
import { type RateLimitContext, reportBlock } from './rate-limit-context.js';
import { rateLimitKey } from './rate-limit-key.js';

export interface ConcurrencyOptions {
  /** Slots that may be held at once. */
  limit: number;
  /** Whole seconds a slot lives without a refresh, so a crashed holder cannot keep it. */
  ttlSeconds: number;
  /** Metric label of `rate_limit_hits_total`, e.g. `user` or `tenant`; `default` when omitted. */
  scope?: string;
  /** `Retry-After` when all slots are taken; the smaller of 5 s and `ttlSeconds` by default. */
  retryAfterSeconds?: number;
}

/** A held slot of a concurrency limit. */
export interface ConcurrencySlot {
  /** False when the store was unavailable at acquisition and nothing is actually held. */
  readonly held: boolean;
  /** Gives the slot back; safe to call twice, never throws. */
  release(): Promise<void>;
  /** Extends the slot by `ttlSeconds`; false when it had already expired and was lost. */
  refresh(): Promise<boolean>;
}

/** A cap on simultaneous work, e.g. open streams per user (spec §7.10 leases). */
export interface ConcurrencyLimit {
  readonly name: string;
  readonly scope: string;
  readonly limit: number;
  readonly ttlSeconds: number;
  /**
   * Takes a slot, or throws a 429 with `Retry-After` when all are held; returns a slot holding nothing
   * when the store is unavailable (fail open).
   */
  acquire(parts: readonly string[]): Promise<ConcurrencySlot>;
}

const UNHELD_SLOT: ConcurrencySlot = {
  held: false,
  release: async () => {},
  refresh: async () => true,
};

/** Creates a concurrency limit on the key-value store's leases (`<prefix>:concurrency:<name>:<parts>`). */
export function createConcurrencyLimit(
  context: RateLimitContext,
  name: string,
  options: ConcurrencyOptions,
): ConcurrencyLimit {
  const { limit, ttlSeconds, scope = 'default' } = options;
  const retryAfterSeconds = options.retryAfterSeconds ?? Math.min(5, ttlSeconds);
  assertPositiveInteger(limit, 'limit');
  assertPositiveInteger(ttlSeconds, 'ttlSeconds');
  assertPositiveInteger(retryAfterSeconds, 'retryAfterSeconds');
  assertRateLimitScope(scope);
  const ttlMs = ttlSeconds * 1000;

  const slotOf = (lease: Lease): ConcurrencySlot => ({
    held: true,
    async release() {
      try {
        await lease.release();
      } catch (error) {
        // The slot expires on its own within ttlSeconds, so a failed release only delays its return.
        context.reportStoreError(error, name, 'concurrency.release');
      }
    },
    async refresh() {
      try {
        return await lease.refresh(ttlMs);
      } catch (error) {
        context.reportStoreError(error, name, 'concurrency.refresh');
        return true;
      }
    },
  });

  return {
    name,
    scope,
    limit,
    ttlSeconds,
    async acquire(parts) {
      assertRateLimitParts(parts);
      let lease: Lease | null;
      try {
        lease = await context.kv.acquireLease(rateLimitKey(context.prefix, 'concurrency', name, parts), {
          ttlMs,
          limit,
        });
      } catch (error) {
        context.reportStoreError(error, name, 'concurrency.acquire');
        return UNHELD_SLOT;
      }
      if (lease !== null) return slotOf(lease);
      reportBlock(context, { quota: name, scope, kind: 'concurrency', limit, retryAfterSeconds });
      throw new AppError('TooManyRequests', 'Too many concurrent requests.', {
        headers: { 'Retry-After': String(retryAfterSeconds) },
        details: { quota: name },
      });
    },
  };
}
