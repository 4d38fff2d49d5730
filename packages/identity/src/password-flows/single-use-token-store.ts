import type { KeyValueStore } from '@starter/contracts';
import {
  createOneTimeToken,
  hashOneTimeSecret,
  parseOneTimeToken,
  verifyOneTimeSecret,
} from '../crypto/one-time-token.js';

/** What a single-use token stands for. `email` pins a verification token to the address it was sent to. */
export interface SingleUseTokenSubject {
  userId: string;
  email: string;
}

/** A token found valid but not yet consumed: `consume` makes it used, false when another caller won. */
export interface PendingSingleUseToken extends SingleUseTokenSubject {
  consume(): Promise<boolean>;
}

/** Single-use `<id>.<secret>` tokens kept in the KV store under `<prefix><id>` (spec §7.5, §9.2). */
export interface SingleUseTokenStore {
  /** Mints a token for the subject; only the peppered hash of its secret is stored. Returns the token. */
  issue(subject: SingleUseTokenSubject, ttlMs: number): Promise<string>;
  /** Checks a presented token without consuming it; null when malformed, unknown, expired or wrong. */
  inspect(token: string): Promise<PendingSingleUseToken | null>;
}

interface StoredToken {
  hash: string;
  user_id: string;
  email: string;
}

function parseStored(raw: string): StoredToken | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredToken>;
    if (
      typeof value.hash === 'string' &&
      typeof value.user_id === 'string' &&
      typeof value.email === 'string'
    ) {
      return { hash: value.hash, user_id: value.user_id, email: value.email };
    }
  } catch {
    // A corrupt entry reads as an unknown token.
  }
  return null;
}

/** Creates a token store for one purpose, e.g. prefix `auth:pwdreset:`. */
export function createSingleUseTokenStore(
  kv: KeyValueStore,
  prefix: string,
  pepper: string,
): SingleUseTokenStore {
  if (pepper.length === 0) throw new Error('Single-use token pepper must not be empty.');
  return {
    async issue(subject, ttlMs) {
      const minted = createOneTimeToken();
      const stored: StoredToken = {
        hash: hashOneTimeSecret(pepper, minted.secret),
        user_id: subject.userId,
        email: subject.email,
      };
      await kv.set(`${prefix}${minted.id}`, JSON.stringify(stored), { ttlMs });
      return minted.token;
    },

    async inspect(token) {
      const parsed = parseOneTimeToken(token.trim());
      if (parsed === null) return null;
      const key = `${prefix}${parsed.id}`;
      const raw = await kv.get(key);
      const stored = raw === null ? null : parseStored(raw);
      if (stored === null || !verifyOneTimeSecret(pepper, parsed.secret, stored.hash)) return null;
      return {
        userId: stored.user_id,
        email: stored.email,
        // `take` reads and deletes in one step, so of two concurrent uses exactly one gets the value.
        consume: async () => (await kv.take(key)) === raw,
      };
    },
  };
}
