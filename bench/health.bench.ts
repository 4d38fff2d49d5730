// `pnpm bench`: GET /health against bare Hono, each middleware layer added in turn, and the full stack,
// each served by its own child process, loaded by autocannon from this one.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { TARGETS } from './targets.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '1' },
    targets: { type: 'string' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const selected = values.targets
  ? TARGETS.filter((target) => values.targets?.split(',').includes(target.name))
  : TARGETS;

interface Sample {
  rps: number;
  /** Server CPU time (user + system) per answered request, in microseconds. */
  cpuPerRequest: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function startChild(name: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(here, 'serve-target.ts'), [name], {
    cwd: here,
    execArgv: ['--conditions=@starter/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`target ${name} exited with ${code}`)));
  });
  return { child, port };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function cpuOf(child: ChildProcess): Promise<number> {
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

function load(port: number, seconds: number) {
  return autocannon({ url: `http://127.0.0.1:${port}/health`, connections, duration: seconds });
}

async function measure(name: string): Promise<Sample> {
  const { child, port } = await startChild(name);
  try {
    if (warmup > 0) await load(port, warmup);
    const cpuBefore = await cpuOf(child);
    const result = await load(port, duration);
    const cpuAfter = await cpuOf(child);
    return {
      rps: result.requests.average,
      cpuPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
    };
  } finally {
    await stopChild(child);
  }
}

const samples = new Map<string, Sample[]>(selected.map((target) => [target.name, []]));
for (let round = 1; round <= rounds; round++) {
  // Rounds interleave the targets, so a burst of load from elsewhere spreads over all of them.
  for (const target of selected) {
    const sample = await measure(target.name);
    samples.get(target.name)?.push(sample);
    const warning = sample.non2xx > 0 ? `  (${sample.non2xx} non-2xx!)` : '';
    const cpu = sample.cpuPerRequest.toFixed(1);
    console.error(
      `round ${round}/${rounds} ${target.name}: ${Math.round(sample.rps)} req/s, ${cpu} µs CPU/req${warning}`,
    );
  }
}

function best(name: string): Sample | undefined {
  return samples.get(name)?.reduce((a, b) => (b.rps > a.rps ? b : a));
}

// The least CPU per request any round of a target needed: the round least disturbed by other work.
function leanest(name: string): number {
  return Math.min(...(samples.get(name) ?? []).map((sample) => sample.cpuPerRequest));
}

const bare = best('bare');
const bareCpu = leanest('bare');
let previousCpu: number | undefined;
let previous: Sample | undefined;
const rows = selected.map((target) => {
  const runs = samples.get(target.name) ?? [];
  const top = best(target.name);
  const low = Math.min(...runs.map((run) => run.rps));
  const cpu = leanest(target.name);
  const row = {
    target: target.name,
    'req/s (best)': top ? Math.round(top.rps) : NaN,
    'spread %': top ? Number((((top.rps - low) / top.rps) * 100).toFixed(1)) : NaN,
    'p50 ms': top?.p50,
    'p99 ms': top?.p99,
    'x bare': bare && top ? Number((top.rps / bare.rps).toFixed(2)) : NaN,
    'cost vs prev %':
      previous && top && target.name !== 'stack'
        ? Number((((previous.rps - top.rps) / previous.rps) * 100).toFixed(1))
        : '',
    'CPU µs/req': Number(cpu.toFixed(1)),
    'x bare (CPU)': Number((bareCpu / cpu).toFixed(2)),
    '+CPU µs vs prev':
      previousCpu !== undefined && target.name !== 'stack' ? Number((cpu - previousCpu).toFixed(1)) : '',
  };
  if (target.name !== 'stack') {
    previous = top;
    previousCpu = cpu;
  }
  return row;
});
console.log(
  `\nGET /health, ${connections} connections, ${warmup}s warm-up + ${duration}s, ${rounds} round(s), Node ${process.version}`,
);
console.table(rows);
for (const target of selected) console.log(`  ${target.name.padEnd(13)} ${target.description}`);
