import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(API_DIR, 'node_modules', '.bin', 'tsx');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The child gets a clean environment: only what the command needs plus the variables under test.
function baseEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  return { ...env, ENVIRONMENT: 'test', LOG_LEVEL: 'info', ...extra };
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(TSX, ['--conditions=@starter/source', 'src/main.ts', ...args], {
    cwd: API_DIR,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { output: Outcome; done: Promise<Outcome> } {
  const output: Outcome = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const done = new Promise<Outcome>((resolve) => {
    child.once('exit', (code) => {
      output.code = code;
      resolve(output);
    });
  });
  return { output, done };
}

async function waitForLine(
  output: Outcome,
  pattern: RegExp,
  exited: Promise<Outcome>,
): Promise<RegExpMatchArray> {
  let finished = false;
  void exited.then(() => {
    finished = true;
  });
  for (;;) {
    const match = output.stdout.match(pattern);
    if (match) return match;
    if (finished)
      throw new Error(`process exited before printing ${pattern}: ${output.stdout}${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('main', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starter-main-'));
    dirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('exits 1 naming every bad variable, without a stack trace or the values', async () => {
    const child = start(['serve'], { PORT: 'eighty', DEBUG: 'maybe', SMTP_URL: 'ftp://user:pa55word@mail' });
    children.push(child);
    const result = await collect(child).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT:');
    expect(result.stderr).toContain('DEBUG:');
    expect(result.stderr).toContain('SMTP_URL:');
    expect(result.stderr).not.toContain('pa55word');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with usage on an unknown command', async () => {
    const child = start(['launch'], {});
    children.push(child);
    const result = await collect(child).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });

  it('migrate status prints the migration table for an embedded DATA_DIR', async () => {
    const dataDir = await tempDir();
    const child = start(['migrate', 'status'], { DATA_DIR: dataDir });
    children.push(child);
    const result = await collect(child).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('@starter/identity');
    expect(result.stdout).toMatch(/0 applied, \d+ pending/);
  });

  it('serve answers readiness on the embedded profile and exits 0 on SIGTERM', async () => {
    const dir = await tempDir();
    const child = start(['serve'], {
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      STORAGE_LOCAL_PATH: join(dir, 'storage'),
      AUTH_KEY_STORAGE_PATH: join(dir, 'keys', 'keyset.json'),
      SHUTDOWN_TIMEOUT_SECONDS: '5',
    });
    children.push(child);
    const { output, done } = collect(child);
    const [line] = await waitForLine(output, /^.*"event":"server.started".*$/m, done);
    const started = JSON.parse(line) as { url: string; profile: string; message: string };
    expect(started.profile).toBe('embedded');
    expect(started.message).toContain(started.url);

    const ready = await fetch(`${started.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { provider: 'pglite' } },
    });

    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"event":"server.stopped"');
  });
});
