import { type Kysely, type Migration, sql } from 'kysely';
import { PLATFORM_ROLES, USER_STATUSES } from '../schema/identity-enums.js';
import { maxLength, oneOf, withTimestamps, withUuidKey } from './migration-helpers.js';

/** Users, their profiles and password history. */
export const usersMigration: Migration & { name: string } = {
  name: '0001_users',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    await withTimestamps(
      withUuidKey(db.schema.createTable('users'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('password_pepper_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('platform_role', 'text')
        .addColumn('email_verified_at', 'timestamptz')
        .addColumn('password_changed_at', 'timestamptz')
        .addColumn('last_login_at', 'timestamptz'),
    )
      .addCheckConstraint('users_status_check', oneOf('status', USER_STATUSES))
      .addCheckConstraint('users_platform_role_check', oneOf('platform_role', PLATFORM_ROLES))
      .addCheckConstraint('users_email_check', sql`position('@' in email) > 1 and char_length(email) <= 320`)
      .addCheckConstraint('users_pepper_version_check', sql`password_pepper_version >= 1`)
      .execute();
    // No citext (PGlite lacks it): case-insensitive uniqueness comes from an index on lower(email).
    await db.schema
      .createIndex('users_email_lower_key')
      .on('users')
      .unique()
      .expression(sql`lower(email)`)
      .execute();

    await withTimestamps(
      db.schema
        .createTable('user_profiles')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('display_name', 'text')
        .addColumn('given_name', 'text')
        .addColumn('family_name', 'text')
        .addColumn('avatar_url', 'text')
        .addColumn('timezone', 'text')
        .addColumn('locale', 'text'),
    )
      .addCheckConstraint('user_profiles_display_name_check', maxLength('display_name', 128))
      .addCheckConstraint('user_profiles_given_name_check', maxLength('given_name', 128))
      .addCheckConstraint('user_profiles_family_name_check', maxLength('family_name', 128))
      .addCheckConstraint('user_profiles_avatar_url_check', maxLength('avatar_url', 2048))
      .addCheckConstraint('user_profiles_timezone_check', maxLength('timezone', 64))
      .addCheckConstraint('user_profiles_locale_check', maxLength('locale', 35))
      .execute();

    await db.schema
      .createTable('password_history')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_pepper_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('password_history_user_idx')
      .on('password_history')
      .columns(['user_id', 'id desc'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('password_history').execute();
    await db.schema.dropTable('user_profiles').execute();
    await db.schema.dropTable('users').execute();
  },
};
