import { AppError, type SqlDatabase } from '@starter/contracts';
import { type Kysely, Migrator as KyselyMigrator, type MigrationResultSet } from 'kysely';
import { createKysely } from '../sql/create-kysely.js';
import type { MigrationReport, MigrationSet, MigrationStatus, Migrator } from './migration.js';
import { type PlannedMigration, planMigrations } from './migration-plan.js';

export interface CreateMigratorOptions {
  /** The table recording applied migrations (default `starter_migration`; lock table: `<name>_lock`). */
  tableName?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,50}$/;

/**
 * The app's migrator over Kysely's `Migrator`. Order rule: sets run in the given (dependency) order and
 * migrations in array order inside a set; the database records each as `<source>:<name>`, never a position.
 * Kysely would sort names alphabetically, so each step hands it only the applied migrations plus the next
 * pending one (with `allowUnorderedMigrations`). Consequence: a migration added later to an earlier package
 * simply runs next on databases that already applied later packages' migrations, so a migration may depend
 * only on its own package's earlier migrations and on packages listed before it. Applied migrations are
 * append-only: never rename or delete one (a recorded id missing from the code is an error).
 */
export function createMigrator(
  database: SqlDatabase,
  sets: readonly MigrationSet[],
  options: CreateMigratorOptions = {},
): Migrator {
  const tableName = options.tableName ?? 'starter_migration';
  if (!IDENTIFIER.test(tableName)) {
    throw new AppError('InternalServerError', `Invalid migration table name "${tableName}".`);
  }
  const plan = planMigrations(sets);
  const planIndex = new Map(plan.map((planned) => [planned.id, planned.index]));
  // biome-ignore lint/suspicious/noExplicitAny: the migration table is outside any package's typed schema.
  const db: Kysely<any> = createKysely(database);

  const readApplied = async (): Promise<Map<string, Date>> => {
    const { rows: found } = await database.query<{ present: boolean }>(
      'select to_regclass($1) is not null as present',
      [tableName],
    );
    if (!found[0]?.present) return new Map();
    const { rows } = await database.query<{ name: string; timestamp: string }>(
      `select name, "timestamp" from "${tableName}"`,
    );
    const applied = new Map(rows.map((row) => [row.name, new Date(row.timestamp)]));
    const unknown = [...applied.keys()].filter((id) => !planIndex.has(id));
    if (unknown.length > 0) {
      throw new AppError(
        'InternalServerError',
        `The database has migrations applied that this code does not define: ${unknown.join(', ')}. ` +
          'Deploy code that includes them; applied migrations must never be renamed or removed.',
        { details: { unknown } },
      );
    }
    return applied;
  };

  // Applied ids in the order they were applied; ties broken by plan order, as Kysely does via `nameComparator`.
  const appliedOrder = (applied: Map<string, Date>): string[] =>
    [...applied.entries()]
      .sort(
        ([a, at], [b, bt]) =>
          at.getTime() - bt.getTime() || (planIndex.get(a) ?? 0) - (planIndex.get(b) ?? 0),
      )
      .map(([id]) => id);

  const kyselyMigrator = (migrations: readonly PlannedMigration[]): KyselyMigrator =>
    new KyselyMigrator({
      db,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(migrations.map((planned) => [planned.id, planned.migration])),
      },
      migrationTableName: tableName,
      migrationLockTableName: `${tableName}_lock`,
      allowUnorderedMigrations: true,
      nameComparator: (a, b) => (planIndex.get(a) ?? 0) - (planIndex.get(b) ?? 0),
    });

  const succeeded = (result: MigrationResultSet, id: string): string[] => {
    if (result.error !== undefined) {
      throw new AppError('InternalServerError', `Migration ${id} failed and was rolled back.`, {
        cause: result.error,
        details: { migration: id },
      });
    }
    return (result.results ?? [])
      .filter((item) => item.status === 'Success')
      .map((item) => item.migrationName);
  };

  const pending = async (): Promise<string[]> => {
    const applied = await readApplied();
    return plan.filter((planned) => !applied.has(planned.id)).map((planned) => planned.id);
  };

  return {
    async up(): Promise<MigrationReport> {
      const ran: string[] = [];
      let previous: string | undefined;
      while (true) {
        const applied = await readApplied();
        const next = plan.find((planned) => !applied.has(planned.id));
        if (!next) return { direction: 'up', migrations: ran };
        // Another process may apply `next` while we wait for the lock (we then see no result): move on,
        // but never spin on a migration that stays pending.
        if (next.id === previous) {
          throw new AppError(
            'InternalServerError',
            `Migration ${next.id} did not apply and reported no error.`,
          );
        }
        previous = next.id;
        const result = await kyselyMigrator(
          plan.filter((planned) => applied.has(planned.id) || planned === next),
        ).migrateUp();
        ran.push(...succeeded(result, next.id));
      }
    },

    async down(): Promise<MigrationReport> {
      const applied = await readApplied();
      const last = appliedOrder(applied).at(-1);
      if (last === undefined) return { direction: 'down', migrations: [] };
      const target = plan.find((planned) => planned.id === last);
      if (!target?.migration.down) {
        throw new AppError('BadRequest', `Migration ${last} cannot be reverted: it has no down().`);
      }
      const result = await kyselyMigrator(plan.filter((planned) => applied.has(planned.id))).migrateDown();
      return { direction: 'down', migrations: succeeded(result, last) };
    },

    async status(): Promise<MigrationStatus[]> {
      const applied = await readApplied();
      return plan.map((planned) => ({
        name: planned.name,
        source: planned.source,
        executedAt: applied.get(planned.id) ?? null,
      }));
    },

    pending,

    async assertCurrent(): Promise<void> {
      const names = await pending();
      if (names.length > 0) {
        throw new AppError(
          'ServiceUnavailable',
          `Database migrations are behind: ${names.length} pending (${names.join(', ')}). Run \`pnpm migrate\`.`,
          { details: { pending: names } },
        );
      }
    },
  };
}
