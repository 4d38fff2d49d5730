import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../crypto/constant-time-equal.js';
import { base32Encode } from './base32.js';

const CODE_LENGTH = 10;
const MAX_CODES = 100;

/** Generates distinct single-use recovery codes: 10 lowercase base32 characters (50 random bits) each. */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES) {
    throw new RangeError(`Recovery code count must be an integer from 1 to ${MAX_CODES}.`);
  }
  const codes = new Set<string>();
  while (codes.size < count) {
    // 7 bytes give 11 characters of 5 uniform bits each; the first 10 are kept.
    codes.add(base32Encode(randomBytes(7)).slice(0, CODE_LENGTH).toLowerCase());
  }
  return [...codes];
}

/** Canonical form of a typed recovery code: lower case, without spaces or dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Shows a code in two dash-separated halves for readability (`abcde-fghij`); normalising undoes it. */
export function formatRecoveryCode(code: string): string {
  const normalized = normalizeRecoveryCode(code);
  const half = Math.ceil(normalized.length / 2);
  return `${normalized.slice(0, half)}-${normalized.slice(half)}`;
}

/** The stored form of a recovery code, per spec: sha256(`<secretKey>:<normalised code>`) as hex. */
export function hashRecoveryCode(secretKey: string, code: string): string {
  if (secretKey.length === 0) {
    throw new Error('Recovery code key must not be empty.');
  }
  return createHash('sha256')
    .update(`${secretKey}:${normalizeRecoveryCode(code)}`, 'utf8')
    .digest('hex');
}

/** True when a typed code matches a stored hash; compared in constant time. */
export function verifyRecoveryCode(secretKey: string, code: string, storedHash: string): boolean {
  return constantTimeEqual(hashRecoveryCode(secretKey, code), storedHash.toLowerCase());
}

/**
 * Index of the stored hash a typed code matches, or -1. Checks every hash so timing does not reveal which
 * one matched; the caller marks that row used (single use).
 */
export function findRecoveryCode(secretKey: string, code: string, storedHashes: readonly string[]): number {
  const hash = hashRecoveryCode(secretKey, code);
  let found = -1;
  storedHashes.forEach((stored, index) => {
    if (constantTimeEqual(hash, stored.toLowerCase()) && found === -1) {
      found = index;
    }
  });
  return found;
}
