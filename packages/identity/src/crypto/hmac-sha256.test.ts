import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from './hmac-sha256.js';

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('depends on the key', () => {
    expect(hmacSha256Hex('k1', 'm')).not.toBe(hmacSha256Hex('k2', 'm'));
  });

  it('refuses an empty key', () => {
    expect(() => hmacSha256Hex('', 'm')).toThrow('HMAC key must not be empty.');
  });
});
