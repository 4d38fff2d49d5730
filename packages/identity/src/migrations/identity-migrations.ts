import type { Migration } from 'kysely';
import { usersMigration } from './0001-users.js';
import { tenantsMigration } from './0002-tenants.js';
import { signupMigration } from './0003-signup.js';
import { sessionsMigration } from './0004-sessions.js';
import { mfaMigration } from './0005-mfa.js';
import { auditAndPreferencesMigration } from './0006-audit-and-preferences.js';
import { activityEventsMigration } from './0007-activity-events.js';
import { activityReceiptsMigration } from './0008-activity-receipts.js';

/** A named migration, the shape `@starter/providers`' migrator runs. */
export type IdentityMigration = Migration & { name: string };

/**
 * The identity package's migrations in run order, shaped as a `MigrationSet` of `@starter/providers`
 * (declared structurally so the published package needs no runtime dependency on providers).
 * Append only: never rename, reorder or remove an applied migration.
 */
export const identityMigrations: {
  readonly source: '@starter/identity';
  readonly migrations: readonly IdentityMigration[];
} = {
  source: '@starter/identity',
  migrations: [
    usersMigration,
    tenantsMigration,
    signupMigration,
    sessionsMigration,
    mfaMigration,
    auditAndPreferencesMigration,
    activityEventsMigration,
    activityReceiptsMigration,
  ],
};
