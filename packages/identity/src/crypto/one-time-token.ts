import { randomBytes } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal.js';
import { hmacSha256Hex } from './hmac-sha256.js';

/** A single-use token (password reset, email verification): `<id>.<secret>`. */
export interface OneTimeToken {
  /** 16 hex chars: the lookup key, safe to store in clear. */
  id: string;
  /** 64 hex chars: only its peppered hash is stored. */
  secret: string;
  /** What the user receives: `<id>.<secret>`. */
  token: string;
}

const TOKEN_PATTERN = /^([0-9a-f]{16})\.([0-9a-f]{64})$/;

/** Mints a fresh single-use token with a random id and a 256-bit secret. */
export function createOneTimeToken(): OneTimeToken {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { id, secret, token: `${id}.${secret}` };
}

/** Splits a presented token into id and secret; null unless it has exactly the minted shape. */
export function parseOneTimeToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) {
    return null;
  }
  const [, id, secret] = match;
  if (id === undefined || secret === undefined) {
    return null;
  }
  return { id, secret };
}

/** The value to store for a one-time token secret: HMAC-SHA256(pepper, secret) as hex. */
export function hashOneTimeSecret(pepper: string, secret: string): string {
  return hmacSha256Hex(pepper, secret);
}

/** True when `secret` hashes to `storedHash` under `pepper`; compared in constant time. */
export function verifyOneTimeSecret(pepper: string, secret: string, storedHash: string): boolean {
  return constantTimeEqual(hashOneTimeSecret(pepper, secret), storedHash.toLowerCase());
}
