import { formatIpv6, parseIp } from './ip-address.js';

/**
 * A display-safe IP: IPv4 keeps its /24 (`203.0.113.x`), IPv6 its /48 (`2001:db8:85a3::/48`); IPv4-mapped
 * IPv6 is masked as IPv4. Null when the value is not an IP address.
 */
export function maskIp(ip: string): string | null {
  const parsed = parseIp(ip);
  if (parsed === null) {
    return null;
  }
  if (parsed.version === 4) {
    return `${parsed.octets.slice(0, 3).join('.')}.x`;
  }
  const prefix = [...parsed.hextets.slice(0, 3), 0, 0, 0, 0, 0];
  return `${formatIpv6(prefix)}/48`;
}
