// `pnpm bench:instructions`: what one streamed run costs in CPU instructions on the paths of
// `bench:runtime` (demo model), counted by valgrind's callgrind. The count is the same from run to run
// whatever else the machine does, so it shows changes of a few percent that wall time on two shared cores
// cannot. Each path runs twice, each time in a fresh process under callgrind: `--warm` runs, and
// `--warm` + `--runs` runs; the difference over `--runs` is one run once start-up and the JIT have settled.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    paths: { type: 'string', default: 'A,B,C0,C' },
    variants: { type: 'string', default: 'text,tool' },
    runs: { type: 'string', default: '300' },
    warm: { type: 'string', default: '30' },
    words: { type: 'string', default: '60' },
  },
});
const paths = values.paths.split(',');
const variants = values.variants.split(',');
const runs = Number(values.runs);
const warm = Number(values.warm);
const TARGET_PERCENT = 10;
const here = dirname(fileURLToPath(import.meta.url));

if (!existsSync(join(here, '../packages/agent-runtime/dist/index.js')))
  throw new Error('bench:instructions measures the built packages: run `pnpm build` first');

// One JavaScript file, so the child starts without a TypeScript loader (under callgrind, tsx's start-up
// alone costs billions of instructions). Without the source condition, packages resolve to their builds.
const workDir = await mkdtemp(join(tmpdir(), 'starter-instructions-'));
const child = join(workDir, 'instructions-child.mjs');
await build({
  entryPoints: [join(here, 'runtime/instructions-child.ts')],
  outfile: child,
  bundle: true,
  platform: 'node',
  format: 'esm',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'error',
});

/** Instructions of one child process (callgrind's `I refs`); V8 runs single-threaded so the count repeats. */
function countInstructions(path: string, variant: string, count: number): Promise<number> {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath];
  args.push(
    '--single-threaded',
    '--predictable-gc-schedule',
    child,
    path,
    variant,
    String(count),
    values.words,
  );
  return new Promise((resolve, reject) => {
    const valgrind = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    valgrind.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    valgrind.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT' ? new Error('valgrind is not installed (apt-get install valgrind)') : error,
      ),
    );
    valgrind.once('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
      if (code === 0 && refs) resolve(Number(refs.replaceAll(',', '')));
      else reject(new Error(`callgrind ${path} ${variant} exited ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

const rows = [];
const perRun = new Map<string, number>();
for (const variant of variants) {
  for (const path of paths) {
    // Both counts at once: one per core.
    const [base, total] = await Promise.all([
      countInstructions(path, variant, warm),
      countInstructions(path, variant, warm + runs),
    ]);
    const instructions = (total - base) / runs;
    perRun.set(`${variant} ${path}`, instructions);
    const sdk = perRun.get(`${variant} ${paths[0]}`) as number;
    const cost = ((instructions - sdk) / instructions) * 100;
    console.error(`${variant} ${path}: ${Math.round(instructions)} instructions/run`);
    rows.push({
      variant,
      path,
      'instructions/run': Math.round(instructions),
      [`cost vs ${paths[0]} %`]: path === paths[0] ? '' : Number(cost.toFixed(1)),
    });
  }
}
await rm(workDir, { recursive: true, force: true });

console.log(
  `\nInstructions per streamed run on the demo model (tokenDelayMs 0), callgrind, ${warm} warm-up + ${runs} counted runs per path, Node ${process.version}`,
);
console.table(rows);
console.log(
  '  cost: the share of a run\u2019s instructions the path adds to the first one, i.e. the drop in events/s on a CPU-bound host',
);
for (const path of ['C0', 'C'].filter((name) => paths.includes(name) && paths[0] === 'A')) {
  const costs = variants.map((variant) => {
    const sdk = perRun.get(`${variant} A`) as number;
    const hooks = perRun.get(`${variant} ${path}`) as number;
    return { variant, cost: ((hooks - sdk) / hooks) * 100 };
  });
  const met = costs.every(({ cost }) => cost < TARGET_PERCENT);
  console.log(
    `target: ${path} vs A costs < ${TARGET_PERCENT}% — ${costs.map(({ variant, cost }) => `${variant} ${cost.toFixed(1)}%`).join(', ')} (${met ? 'met' : 'NOT met'})`,
  );
}
