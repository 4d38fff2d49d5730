import { createApp } from '../app.js';
import { closeDependencies } from '../dependencies/index.js';
import { chatServiceOf } from '../routes/chat/index.js';
import { type RunningServer, startServer } from '../server.js';
import type { CommandContext } from './command-context.js';
import { openDependencies } from './open-dependencies.js';
import { waitForShutdownSignal } from './wait-for-signal.js';

/**
 * `serve`: builds the dependencies, checks or applies migrations, serves HTTP until SIGTERM/SIGINT, then
 * drains the server before closing the dependencies. Returns the exit code.
 */
export async function serveCommand(context: CommandContext): Promise<number> {
  const { settings, logger } = context;
  const deps = await openDependencies(context);
  if (deps === null) return 1;
  // An embedded database cannot be shared with a separate worker process, so jobs run in this one.
  const runsJobs = deps.database.dialect === 'pglite';
  let server: RunningServer;
  const app = createApp(deps);
  try {
    if (runsJobs) await deps.jobs.start();
    server = await startServer(app, {
      host: settings.host,
      port: settings.port,
      logger,
      shutdownTimeoutMs: settings.shutdownTimeoutSeconds * 1000,
    });
  } catch (error) {
    // PGlite flushes its files on close: keep the data directory consistent even when the port is taken.
    await closeDependencies(deps, logger);
    throw error;
  }
  logger.info(
    {
      event: 'server.started',
      url: server.url,
      profile: settings.profile,
      database: settings.database.kind,
      kv: settings.kv.kind,
      storage: settings.storage.provider,
      jobs: runsJobs ? 'in-process' : 'worker',
      docs: settings.enableDocs ? `${server.url}/docs` : null,
    },
    `Listening on ${server.url} (${settings.profile} profile)`,
  );

  const signal = await waitForShutdownSignal((forced) => {
    logger.warn({ event: 'server.forced_exit', signal: forced }, 'server.forced_exit');
    process.exit(130);
  });
  logger.info({ event: 'server.stopping', signal }, 'server.stopping');
  await server.close();
  // Runs are not tied to connections: let the ones this instance drives finish (bounded) and flush the ledger.
  await chatServiceOf(app)?.close();
  await closeDependencies(deps, logger);
  logger.info({ event: 'server.stopped' }, 'server.stopped');
  return 0;
}
