// `pnpm bench:runtime`: what the agent runtime costs over calling `@openai/agents` `run()` directly, with
// the same scripted model: a long streamed answer and a tool call, each through the bare SDK, the run core
// with the projector, the run core with persistence hooks, and the full runtime. Two scripted models:
// `demo`, the in-process demo model (no token delay, no parsing), and `loopback`, the real OpenAI provider
// (`openai` client over HTTP + SSE) against the repo's loopback Responses API server in a child process,
// replaying the demo's answers delta for delta. Then the memory of 1,000 concurrent streamed runs (demo
// model), each mode in a fresh child process.
import { parseArgs } from 'node:util';
import { createDemoModelProvider } from '@starter/agent-runtime';
import { captureScript, loopbackProvider, startLoopbackServers } from './runtime/loopback.js';
import { mean, measureInterleaved, memoryProbe, percentile, type Sample, warmUp } from './runtime/measure.js';
import {
  benchAgent,
  createScenarios,
  longMessage,
  type Scenario,
  TOOL_MESSAGE,
} from './runtime/scenarios.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '1' },
    'block-ms': { type: 'string', default: '200' },
    words: { type: 'string', default: '60' },
    concurrent: { type: 'string', default: '1000' },
    'memory-delay': { type: 'string', default: '20' },
    'skip-memory': { type: 'boolean', default: false },
  },
});
const MODELS = { demo: ['demo'], loopback: ['loopback'], both: ['demo', 'loopback'] } as const;
if (!Object.hasOwn(MODELS, values.model)) {
  throw new Error(`--model must be demo, loopback or both, got ${JSON.stringify(values.model)}`);
}
const models = MODELS[values.model as keyof typeof MODELS];
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const blockMs = Number(values['block-ms']);
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

/** One model's cells: each variant with the four scenarios that run it. */
interface Suite {
  readonly model: 'demo' | 'loopback';
  readonly title: string;
  readonly notes: readonly string[];
  readonly variants: ReadonlyArray<(typeof VARIANTS)[number] & { readonly scenarios: readonly Scenario[] }>;
  close(): Promise<void>;
}

const demoProvider = createDemoModelProvider({ tokenDelayMs: 0 });

async function demoSuite(): Promise<Suite> {
  const { scenarios, close } = await createScenarios(demoProvider);
  return {
    model: 'demo',
    title: 'the demo model (in process, tokenDelayMs 0)',
    notes: [],
    variants: VARIANTS.map((variant) => ({ ...variant, scenarios })),
    close,
  };
}

async function loopbackSuite(): Promise<Suite> {
  // The loopback server replays what the demo answers to each message; one server per variant, since a
  // server answers its requests in script order.
  const agent = benchAgent();
  const scripts: Record<string, Awaited<ReturnType<typeof captureScript>>> = {};
  for (const variant of VARIANTS)
    scripts[variant.name] = await captureScript(demoProvider, agent, variant.message);
  const servers = await startLoopbackServers(scripts);
  const closers: Array<() => Promise<void>> = [];
  const variants = [];
  for (const variant of VARIANTS) {
    const baseURL = servers.baseURLs[variant.name];
    if (!baseURL) throw new Error(`no loopback server for ${variant.name}`);
    const { scenarios, close } = await createScenarios(await loopbackProvider(baseURL));
    closers.push(close);
    variants.push({ ...variant, scenarios });
  }
  const shape = (name: string) =>
    (scripts[name] ?? [])
      .map((turn) =>
        turn.items
          .map((item) => `${item.kind === 'message' ? 'message' : item.name}(${item.chunks.length} deltas)`)
          .join('+'),
      )
      .join(' → ');
  return {
    model: 'loopback',
    title:
      'the real OpenAI provider (openai client, maxRetries 0) against the loopback Responses API server (child process, SSE)',
    notes: [
      `  loopback script: text ${shape('text')}; tool ${shape('tool')} (the demo's answers, delta for delta)`,
      '  CPU ms/run: this process only (client side: HTTP, SSE parsing, SDK, runtime); the server’s CPU is its own',
    ],
    variants,
    close: async () => {
      for (const close of closers) await close();
      await servers.close();
    },
  };
}

const suites: Suite[] = [];
for (const model of models) suites.push(model === 'demo' ? await demoSuite() : await loopbackSuite());

const key = (suite: Suite, variant: string, scenario: Scenario) =>
  `${suite.model} ${variant} ${scenario.name}`;
const samples = new Map<string, Sample>();

for (const suite of suites) {
  for (const variant of suite.variants) {
    if (warmup > 0) await warmUp(variant.scenarios, variant.message, warmup);
    // The paths of one cell take turns block by block, so a slow spell on the shared cores hits them alike.
    const measured = await measureInterleaved(variant.scenarios, variant.message, duration, blockMs);
    variant.scenarios.forEach((scenario, index) => {
      const sample = measured[index] as Sample;
      samples.set(key(suite, variant.name, scenario), sample);
      console.error(
        `${suite.model} ${variant.name} ${scenario.name}: ${sample.runs} runs, ${sample.runsPerSecond.toFixed(1)} runs/s, ${sample.cpuMsPerRun.toFixed(2)} CPU ms/run`,
      );
    });
  }
}
for (const suite of suites) await suite.close();

const round1 = (value: number, digits = 1) => Number(value.toFixed(digits));
const byName = (scenarios: readonly Scenario[], name: string) =>
  scenarios.find((scenario) => scenario.name === name) as Scenario;
/** Mean wall ms per run over the first or second half of a path's runs. */
const halfMean = (sample: Sample, half: 0 | 1) => {
  const middle = Math.floor(sample.durations.length / 2);
  return mean(half === 0 ? sample.durations.slice(0, middle) : sample.durations.slice(middle));
};

interface Figures {
  runsPerSecond: number;
  cpuMs: number;
  sdkEventsPerSecond: number;
}
const figures = new Map<string, Figures>();
const rowsOf = (suite: Suite) =>
  suite.variants.flatMap((variant) => {
    const { scenarios } = variant;
    const baseline = samples.get(key(suite, variant.name, scenarios[0] as Scenario));
    const sdkEventsPerRun = baseline?.itemsPerRun ?? Number.NaN;
    let previous: Figures | undefined;
    let reference: Figures | undefined;
    return scenarios.map((scenario) => {
      const sample = samples.get(key(suite, variant.name, scenario)) as Sample;
      const sorted = [...sample.durations].sort((a, b) => a - b);
      const isSdk = scenario === scenarios[0];
      // The model is deterministic: every path sees the SDK events the baseline counted.
      const current: Figures = {
        runsPerSecond: sample.runsPerSecond,
        cpuMs: sample.cpuMsPerRun,
        sdkEventsPerSecond: sdkEventsPerRun * sample.runsPerSecond,
      };
      figures.set(key(suite, variant.name, scenario), current);
      reference ??= current;
      const costPercent = (from: Figures) => (1 - current.sdkEventsPerSecond / from.sdkEventsPerSecond) * 100;
      // How far the cost differs between the first and the second half of the runs: the noise left.
      const halfCost = (half: 0 | 1) =>
        baseline ? (1 - halfMean(baseline, half) / halfMean(sample, half)) * 100 : Number.NaN;
      const row = {
        run: `${variant.name}: ${scenario.name}`,
        runs: sample.runs,
        'runs/s': round1(sample.runsPerSecond),
        'SDK ev/s': Math.round(current.sdkEventsPerSecond),
        'frames/s': isSdk ? '' : Math.round(sample.itemsPerRun * sample.runsPerSecond),
        'items/run': sample.itemsPerRun,
        'ms mean': round1(mean(sorted), 2),
        'ms p50': round1(percentile(sorted, 50), 2),
        'ms p99': round1(percentile(sorted, 99), 2),
        'CPU ms/run': round1(current.cpuMs, 2),
        '+ms/run vs A': isSdk ? '' : round1(1000 / current.runsPerSecond - 1000 / reference.runsPerSecond, 2),
        'cost vs A %': isSdk ? '' : round1(costPercent(reference)),
        '± halves': isSdk ? '' : round1(Math.abs(halfCost(0) - halfCost(1)) / 2),
        'cost vs prev %': previous ? round1(costPercent(previous)) : '',
        '+CPU ms vs A': isSdk ? '' : round1(current.cpuMs - reference.cpuMs, 2),
      };
      previous = current;
      return row;
    });
  });

for (const suite of suites) {
  console.log(
    `\n[${suite.model}] Streamed runs on ${suite.title}, one at a time, the paths taking turns in blocks of ${blockMs} ms, ${warmup}s warm-up + ${duration}s each per variant, Node ${process.version}`,
  );
  console.table(rowsOf(suite));
  for (const variant of suite.variants) console.log(`  ${variant.name.padEnd(13)} ${variant.description}`);
  for (const scenario of suite.variants[0]?.scenarios ?? []) {
    console.log(`  ${scenario.name.padEnd(13)} ${scenario.description}`);
  }
  console.log(
    '  items/run: SDK events (A), floor frames (F) or public frames (B–D); SDK ev/s of F–D = A’s SDK events per run × runs/s',
  );
  for (const note of suite.notes) console.log(note);
}

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

console.log('');
for (const suite of suites) {
  const verdicts = suite.variants.map((variant) => {
    const sdk = figures.get(key(suite, variant.name, variant.scenarios[0] as Scenario));
    const cost = (name: string) => {
      const hooks = figures.get(key(suite, variant.name, byName(variant.scenarios, name)));
      if (!sdk || !hooks) return { wall: Number.NaN, cpu: Number.NaN };
      return {
        wall: (1 - hooks.sdkEventsPerSecond / sdk.sdkEventsPerSecond) * 100,
        cpu: (1 - sdk.cpuMs / hooks.cpuMs) * 100,
      };
    };
    const mechanism = cost('C0 +hooks');
    const floor = cost('F floor');
    return {
      variant: variant.name,
      ...cost('C +hooks'),
      noopWall: mechanism.wall,
      noopCpu: mechanism.cpu,
      floorWall: floor.wall,
      floorCpu: floor.cpu,
    };
  });
  const verdict = (pick: (v: (typeof verdicts)[number]) => number) =>
    verdicts.every((v) => pick(v) < TARGET_PERCENT) ? 'met' : 'NOT met';
  console.log(
    `target [${suite.model}]: projection + persistence hooks (C vs A) cost < ${TARGET_PERCENT}% of events/s — ${verdicts
      .map((v) => `${v.variant} ${v.wall.toFixed(1)}% (CPU-based ${v.cpu.toFixed(1)}%)`)
      .join(', ')} (wall: ${verdict((v) => v.wall)}; CPU-based: ${verdict((v) => v.cpu)})`,
  );
  console.log(
    `  the same with a no-op store (C0 vs A: projection + the hook mechanism, without the store's own serialization) — ${verdicts
      .map((v) => `${v.variant} ${v.noopWall.toFixed(1)}% (CPU-based ${v.noopCpu.toFixed(1)}%)`)
      .join(', ')} (wall: ${verdict((v) => v.noopWall)}; CPU-based: ${verdict((v) => v.noopCpu)})`,
  );
  console.log(
    `  the floor (F vs A: an envelope and JSON.stringify per SDK event, nothing else: what any ledger-keeping runtime adds) — ${verdicts
      .map((v) => `${v.variant} ${v.floorWall.toFixed(1)}% (CPU-based ${v.floorCpu.toFixed(1)}%)`)
      .join(', ')}`,
  );
}
