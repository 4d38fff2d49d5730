import { closeDependencies } from '../dependencies/index.js';
import type { CommandContext } from './command-context.js';
import { openDependencies } from './open-dependencies.js';
import { waitForShutdownSignal } from './wait-for-signal.js';

/**
 * `worker`: runs the background job queue until SIGTERM/SIGINT, then stops it gracefully (pg-boss lets
 * active jobs finish) before closing the other dependencies. Returns the exit code.
 */
export async function workerCommand(context: CommandContext): Promise<number> {
  const { settings, logger } = context;
  const deps = await openDependencies(context);
  if (deps === null) return 1;
  if (deps.database.dialect === 'pglite') {
    logger.warn(
      { event: 'worker.embedded_database' },
      'The worker is using the embedded database; do not run `serve` on the same DATA_DIR at the same time.',
    );
  }
  await deps.jobs.start();
  logger.info({ event: 'worker.started', profile: settings.profile }, 'worker.started');

  const signal = await waitForShutdownSignal((forced) => {
    logger.warn({ event: 'worker.forced_exit', signal: forced }, 'worker.forced_exit');
    process.exit(130);
  });
  logger.info({ event: 'worker.stopping', signal }, 'worker.stopping');
  await closeDependencies(deps, logger);
  logger.info({ event: 'worker.stopped' }, 'worker.stopped');
  return 0;
}
