import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Clock } from '@starter/contracts';
import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from './generate-signing-key.js';
import { createKeyManager } from './key-manager.js';
import { jwksEtag, keysetFingerprint } from './keyset-fingerprint.js';
import type { Keyset } from './keyset-schema.js';
import { createMemoryKeysetStore } from './memory-keyset-store.js';
import { rotateKeyset } from './rotate-keyset.js';

function manualClock(start = Date.UTC(2024, 0, 1)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    date: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}

async function setup(cacheMs?: number) {
  const clock = manualClock();
  const store = createMemoryKeysetStore();
  const keys = createKeyManager({
    store,
    clock,
    etagSalt: 'salt',
    ...(cacheMs === undefined ? {} : { cacheMs }),
  });
  const keyset = await keys.ensureKeyset();
  return { clock, store, keys, keyset };
}

describe('createKeyManager', () => {
  it('ensureKeyset generates active + next on first start and is idempotent', async () => {
    const { keys, keyset, store } = await setup();
    expect(keyset.active.kid).toMatch(/^ed25519-[0-9a-f]{12}$/);
    expect(keyset.next?.kid).toMatch(/^ed25519-[0-9a-f]{12}$/);
    expect(keyset.next?.kid).not.toBe(keyset.active.kid);
    expect(await store.load()).toEqual(keyset);
    expect(await keys.ensureKeyset()).toEqual(keyset);
  });

  it('ensureKeyset adds a next key when the stored keyset has none, keeping the active key', async () => {
    const clock = manualClock();
    const active = generateSigningKey(clock);
    const store = createMemoryKeysetStore({ schema_version: 1, active, next: null });
    const keyset = await createKeyManager({ store, clock }).ensureKeyset();
    expect(keyset.active).toEqual(active);
    expect(keyset.next).not.toBeNull();
  });

  it('signs with the active key and verifies with the active key only', async () => {
    const { keys, keyset } = await setup();
    const signing = await keys.getSigningKey();
    expect(signing.kid).toBe(keyset.active.kid);
    const signature = sign(null, Buffer.from('hello'), signing.privateKey);

    const publicKey = await keys.getVerificationKey(keyset.active.kid);
    expect(publicKey).not.toBeNull();
    expect(verify(null, Buffer.from('hello'), publicKey!, signature)).toBe(true);
    expect(await keys.getVerificationKey(keyset.next!.kid)).toBeNull();
    expect(await keys.getVerificationKey('ed25519-000000000000')).toBeNull();
  });

  it('publishes active then next in the JWKS with ETag, Last-Modified and fingerprint', async () => {
    const { keys, keyset, clock } = await setup();
    const jwks = await keys.jwks();
    expect(jwks.keys).toEqual([keyset.active.public_jwk, keyset.next!.public_jwk]);
    for (const jwk of jwks.keys) {
      expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', kid: jwk.kid, x: jwk.x, use: 'sig', alg: 'EdDSA' });
      expect(jwk).not.toHaveProperty('d');
    }
    expect(jwks.fingerprint).toBe(keysetFingerprint([keyset.active, keyset.next!]));
    expect(jwks.etag).toBe(jwksEtag('salt', jwks.fingerprint));
    expect(jwks.lastModified.getTime()).toBe(clock.now());
    // Stable while the keyset is unchanged, also across cache reloads.
    clock.advance(5_000);
    expect((await keys.jwks()).etag).toBe(jwks.etag);
  });

  it('a caller mutating the JWKS result does not change what is served next', async () => {
    const { keys } = await setup();
    const first = await keys.jwks();
    first.keys.pop();
    first.keys[0]!.x = 'tampered';
    const second = await keys.jwks();
    expect(second.keys).toHaveLength(2);
    expect(second.keys[0]!.x).not.toBe('tampered');
  });

  it('rotate promotes next to active, generates a fresh next, and changes the ETag', async () => {
    const { keys, keyset, store, clock } = await setup();
    const before = await keys.jwks();
    clock.advance(60_000);
    const rotated = await keys.rotate();
    expect(rotated.active).toEqual(keyset.next);
    expect(rotated.next?.kid).not.toBe(keyset.active.kid);
    expect(rotated.next?.kid).not.toBe(keyset.next?.kid);
    expect(await store.load()).toEqual(rotated);

    expect((await keys.getSigningKey()).kid).toBe(keyset.next!.kid);
    expect(await keys.getVerificationKey(keyset.active.kid)).toBeNull();
    const after = await keys.jwks();
    expect(after.keys.map((k) => k.kid)).toEqual([rotated.active.kid, rotated.next!.kid]);
    expect(after.etag).not.toBe(before.etag);
    expect(after.lastModified.getTime()).toBe(clock.now());
  });

  it('rotate without a next key generates both', async () => {
    const clock = manualClock();
    const active = generateSigningKey(clock);
    const store = createMemoryKeysetStore({ schema_version: 1, active, next: null });
    const rotated = await createKeyManager({ store, clock }).rotate();
    expect(rotated.active.kid).not.toBe(active.kid);
    expect(rotated.next).not.toBeNull();
  });

  it('picks up a rotation by another process once the cache expires', async () => {
    const { keys, keyset, store, clock } = await setup(1000);
    expect((await keys.getSigningKey()).kid).toBe(keyset.active.kid);
    const rotated = await rotateKeyset(store, clock); // the operator CLI, another process
    clock.advance(999);
    expect((await keys.getSigningKey()).kid).toBe(keyset.active.kid);
    clock.advance(1);
    expect((await keys.getSigningKey()).kid).toBe(rotated.active.kid);
  });

  it('with cacheMs 0 re-reads the store on every call', async () => {
    const { keys, store, clock } = await setup(0);
    const rotated = await rotateKeyset(store, clock);
    expect((await keys.getSigningKey()).kid).toBe(rotated.active.kid);
  });

  it('fails with 503 when no keyset exists, instead of inventing keys outside ensureKeyset', async () => {
    const clock = manualClock();
    const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
    const error = await keys.getSigningKey().catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('ServiceUnavailable');
    await expect(keys.getVerificationKey('ed25519-000000000000')).rejects.toThrow();
  });

  it('refuses an active key outside its validity window', async () => {
    const clock = manualClock();
    const active = { ...generateSigningKey(clock), not_after: new Date(clock.now() + 1000).toISOString() };
    const store = createMemoryKeysetStore({ schema_version: 1, active, next: generateSigningKey(clock) });
    const keys = createKeyManager({ store, clock, cacheMs: 0 });
    expect((await keys.getSigningKey()).kid).toBe(active.kid);
    clock.advance(1000);
    await expect(keys.getSigningKey()).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(await keys.getVerificationKey(active.kid)).toBeNull();
  });

  it('rejects a keyset whose private key does not match its published public key', async () => {
    const clock = manualClock();
    const good = generateSigningKey(clock);
    const other = generateKeyPairSync('ed25519');
    const forged: Keyset = {
      schema_version: 1,
      active: { ...good, private_key: other.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
      next: null,
    };
    const keys = createKeyManager({ store: createMemoryKeysetStore(forged), clock });
    const error = await keys.getSigningKey().catch((e: unknown) => e);
    expect(isAppError(error) && error.details).toEqual({ kid: good.kid, reason: 'public_key_mismatch' });
    expect(createPublicKey(other.privateKey).export({ format: 'jwk' }).x).not.toBe(good.public_jwk.x);
  });

  it('validates cacheMs when created', () => {
    const clock = manualClock();
    expect(() => createKeyManager({ store: createMemoryKeysetStore(), clock, cacheMs: -1 })).toThrow(
      RangeError,
    );
  });
});
