import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

// RFC 4648 §10 test vectors.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('base32Encode', () => {
  it.each(VECTORS)('encodes %j as %s with padding', (input, expected) => {
    expect(base32Encode(bytes(input), { padding: true })).toBe(expected);
  });

  it.each(VECTORS)('encodes %j without padding by default', (input, expected) => {
    expect(base32Encode(bytes(input))).toBe(expected.replace(/=+$/, ''));
  });

  it('encodes all byte values', () => {
    const all = new Uint8Array(256).map((_, index) => index);
    expect(base32Decode(base32Encode(all))).toEqual(all);
  });
});

describe('base32Decode', () => {
  it.each(VECTORS)('decodes %j from %s, padded or not, any case', (expected, encoded) => {
    expect(base32Decode(encoded)).toEqual(bytes(expected));
    expect(base32Decode(encoded.replace(/=+$/, ''))).toEqual(bytes(expected));
    expect(base32Decode(encoded.toLowerCase())).toEqual(bytes(expected));
  });

  it.each([
    ['a character outside the alphabet', 'MZXW1==='],
    ['the digit 0', 'MZXW0==='],
    ['an impossible length', 'MZX'],
    ['non-zero spare bits', 'MZ'],
    ['wrong padding amount', 'MY==='],
    ['excess padding', 'MZXW6YTB========'],
    ['padding only', '========'],
    ['inner padding', 'MY==MY=='],
    ['whitespace', 'MZXW 6YTB'],
  ])('rejects %s', (_label, input) => {
    expect(base32Decode(input)).toBeNull();
  });
});
