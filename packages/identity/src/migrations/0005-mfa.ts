import { type Kysely, type Migration, sql } from 'kysely';
import { MFA_METHOD_TYPES } from '../schema/identity-enums.js';
import { maxLength, oneOf, withTimestamps, withUuidKey } from './migration-helpers.js';

/** MFA methods and recovery codes (spec §7.4). */
export const mfaMigration: Migration & { name: string } = {
  name: '0005_mfa',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    await withTimestamps(
      withUuidKey(db.schema.createTable('user_mfa_methods'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('method_type', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('secret_encrypted', 'text')
        .addColumn('verified_at', 'timestamptz')
        .addColumn('last_used_at', 'timestamptz')
        .addColumn('last_used_step', 'bigint')
        .addColumn('revoked_at', 'timestamptz'),
    )
      .addCheckConstraint('user_mfa_methods_type_check', oneOf('method_type', MFA_METHOD_TYPES))
      .addCheckConstraint('user_mfa_methods_label_check', maxLength('label', 64))
      .execute();
    await db.schema
      .createIndex('user_mfa_methods_user_idx')
      .on('user_mfa_methods')
      .column('user_id')
      .execute();

    await withUuidKey(db.schema.createTable('user_recovery_codes'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('user_recovery_codes_user_code_key', ['user_id', 'code_hash'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('user_recovery_codes').execute();
    await db.schema.dropTable('user_mfa_methods').execute();
  },
};
