// The SSE client of `pnpm bench:chat` behind one interface, either in this process (`inline`: its parsing
// runs on the server's event loop and counts in the figures) or in a child process (`process`: as a remote
// client, only the server's own work is measured).
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../stop-child.js';
import { runStreamsOnFreshPool, StreamFigures, type StreamProgress, type StreamTarget } from './client.js';
import type { ChildMessage, RunMessage } from './client-child.js';

export type ClientMode = 'inline' | 'process';

export interface StreamClient {
  readonly mode: ClientMode;
  /** The current run so far; from a child, its last progress message (open ≤ 50 ms old, the rest ≤ 250). */
  readonly progress: StreamProgress;
  /**
   * Runs `count` streams over `rampMs` on a fresh connection pool, closed at the end. `cpu` is the
   * child's CPU time over the run (process mode only).
   */
  run(
    count: number,
    rampMs: number,
    record?: boolean,
  ): Promise<{ figures: StreamFigures; cpu?: NodeJS.CpuUsage }>;
  close(): Promise<void>;
}

export function startStreamClient(mode: ClientMode, target: StreamTarget): Promise<StreamClient> {
  return mode === 'inline' ? Promise.resolve(inlineClient(target)) : forkClient(target);
}

function inlineClient(target: StreamTarget): StreamClient {
  let figures = new StreamFigures();
  return {
    mode: 'inline',
    get progress() {
      return figures;
    },
    async run(count, rampMs, record = true) {
      figures = new StreamFigures();
      await runStreamsOnFreshPool(target, count, rampMs, figures, record);
      return { figures };
    },
    close: async () => {},
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const idle: StreamProgress = { open: 0, frames: 0, completed: 0, errors: 0 };

async function forkClient(target: StreamTarget): Promise<StreamClient> {
  const child: ChildProcess = fork(join(here, 'client-child.ts'), [], {
    cwd: here,
    execArgv: ['--conditions=@starter/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let progress = idle;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      progress = idle;
      reject(new Error(`the client process exited (${signal ?? code})`));
    }),
  );
  exited.catch(() => {}); // Only an error while someone waits on it.
  const next = <T extends ChildMessage['type']>(type: T) =>
    Promise.race([
      new Promise<Extract<ChildMessage, { type: T }>>((resolve) => {
        const onMessage = (message: ChildMessage) => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          resolve(message as Extract<ChildMessage, { type: T }>);
        };
        child.on('message', onMessage);
      }),
      exited,
    ]);
  // Waiting for `ready` keeps the child's start-up (tsx, module loading) out of the first run.
  await next('ready');

  child.on('message', (message: ChildMessage) => {
    if (message.type === 'progress') progress = message;
  });
  return {
    mode: 'process',
    get progress() {
      return progress;
    },
    async run(count, rampMs, record = true) {
      progress = idle;
      const done = next('done');
      child.send({ type: 'run', target, count, rampMs, record } satisfies RunMessage);
      const message = await done;
      progress = idle;
      const figures = new StreamFigures();
      figures.merge(message.figures);
      return { figures, cpu: message.cpu };
    },
    close: () => stopChild(child),
  };
}
