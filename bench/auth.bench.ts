// `pnpm bench:auth`: the real app (settings → dependencies → createApp) on real Postgres + Redis, in a
// child process, loaded by autocannon from this one: /health as the reference, the two authenticated
// reads, and password login at the production argon2id cost.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuOf, startApp } from './app-child.js';
import type { SeededUser } from './seed-users.js';
import { stopChild } from './stop-child.js';
import { createThrowawayDatabase } from './throwaway-database.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '100' },
    'login-connections': { type: 'string', default: '8' },
    rounds: { type: 'string', default: '1' },
    'admin-url': {
      type: 'string',
      default: process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const loginConnections = Number(values['login-connections']);
const rounds = Number(values.rounds);
const TARGET_RATIO = 0.7;

interface Scenario {
  name: string;
  description: string;
  connections: number;
  /** The autocannon options of this scenario (URL, method, headers, body). */
  options(base: string, session: Session): autocannon.Options;
}

interface Session {
  users: SeededUser[];
  /** A fresh access token of the first user, taken before each scenario that needs one. */
  accessToken(): Promise<string>;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  non2xx: number;
  errors: number;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const SCENARIOS: Scenario[] = [
  {
    name: 'GET /health',
    description: 'the full HTTP stack in front of a static handler: the reference',
    connections,
    options: (base) => ({ url: `${base}/health` }),
  },
  {
    name: 'GET /auth/me',
    description: 'Bearer EdDSA access token verified against the active keyset + caller context',
    connections,
    options: (base) => ({ url: `${base}/api/v1/auth/me` }),
  },
  {
    name: 'GET /users/me',
    description: '… + the profile read from Postgres',
    connections,
    options: (base) => ({ url: `${base}/api/v1/users/me` }),
  },
  {
    name: 'POST /auth/token',
    description: `password login: argon2id at the production cost, session + events written (${loginConnections} users, round robin)`,
    connections: loginConnections,
    options: (base, session) => {
      let next = 0;
      return {
        url: base,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/auth/token',
            headers: { 'content-type': 'application/json' },
            // Round robin over the seeded users: a user row is updated by each of its logins, so
            // spreading the load keeps row locks out of the figure. Every login is right, so none locks.
            setupRequest: (request) => {
              const user = session.users[next++ % session.users.length] as SeededUser;
              return { ...request, body: JSON.stringify({ email: user.email, password: user.password }) };
            },
          },
        ],
      };
    },
  },
];

const NEEDS_TOKEN = new Set(['GET /auth/me', 'GET /users/me']);

async function login(base: string, user: SeededUser): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(
  scenario: Scenario,
  app: Awaited<ReturnType<typeof startApp>>,
  session: Session,
): Promise<Sample> {
  const base = `http://127.0.0.1:${app.port}`;
  const options = scenario.options(base, session);
  if (NEEDS_TOKEN.has(scenario.name)) options.headers = bearer(await session.accessToken());
  const load = (seconds: number) => run({ ...options, connections: scenario.connections, duration: seconds });
  if (warmup > 0) await load(warmup);
  const cpuBefore = await cpuOf(app.child);
  const result = await load(duration);
  const cpuAfter = await cpuOf(app.child);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function benchmark(): Promise<Map<string, Sample[]>> {
  const scratch = await mkdtemp(join(tmpdir(), 'starter-bench-'));
  const database = await createThrowawayDatabase(values['admin-url']);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // development: the app generates its signing keys on first start (staging/production do not), and
    // the default argon2id cost applies (AUTH_PASSWORD_HASH_COST=test is refused outside ENVIRONMENT=test).
    ENVIRONMENT: 'development',
    DATABASE_URL: database.url,
    REDIS_URL: values['redis-url'],
    RATE_LIMIT_KEY_PREFIX: `bench-${randomBytes(6).toString('hex')}`,
    AUTO_RUN_MIGRATIONS: 'true',
    LOG_LEVEL: 'info',
    AUTH_KEY_STORAGE_PATH: join(scratch, 'keys', 'keyset.json'),
    STORAGE_LOCAL_PATH: join(scratch, 'storage'),
    ALLOWED_HOSTS: '*',
  };
  const samples = new Map<string, Sample[]>(SCENARIOS.map((scenario) => [scenario.name, []]));
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    console.error(`database ${database.name}: migrating and seeding ${loginConnections} users…`);
    app = await startApp(env, loginConnections);
    const base = `http://127.0.0.1:${app.port}`;
    const first = app.users[0] as SeededUser;
    const session: Session = { users: app.users, accessToken: () => login(base, first) };
    for (let round = 1; round <= rounds; round++) {
      // Rounds interleave the scenarios, so a burst of load from elsewhere spreads over all of them.
      for (const scenario of SCENARIOS) {
        const sample = await measure(scenario, app, session);
        samples.get(scenario.name)?.push(sample);
        const bad = sample.non2xx + sample.errors;
        const warning = bad > 0 ? `  (${sample.non2xx} non-2xx, ${sample.errors} errors!)` : '';
        console.error(
          `round ${round}/${rounds} ${scenario.name}: ${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms, ${sample.cpuPerRequest.toFixed(1)} µs CPU/req${warning}`,
        );
      }
    }
  } finally {
    if (app) await stopChild(app.child);
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
  return samples;
}

function report(samples: Map<string, Sample[]>): void {
  const best = (name: string) => samples.get(name)?.reduce((a, b) => (b.rps > a.rps ? b : a));
  const health = best('GET /health');
  const rows = SCENARIOS.map((scenario) => {
    const runs = samples.get(scenario.name) ?? [];
    const top = best(scenario.name);
    const low = Math.min(...runs.map((run) => run.rps));
    return {
      scenario: scenario.name,
      conns: scenario.connections,
      'req/s (best)': top ? Math.round(top.rps) : NaN,
      'spread %': top ? Number((((top.rps - low) / top.rps) * 100).toFixed(1)) : NaN,
      'p50 ms': top?.p50,
      'p99 ms': top?.p99,
      'x /health': health && top ? Number((top.rps / health.rps).toFixed(3)) : NaN,
      'CPU µs/req': Number(Math.min(...runs.map((run) => run.cpuPerRequest)).toFixed(1)),
      'non-2xx': runs.reduce((sum, run) => sum + run.non2xx, 0),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
    };
  });
  console.log(
    `\nReal app on Postgres + Redis, ${warmup}s warm-up + ${duration}s per scenario, ${rounds} round(s), Node ${process.version}`,
  );
  console.table(rows);
  for (const scenario of SCENARIOS) console.log(`  ${scenario.name.padEnd(17)} ${scenario.description}`);
  const me = best('GET /auth/me');
  if (health && me) {
    const ratio = me.rps / health.rps;
    const verdict = ratio >= TARGET_RATIO ? 'met' : 'NOT met';
    console.log(
      `\ntarget: auth/me ≥ ${TARGET_RATIO.toFixed(2)} × /health — ${ratio.toFixed(3)}× (${verdict})`,
    );
  }
  const failed = rows.filter((row) => row['non-2xx'] > 0 || row.errors > 0);
  for (const row of failed) {
    console.log(
      `warning: ${row.scenario} had ${row['non-2xx']} non-2xx and ${row.errors} errors: not comparable`,
    );
  }
}

report(await benchmark());
