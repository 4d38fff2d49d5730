import { type AppDependencies, closeDependencies, createDependencies } from '../dependencies/index.js';
import { prepareDatabase } from '../migrations.js';
import type { CommandContext } from './command-context.js';

/**
 * Opens the dependencies and brings the schema up to date per profile. Null (after logging why and
 * closing what was opened) when the schema is behind and may not be migrated here.
 */
export async function openDependencies({
  settings,
  logger,
}: CommandContext): Promise<AppDependencies | null> {
  const deps = await createDependencies(settings, logger);
  try {
    await prepareDatabase(deps.database, settings, logger);
    return deps;
  } catch (error) {
    logger.error(
      { event: 'startup.migrations_failed', reason: error instanceof Error ? error.message : String(error) },
      'Refusing to start: the database schema is not current. Run `pnpm migrate` (or set AUTO_RUN_MIGRATIONS=true).',
    );
    await closeDependencies(deps, logger);
    return null;
  }
}
