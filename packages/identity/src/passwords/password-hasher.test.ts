import { hash as argon2Hash, argon2i, argon2id } from 'argon2';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, DEFAULT_ARGON2_COST } from './password-hasher.js';

// Cheap parameters keep the tests fast; production uses DEFAULT_ARGON2_COST.
const CHEAP = { memoryCost: 256, timeCost: 1, parallelism: 1 };
const PEPPER = 'pepper-for-tests';
const PASSWORD = 'Correct-Horse-Battery-Staple-42';

describe('DEFAULT_ARGON2_COST', () => {
  it('is at least the OWASP argon2id baseline', () => {
    expect(DEFAULT_ARGON2_COST.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(DEFAULT_ARGON2_COST.timeCost).toBeGreaterThanOrEqual(2);
    expect(DEFAULT_ARGON2_COST.parallelism).toBeGreaterThanOrEqual(1);
    expect(Object.isFrozen(DEFAULT_ARGON2_COST)).toBe(true);
  });
});

describe('createPasswordHasher', () => {
  const hasher = createPasswordHasher({ pepper: PEPPER, cost: CHEAP });

  it('produces an argon2id PHC string with the configured cost and no pepper or password', async () => {
    const hash = await hasher.hash(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=256,p=1,t=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hash).not.toContain(PEPPER);
    expect(hash).not.toContain(PASSWORD);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash(PASSWORD)).not.toBe(await hasher.hash(PASSWORD));
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hasher.hash(PASSWORD);
    expect(await hasher.verify(hash, PASSWORD)).toBe(true);
    expect(await hasher.verify(hash, `${PASSWORD}!`)).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  it('fails verification under a different pepper, and without one', async () => {
    const hash = await hasher.hash(PASSWORD);
    const otherPepper = createPasswordHasher({ pepper: 'another-pepper', cost: CHEAP });
    expect(await otherPepper.verify(hash, PASSWORD)).toBe(false);
    const unpeppered = await argon2Hash(PASSWORD, { type: argon2id, ...CHEAP });
    expect(await hasher.verify(unpeppered, PASSWORD)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not-a-hash'],
    ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['truncated argon2id', '$argon2id$v=19$m=256,p=1,t=1$c2FsdHNhbHQ'],
    ['broken params', '$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo'],
  ])('returns false for a malformed hash (%s) instead of throwing', async (_label, hash) => {
    await expect(hasher.verify(hash, PASSWORD)).resolves.toBe(false);
  });

  it('rejects an argon2i hash even for the right password', async () => {
    const argon2iHash = await argon2Hash(PASSWORD, {
      type: argon2i,
      ...CHEAP,
      secret: Buffer.from(PEPPER),
    });
    expect(await hasher.verify(argon2iHash, PASSWORD)).toBe(false);
    expect(hasher.needsRehash(argon2iHash)).toBe(true);
  });

  it('needsRehash is false for current parameters and true when they change', async () => {
    const hash = await hasher.hash(PASSWORD);
    expect(hasher.needsRehash(hash)).toBe(false);
    const stronger = createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, timeCost: 2 } });
    expect(stronger.needsRehash(hash)).toBe(true);
    const moreMemory = createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, memoryCost: 512 } });
    expect(moreMemory.needsRehash(hash)).toBe(true);
    // A hash made under old parameters still verifies, so it can be upgraded at the next login.
    expect(await stronger.verify(hash, PASSWORD)).toBe(true);
  });

  it('needsRehash is true for malformed or foreign hashes', () => {
    expect(hasher.needsRehash('')).toBe(true);
    expect(hasher.needsRehash('$2b$12$abc')).toBe(true);
    expect(hasher.needsRehash('$argon2id$garbage')).toBe(true);
  });

  it('handles unicode and long passwords', async () => {
    const unicode = 'pässwörd-日本語-🔐-long enough';
    const long = 'x'.repeat(1000);
    expect(await hasher.verify(await hasher.hash(unicode), unicode)).toBe(true);
    expect(await hasher.verify(await hasher.hash(long), long)).toBe(true);
    expect(await hasher.verify(await hasher.hash(long), `${long}y`)).toBe(false);
  });

  it('refuses an empty pepper and invalid cost', () => {
    expect(() => createPasswordHasher({ pepper: '' })).toThrow('Password pepper must not be empty.');
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, timeCost: 0 } })).toThrow(
      RangeError,
    );
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, parallelism: 0 } })).toThrow(
      RangeError,
    );
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, memoryCost: 4 } })).toThrow(
      RangeError,
    );
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: { ...CHEAP, memoryCost: 1.5 } })).toThrow(
      RangeError,
    );
  });

  it('uses the production defaults when no cost is given', async () => {
    const production = createPasswordHasher({ pepper: PEPPER });
    const hash = await production.hash(PASSWORD);
    expect(hash).toContain('$m=19456,p=1,t=2$');
    expect(production.needsRehash(hash)).toBe(false);
    expect(await production.verify(hash, PASSWORD)).toBe(true);
  });
});
