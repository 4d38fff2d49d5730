import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of `message` under `key`, as lowercase hex. Throws on an empty key. */
export function hmacSha256Hex(key: string, message: string): string {
  // An empty pepper or salt is a configuration mistake that would silently produce unkeyed hashes.
  if (key.length === 0) {
    throw new Error('HMAC key must not be empty.');
  }
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
