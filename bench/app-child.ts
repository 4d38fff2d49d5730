// Starts `serve-app.ts` (the real app) as a child process (stop it with `stopChild`: it then closes its
// server, pool and Redis), and reads its CPU time over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadyMessage } from './serve-app.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The running app: its process, port and seeded users. */
export interface AppChild extends ReadyMessage {
  child: ChildProcess;
}

/**
 * Forks the app with exactly `env` (not the parent's environment, so a developer's DATABASE_URL or a
 * CI's AUTH_PASSWORD_HASH_COST=test cannot leak into the measured process) and waits until it listens.
 */
export async function startApp(env: Record<string, string>, userCount: number): Promise<AppChild> {
  const child = fork(join(here, 'serve-app.ts'), [String(userCount)], {
    cwd: here,
    env,
    execArgv: ['--conditions=@starter/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReadyMessage));
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening`)));
  });
  return { child, ...ready };
}

/** The child's CPU time so far (user + system), in microseconds. */
export function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpuMicros?: number }).cpuMicros;
      if (cpu === undefined) return;
      child.off('message', onMessage);
      resolve(cpu);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}
