import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashRefreshToken, verifyRefreshTokenHash } from './refresh-token-hash.js';

const PEPPER = 'refresh-pepper';
const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJqdGkiOiJhYmMifQ.c2lnbmF0dXJl';

describe('hashRefreshToken', () => {
  it('is a full-length keyed hash, not a plain or truncated digest', () => {
    const hash = hashRefreshToken(PEPPER, TOKEN);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(createHash('sha256').update(TOKEN).digest('hex'));
  });

  it('covers the whole token: tokens sharing a long prefix hash differently', () => {
    expect(hashRefreshToken(PEPPER, `${TOKEN}A`)).not.toBe(hashRefreshToken(PEPPER, `${TOKEN}B`));
  });
});

describe('verifyRefreshTokenHash', () => {
  it('accepts the token that was stored', () => {
    expect(verifyRefreshTokenHash(PEPPER, TOKEN, hashRefreshToken(PEPPER, TOKEN))).toBe(true);
  });

  it('accepts an upper-cased stored hash', () => {
    expect(verifyRefreshTokenHash(PEPPER, TOKEN, hashRefreshToken(PEPPER, TOKEN).toUpperCase())).toBe(true);
  });

  it('rejects another token, another pepper and a malformed stored hash', () => {
    const stored = hashRefreshToken(PEPPER, TOKEN);
    expect(verifyRefreshTokenHash(PEPPER, `${TOKEN}x`, stored)).toBe(false);
    expect(verifyRefreshTokenHash('wrong-pepper', TOKEN, stored)).toBe(false);
    expect(verifyRefreshTokenHash(PEPPER, TOKEN, 'not-a-hash')).toBe(false);
  });
});
