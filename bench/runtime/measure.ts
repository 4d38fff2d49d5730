// Timing of the scenarios, one run open at a time: wall time per run and the process's CPU time.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryResult } from './memory-child.js';
import type { Scenario } from './scenarios.js';

export interface Sample {
  runs: number;
  runsPerSecond: number;
  /** Items (SDK events or frames) drained per run. */
  itemsPerRun: number;
  cpuMsPerRun: number;
  /** Wall milliseconds of each run. */
  durations: number[];
}

const gc = (globalThis as { gc?: (options?: { type?: 'major' | 'minor' }) => void }).gc;

/** One event-loop turn: what a server's run passes through between network reads. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the scenarios in turn, each for a block of `blockMs` (whole runs), until `seconds` per scenario
 * have passed: a slow spell on the shared cores falls on every path alike, so their ratios hold steady.
 *
 * Each run starts with one event-loop turn (timed) and each block with a minor GC (untimed), so every
 * path pays for the garbage it makes (a block holds several young-generation collections). V8 collects
 * the young generation in a task it posts when that space is nearly full, and a task only runs when the
 * event loop turns: a run of the demo model never turns it (it is all promise jobs), a simulated store's
 * write does. When the paths took turns run by run with no turn of their own, the scavenges of every
 * path fell into the runs of the paths that wait for I/O (C, C', D): C "cost" 48% over A, of which its
 * own work was under half.
 */
export async function measureInterleaved(
  scenarios: readonly Scenario[],
  message: string,
  seconds: number,
  blockMs: number,
): Promise<Sample[]> {
  gc?.();
  const samples: Sample[] = scenarios.map(() => ({
    runs: 0,
    runsPerSecond: 0,
    itemsPerRun: 0,
    cpuMsPerRun: 0,
    durations: [],
  }));
  const deadline = performance.now() + seconds * 1000 * scenarios.length;
  while (performance.now() < deadline) {
    for (const [index, scenario] of scenarios.entries()) {
      const sample = samples[index] as Sample;
      gc?.({ type: 'minor' });
      const cpuBefore = process.cpuUsage();
      const blockEnd = performance.now() + blockMs;
      while (performance.now() < blockEnd) {
        const before = performance.now();
        await nextTurn();
        sample.itemsPerRun = await scenario.run(message);
        sample.durations.push(performance.now() - before);
      }
      const cpu = process.cpuUsage(cpuBefore);
      sample.cpuMsPerRun += (cpu.user + cpu.system) / 1000;
    }
  }
  for (const sample of samples) {
    sample.runs = sample.durations.length;
    sample.runsPerSecond = (sample.runs * 1000) / sum(sample.durations);
    sample.cpuMsPerRun /= sample.runs;
  }
  return samples;
}

/** Runs each scenario for `seconds`, results discarded: the JIT settles before anything is measured. */
export async function warmUp(scenarios: readonly Scenario[], message: string, seconds: number) {
  for (const scenario of scenarios) {
    const deadline = performance.now() + seconds * 1000;
    while (performance.now() < deadline) {
      await nextTurn();
      await scenario.run(message);
    }
  }
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function mean(values: readonly number[]): number {
  return sum(values) / Math.max(1, values.length);
}

const here = dirname(fileURLToPath(import.meta.url));

/** Runs the memory probe in a fresh process, so each mode's peak RSS and garbage are its own. */
export function memoryProbe(
  mode: string,
  runs: number,
  delayMs: number,
  words: number,
): Promise<MemoryResult> {
  const child: ChildProcess = fork(
    join(here, 'memory-child.ts'),
    [mode, String(runs), String(delayMs), String(words)],
    {
      cwd: here,
      execArgv: ['--expose-gc', '--conditions=@starter/source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      resolve(message as MemoryResult);
      child.disconnect();
    });
    child.once('exit', (code) => reject(new Error(`memory probe ${mode} exited with ${code}`)));
  });
}
