import { createMigrator, createPgliteDatabase, createPostgresDatabase } from '@starter/providers';
import { appMigrationSets, formatMigrationTable } from '../migrations.js';
import type { CommandContext } from './command-context.js';

const ACTIONS = ['up', 'down', 'status'] as const;
type MigrateAction = (typeof ACTIONS)[number];

function isAction(value: string): value is MigrateAction {
  return (ACTIONS as readonly string[]).includes(value);
}

/**
 * `migrate [up|down|status]` (default `up`): opens only the database, runs the action and prints the
 * resulting table. Returns the exit code: non-zero on a bad action or a failed migration.
 */
export async function migrateCommand(context: CommandContext, args: readonly string[]): Promise<number> {
  const { settings, logger, print, printError } = context;
  const action = args[0] ?? 'up';
  if (!isAction(action) || args.length > 1) {
    printError(`Usage: migrate [${ACTIONS.join('|')}]`);
    return 2;
  }
  const { database: config } = settings;
  const database =
    config.url === null
      ? await createPgliteDatabase({ dataDir: config.dataDir })
      : createPostgresDatabase({
          connectionString: config.url,
          max: 1,
          connectionTimeoutMs: config.poolTimeoutSeconds * 1000,
        });
  try {
    const migrator = createMigrator(database, appMigrationSets);
    if (action !== 'status') {
      const report = action === 'up' ? await migrator.up() : await migrator.down();
      const verb = action === 'up' ? 'Applied' : 'Reverted';
      print(report.migrations.length === 0 ? 'Nothing to do.' : `${verb}: ${report.migrations.join(', ')}`);
    }
    print(formatMigrationTable(await migrator.status()).trimEnd());
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ event: 'migrate.failed', action, reason }, 'migrate.failed');
    printError(`migrate ${action} failed: ${reason}`);
    return 1;
  } finally {
    await database.close();
  }
}
