import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '@starter/contracts';
import type { PublicJwk, SigningKeyRecord } from './keyset-schema.js';

/** A keyset entry turned into usable key objects. */
export interface ImportedKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

/**
 * Imports a key record and checks that the private key really belongs to the published public JWK,
 * so a hand-edited keyset cannot publish one key and sign with another.
 */
export function importSigningKey(record: SigningKeyRecord): ImportedKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: record.private_key, format: 'pem' });
  } catch {
    // No cause: parser errors may quote key material.
    throw new AppError('InternalServerError', 'Signing keyset is invalid.', {
      details: { kid: record.kid, reason: 'unreadable_private_key' },
    });
  }
  const derived = createPublicKey(privateKey);
  const derivedJwk = derived.export({ format: 'jwk' });
  if (privateKey.asymmetricKeyType !== 'ed25519' || derivedJwk.x !== record.public_jwk.x) {
    throw new AppError('InternalServerError', 'Signing keyset is invalid.', {
      details: { kid: record.kid, reason: 'public_key_mismatch' },
    });
  }
  return { kid: record.kid, privateKey, publicKey: derived, publicJwk: record.public_jwk };
}
