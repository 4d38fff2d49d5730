// `pnpm bench:runtime`: what the agent runtime costs over calling `@openai/agents` `run()` directly, with
// the same scripted demo model (no token delay): a long streamed answer and a tool call, each through the
// bare SDK, the run core with the projector, the run core with persistence hooks, and the full runtime;
// then the memory of 1,000 concurrent streamed runs, each mode in a fresh child process.
import { parseArgs } from 'node:util';
import { mean, measure, memoryProbe, percentile, type Sample } from './runtime/measure.js';
import { createScenarios, longMessage, type Scenario, TOOL_MESSAGE } from './runtime/scenarios.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    words: { type: 'string', default: '60' },
    concurrent: { type: 'string', default: '1000' },
    'memory-delay': { type: 'string', default: '20' },
    'skip-memory': { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const words = Number(values.words);
const concurrent = Number(values.concurrent);
const memoryDelay = Number(values['memory-delay']);
const TARGET_PERCENT = 10;

const VARIANTS = [
  {
    name: 'text',
    message: longMessage(words),
    description: `a ${words}-word message: the demo echoes its first 280 characters word by word`,
  },
  { name: 'tool', message: TOOL_MESSAGE, description: `"${TOOL_MESSAGE}": a tool call, then its answer` },
];

const { scenarios, close } = await createScenarios();
const key = (variant: string, scenario: Scenario) => `${variant} ${scenario.name}`;
const samples = new Map<string, Sample[]>();

if (warmup > 0) {
  for (const variant of VARIANTS) {
    for (const scenario of scenarios) await measure(scenario, variant.message, warmup);
  }
}
for (let round = 1; round <= rounds; round++) {
  // Rounds interleave the scenarios, so a burst of load from elsewhere spreads over all of them.
  for (const variant of VARIANTS) {
    for (const scenario of scenarios) {
      const sample = await measure(scenario, variant.message, duration);
      const list = samples.get(key(variant.name, scenario)) ?? [];
      list.push(sample);
      samples.set(key(variant.name, scenario), list);
      console.error(
        `round ${round}/${rounds} ${variant.name} ${scenario.name}: ${sample.runsPerSecond.toFixed(1)} runs/s, ${sample.cpuMsPerRun.toFixed(2)} CPU ms/run`,
      );
    }
  }
}
await close();

const round1 = (value: number, digits = 1) => Number(value.toFixed(digits));
const best = (list: readonly Sample[]) => list.reduce((a, b) => (b.runsPerSecond > a.runsPerSecond ? b : a));
const leanest = (list: readonly Sample[]) => Math.min(...list.map((sample) => sample.cpuMsPerRun));

interface Figures {
  runsPerSecond: number;
  cpuMs: number;
  sdkEventsPerSecond: number;
}
const figures = new Map<string, Figures>();
const rows = VARIANTS.flatMap((variant) => {
  const baseline = samples.get(key(variant.name, scenarios[0] as Scenario)) ?? [];
  const sdkEventsPerRun = baseline[0]?.itemsPerRun ?? Number.NaN;
  let previous: Figures | undefined;
  let reference: Figures | undefined;
  return scenarios.map((scenario) => {
    const list = samples.get(key(variant.name, scenario)) ?? [];
    const top = best(list);
    const low = Math.min(...list.map((sample) => sample.runsPerSecond));
    const sorted = list.flatMap((sample) => sample.durations).sort((a, b) => a - b);
    const isSdk = scenario === scenarios[0];
    // The model is deterministic: every path sees the SDK events the baseline counted.
    const current: Figures = {
      runsPerSecond: top.runsPerSecond,
      cpuMs: leanest(list),
      sdkEventsPerSecond: sdkEventsPerRun * top.runsPerSecond,
    };
    figures.set(key(variant.name, scenario), current);
    reference ??= current;
    const costPercent = (from: Figures) => (1 - current.sdkEventsPerSecond / from.sdkEventsPerSecond) * 100;
    const row = {
      run: `${variant.name}: ${scenario.name}`,
      'runs/s': round1(top.runsPerSecond),
      'spread %': round1(((top.runsPerSecond - low) / top.runsPerSecond) * 100),
      'SDK ev/s': Math.round(current.sdkEventsPerSecond),
      'frames/s': isSdk ? '' : Math.round(top.itemsPerRun * top.runsPerSecond),
      'items/run': top.itemsPerRun,
      'ms mean': round1(mean(sorted), 2),
      'ms p50': round1(percentile(sorted, 50), 2),
      'ms p99': round1(percentile(sorted, 99), 2),
      'CPU ms/run': round1(current.cpuMs, 2),
      '+ms/run vs A': isSdk ? '' : round1(1000 / current.runsPerSecond - 1000 / reference.runsPerSecond, 2),
      'cost vs A %': isSdk ? '' : round1(costPercent(reference)),
      'cost vs prev %': previous ? round1(costPercent(previous)) : '',
      '+CPU ms vs A': isSdk ? '' : round1(current.cpuMs - reference.cpuMs, 2),
    };
    previous = current;
    return row;
  });
});

console.log(
  `\nStreamed runs on the demo model (tokenDelayMs 0), one at a time, ${warmup}s warm-up + ${duration}s per cell, ${rounds} round(s), Node ${process.version}`,
);
console.table(rows);
for (const variant of VARIANTS) console.log(`  ${variant.name.padEnd(13)} ${variant.description}`);
for (const scenario of scenarios) console.log(`  ${scenario.name.padEnd(13)} ${scenario.description}`);
console.log(
  '  items/run: SDK events (A) or public frames (B–D); SDK ev/s of B–D = A’s SDK events per run × runs/s',
);

if (!values['skip-memory']) {
  const memory = [];
  for (const mode of ['sdk', 'core']) {
    console.error(`memory: ${concurrent} concurrent ${mode} runs, tokenDelayMs ${memoryDelay}…`);
    const result = await memoryProbe(mode, concurrent, memoryDelay, words);
    const heapDelta = result.heapMidMb - result.heapBaseMb;
    const rssDelta = result.rssPeakMb - result.rssBaseMb;
    memory.push({
      mode: mode === 'sdk' ? 'A sdk' : 'B streamAgentRun',
      runs: result.runs,
      'open at sample': result.openAtSample,
      'heap Δ MB (mid, after gc)': round1(heapDelta),
      'heap KB/run': round1((heapDelta * 1024) / result.runs),
      'RSS peak MB': round1(result.rssPeakMb),
      'RSS Δ peak MB': round1(rssDelta),
      'RSS KB/run': round1((rssDelta * 1024) / result.runs),
      'heap Δ after MB': round1(result.heapAfterMb - result.heapBaseMb),
      'total s': round1(result.totalMs / 1000, 2),
      'items/run': round1(result.items / result.runs),
    });
  }
  console.log(
    `\n${concurrent} concurrent streamed runs (the text run, tokenDelayMs ${memoryDelay} per delta), started together, drained concurrently`,
  );
  console.table(memory);
  console.log(
    '  heap Δ: heap retained by the open runs after a forced gc, a quarter into their answers; RSS Δ: peak over the whole run',
  );
}

const verdicts = VARIANTS.map((variant) => {
  const sdk = figures.get(key(variant.name, scenarios[0] as Scenario));
  const hooks = figures.get(key(variant.name, scenarios[2] as Scenario));
  if (!sdk || !hooks) return { variant: variant.name, wall: Number.NaN, cpu: Number.NaN };
  const wall = (1 - hooks.sdkEventsPerSecond / sdk.sdkEventsPerSecond) * 100;
  const cpu = (1 - sdk.cpuMs / hooks.cpuMs) * 100;
  return { variant: variant.name, wall, cpu };
});
const met = verdicts.every((verdict) => verdict.wall < TARGET_PERCENT);
console.log(
  `\ntarget: projection + persistence hooks (C vs A) cost < ${TARGET_PERCENT}% of events/s — ${verdicts
    .map((v) => `${v.variant} ${v.wall.toFixed(1)}% (CPU-based ${v.cpu.toFixed(1)}%)`)
    .join(', ')} (${met ? 'met' : 'NOT met'})`,
);
