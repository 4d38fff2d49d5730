import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The package must stand on its own: a plain Node script (examples/standalone.mjs) imports the BUILT package
// by name, defines an agent and streams a run with in-memory stores, no HTTP, no network and no environment.
// The child gets a fresh Node without vitest's `@starter/source` condition, so the import resolves to dist/.

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(packageDir, '../..');
const contractsDir = resolve(packageDir, '../contracts');
const EXAMPLE = 'examples/standalone.mjs';

/** Only what a shell needs to find `node`: no OPENAI_API_KEY, no NODE_OPTIONS, no vitest variables. */
const minimalEnv = Object.fromEntries(
  [
    ['PATH', process.env.PATH],
    ['HOME', process.env.HOME],
  ].filter((entry): entry is [string, string] => entry[1] !== undefined),
);

/**
 * Preloaded into the child: any socket connect or DNS lookup throws, and is reported on exit with a failing
 * exit code (even if the caller swallowed the error), so the run provably used no network.
 */
const NO_NETWORK = `data:text/javascript,${encodeURIComponent(`
import dns from 'node:dns';
import net from 'node:net';
const attempts = [];
const block = (what) => { attempts.push(what); throw new Error('network access blocked: ' + what); };
net.Socket.prototype.connect = function () { block('net.Socket.connect'); };
dns.lookup = () => block('dns.lookup');
dns.promises.lookup = async () => block('dns.promises.lookup');
globalThis.fetch = async (input) => block('fetch ' + String(input));
process.on('exit', () => {
  if (attempts.length > 0) {
    process.stderr.write('NETWORK ATTEMPTED: ' + attempts.join(', ') + '\\n');
    process.exitCode = 1;
  }
});
`)}`;

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Missing, or older than some source file (a build would change it). */
function isBuildStale(dir: string): boolean {
  const entry = join(dir, 'dist', 'index.js');
  if (!existsSync(entry)) return true;
  return newestSourceMtime(join(dir, 'src')) > statSync(entry).mtimeMs;
}

/** `pnpm test` does not build first (CI does): build this package and its workspace dependencies if needed. */
async function ensureBuilt(): Promise<void> {
  if (!isBuildStale(packageDir) && !isBuildStale(contractsDir)) return;
  // The build keeps the caller's environment (pnpm may come from corepack), minus Node flags of this process.
  const { NODE_OPTIONS: _nodeOptions, ...buildEnv } = process.env;
  const turbo = join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  try {
    await run(turbo, ['run', 'build', '--filter=@starter/agent-runtime...', '--output-logs=errors-only'], {
      cwd: repoRoot,
      env: { ...buildEnv, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      timeout: 280_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `Building @starter/agent-runtime for the standalone import test failed; run \`pnpm build\` first.\n${stdout}\n${stderr}`,
    );
  }
  // Turbo may replay an unchanged build from its cache without touching dist/, so only presence is checked.
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    throw new Error('packages/agent-runtime/dist is still missing after a build; run `pnpm build` first.');
  }
}

describe('standalone use of the built package (no HTTP, no database, no network, no env)', () => {
  beforeAll(ensureBuilt, 300_000);

  it('resolves @starter/agent-runtime to dist/ in a plain Node process', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(import.meta.resolve('@starter/agent-runtime'));" +
          "console.log(import.meta.resolve('@starter/agent-runtime/testing'));",
      ],
      { cwd: packageDir, env: minimalEnv, timeout: 30_000 },
    );
    const [main, testing] = stdout.trim().split('\n');
    expect(main).toBe(pathToFileURL(join(packageDir, 'dist/index.js')).href);
    expect(testing).toBe(pathToFileURL(join(packageDir, 'dist/testing/index.js')).href);
  });

  it('runs examples/standalone.mjs on the offline demo model and streams to a final frame', async () => {
    const message = 'Hello from the standalone import test';
    const { stdout, stderr } = await run(process.execPath, ['--import', NO_NETWORK, EXAMPLE, message], {
      cwd: packageDir,
      env: minimalEnv,
      timeout: 60_000,
    });
    expect(stderr).not.toContain('NETWORK ATTEMPTED');
    const kinds = [...stdout.matchAll(/^#\d+ (\S+)/gm)].map((match) => match[1]);
    expect(kinds[0]).toBe('lifecycle');
    expect(kinds).toContain('message.delta');
    expect(kinds.at(-1)).toBe('final');
    expect(stdout).toContain('final status: completed');
    expect(stdout).toContain(`Demo model reply to: ${message}`);
  }, 60_000);

  it('calls a tool of the agent it defines', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', NO_NETWORK, EXAMPLE, 'use tool get_current_time'],
      { cwd: packageDir, env: minimalEnv, timeout: 60_000 },
    );
    expect(stderr).not.toContain('NETWORK ATTEMPTED');
    expect(stdout).toMatch(/^#\d+ tool\.output/m);
    expect(stdout).toContain('The tool get_current_time returned:');
    expect(stdout).toContain('final status: completed');
  }, 60_000);
});
