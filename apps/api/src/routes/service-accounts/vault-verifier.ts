import { type KeyObject, verify } from 'node:crypto';
import { AppError, type Clock, type KeyValueStore } from '@starter/contracts';
import type { IssueServiceAccountBody } from '@starter/identity';
import type { ServiceAccountMetrics } from './service-account-metrics.js';
import { payloadMismatch, type VaultPayload, VaultPayloadSchema } from './vault-payload.js';

/** What verifying a vault-signed issuance needs. */
export interface VaultVerifierDeps {
  publicKey: KeyObject;
  kv: KeyValueStore;
  clock: Clock;
  metrics: ServiceAccountMetrics;
}

/** Checks one vault-signed request: signature, claims, match with the body, then the single-use nonce. */
export type VaultVerifier = (
  signature: string,
  encodedPayload: string | undefined,
  body: IssueServiceAccountBody,
) => Promise<VaultPayload>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ED25519_SIGNATURE_BYTES = 64;
const MAX_PAYLOAD_CHARS = 8192;
/** `iat` may be this far ahead of our clock (skew) … */
const IAT_FUTURE_SKEW_MS = 30_000;
/** … and at most this old. */
const IAT_MAX_AGE_MS = 600_000;
/** Nonces are remembered this long (spec: TTL ≤ 300 s). */
const NONCE_TTL_MS = 300_000;

function unauthorized(message: string): never {
  throw new AppError('Unauthorized', message);
}

function decodePayload(encoded: string): unknown {
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return unauthorized('The vault payload is not valid base64url JSON.');
  }
}

/** Creates the verifier of spec §1.7 / §7.11 vault issuance. */
export function createVaultVerifier(deps: VaultVerifierDeps): VaultVerifier {
  const { publicKey, kv, clock, metrics } = deps;

  return async (signature, encodedPayload, body) => {
    if (encodedPayload === undefined || encodedPayload.length > MAX_PAYLOAD_CHARS) {
      unauthorized('A valid X-Vault-Payload header is required.');
    }
    if (!BASE64URL.test(signature) || !BASE64URL.test(encodedPayload)) {
      unauthorized('Invalid vault signature.');
    }
    const signatureBytes = Buffer.from(signature, 'base64url');
    const payloadBytes = Buffer.from(encodedPayload, 'base64url');
    // crypto.verify compares in constant time; Ed25519 takes no digest (null).
    if (
      signatureBytes.length !== ED25519_SIGNATURE_BYTES ||
      !verify(null, payloadBytes, publicKey, signatureBytes)
    ) {
      unauthorized('Invalid vault signature.');
    }
    const parsed = VaultPayloadSchema.safeParse(decodePayload(encodedPayload));
    if (!parsed.success) unauthorized('The vault payload is missing or has invalid claims.');
    const payload = parsed.data;

    const now = clock.now();
    const iat = payload.iat * 1000;
    if (iat > now + IAT_FUTURE_SKEW_MS || iat < now - IAT_MAX_AGE_MS) {
      unauthorized('The vault payload iat is outside the accepted window.');
    }
    const exp = payload.exp * 1000;
    if (exp <= now) unauthorized('The vault payload has expired.');
    // A payload must expire before its nonce is forgotten, so no replay can outlive the nonce.
    if (exp > now + NONCE_TTL_MS) unauthorized('The vault payload expires too far in the future.');

    const mismatch = payloadMismatch(payload, body);
    if (mismatch !== null) {
      throw new AppError('BadRequest', `The signed vault payload does not match the request (${mismatch}).`);
    }

    const fresh = await kv.set(`auth:nonce:${payload.nonce}`, '1', { ifAbsent: true, ttlMs: NONCE_TTL_MS });
    (fresh ? metrics.nonceCacheMissesTotal : metrics.nonceCacheHitsTotal).inc();
    if (!fresh) unauthorized('The vault nonce has already been used.');
    return payload;
  };
}
