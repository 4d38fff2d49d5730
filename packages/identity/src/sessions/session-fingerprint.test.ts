import { describe, expect, it } from 'vitest';
import { hashIp } from './hash-ip.js';
import { sessionFingerprint } from './session-fingerprint.js';

const KEY = 'fingerprint-key';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0';

describe('sessionFingerprint', () => {
  it('is a base64url SHA-256 HMAC, stable for the same device', () => {
    const fingerprint = sessionFingerprint(KEY, '203.0.113.7', UA);
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionFingerprint(KEY, '203.0.113.7', UA)).toBe(fingerprint);
    expect(sessionFingerprint(KEY, '::ffff:203.0.113.7', ` ${UA} `)).toBe(fingerprint);
  });

  it('does not disclose the IP (unlike the spec’s reversible base64url of "ip:ua")', () => {
    const fingerprint = sessionFingerprint(KEY, '203.0.113.7', UA);
    const decoded = Buffer.from(fingerprint, 'base64url').toString('latin1');
    expect(decoded).not.toContain('203.0.113.7');
    expect(fingerprint).not.toBe(Buffer.from(`203.0.113.7:${UA}`).toString('base64url'));
  });

  it('changes with the IP, the user agent or the key', () => {
    const base = sessionFingerprint(KEY, '203.0.113.7', UA);
    expect(sessionFingerprint(KEY, '203.0.113.8', UA)).not.toBe(base);
    expect(sessionFingerprint(KEY, '203.0.113.7', `${UA} extra`)).not.toBe(base);
    expect(sessionFingerprint('other-key', '203.0.113.7', UA)).not.toBe(base);
  });

  it('is distinct from the IP hash under the same key', () => {
    expect(Buffer.from(sessionFingerprint(KEY, '1.2.3.4', ''), 'base64url').toString('hex')).not.toBe(
      hashIp(KEY, '1.2.3.4'),
    );
  });

  it('refuses an empty key', () => {
    expect(() => sessionFingerprint('', '1.2.3.4', UA)).toThrow('Fingerprint key must not be empty.');
  });
});
