import type { ConcurrencySlot, RateLimiter } from '@starter/providers';

/** The chat quotas of spec §7.10, keyed by tenant and user. */
export interface ChatLimits {
  /** `chat_per_minute` (POST /chat): throws 429 with Retry-After when over. */
  enforceChat(tenantId: string, userId: string): Promise<void>;
  /** `chat_stream_per_minute`, then a `chat_stream_concurrency` slot the caller releases when the run ends. */
  acquireStream(tenantId: string, userId: string): Promise<ConcurrencySlot>;
}

/** Lease TTL and refresh of §7.10: 300 s, refreshed every 150 s while the run lives. */
export const STREAM_LEASE_TTL_SECONDS = 300;
export const STREAM_LEASE_REFRESH_MS = 150_000;

/** Creates the chat quotas on the app's rate limiter (validated now, not per request). */
export function createChatLimits(
  rateLimiter: RateLimiter,
  settings: { perMinute: number; streamPerMinute: number; streamConcurrency: number },
): ChatLimits {
  const chat = rateLimiter.quota('chat_per_minute', {
    limit: settings.perMinute,
    windowSeconds: 60,
    scope: 'user',
  });
  const stream = rateLimiter.quota('chat_stream_per_minute', {
    limit: settings.streamPerMinute,
    windowSeconds: 60,
    scope: 'user',
  });
  const concurrency = rateLimiter.concurrency('chat_stream_concurrency', {
    limit: settings.streamConcurrency,
    ttlSeconds: STREAM_LEASE_TTL_SECONDS,
    scope: 'user',
  });
  return {
    async enforceChat(tenantId, userId) {
      await chat.enforce([tenantId, userId]);
    },
    async acquireStream(tenantId, userId) {
      await stream.enforce([tenantId, userId]);
      return concurrency.acquire([tenantId, userId]);
    },
  };
}
