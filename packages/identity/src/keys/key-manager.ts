import type { KeyObject } from 'node:crypto';
import { AppError, type Clock } from '@starter/contracts';
import { generateSigningKey } from './generate-signing-key.js';
import { type ImportedKey, importSigningKey } from './imported-key.js';
import { jwksEtag, keysetFingerprint } from './keyset-fingerprint.js';
import type { Keyset, PublicJwk, SigningKeyRecord } from './keyset-schema.js';
import type { KeysetStore } from './keyset-store.js';
import { rotatedKeyset } from './rotate-keyset.js';

export interface KeyManagerOptions {
  store: KeysetStore;
  clock: Clock;
  /**
   * How long a loaded keyset is reused before the store is read again (default 1000 ms). The spec
   * re-reads per request; a one-second cache keeps signing and verification off the disk on the hot
   * path while a rotation done by another process (the operator CLI) is still picked up within it.
   */
  cacheMs?: number;
  /** Salt mixed into the JWKS ETag (AUTH_JWKS_ETAG_SALT). */
  etagSalt?: string;
}

/** The key that signs new tokens. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The published key set plus the HTTP caching validators for `/.well-known/jwks.json`. */
export interface Jwks {
  keys: PublicJwk[];
  /** Quoted ETag: sha256 of `<etagSalt>:<fingerprint>`. */
  etag: string;
  /** Creation time of the newest published key. */
  lastModified: Date;
  fingerprint: string;
}

/** Signing keys with active/next semantics: sign and verify with active only, publish both. */
export interface KeyManager {
  /** Loads the keyset, generating active + next on first start (and a next key when one is missing). */
  ensureKeyset(): Promise<Keyset>;
  /** The active key; throws 503 when no keyset exists or the active key is outside its validity window. */
  getSigningKey(): Promise<SigningKey>;
  /** The public key for `kid` when it is the ACTIVE key; null for the next key and for unknown kids. */
  getVerificationKey(kid: string): Promise<KeyObject | null>;
  /** The JWKS document (active, then next) with its ETag, Last-Modified and fingerprint. */
  jwks(): Promise<Jwks>;
  /** Rotates: next becomes active, a fresh next is generated, the keyset is saved atomically. */
  rotate(): Promise<Keyset>;
}

interface Loaded {
  keyset: Keyset;
  loadedAt: number;
  jwks?: Jwks;
}

/** Creates a key manager over a keyset store. */
export function createKeyManager(options: KeyManagerOptions): KeyManager {
  const { store, clock } = options;
  const cacheMs = options.cacheMs ?? 1000;
  const etagSalt = options.etagSalt ?? '';
  if (!Number.isFinite(cacheMs) || cacheMs < 0) throw new RangeError('cacheMs must be a finite number >= 0');

  let loaded: Loaded | undefined;
  let inflight: Promise<Loaded> | undefined;
  // Bumped whenever this process writes the keyset, so a slower read started earlier cannot win.
  let generation = 0;
  const imported = new Map<string, { pem: string; key: ImportedKey }>();

  function remember(keyset: Keyset): Loaded {
    loaded = { keyset, loadedAt: clock.now() };
    const live = new Set([keyset.active.kid, keyset.next?.kid]);
    for (const kid of imported.keys()) if (!live.has(kid)) imported.delete(kid);
    return loaded;
  }

  function isFresh(entry: Loaded): boolean {
    const age = clock.now() - entry.loadedAt;
    return age >= 0 && age < cacheMs;
  }

  async function current(): Promise<Loaded> {
    if (loaded !== undefined && isFresh(loaded)) return loaded;
    if (inflight !== undefined) return inflight;
    const started = generation;
    inflight = (async () => {
      try {
        const keyset = await store.load();
        if (keyset === null) {
          throw new AppError('ServiceUnavailable', 'Signing keys are not configured.');
        }
        if (started !== generation && loaded !== undefined) return loaded;
        return remember(keyset);
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  function importKey(record: SigningKeyRecord): ImportedKey {
    const cached = imported.get(record.kid);
    // Compared by PEM too: a kid reused for different material must not hit a stale key object.
    if (cached !== undefined && cached.pem === record.private_key) return cached.key;
    const key = importSigningKey(record);
    imported.set(record.kid, { pem: record.private_key, key });
    return key;
  }

  function withinValidity(record: SigningKeyRecord): boolean {
    const now = clock.now();
    if (Date.parse(record.not_before) > now) return false;
    return record.not_after === null || Date.parse(record.not_after) > now;
  }

  function buildJwks(keyset: Keyset): Jwks {
    const records = keyset.next === null ? [keyset.active] : [keyset.active, keyset.next];
    const fingerprint = keysetFingerprint(records);
    const newest = Math.max(...records.map((record) => Date.parse(record.created_at)));
    return {
      keys: records.map((record) => ({ ...record.public_jwk })),
      etag: jwksEtag(etagSalt, fingerprint),
      lastModified: new Date(newest),
      fingerprint,
    };
  }

  async function save(keyset: Keyset): Promise<Keyset> {
    generation += 1;
    await store.save(keyset);
    // Re-read so that when two processes initialise at once, both adopt whichever write landed last.
    const stored = (await store.load()) ?? keyset;
    remember(stored);
    return stored;
  }

  return {
    async ensureKeyset() {
      const existing = await store.load();
      if (existing === null) return save(rotatedKeyset(null, clock));
      if (existing.next === null) return save({ ...existing, next: generateSigningKey(clock) });
      remember(existing);
      return existing;
    },

    async getSigningKey() {
      const { keyset } = await current();
      if (!withinValidity(keyset.active)) {
        throw new AppError('ServiceUnavailable', 'No valid signing key is available.');
      }
      const key = importKey(keyset.active);
      return { kid: key.kid, privateKey: key.privateKey };
    },

    async getVerificationKey(kid) {
      const { keyset } = await current();
      if (kid !== keyset.active.kid || !withinValidity(keyset.active)) return null;
      return importKey(keyset.active).publicKey;
    },

    async jwks() {
      const entry = await current();
      entry.jwks ??= buildJwks(entry.keyset);
      // A copy, so a caller editing the document cannot change what later requests are served.
      return { ...entry.jwks, keys: entry.jwks.keys.map((key) => ({ ...key })) };
    },

    async rotate() {
      return save(rotatedKeyset(await store.load(), clock));
    },
  };
}
