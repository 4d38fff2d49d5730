import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';
import { generateTotpSecret, totpCode, totpStep, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(new Uint8Array(Buffer.from('12345678901234567890', 'ascii')));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1_111_111_109, '07081804'],
  [1_111_111_111, '14050471'],
  [1_234_567_890, '89005924'],
  [2_000_000_000, '69279037'],
  [20_000_000_000, '65353130'],
];

const NOW = 1_700_000_000_000;

describe('generateTotpSecret', () => {
  it('is 20 random bytes as unpadded base32', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)?.length).toBe(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe('totpCode', () => {
  it('encodes the RFC seed as expected', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(RFC_VECTORS)('matches the RFC 6238 SHA-1 vector at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(expected);
  });

  it.each(RFC_VECTORS)('gives the 6-digit suffix by default at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected.slice(-6));
  });

  it('is stable within a step and changes across steps', () => {
    const secret = generateTotpSecret();
    const stepStart = totpStep(NOW) * 30_000;
    expect(totpCode(secret, stepStart)).toBe(totpCode(secret, stepStart + 29_999));
    expect(totpCode(secret, stepStart)).not.toBe(totpCode(secret, stepStart + 30_000));
  });

  it('accepts lower-case and spaced secrets', () => {
    const spaced = RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(totpCode(spaced, 59_000, { digits: 8 })).toBe('94287082');
  });

  it('throws, without echoing the secret, on an invalid or too short secret', () => {
    expect(() => totpCode('NOT-BASE32!', NOW)).toThrow('Invalid TOTP secret.');
    expect(() => totpCode(base32Encode(new Uint8Array(10)), NOW)).toThrow('Invalid TOTP secret.');
    expect(() => totpCode('', NOW)).toThrow('Invalid TOTP secret.');
  });

  it('rejects unsupported parameters', () => {
    expect(() => totpCode(RFC_SECRET, NOW, { digits: 5 })).toThrow(RangeError);
    expect(() => totpCode(RFC_SECRET, NOW, { digits: 11 })).toThrow(RangeError);
    expect(() => totpCode(RFC_SECRET, NOW, { stepSeconds: 0 })).toThrow(RangeError);
    expect(() => totpCode(RFC_SECRET, -1)).toThrow(RangeError);
    expect(() => totpCode(RFC_SECRET, Number.NaN)).toThrow(RangeError);
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const current = totpStep(NOW);
  const codeAt = (stepOffset: number) => totpCode(secret, NOW + stepOffset * 30_000);

  it('returns the current step for the current code', () => {
    expect(verifyTotp(secret, codeAt(0), { nowMs: NOW })).toBe(current);
  });

  it('accepts one step of drift either side and reports which step matched', () => {
    expect(verifyTotp(secret, codeAt(-1), { nowMs: NOW })).toBe(current - 1);
    expect(verifyTotp(secret, codeAt(1), { nowMs: NOW })).toBe(current + 1);
  });

  it('rejects a code from two steps away', () => {
    expect(verifyTotp(secret, codeAt(-2), { nowMs: NOW })).toBeNull();
    expect(verifyTotp(secret, codeAt(2), { nowMs: NOW })).toBeNull();
  });

  it('honours a custom window', () => {
    expect(verifyTotp(secret, codeAt(-2), { nowMs: NOW, window: 2 })).toBe(current - 2);
    expect(verifyTotp(secret, codeAt(-1), { nowMs: NOW, window: 0 })).toBeNull();
  });

  it('refuses a replay of the same step, or an older one, once it was used', () => {
    const step = verifyTotp(secret, codeAt(0), { nowMs: NOW });
    expect(step).toBe(current);
    expect(verifyTotp(secret, codeAt(0), { nowMs: NOW + 10_000, lastUsedStep: current })).toBeNull();
    expect(verifyTotp(secret, codeAt(-1), { nowMs: NOW, lastUsedStep: current })).toBeNull();
    expect(verifyTotp(secret, codeAt(1), { nowMs: NOW, lastUsedStep: current })).toBe(current + 1);
  });

  it('rejects a code for another secret', () => {
    const other = generateTotpSecret();
    expect(verifyTotp(secret, totpCode(other, NOW), { nowMs: NOW })).toBeNull();
  });

  it('tolerates spaces and a dash in the typed code', () => {
    const code = codeAt(0);
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, { nowMs: NOW })).toBe(current);
    expect(verifyTotp(secret, `${code.slice(0, 3)}-${code.slice(3)}`, { nowMs: NOW })).toBe(current);
  });

  it.each([
    ['', 'empty'],
    ['12345', 'too short'],
    ['1234567', 'too long'],
    ['12a456', 'non-digit'],
    ['１２３４５６', 'full-width digits'],
  ])('rejects a malformed code (%s: %s)', (code) => {
    expect(verifyTotp(secret, code, { nowMs: NOW })).toBeNull();
  });

  it('verifies the RFC vectors with 8 digits', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(verifyTotp(RFC_SECRET, code, { nowMs: seconds * 1000, digits: 8 })).toBe(
        Math.floor(seconds / 30),
      );
    }
  });

  it('does not look before step zero', () => {
    expect(verifyTotp(RFC_SECRET, '94287082', { nowMs: 0, digits: 8 })).toBe(1);
    expect(verifyTotp(RFC_SECRET, '00000000', { nowMs: 0, digits: 8 })).toBeNull();
  });

  it('rejects an invalid window or time and throws on an invalid secret', () => {
    expect(() => verifyTotp(secret, codeAt(0), { nowMs: NOW, window: -1 })).toThrow(RangeError);
    expect(() => verifyTotp(secret, codeAt(0), { nowMs: NOW, window: 1.5 })).toThrow(RangeError);
    expect(() => verifyTotp(secret, codeAt(0), { nowMs: Number.NaN })).toThrow(RangeError);
    expect(() => verifyTotp('!!', '123456', { nowMs: NOW })).toThrow('Invalid TOTP secret.');
  });
});
