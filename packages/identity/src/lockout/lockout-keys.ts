import { canonicalIp } from '../sessions/ip-address.js';
import { ipv4Subnet24 } from '../sessions/ipv4-subnet24.js';

/** The key of a user's failure counter (spec §9.2 `auth:lockout:*`). */
export function userFailureKey(userId: string): string {
  // Encoded so a user id can never pose as another user's lock flag.
  return `auth:lockout:${encodeURIComponent(userId)}`;
}

/** The key of a user's lock flag; its value is the lock's end in epoch milliseconds. */
export function userLockKey(userId: string): string {
  return `${userFailureKey(userId)}:locked`;
}

/** The key of the failure counter of an IP or /24 target. */
export function ipCounterKey(target: string): string {
  return `auth:ip:counter:${target}`;
}

/** The key of the block flag of an IP or /24 target. */
export function ipBlockKey(target: string): string {
  return `auth:ip:block:${target}`;
}

/**
 * What an IP's failures count toward: the canonical address and, for IPv4, its /24. Canonical text
 * keeps `::ffff:203.0.113.7` and `203.0.113.7` on one counter; text that is no IP is encoded as is.
 */
export function ipThrottleTargets(ip: string): string[] {
  const canonical = canonicalIp(ip) ?? encodeURIComponent(ip.trim());
  const subnet = ipv4Subnet24(ip);
  return subnet === null ? [canonical] : [canonical, subnet];
}
