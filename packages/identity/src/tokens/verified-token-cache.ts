import type { Clock } from '@starter/contracts';
import type { KeyManager } from '../keys/key-manager.js';

/** What a cached verification remembers: the parsed claims, their expiry and the key that signed them. */
interface CachedVerification<C> {
  claims: C;
  expiresAtMs: number;
  kid: string;
}

export interface VerifiedTokenCacheOptions {
  keys: KeyManager;
  clock: Clock;
  /** Entries kept; the oldest is dropped past this (default 10 000). 0 turns the cache off. */
  maxEntries?: number;
  clockToleranceSeconds?: number;
}

/** Remembers access tokens that passed full verification, until they expire or their key stops being active. */
export interface VerifiedTokenCache<C> {
  get(token: string): Promise<C | undefined>;
  set(token: string, claims: C, exp: number, kid: string): void;
}

/**
 * An Ed25519 verification is the most expensive step of an authenticated request (~50–250 µs), and a
 * client sends the same access token many times. Only tokens that passed every check are kept, keyed by
 * the exact token string (a tampered token is another string), and a hit is honoured only while the
 * token is unexpired and its kid is still the active key, so a rotation takes effect at once.
 */
export function createVerifiedTokenCache<C>(options: VerifiedTokenCacheOptions): VerifiedTokenCache<C> {
  const { keys, clock } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  const toleranceMs = (options.clockToleranceSeconds ?? 0) * 1000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
    throw new TypeError('createVerifiedTokenCache: maxEntries must be a non-negative integer');
  }
  const entries = new Map<string, CachedVerification<C>>();

  return {
    async get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (
        clock.now() >= entry.expiresAtMs + toleranceMs ||
        (await keys.getVerificationKey(entry.kid)) === null
      ) {
        entries.delete(token);
        return undefined;
      }
      return entry.claims;
    },
    set(token, claims, exp, kid) {
      if (maxEntries === 0) return;
      if (entries.size >= maxEntries) {
        // Map iteration is insertion order: the first key is the oldest entry.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(token, { claims: Object.freeze(claims), expiresAtMs: exp * 1000, kid });
    },
  };
}
