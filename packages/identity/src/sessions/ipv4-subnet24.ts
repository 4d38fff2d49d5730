import { parseIp } from './ip-address.js';

/** The /24 network of an IPv4 address (`203.0.113.0/24`) for the IP throttle; null for IPv6 or non-IPs. */
export function ipv4Subnet24(ip: string): string | null {
  const parsed = parseIp(ip);
  if (parsed === null || parsed.version !== 4) {
    return null;
  }
  return `${parsed.octets.slice(0, 3).join('.')}.0/24`;
}
