import { createHash } from 'node:crypto';
import type { PublicJwk } from './keyset-schema.js';

/** What the fingerprint covers of each published key. */
export interface FingerprintedKey {
  kid: string;
  public_jwk: PublicJwk;
  created_at: string;
}

// Fixed member order, so the fingerprint does not depend on how the JSON was written.
function canonicalJwk(jwk: PublicJwk): string {
  return JSON.stringify([jwk.kty, jwk.crv, jwk.kid, jwk.x, jwk.use, jwk.alg]);
}

/** sha256 (hex) over `kid|jwk|created_at` of each published key, in publication order. */
export function keysetFingerprint(keys: readonly FingerprintedKey[]): string {
  const hash = createHash('sha256');
  for (const key of keys) hash.update(`${key.kid}|${canonicalJwk(key.public_jwk)}|${key.created_at}\n`);
  return hash.digest('hex');
}

/** The quoted JWKS ETag: sha256 (hex) of `<salt>:<fingerprint>`. */
export function jwksEtag(salt: string, fingerprint: string): string {
  return `"${createHash('sha256').update(`${salt}:${fingerprint}`).digest('hex')}"`;
}
