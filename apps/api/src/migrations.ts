import { agentRuntimeMigrations } from '@starter/agent-runtime';
import type { Logger, SqlDatabase } from '@starter/contracts';
import { identityMigrations } from '@starter/identity';
import { createMigrator, type MigrationSet, type MigrationStatus } from '@starter/providers';
import type { Settings } from './settings/index.js';

/**
 * Every package's migrations, in dependency order (a package after the packages it builds on). Each
 * domain package that owns tables adds its exported set here; the migrator runs them as one list.
 */
export const appMigrationSets: readonly MigrationSet[] = [identityMigrations, agentRuntimeMigrations];

/**
 * Brings the schema to where the code expects it before the service starts. PGlite always migrates:
 * the embedded database belongs to this one process, so there is no separate deploy step to run it.
 * On Postgres migrations run only with AUTO_RUN_MIGRATIONS=true; otherwise pending ones make this throw
 * (`ServiceUnavailable`, naming them) so that no replica serves an old schema.
 */
export async function prepareDatabase(
  database: SqlDatabase,
  settings: Settings,
  logger: Logger,
  sets: readonly MigrationSet[] = appMigrationSets,
): Promise<void> {
  const migrator = createMigrator(database, sets);
  if (database.dialect === 'pglite' || settings.autoRunMigrations) {
    const report = await migrator.up();
    if (report.migrations.length > 0) {
      logger.info({ event: 'migrations.applied', migrations: report.migrations }, 'migrations.applied');
    }
    return;
  }
  await migrator.assertCurrent();
}

/** The migration status as a plain-text table, for `migrate status`. */
export function formatMigrationTable(rows: readonly MigrationStatus[]): string {
  if (rows.length === 0) return 'No migrations defined.\n';
  const table = [
    ['SOURCE', 'NAME', 'APPLIED AT'],
    ...rows.map((row) => [row.source, row.name, row.executedAt?.toISOString() ?? 'pending']),
  ];
  const widths = [0, 1].map((column) => Math.max(...table.map((line) => line[column]?.length ?? 0)));
  const lines = table.map(([source = '', name = '', at = '']) =>
    `${source.padEnd(widths[0] ?? 0)}  ${name.padEnd(widths[1] ?? 0)}  ${at}`.trimEnd(),
  );
  const pending = rows.filter((row) => row.executedAt === null).length;
  return `${lines.join('\n')}\n\n${rows.length - pending} applied, ${pending} pending.\n`;
}
