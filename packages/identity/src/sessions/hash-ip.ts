import { hmacSha256Hex } from '../crypto/hmac-sha256.js';
import { canonicalIp } from './ip-address.js';

/**
 * The stored, non-reversible form of a client IP: HMAC-SHA256(salt, `ip:<canonical ip>`) as hex. The `ip:`
 * prefix scopes the hash so the same salt can key other inputs without collisions; canonicalising first
 * makes `::ffff:1.2.3.4` and `1.2.3.4` (or differently spelled IPv6) hash alike. Unparseable values are
 * hashed as given, trimmed.
 */
export function hashIp(salt: string, ip: string): string {
  return hmacSha256Hex(salt, `ip:${canonicalIp(ip) ?? ip.trim()}`);
}
