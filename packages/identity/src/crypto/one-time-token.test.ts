import { describe, expect, it } from 'vitest';
import {
  createOneTimeToken,
  hashOneTimeSecret,
  parseOneTimeToken,
  verifyOneTimeSecret,
} from './one-time-token.js';

const PEPPER = 'test-pepper';

describe('createOneTimeToken', () => {
  it('mints `<16 hex>.<64 hex>` with matching parts', () => {
    const minted = createOneTimeToken();
    expect(minted.id).toMatch(/^[0-9a-f]{16}$/);
    expect(minted.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(minted.token).toBe(`${minted.id}.${minted.secret}`);
  });

  it('mints a different token each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => createOneTimeToken().token));
    expect(tokens.size).toBe(50);
  });
});

describe('parseOneTimeToken', () => {
  it('round-trips a minted token', () => {
    const minted = createOneTimeToken();
    expect(parseOneTimeToken(minted.token)).toEqual({ id: minted.id, secret: minted.secret });
  });

  it.each([
    ['empty', ''],
    ['no dot', 'a'.repeat(80)],
    ['short id', `${'a'.repeat(15)}.${'b'.repeat(64)}`],
    ['long secret', `${'a'.repeat(16)}.${'b'.repeat(65)}`],
    ['uppercase hex', `${'A'.repeat(16)}.${'b'.repeat(64)}`],
    ['non-hex', `${'g'.repeat(16)}.${'b'.repeat(64)}`],
    ['extra part', `${'a'.repeat(16)}.${'b'.repeat(64)}.c`],
    ['surrounding space', ` ${'a'.repeat(16)}.${'b'.repeat(64)}`],
    ['trailing newline', `${'a'.repeat(16)}.${'b'.repeat(64)}\n`],
  ])('rejects %s', (_label, token) => {
    expect(parseOneTimeToken(token)).toBeNull();
  });
});

describe('hashOneTimeSecret / verifyOneTimeSecret', () => {
  it('is HMAC-SHA256 hex and never the secret itself', () => {
    const { secret } = createOneTimeToken();
    const hash = hashOneTimeSecret(PEPPER, secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(secret);
    expect(hashOneTimeSecret(PEPPER, secret)).toBe(hash);
  });

  it('verifies the right secret', () => {
    const { secret } = createOneTimeToken();
    expect(verifyOneTimeSecret(PEPPER, secret, hashOneTimeSecret(PEPPER, secret))).toBe(true);
  });

  it('rejects a wrong secret, a wrong pepper and a garbage stored hash', () => {
    const { secret } = createOneTimeToken();
    const stored = hashOneTimeSecret(PEPPER, secret);
    expect(verifyOneTimeSecret(PEPPER, createOneTimeToken().secret, stored)).toBe(false);
    expect(verifyOneTimeSecret('other-pepper', secret, stored)).toBe(false);
    expect(verifyOneTimeSecret(PEPPER, secret, '')).toBe(false);
    expect(verifyOneTimeSecret(PEPPER, secret, stored.slice(0, 32))).toBe(false);
  });
});
