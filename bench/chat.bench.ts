// `pnpm bench:chat`: N concurrent streaming chats against the real app, in this process, on the offline
// demo model at a fixed token rate, read by an SSE client in a child process (`--client process`, as a
// remote client) or in this one (`--client inline`). Measures time to first frame, the latency each frame
// gains between the runtime producing it and the client reading it (ledger append + KV publish + follow +
// SSE write), RSS per open stream, and ledger writes/s. Targets: 2,000 streams under 1 GB RSS, < 2 ms added
// at p99.
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { ledgerHighWater, ledgerRows, type Profile, startChatApp } from './chat/app.js';
import { benchMessage } from './chat/client.js';
import { startStreamClient } from './chat/client-process.js';
import { printSqlStats } from './chat/sql-stats.js';
import { fixed, MiB, mib, quantileOf, startMemorySampler } from './chat/stats.js';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '2000' },
    'token-delay': { type: 'string', default: '50' },
    words: { type: 'string', default: '50' },
    ramp: { type: 'string', default: '2' },
    users: { type: 'string' },
    warmup: { type: 'string', default: '20' },
    profile: { type: 'string' },
    // `process`: the SSE client runs in a child process, so its CPU work is not on the server's event loop.
    client: { type: 'string', default: 'process' },
    'sql-stats': { type: 'boolean', default: false },
    // Postgres synchronous_commit for the bench database: `off` shows what the WAL flush per commit costs.
    'synchronous-commit': { type: 'string', default: 'on' },
    // The app's DATABASE_PREPARED_STATEMENTS: `off` shows what parsing and planning the ledger INSERT costs.
    'prepared-statements': { type: 'string', default: 'on' },
    // Diagnostic: heap snapshots into this directory, at the baseline and once every stream is open.
    // Writing one blocks the process for seconds: the run's latency figures are then not comparable.
    'heap-snapshot': { type: 'string' },
    'admin-url': {
      type: 'string',
      default:
        process.env.DATABASE_URL ??
        process.env.BENCH_ADMIN_DATABASE_URL ??
        'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'redis-url': {
      type: 'string',
      default: process.env.REDIS_URL ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    },
  },
});

const streams = Number(values.streams);
const tokenDelayMs = Number(values['token-delay']);
const words = Number(values.words);
const rampMs = Number(values.ramp) * 1000;
const users = Number(values.users ?? Math.max(1, Math.ceil(streams / 100)));
const warmup = Number(values.warmup);
const profile = (values.profile ?? (process.env.DATABASE_URL ? 'server' : 'embedded')) as Profile;
if (profile !== 'embedded' && profile !== 'server') throw new Error('--profile is embedded or server');
for (const [name, value] of Object.entries({ streams, tokenDelayMs, words, rampMs, users, warmup })) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`bad --${name}`);
}

const clientMode = values.client;
if (clientMode !== 'process' && clientMode !== 'inline') throw new Error('--client is process or inline');

const synchronousCommit = values['synchronous-commit'];
if (synchronousCommit !== 'on' && synchronousCommit !== 'off')
  throw new Error('--synchronous-commit is on or off');
const preparedStatements = values['prepared-statements'];
if (preparedStatements !== 'on' && preparedStatements !== 'off')
  throw new Error('--prepared-statements is on or off');

// monitorEventLoopDelay records how long its sampling timer took to fire, the interval included: the
// interval is taken off, so an idle loop reads 0, not 10 ms.
const LOOP_SAMPLE_MS = 10;
const loopDelay = (nanoseconds: number) => fixed(Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLE_MS));

const TARGET_STREAMS = 2000;
const TARGET_RSS = 1024 * MiB;
const TARGET_P99_MS = 2;

const gc = (globalThis as { gc?: () => void }).gc;
const settle = async () => {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
};

console.error(`starting the app (${profile}), seeding ${users} users…`);
const app = await startChatApp({
  profile,
  tokenDelayMs,
  users,
  adminUrl: values['admin-url'],
  redisUrl: values['redis-url'],
  sqlStats: values['sql-stats'],
  synchronousCommit: synchronousCommit,
  preparedStatements: preparedStatements === 'on',
});
const target = { port: app.port, tokens: app.tokens, body: JSON.stringify({ message: benchMessage(words) }) };
const client = await startStreamClient(clientMode, target).catch(async (error) => {
  await app.close();
  throw error;
});

try {
  // Each run closes its connections at the end: the baseline holds none of the warm-up's, and the run
  // opens all of its own.
  if (warmup > 0) {
    console.error(`warm-up: ${warmup} streams…`);
    await client.run(warmup, 500, false);
  }
  await settle();
  const baseline = process.memoryUsage();
  const snapshotDir = values['heap-snapshot'];
  let snapshotTaken = false;
  if (snapshotDir !== undefined) {
    console.error(`heap snapshot: ${writeHeapSnapshot(join(snapshotDir, 'baseline.heapsnapshot'))}`);
  }
  const rowsBefore = await ledgerRows(app.deps);

  const sampler = startMemorySampler(() => client.progress.open);
  const loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loop.enable();
  // Ledger growth per second (max(id) is an index lookup), for the peak write rate.
  let lastHigh = await ledgerHighWater(app.deps);
  let lastAt = performance.now();
  let peakWrites = 0;
  let sampling = false;
  const ledgerTimer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void ledgerHighWater(app.deps)
      .then((high) => {
        const now = performance.now();
        const perSecond = (high - lastHigh) / ((now - lastAt) / 1000);
        if (perSecond > peakWrites) peakWrites = perSecond;
        lastHigh = high;
        lastAt = now;
      })
      .finally(() => {
        sampling = false;
      });
  }, 1000);
  const progress = setInterval(() => {
    const { open, completed, frames, errors } = client.progress;
    if (snapshotDir !== undefined && !snapshotTaken && open >= streams) {
      snapshotTaken = true;
      gc?.();
      const file = writeHeapSnapshot(join(snapshotDir, 'open.heapsnapshot'));
      console.error(`heap snapshot with ${open} streams open: ${file}`);
    }
    const rss = process.memoryUsage().rss;
    console.error(
      `  open ${open}, done ${completed}, frames ${frames}, errors ${errors}, RSS ${mib(rss)} MiB`,
    );
  }, 2000);
  const cpuBefore = process.cpuUsage();
  if (app.sqlStats) app.sqlStats.enabled = true;

  console.error(`run: ${streams} streams over ${rampMs / 1000}s, ${tokenDelayMs} ms/token…`);
  const { figures, cpu: clientCpu } = await client.run(streams, rampMs);

  const cpu = process.cpuUsage(cpuBefore);
  if (app.sqlStats) app.sqlStats.enabled = false;
  clearInterval(progress);
  clearInterval(ledgerTimer);
  loop.disable();
  const peak = sampler.stop();
  const rowsAfter = await ledgerRows(app.deps);

  const wall = (figures.lastDoneAt - figures.firstSentAt) / 1000;
  const ledgerWrites = rowsAfter - rowsBefore;
  const rssPerStream = (peak.rssAtMaxOpen - baseline.rss) / Math.max(1, peak.maxOpen);
  const heapPerStream = (peak.heapAtMaxOpen - baseline.heapUsed) / Math.max(1, peak.maxOpen);
  const { added } = figures;
  const cpuFigure = ({ user, system }: NodeJS.CpuUsage) =>
    `${fixed((user + system) / 1e6, 2)} / ${Math.round(((user + system) / 1e6 / wall) * 100)}`;
  const inline = client.mode === 'inline';
  const rows: Record<string, string | number>[] = [
    { metric: 'streams requested / completed', value: `${streams} / ${figures.completed}` },
    { metric: 'peak open streams', value: peak.maxOpen },
    { metric: 'errors (non-200, cut, terminal error)', value: figures.errors },
    {
      metric: 'time to headers p50 / p99 ms',
      value: `${fixed(quantileOf(figures.headers, 0.5))} / ${fixed(quantileOf(figures.headers, 0.99))}`,
    },
    {
      metric: 'time to first frame p50 / p99 ms',
      value: `${fixed(quantileOf(figures.firstFrame, 0.5))} / ${fixed(quantileOf(figures.firstFrame, 0.99))}`,
    },
    { metric: 'frames received', value: figures.frames },
    { metric: 'frames per stream (mean)', value: fixed(figures.frames / Math.max(1, figures.completed)) },
    { metric: 'added per frame p50 ms', value: fixed(added.quantile(0.5)) },
    { metric: 'added per frame p90 ms', value: fixed(added.quantile(0.9)) },
    { metric: 'added per frame p99 ms', value: fixed(added.quantile(0.99)) },
    { metric: 'added per frame p99.9 ms', value: fixed(added.quantile(0.999)) },
    { metric: 'added per frame max ms', value: fixed(added.max) },
    { metric: 'added per frame mean ms', value: fixed(added.mean(), 2) },
    { metric: 'frames/s (overall)', value: Math.round(figures.frames / wall) },
    { metric: 'ledger writes (rows)', value: ledgerWrites },
    {
      metric: 'ledger writes/s (mean / peak 1 s)',
      value: `${Math.round(ledgerWrites / wall)} / ${Math.round(peakWrites)}`,
    },
    { metric: 'wall time s (first request → last end)', value: fixed(wall, 2) },
    {
      metric: `CPU s (user + sys) / % of one core, ${inline ? 'server + client' : 'server process'}`,
      value: cpuFigure(cpu),
    },
    ...(clientCpu
      ? [{ metric: 'CPU s (user + sys) / % of one core, client process', value: cpuFigure(clientCpu) }]
      : []),
    {
      metric: `event-loop delay p50 / p99 / max ms (beyond the ${LOOP_SAMPLE_MS} ms sampling timer)`,
      value: [loop.percentile(50), loop.percentile(99), loop.max].map(loopDelay).join(' / '),
    },
    { metric: 'RSS baseline MiB', value: mib(baseline.rss) },
    { metric: 'RSS at peak open streams MiB', value: mib(peak.rssAtMaxOpen) },
    { metric: 'RSS peak MiB (open then)', value: `${mib(peak.rss)} (${peak.openAtPeakRss})` },
    {
      metric: 'heap used baseline / at peak open MiB',
      value: `${mib(baseline.heapUsed)} / ${mib(peak.heapAtMaxOpen)}`,
    },
    { metric: 'RSS per open stream KiB', value: fixed(rssPerStream / 1024) },
    { metric: 'heap per open stream KiB', value: fixed(heapPerStream / 1024) },
  ];
  console.log(
    `\nChat streams: ${app.description}; demo model ${tokenDelayMs} ms/token (${fixed(1000 / Math.max(1, tokenDelayMs))} tokens/s per stream), ${words}-word message, ${users} users, ramp ${rampMs / 1000}s; Node ${process.version}, ${inline ? 'in-process client' : 'client in a child process'}${profile === 'server' ? `, synchronous_commit ${synchronousCommit}, prepared statements ${preparedStatements}` : ''}`,
  );
  console.table(rows);
  for (const [status, { count, sample }] of figures.statuses)
    console.log(`  HTTP ${status} ×${count}: ${sample}`);
  for (const [reason, count] of figures.failures) console.log(`  ${reason} ×${count}`);
  console.log(
    '  added per frame = client receive time (sub-ms) − server_timestamp (whole ms, floored when the projector stamps it):' +
      ' figures read up to 1 ms high (0.5 ms on average); ' +
      (inline
        ? 'the client shares the event loop, so its parsing is included, and its CPU and memory count with the server’s.'
        : 'the client runs in its own process (its parsing is not included; it shares the host’s cores), and CPU,' +
          ' event-loop delay, RSS and heap are the server process’s.'),
  );
  if (app.sqlStats) printSqlStats(app.sqlStats, figures.frames);
  const rssOk = peak.rss < TARGET_RSS;
  const p99 = added.quantile(0.99);
  const p99Ok = p99 < TARGET_P99_MS;
  const scale = streams >= TARGET_STREAMS && peak.maxOpen >= TARGET_STREAMS && figures.errors === 0;
  console.log(
    `\nverdict: ${peak.maxOpen} streams open at once${scale ? '' : ` (target ${TARGET_STREAMS}: not reached)`}; ` +
      `peak RSS ${mib(peak.rss)} MiB ${rssOk ? '<' : '≥'} 1024 MiB (${rssOk ? 'met' : 'NOT met'}); ` +
      `added per frame p99 ${fixed(p99)} ms ${p99Ok ? '<' : '≥'} ${TARGET_P99_MS} ms (${p99Ok ? 'met' : 'NOT met'})` +
      (figures.errors > 0 ? `; ${figures.errors} errors: figures not comparable` : ''),
  );
} finally {
  await client.close();
  console.error('closing the app…');
  await app.close();
}
