import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  findRecoveryCode,
  formatRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
  verifyRecoveryCode,
} from './recovery-codes.js';

const KEY = 'secret-key';

describe('generateRecoveryCodes', () => {
  it('generates 10 distinct 10-character lowercase base32 codes by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{10}$/);
    }
  });

  it('honours the count and differs between calls', () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    expect(generateRecoveryCodes(1)).not.toEqual(generateRecoveryCodes(1));
  });

  it('uses the whole alphabet over many codes (no stuck characters)', () => {
    const seen = new Set(generateRecoveryCodes(100).join(''));
    expect(seen.size).toBe(32);
  });

  it.each([0, -1, 1.5, 101, Number.NaN])('rejects a count of %s', (count) => {
    expect(() => generateRecoveryCodes(count)).toThrow(RangeError);
  });
});

describe('normalizeRecoveryCode / formatRecoveryCode', () => {
  it('removes case, spaces and dashes', () => {
    expect(normalizeRecoveryCode(' ABCDE-fghij\t')).toBe('abcdefghij');
    expect(normalizeRecoveryCode('ab cd-ef gh-ij')).toBe('abcdefghij');
  });

  it('formats in halves and round-trips through normalisation', () => {
    expect(formatRecoveryCode('abcdefghij')).toBe('abcde-fghij');
    expect(normalizeRecoveryCode(formatRecoveryCode('abcdefghij'))).toBe('abcdefghij');
  });
});

describe('hashRecoveryCode / verifyRecoveryCode', () => {
  it('is sha256(`<secretKey>:<code>`) hex, per spec', () => {
    const expected = createHash('sha256').update(`${KEY}:abcdefghij`).digest('hex');
    expect(hashRecoveryCode(KEY, 'abcdefghij')).toBe(expected);
  });

  it('normalises before hashing, so typed variants verify', () => {
    const stored = hashRecoveryCode(KEY, 'abcdefghij');
    expect(hashRecoveryCode(KEY, 'ABCDE-FGHIJ')).toBe(stored);
    expect(verifyRecoveryCode(KEY, 'abcde fghij', stored)).toBe(true);
  });

  it('rejects a different code, a different key and a malformed stored hash', () => {
    const [code = '', other = ''] = generateRecoveryCodes(2);
    const stored = hashRecoveryCode(KEY, code);
    expect(verifyRecoveryCode(KEY, other, stored)).toBe(false);
    expect(verifyRecoveryCode('other-key', code, stored)).toBe(false);
    expect(verifyRecoveryCode(KEY, code, 'x')).toBe(false);
    expect(verifyRecoveryCode(KEY, '', stored)).toBe(false);
  });

  it('refuses an empty key', () => {
    expect(() => hashRecoveryCode('', 'abcdefghij')).toThrow('Recovery code key must not be empty.');
  });
});

describe('findRecoveryCode', () => {
  it('finds the index of the matching hash or -1', () => {
    const codes = generateRecoveryCodes(5);
    const hashes = codes.map((code) => hashRecoveryCode(KEY, code));
    expect(findRecoveryCode(KEY, codes[3] ?? '', hashes)).toBe(3);
    expect(findRecoveryCode(KEY, (codes[0] ?? '').toUpperCase(), hashes)).toBe(0);
    expect(findRecoveryCode(KEY, 'zzzzzzzzzz', hashes)).toBe(-1);
    expect(findRecoveryCode(KEY, codes[0] ?? '', [])).toBe(-1);
  });

  it('misses once the used hash is removed (single use)', () => {
    const codes = generateRecoveryCodes(3);
    const hashes = codes.map((code) => hashRecoveryCode(KEY, code));
    const index = findRecoveryCode(KEY, codes[1] ?? '', hashes);
    const remaining = hashes.filter((_, i) => i !== index);
    expect(findRecoveryCode(KEY, codes[1] ?? '', remaining)).toBe(-1);
  });
});
