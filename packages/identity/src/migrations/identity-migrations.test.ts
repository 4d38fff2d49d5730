import { createKysely, createMigrator, type MigrationSet } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from './identity-migrations.js';

const TABLES = [
  'users',
  'user_profiles',
  'password_history',
  'user_login_events',
  'tenant_accounts',
  'tenant_settings',
  'tenant_user_memberships',
  'tenant_member_invites',
  'tenant_signup_invites',
  'tenant_signup_invite_reservations',
  'tenant_signup_requests',
  'user_sessions',
  'service_account_tokens',
  'user_mfa_methods',
  'user_recovery_codes',
  'security_events',
  'user_consents',
  'user_notification_preferences',
  'activity_events',
  'activity_event_receipts',
  'activity_last_seen',
].sort();

describe('identityMigrations', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  const sets: MigrationSet[] = [identityMigrations];

  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const tables = async (): Promise<string[]> => {
    const { rows } = await createKysely(database)
      .selectFrom(sql`information_schema.tables`.as('t'))
      .select(sql<string>`table_name`.as('name'))
      .where(sql`table_schema`, '=', 'public')
      .where(sql`table_name`, 'not like', 'starter_migration%')
      .orderBy('name')
      .execute()
      .then((found) => ({ rows: found }));
    return rows.map((row) => row.name);
  };

  it('is the @starter/identity set with unique names', () => {
    expect(identityMigrations.source).toBe('@starter/identity');
    const names = identityMigrations.migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    expect(identityMigrations.migrations.every((migration) => typeof migration.down === 'function')).toBe(
      true,
    );
  });

  it('migrates up, down to zero, and up again', async () => {
    const migrator = createMigrator(database, sets);
    const up = await migrator.up();
    expect(up.migrations).toEqual(identityMigrations.migrations.map((m) => `@starter/identity:${m.name}`));
    await migrator.assertCurrent();
    expect(await tables()).toEqual(TABLES);

    for (let step = 0; step < identityMigrations.migrations.length; step++) {
      const down = await migrator.down();
      expect(down.migrations).toHaveLength(1);
    }
    expect(await tables()).toEqual([]);
    expect(await migrator.pending()).toHaveLength(identityMigrations.migrations.length);

    await migrator.up();
    expect(await migrator.pending()).toEqual([]);
    expect(await tables()).toEqual(TABLES);
  });

  it('enforces the enum CHECK constraints', async () => {
    await expect(
      database.query(`insert into users (email, status) values ('a@example.com', 'zombie')`),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      database.query(`insert into tenant_accounts (slug, name, status) values ('acme', 'Acme', 'paused')`),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      database.query(`insert into tenant_accounts (slug, name) values ('Not A Slug', 'Acme')`),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
