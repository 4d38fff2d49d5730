import { constantTimeEqual } from './constant-time-equal.js';
import { hmacSha256Hex } from './hmac-sha256.js';

/**
 * The stored form of a refresh token: HMAC-SHA256(pepper, full token) as hex. The whole token is hashed
 * (never a prefix or a truncated digest) so two tokens can only collide by breaking SHA-256.
 */
export function hashRefreshToken(pepper: string, fullToken: string): string {
  return hmacSha256Hex(pepper, fullToken);
}

/** True when `fullToken` hashes to `storedHash` under `pepper`; compared in constant time. */
export function verifyRefreshTokenHash(pepper: string, fullToken: string, storedHash: string): boolean {
  return constantTimeEqual(hashRefreshToken(pepper, fullToken), storedHash.toLowerCase());
}
