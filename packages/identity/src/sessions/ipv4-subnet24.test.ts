import { describe, expect, it } from 'vitest';
import { ipv4Subnet24 } from './ipv4-subnet24.js';

describe('ipv4Subnet24', () => {
  it('returns the /24 of an IPv4 address', () => {
    expect(ipv4Subnet24('203.0.113.7')).toBe('203.0.113.0/24');
    expect(ipv4Subnet24('203.0.113.250')).toBe(ipv4Subnet24('203.0.113.1'));
  });

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(ipv4Subnet24('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
  });

  it('is null for IPv6 and for non-addresses', () => {
    expect(ipv4Subnet24('2001:db8::1')).toBeNull();
    expect(ipv4Subnet24('::1')).toBeNull();
    expect(ipv4Subnet24('unknown')).toBeNull();
  });
});
