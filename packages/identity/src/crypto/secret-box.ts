import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { SecretBoxError } from './secret-box-error.js';

/** Authenticated encryption of small secrets (TOTP secrets, IPs, re-issuable tokens) at rest. */
export interface SecretBox {
  /** Encrypts `plaintext` as `v1.<iv>.<ciphertext+tag>` (base64url parts), with a fresh IV every call. */
  seal(plaintext: string, associatedData?: string): string;
  /** Decrypts a sealed value; throws `SecretBoxError` when it is malformed, tampered or sealed elsewhere. */
  open(sealed: string, associatedData?: string): string;
  /** Like `open`, but returns null instead of throwing. */
  tryOpen(sealed: string, associatedData?: string): string | null;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Fixed labels bind the derived key to this use: the same configured string used elsewhere
// (e.g. as an HMAC key) yields an unrelated key here.
const HKDF_SALT = 'starter/identity/secret-box';
const HKDF_INFO = 'aes-256-gcm v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function deriveKey(key: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
}

function decodePart(part: string | undefined): Buffer | null {
  if (part === undefined || !BASE64URL.test(part)) {
    return null;
  }
  const bytes = Buffer.from(part, 'base64url');
  // Reject non-canonical encodings (stray low bits in the last character) so a sealed value has
  // exactly one accepted spelling.
  return bytes.toString('base64url') === part ? bytes : null;
}

/**
 * Creates an AES-256-GCM box keyed from a configured secret string via HKDF-SHA256. Optional associated
 * data (e.g. the owning row id) is authenticated but not stored, so a sealed value copied to another row
 * fails to open.
 */
export function createSecretBox(key: string): SecretBox {
  if (key.length === 0) {
    throw new Error('Secret box key must not be empty.');
  }
  const aesKey = deriveKey(key);

  function seal(plaintext: string, associatedData?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) {
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    }
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  function open(sealed: string, associatedData?: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 3) {
      throw new SecretBoxError('malformed');
    }
    if (parts[0] !== VERSION) {
      throw new SecretBoxError('unsupported_version');
    }
    const iv = decodePart(parts[1]);
    const body = decodePart(parts[2]);
    if (iv === null || body === null || iv.length !== IV_BYTES || body.length < TAG_BYTES) {
      throw new SecretBoxError('malformed');
    }
    const decipher = createDecipheriv('aes-256-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    if (associatedData !== undefined) {
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    }
    try {
      const plaintext = Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new SecretBoxError('authentication_failed');
    }
  }

  function tryOpen(sealed: string, associatedData?: string): string | null {
    try {
      return open(sealed, associatedData);
    } catch (error) {
      if (error instanceof SecretBoxError) {
        return null;
      }
      throw error;
    }
  }

  return { seal, open, tryOpen };
}
