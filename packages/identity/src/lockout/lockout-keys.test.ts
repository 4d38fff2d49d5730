import { describe, expect, it } from 'vitest';
import { ipBlockKey, ipCounterKey, ipThrottleTargets, userFailureKey, userLockKey } from './lockout-keys.js';

describe('lockout keys', () => {
  it('follows the spec §9.2 layout', () => {
    expect(userFailureKey('u1')).toBe('auth:lockout:u1');
    expect(userLockKey('u1')).toBe('auth:lockout:u1:locked');
    expect(ipCounterKey('203.0.113.7')).toBe('auth:ip:counter:203.0.113.7');
    expect(ipBlockKey('203.0.113.0/24')).toBe('auth:ip:block:203.0.113.0/24');
  });

  it('keeps a user id from posing as another user lock flag', () => {
    expect(userFailureKey('u1:locked')).not.toBe(userLockKey('u1'));
  });

  it('counts IPv4 toward the address and its /24, IPv6 toward the address only', () => {
    expect(ipThrottleTargets('203.0.113.7')).toEqual(['203.0.113.7', '203.0.113.0/24']);
    expect(ipThrottleTargets('::ffff:203.0.113.7')).toEqual(['203.0.113.7', '203.0.113.0/24']);
    expect(ipThrottleTargets('2001:DB8:0:0::1')).toEqual(['2001:db8::1']);
    expect(ipThrottleTargets('not an ip')).toEqual(['not%20an%20ip']);
  });
});
