import { describe, expect, it } from 'vitest';
import { maskIp } from './mask-ip.js';

describe('maskIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.x'],
    ['10.0.0.1', '10.0.0.x'],
    ['::ffff:198.51.100.23', '198.51.100.x'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3::/48'],
    ['2001:0DB8:0000:1234::1', '2001:db8::/48'],
    ['::1', '::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
  ])('masks %s as %s', (ip, masked) => {
    expect(maskIp(ip)).toBe(masked);
  });

  it('never reveals the host part', () => {
    expect(maskIp('203.0.113.77')).not.toContain('77');
    expect(maskIp('2001:db8:85a3:1:2:3:4:abcd')).not.toContain('abcd');
  });

  it.each(['', 'unknown', '999.1.1.1'])('returns null for %j', (ip) => {
    expect(maskIp(ip)).toBeNull();
  });
});
