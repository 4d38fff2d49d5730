import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Clock } from '@starter/contracts';
import type { PublicJwk, SigningKeyRecord } from './keyset-schema.js';

/** A fresh random kid in the `ed25519-<12 hex>` format. */
export function generateKid(): string {
  return `ed25519-${randomBytes(6).toString('hex')}`;
}

/** Generates a new Ed25519 signing key record, created (and valid from) the clock's now. */
export function generateSigningKey(clock: Clock): SigningKeyRecord {
  const kid = generateKid();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key export lacks x');
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', kid, x: jwk.x, use: 'sig', alg: 'EdDSA' };
  const now = clock.date().toISOString();
  return {
    kid,
    private_key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    public_jwk: publicJwk,
    created_at: now,
    not_before: now,
    not_after: null,
  };
}
