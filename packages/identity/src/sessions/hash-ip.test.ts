import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashIp } from './hash-ip.js';

const SALT = 'ip-salt';

describe('hashIp', () => {
  it('is HMAC-SHA256(salt, `ip:<ip>`) hex', () => {
    const expected = createHmac('sha256', SALT).update('ip:203.0.113.7').digest('hex');
    expect(hashIp(SALT, '203.0.113.7')).toBe(expected);
  });

  it('never contains the IP and differs from an unscoped HMAC', () => {
    const hash = hashIp(SALT, '203.0.113.7');
    expect(hash).not.toContain('203');
    expect(hash).not.toBe(createHmac('sha256', SALT).update('203.0.113.7').digest('hex'));
  });

  it('depends on the salt and the address', () => {
    expect(hashIp(SALT, '203.0.113.7')).not.toBe(hashIp('other-salt', '203.0.113.7'));
    expect(hashIp(SALT, '203.0.113.7')).not.toBe(hashIp(SALT, '203.0.113.8'));
  });

  it('hashes equivalent spellings alike', () => {
    expect(hashIp(SALT, '::ffff:203.0.113.7')).toBe(hashIp(SALT, '203.0.113.7'));
    expect(hashIp(SALT, '2001:DB8:0:0::1')).toBe(hashIp(SALT, '2001:db8::1'));
  });

  it('still hashes a value that is not an IP', () => {
    expect(hashIp(SALT, ' unknown ')).toBe(createHmac('sha256', SALT).update('ip:unknown').digest('hex'));
  });

  it('refuses an empty salt', () => {
    expect(() => hashIp('', '1.2.3.4')).toThrow();
  });
});
