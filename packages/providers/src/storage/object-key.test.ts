import { describe, expect, it } from 'vitest';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';

const rejects = (check: () => unknown) =>
  expect(check).toThrow(expect.objectContaining({ code: 'BadRequest' }));

describe('object keys', () => {
  it('accepts ordinary, unicode and dot-prefixed keys', () => {
    for (const key of [
      'a',
      'tenant/1/file.pdf',
      '.hidden/.env',
      'ünï/cødé 🙂.txt',
      'a..b/c...d',
      'x'.repeat(1024),
    ]) {
      expect(assertValidObjectKey(key)).toBe(key);
    }
  });

  it('rejects empty, absolute, dotted, control and over-long keys', () => {
    const bad = [
      '',
      '/a',
      'a/',
      'a//b',
      '.',
      './a',
      'a/..',
      'a\\b',
      'a\u0000',
      'a\tb',
      'a\u007f',
      'a\u0085b',
      'lone\ud800surrogate',
      'é'.repeat(513),
    ];
    for (const key of bad) rejects(() => assertValidObjectKey(key));
    rejects(() => assertValidObjectKey(42 as unknown as string));
  });

  it('accepts prefixes ending mid-segment or at a slash, and rejects unsafe ones', () => {
    for (const prefix of ['', 'a', 'a/', 'a/b', 'a/.hid', 'a/b.']) {
      expect(assertValidObjectPrefix(prefix)).toBe(prefix);
    }
    for (const prefix of ['/', '/a', '..', '../', 'a/..', 'a//', 'a/./', 'a\\', 'a\n']) {
      rejects(() => assertValidObjectPrefix(prefix));
    }
  });
});
