import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';
import { SecretBoxError } from './secret-box-error.js';

const KEY = 'session-encryption-key';

function openError(run: () => unknown): SecretBoxError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretBoxError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected open to throw');
}

function flipChar(text: string, index: number): string {
  const current = text[index];
  const replacement = current === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('createSecretBox', () => {
  it('round-trips text, including empty and non-ASCII values', () => {
    const box = createSecretBox(KEY);
    for (const value of ['JBSWY3DPEHPK3PXP', '', '203.0.113.7', 'päßwörd ✓ 🔐']) {
      expect(box.open(box.seal(value))).toBe(value);
    }
  });

  it('produces `v1.<iv>.<body>` with a 12-byte IV and a fresh IV each time', () => {
    const box = createSecretBox(KEY);
    const first = box.seal('same');
    const second = box.seal('same');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
  });

  it('does not contain the plaintext', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('plain-secret-value');
    expect(sealed).not.toContain('plain-secret-value');
    expect(Buffer.from(sealed.split('.')[2] ?? '', 'base64url').toString('utf8')).not.toContain('plain');
  });

  it('opens values sealed by another instance with the same key', () => {
    expect(createSecretBox(KEY).open(createSecretBox(KEY).seal('shared'))).toBe('shared');
  });

  it('fails to open with a different key', () => {
    const sealed = createSecretBox(KEY).seal('secret');
    expect(openError(() => createSecretBox('another-key').open(sealed)).reason).toBe('authentication_failed');
  });

  it('never decrypts a tampered ciphertext, tag or IV', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('a secret long enough to have several blocks of ciphertext');
    const [version, iv, body] = sealed.split('.') as [string, string, string];
    const tamperedBodies = [
      flipChar(body, 0),
      flipChar(body, Math.floor(body.length / 2)),
      flipChar(body, body.length - 2),
    ];
    for (const tampered of tamperedBodies) {
      expect(() => box.open(`${version}.${iv}.${tampered}`)).toThrow(SecretBoxError);
    }
    expect(openError(() => box.open(`${version}.${flipChar(iv, 3)}.${body}`)).reason).toBe(
      'authentication_failed',
    );
    expect(() => box.open(`${version}.${iv}.${body.slice(0, -4)}`)).toThrow(SecretBoxError);
  });

  it('rejects a non-canonical spelling of the same bytes', () => {
    const box = createSecretBox(KEY);
    // 6 plaintext bytes + 16 tag bytes = 22 bytes: the last of its 30 characters carries 4 spare bits.
    const sealed = box.seal('abcdef');
    const [version, iv, body] = sealed.split('.') as [string, string, string];
    const last = body.at(-1) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? 'A';
    const variant = `${version}.${iv}.${body.slice(0, -1)}${sibling}`;
    expect(Buffer.from(variant.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(body, 'base64url'));
    expect(openError(() => box.open(variant)).reason).toBe('malformed');
  });

  it('binds associated data: the wrong or missing context fails', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('totp-secret', 'mfa-method:1');
    expect(box.open(sealed, 'mfa-method:1')).toBe('totp-secret');
    expect(openError(() => box.open(sealed, 'mfa-method:2')).reason).toBe('authentication_failed');
    expect(openError(() => box.open(sealed)).reason).toBe('authentication_failed');
  });

  it.each([
    ['empty', '', 'malformed'],
    ['two parts', 'v1.abc', 'malformed'],
    ['four parts', 'v1.a.b.c', 'malformed'],
    ['unknown version', 'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'unsupported_version'],
    ['bad base64url', 'v1.AAAAAAAAAAAAAAAA.AAAA+AAAAAAAAAAAAAAAAA', 'malformed'],
    ['short IV', 'v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA', 'malformed'],
    ['body shorter than a tag', 'v1.AAAAAAAAAAAAAAAA.AAAA', 'malformed'],
  ] as const)('rejects %s input', (_label, input, reason) => {
    const box = createSecretBox(KEY);
    expect(openError(() => box.open(input)).reason).toBe(reason);
    expect(box.tryOpen(input)).toBeNull();
  });

  it('keeps secrets out of the error message', () => {
    const sealed = createSecretBox(KEY).seal('top-secret');
    const error = openError(() => createSecretBox('other').open(sealed));
    expect(error.message).toBe('Sealed value could not be opened (authentication_failed).');
    expect(error.message).not.toContain(KEY);
  });

  it('tryOpen returns the plaintext for a good value', () => {
    const box = createSecretBox(KEY);
    expect(box.tryOpen(box.seal('ok'))).toBe('ok');
  });

  it('refuses an empty key', () => {
    expect(() => createSecretBox('')).toThrow('Secret box key must not be empty.');
  });
});
