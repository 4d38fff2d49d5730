import { randomUUID } from 'node:crypto';
import { asId, type UserId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createUsersRepository, type UsersRepository } from './users-repository.js';

const HASH = (n: number): string => `$argon2id$v=19$test-${n}`;

describe('createUsersRepository', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    users = createUsersRepository(db);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const email = (): string => `User.${randomUUID()}@Example.com`;

  it('creates a user with a profile and the initial password in history', async () => {
    const address = email();
    const { user, profile } = await users.create({
      user: { email: address, password_hash: HASH(1) },
      profile: { display_name: 'Ada', timezone: 'Europe/Paris' },
    });
    expect(user).toMatchObject({
      email: address,
      status: 'active',
      password_pepper_version: 1,
      platform_role: null,
    });
    expect(user.created_at).toBeInstanceOf(Date);
    expect(profile).toMatchObject({
      user_id: user.id,
      display_name: 'Ada',
      timezone: 'Europe/Paris',
      locale: null,
    });
    expect(await users.findProfile(user.id)).toEqual(profile);
    expect(await users.recentPasswordHashes(user.id, 5)).toEqual([
      { password_hash: HASH(1), password_pepper_version: 1 },
    ]);
  });

  it('finds users by id and by email case-insensitively', async () => {
    const address = email();
    const { user } = await users.create({ user: { email: address, password_hash: null } });
    expect(await users.findById(user.id)).toEqual(user);
    expect(await users.findByEmail(address.toUpperCase())).toEqual(user);
    expect(await users.findByEmail(address.toLowerCase())).toEqual(user);
    expect(await users.findByEmail(`x${address}`)).toBeUndefined();
    expect(await users.findById(asId<'UserId'>(randomUUID()))).toBeUndefined();
  });

  it('rejects an email that differs only in case, leaving no partial rows', async () => {
    const address = email();
    await users.create({ user: { email: address, password_hash: HASH(2) } });
    const before = await db
      .selectFrom('user_profiles')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      users.create({
        user: { email: address.toLowerCase(), password_hash: HASH(3) },
        profile: { display_name: 'Dup' },
      }),
    ).rejects.toMatchObject({ code: 'Conflict', status: 409 });
    const after = await db
      .selectFrom('user_profiles')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('rolls back the user when the profile insert fails', async () => {
    const address = email();
    await expect(
      users.create({
        user: { email: address, password_hash: HASH(4) },
        profile: { locale: 'x'.repeat(100) },
      }),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await users.findByEmail(address)).toBeUndefined();
  });

  it('changes email, clearing verification, with case-insensitive conflicts', async () => {
    const taken = email();
    await users.create({ user: { email: taken, password_hash: null } });
    const { user } = await users.create({
      user: { email: email(), password_hash: null, email_verified_at: new Date() },
    });
    await expect(users.changeEmail(user.id, taken.toUpperCase())).rejects.toMatchObject({ code: 'Conflict' });
    const fresh = email();
    const changed = await users.changeEmail(user.id, fresh);
    expect(changed).toMatchObject({ email: fresh, email_verified_at: null });
    const verified = await users.markEmailVerified(user.id);
    expect(verified?.email_verified_at).toBeInstanceOf(Date);
  });

  it('updates status and lockout', async () => {
    const { user } = await users.create({ user: { email: email(), password_hash: null } });
    const until = new Date(Date.now() + 60 * 60_000);
    const locked = await users.lock(user.id, until);
    expect(locked).toMatchObject({ status: 'locked' });
    expect(locked?.locked_until?.getTime()).toBe(until.getTime());
    const unlocked = await users.unlock(user.id);
    expect(unlocked).toMatchObject({ status: 'active', locked_until: null });

    expect(await users.updateStatus(user.id, 'disabled')).toMatchObject({ status: 'disabled' });
    // unlock only reactivates locked accounts: a disabled user stays disabled.
    expect(await users.unlock(user.id)).toBeUndefined();
    expect((await users.findById(user.id))?.status).toBe('disabled');

    await users.lock(user.id, until);
    expect(await users.updateStatus(user.id, 'active')).toMatchObject({
      status: 'active',
      locked_until: null,
    });
  });

  it('updates a profile partially and records logins', async () => {
    const { user } = await users.create({
      user: { email: email(), password_hash: null },
      profile: { given_name: 'Grace' },
    });
    const profile = await users.updateProfile(user.id, { family_name: 'Hopper' });
    expect(profile).toMatchObject({ given_name: 'Grace', family_name: 'Hopper' });
    await users.recordLogin(user.id);
    expect((await users.findById(user.id))?.last_login_at).toBeInstanceOf(Date);
    expect(await users.updateProfile(asId<'UserId'>(randomUUID()), { locale: 'en' })).toBeUndefined();
  });

  it('updates the password, appending history and keeping only the newest N', async () => {
    const { user } = await users.create({ user: { email: email(), password_hash: HASH(10) } });
    for (let n = 11; n <= 16; n++) {
      const updated = await users.updatePassword(user.id, {
        passwordHash: HASH(n),
        pepperVersion: 2,
        historyLimit: 3,
      });
      expect(updated?.password_hash).toBe(HASH(n));
      expect(updated?.password_changed_at).toBeInstanceOf(Date);
    }
    const history = await users.recentPasswordHashes(user.id, 10);
    expect(history.map((entry) => entry.password_hash)).toEqual([HASH(16), HASH(15), HASH(14)]);
    expect(history.every((entry) => entry.password_pepper_version === 2)).toBe(true);
    expect(await users.recentPasswordHashes(user.id, 2)).toHaveLength(2);
  });

  it('does not touch history when the user is missing', async () => {
    const ghost: UserId = asId<'UserId'>(randomUUID());
    expect(
      await users.updatePassword(ghost, { passwordHash: HASH(99), pepperVersion: 1, historyLimit: 5 }),
    ).toBeUndefined();
    expect(await users.recentPasswordHashes(ghost, 5)).toEqual([]);
  });

  it('joins a caller transaction instead of opening its own', async () => {
    const address = email();
    await expect(
      db.transaction().execute(async (trx) => {
        await createUsersRepository(trx).create({ user: { email: address, password_hash: HASH(20) } });
        throw new Error('abort the outer unit of work');
      }),
    ).rejects.toThrow('abort the outer unit of work');
    expect(await users.findByEmail(address)).toBeUndefined();
  });
});
