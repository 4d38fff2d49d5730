import { randomUUID } from 'node:crypto';
import type { UserId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode } from '../mfa/recovery-codes.js';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createMfaRepository, type MfaRepository } from './mfa-repository.js';
import { createUsersRepository } from './users-repository.js';

const KEY = 'test-secret-key';

describe('createMfaRepository', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let mfa: MfaRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    mfa = createMfaRepository(db);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const newUser = async (): Promise<UserId> =>
    (
      await createUsersRepository(db).create({
        user: { email: `${randomUUID()}@example.com`, password_hash: null },
      })
    ).user.id;
  const totp = (userId: UserId) =>
    mfa.createMethod(userId, { methodType: 'totp', label: 'Phone', secretEncrypted: 'ciphertext' });

  it('creates, verifies and lists methods; only verified unrevoked ones are active', async () => {
    const userId = await newUser();
    const method = await totp(userId);
    expect(method).toMatchObject({ user_id: userId, method_type: 'totp', label: 'Phone', verified_at: null });
    expect(await mfa.listActiveMethods(userId)).toEqual([]);

    const accepted = await mfa.acceptTotpStep(userId, method.id, 1000);
    expect(accepted?.verified_at).toBeInstanceOf(Date);
    expect(accepted).toMatchObject({ last_used_step: 1000 });
    expect((await mfa.listActiveMethods(userId)).map((m) => m.id)).toEqual([method.id]);
    expect(await mfa.findMethod(userId, method.id)).toEqual(accepted);

    expect(await mfa.revokeMethod(userId, method.id)).toBe(true);
    expect(await mfa.revokeMethod(userId, method.id)).toBe(false);
    expect(await mfa.listActiveMethods(userId)).toEqual([]);
    expect(await mfa.listMethods(userId)).toHaveLength(1);
    expect(await mfa.acceptTotpStep(userId, method.id, 2000)).toBeUndefined();
  });

  it('never accepts the same or an older TOTP step twice, even concurrently', async () => {
    const userId = await newUser();
    const method = await totp(userId);
    expect(await mfa.acceptTotpStep(userId, method.id, 50)).toBeDefined();
    expect(await mfa.acceptTotpStep(userId, method.id, 50)).toBeUndefined();
    expect(await mfa.acceptTotpStep(userId, method.id, 49)).toBeUndefined();
    const both = await Promise.all([
      mfa.acceptTotpStep(userId, method.id, 51),
      mfa.acceptTotpStep(userId, method.id, 51),
    ]);
    expect(both.filter((row) => row !== undefined)).toHaveLength(1);
  });

  it('scopes methods by user and tolerates ids that are not UUIDs', async () => {
    const owner = await newUser();
    const other = await newUser();
    const method = await totp(owner);
    expect(await mfa.findMethod(other, method.id)).toBeUndefined();
    expect(await mfa.acceptTotpStep(other, method.id, 1)).toBeUndefined();
    expect(await mfa.revokeMethod(other, method.id)).toBe(false);
    expect(await mfa.findMethod(owner, 'recovery')).toBeUndefined();
    expect(await mfa.revokeMethod(owner, 'not-a-uuid')).toBe(false);
  });

  it('replaces recovery codes and accepts each exactly once', async () => {
    const userId = await newUser();
    const first = generateRecoveryCodes(10);
    expect(
      await mfa.replaceRecoveryCodes(
        userId,
        first.map((code) => hashRecoveryCode(KEY, code)),
      ),
    ).toBe(10);
    const [code] = first;
    if (!code) throw new Error('no code');
    expect(await mfa.useRecoveryCode(userId, hashRecoveryCode(KEY, code))).toBe(true);
    expect(await mfa.useRecoveryCode(userId, hashRecoveryCode(KEY, code))).toBe(false);
    expect(await mfa.countUnusedRecoveryCodes(userId)).toBe(9);

    const second = generateRecoveryCodes(10);
    await mfa.replaceRecoveryCodes(
      userId,
      second.map((c) => hashRecoveryCode(KEY, c)),
    );
    expect(await mfa.countUnusedRecoveryCodes(userId)).toBe(10);
    // Old codes stop working once replaced.
    expect(await mfa.useRecoveryCode(userId, hashRecoveryCode(KEY, first[1] ?? ''))).toBe(false);
  });

  it('lets exactly one of two concurrent uses of a recovery code succeed', async () => {
    const userId = await newUser();
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(KEY, code ?? '');
    await mfa.replaceRecoveryCodes(userId, [hash]);
    const results = await Promise.all([mfa.useRecoveryCode(userId, hash), mfa.useRecoveryCode(userId, hash)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await mfa.countUnusedRecoveryCodes(userId)).toBe(0);
  });

  it('keeps the old codes when a replacement fails, and scopes codes by user', async () => {
    const userId = await newUser();
    const other = await newUser();
    const hash = hashRecoveryCode(KEY, 'aaaaabbbbb');
    await mfa.replaceRecoveryCodes(userId, [hash]);
    // A duplicate hash violates the unique key: the whole replacement rolls back.
    await expect(mfa.replaceRecoveryCodes(userId, ['dup', 'dup'])).rejects.toMatchObject({ code: '23505' });
    expect(await mfa.countUnusedRecoveryCodes(userId)).toBe(1);
    expect(await mfa.useRecoveryCode(other, hash)).toBe(false);
    expect(await mfa.replaceRecoveryCodes(userId, [])).toBe(0);
    expect(await mfa.countUnusedRecoveryCodes(userId)).toBe(0);
  });
});
