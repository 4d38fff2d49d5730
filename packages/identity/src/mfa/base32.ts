const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Encodes bytes as RFC 4648 base32 (upper case); padding with `=` only when asked. */
export function base32Encode(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) {
    output += ALPHABET[(buffer << (5 - bits)) & 31];
  }
  if (options.padding === true) {
    output += '='.repeat((8 - (output.length % 8)) % 8);
  }
  return output;
}

// Lengths (mod 8) that a whole number of bytes can produce; 1, 3 and 6 are impossible.
const VALID_REMAINDERS = new Set([0, 2, 4, 5, 7]);

/**
 * Decodes RFC 4648 base32, case-insensitively, with or without trailing padding. Returns null for any
 * other character, an impossible length, or non-zero spare bits, so each value has one accepted spelling
 * (ignoring case and padding).
 */
export function base32Decode(text: string): Uint8Array | null {
  const body = text.replace(/=+$/, '').toUpperCase();
  if (!VALID_REMAINDERS.has(body.length % 8)) {
    return null;
  }
  const padded = text.length !== body.length;
  if (padded && text.length !== body.length + ((8 - (body.length % 8)) % 8)) {
    return null;
  }
  const output = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const value = ALPHABET.indexOf(char);
    if (value === -1) {
      return null;
    }
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      output[index] = (buffer >>> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    return null;
  }
  return output;
}
