// Child of `pnpm bench:runtime`: opens N concurrent streamed runs on a slow demo model (so they stay open),
// measures the heap they retain mid-flight and the peak RSS, and reports over IPC. A fresh process per
// mode keeps one mode's garbage and peak out of the other's figures. Needs --expose-gc.
import { Agent, Runner } from '@openai/agents';
import {
  type AgentRunContext,
  createCurrentTimeTool,
  createDemoModelProvider,
  streamAgentRun,
} from '@starter/agent-runtime';
import { longMessage, runContext } from './scenarios.js';

export interface MemoryResult {
  mode: string;
  runs: number;
  /** Runs still open when the mid-flight sample was taken. */
  openAtSample: number;
  heapBaseMb: number;
  heapMidMb: number;
  rssBaseMb: number;
  rssPeakMb: number;
  heapAfterMb: number;
  totalMs: number;
  items: number;
}

const [mode = 'core', runsArg = '1000', delayArg = '20', wordsArg = '60'] = process.argv.slice(2);
const runs = Number(runsArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-child needs node --expose-gc');
const mb = (bytes: number) => bytes / 1024 / 1024;

function openRun(provider: ReturnType<typeof createDemoModelProvider>, agent: Agent<AgentRunContext>) {
  let sequence = 0;
  return async (message: string, onItem: () => void): Promise<void> => {
    const runId = `run_mem_${++sequence}`;
    if (mode === 'sdk') {
      const runner = new Runner({ modelProvider: provider, tracingDisabled: true });
      const result = await runner.run(agent, message, { stream: true, context: runContext(runId, message) });
      for await (const _event of result) onItem();
      await result.completed;
      return;
    }
    const stream = streamAgentRun({
      agent,
      agentKey: 'bench_assistant',
      input: message,
      context: runContext(runId, message),
      modelProvider: provider,
      streamId: runId,
    });
    for await (const _frame of stream.frames) onItem();
    await stream.outcome;
  };
}

const agent = new Agent<AgentRunContext>({
  name: 'Bench Assistant',
  instructions: 'Answer briefly.',
  model: 'gpt-5.1',
  tools: [createCurrentTimeTool()],
});
const message = longMessage(Number(wordsArg));
// Warm-up at full speed: modules loaded and code compiled before the baseline is taken.
const warm = openRun(createDemoModelProvider({ tokenDelayMs: 0 }), agent);
let itemsPerRun = 0;
for (let index = 0; index < 20; index++) {
  itemsPerRun = 0;
  await warm(message, () => {
    itemsPerRun += 1;
  });
}
gc();
gc();
const heapBase = process.memoryUsage().heapUsed;
const rssBase = process.memoryUsage.rss();

const slow = openRun(createDemoModelProvider({ tokenDelayMs: Number(delayArg) }), agent);
let rssPeak = rssBase;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}, 20);
let items = 0;
let open = runs;
const started = performance.now();
const all = Promise.all(
  Array.from({ length: runs }, () =>
    slow(message, () => {
      items += 1;
    }).finally(() => {
      open -= 1;
    }),
  ),
);
// Mid-flight: once an average run has streamed a quarter of its answer, every run is open and holding state.
while (items < (runs * itemsPerRun) / 4 && open > 0) await new Promise((resolve) => setTimeout(resolve, 10));
const openAtSample = open;
gc();
const heapMid = process.memoryUsage().heapUsed;
await all;
const totalMs = performance.now() - started;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
gc();
const result: MemoryResult = {
  mode,
  runs,
  openAtSample,
  heapBaseMb: mb(heapBase),
  heapMidMb: mb(heapMid),
  rssBaseMb: mb(rssBase),
  rssPeakMb: mb(rssPeak),
  heapAfterMb: mb(process.memoryUsage().heapUsed),
  totalMs,
  items,
};
process.send?.(result);
