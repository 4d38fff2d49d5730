// Child of `pnpm bench:chat --client process`: runs the SSE client in its own process, as a remote client
// would, so that its parsing and receive-time stamps are not paid on the event loop of the server it
// measures. Runs one `runStreamsOnFreshPool` per `run` message, reports a little
// progress while it goes and the full figures plus its CPU time at the end. Exits when the parent
// disconnects.
import { performance } from 'node:perf_hooks';
import {
  runStreamsOnFreshPool,
  StreamFigures,
  type StreamFiguresJSON,
  type StreamProgress,
  type StreamTarget,
} from './client.js';

export interface RunMessage {
  type: 'run';
  target: StreamTarget;
  count: number;
  rampMs: number;
  record: boolean;
}

export type ChildMessage =
  | { type: 'ready' }
  | ({ type: 'progress' } & StreamProgress)
  | { type: 'done'; figures: StreamFiguresJSON; cpu: NodeJS.CpuUsage };

const send = (message: ChildMessage) => process.send?.(message);

// Often enough for the parent's memory sampler (every 250 ms) to see the open count within a tick, rare
// enough that IPC costs the measured process next to nothing: never a message per frame.
const CHECK_MS = 50;
const HEARTBEAT_MS = 250;

async function run({ target, count, rampMs, record }: RunMessage): Promise<void> {
  const figures = new StreamFigures();
  let sentOpen = -1;
  let sentAt = 0;
  const progress = setInterval(() => {
    const now = performance.now();
    if (figures.open === sentOpen && now - sentAt < HEARTBEAT_MS) return;
    sentOpen = figures.open;
    sentAt = now;
    const { open, frames, completed, errors } = figures;
    send({ type: 'progress', open, frames, completed, errors });
  }, CHECK_MS);
  const cpuBefore = process.cpuUsage();
  await runStreamsOnFreshPool(target, count, rampMs, figures, record);
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(progress);
  send({ type: 'done', figures: figures.toJSON(), cpu });
}

process.on('message', (message: RunMessage) => void run(message));
send({ type: 'ready' });
