// Timing of one scenario for a fixed time, run after run (one run open at a time): wall time per run and
// the process's CPU time, which stays steadier than wall time when neighbours share the cores.
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

const gc = (globalThis as { gc?: () => void }).gc;

export async function measure(scenario: Scenario, message: string, seconds: number): Promise<Sample> {
  gc?.();
  const durations: number[] = [];
  let items = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let now = started;
  while (now < deadline) {
    const before = now;
    items = await scenario.run(message);
    now = performance.now();
    durations.push(now - before);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const runs = durations.length;
  return {
    runs,
    runsPerSecond: (runs * 1000) / (now - started),
    itemsPerRun: items,
    cpuMsPerRun: (cpu.user + cpu.system) / 1000 / runs,
    durations,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
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
