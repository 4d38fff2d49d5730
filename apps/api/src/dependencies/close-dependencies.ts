import type { Logger } from '@starter/contracts';
import type { Agents } from './agents.js';
import type { AppPorts } from './app-dependencies.js';

// Reverse order of opening: the queue runs on the database, so it goes before it.
const CLOSE_ORDER = ['email', 'storage', 'jobs', 'kv', 'database'] as const;

/**
 * Closes every opened port in reverse order of creation. A failing close is logged and the rest still
 * close, so one stuck adapter cannot keep connections of the others open.
 */
export async function closeDependencies(
  ports: Partial<AppPorts & { agents: Agents }>,
  logger: Logger,
): Promise<void> {
  // Local MCP servers are child processes or connections: close them first.
  await ports.agents?.runtime.close().catch((error: unknown) => {
    logger.error(
      { port: 'agents', exc_type: error instanceof Error ? error.name : typeof error },
      'dependency.close_failed',
    );
  });
  for (const name of CLOSE_ORDER) {
    const port = ports[name];
    if (port === undefined) continue;
    try {
      await port.close();
    } catch (error) {
      logger.error(
        { port: name, exc_type: error instanceof Error ? error.name : typeof error },
        'dependency.close_failed',
      );
    }
  }
}
