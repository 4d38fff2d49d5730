import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwksEtag, keysetFingerprint } from './keyset-fingerprint.js';
import { rotatedKeyset } from './rotate-keyset.js';

const clock = { now: () => 0, date: () => new Date(0) };

describe('keysetFingerprint / jwksEtag', () => {
  const { active, next } = rotatedKeyset(null, clock);
  const keys = [active, next!];

  it('is deterministic and depends on every key, its order and its creation time', () => {
    const fp = keysetFingerprint(keys);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(keysetFingerprint(keys)).toBe(fp);
    expect(keysetFingerprint([active])).not.toBe(fp);
    expect(keysetFingerprint([next!, active])).not.toBe(fp);
    expect(keysetFingerprint([{ ...active, created_at: '2030-01-01T00:00:00.000Z' }, next!])).not.toBe(fp);
  });

  it('ETag is the quoted sha256 of <salt>:<fingerprint>', () => {
    const fp = keysetFingerprint(keys);
    const expected = createHash('sha256').update(`pepper:${fp}`).digest('hex');
    expect(jwksEtag('pepper', fp)).toBe(`"${expected}"`);
    expect(jwksEtag('other', fp)).not.toBe(jwksEtag('pepper', fp));
  });
});
