// The SSE client of `pnpm bench:chat`: one `POST /api/v1/chat/stream` per stream on node:http, each on its
// own connection, reading frames until the terminal one. It does as little as it can per frame (with
// `--client inline` it shares the event loop with the server it measures): the receive time is taken once
// per chunk, and `server_timestamp` and `kind` are cut out of the JSON by position (checked against a full
// parse on the first frame of every stream).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type HistogramJSON, LatencyHistogram } from './stats.js';

export interface StreamTarget {
  port: number;
  tokens: readonly string[];
  body: string;
}

/** What a run shows while it goes (the progress line, the memory sampler). */
export interface StreamProgress {
  readonly open: number;
  readonly frames: number;
  readonly completed: number;
  readonly errors: number;
}

/**
 * `StreamFigures` as sent over IPC. `firstSentAt` and `lastDoneAt` are epoch ms (null: none yet), since
 * `performance.now()` of one process means nothing in another.
 */
export interface StreamFiguresJSON {
  firstFrame: number[];
  headers: number[];
  added: HistogramJSON;
  frames: number;
  bytes: number;
  completed: number;
  terminalErrors: number;
  statuses: [number, { count: number; sample: string }][];
  failures: [string, number][];
  firstSentAt: number | null;
  lastDoneAt: number | null;
}

const toEpoch = (at: number) => (Number.isFinite(at) && at > 0 ? performance.timeOrigin + at : null);

/** What all streams measured together. */
export class StreamFigures implements StreamProgress {
  /** Request sent → first SSE frame received, ms (one per stream that got one). */
  readonly firstFrame: number[] = [];
  /** Request sent → response headers, ms. */
  readonly headers: number[] = [];
  /** Receive time − the frame's `server_timestamp`, ms, per frame. */
  readonly added = new LatencyHistogram();
  frames = 0;
  bytes = 0;
  open = 0;
  completed = 0;
  terminalErrors = 0;
  /** Non-200 answers by status, with the first body seen. */
  readonly statuses = new Map<number, { count: number; sample: string }>();
  /** Socket errors, streams cut before a terminal frame, unparsable frames. */
  readonly failures = new Map<string, number>();
  firstSentAt = Number.POSITIVE_INFINITY;
  lastDoneAt = 0;

  fail(reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  get errors(): number {
    let total = this.terminalErrors;
    for (const { count } of this.statuses.values()) total += count;
    for (const count of this.failures.values()) total += count;
    return total;
  }

  toJSON(): StreamFiguresJSON {
    return {
      firstFrame: this.firstFrame,
      headers: this.headers,
      added: this.added.toJSON(),
      frames: this.frames,
      bytes: this.bytes,
      completed: this.completed,
      terminalErrors: this.terminalErrors,
      statuses: [...this.statuses],
      failures: [...this.failures],
      firstSentAt: toEpoch(this.firstSentAt),
      lastDoneAt: toEpoch(this.lastDoneAt),
    };
  }

  /** Adds another process's figures (from `toJSON`) to these; `open` is left alone. */
  merge(other: StreamFiguresJSON): void {
    this.firstFrame.push(...other.firstFrame);
    this.headers.push(...other.headers);
    this.added.merge(other.added);
    this.frames += other.frames;
    this.bytes += other.bytes;
    this.completed += other.completed;
    this.terminalErrors += other.terminalErrors;
    for (const [status, { count, sample }] of other.statuses) {
      const entry = this.statuses.get(status) ?? { count: 0, sample };
      entry.count += count;
      this.statuses.set(status, entry);
    }
    for (const [reason, count] of other.failures) {
      this.failures.set(reason, (this.failures.get(reason) ?? 0) + count);
    }
    if (other.firstSentAt !== null) {
      this.firstSentAt = Math.min(this.firstSentAt, other.firstSentAt - performance.timeOrigin);
    }
    if (other.lastDoneAt !== null) {
      this.lastDoneAt = Math.max(this.lastDoneAt, other.lastDoneAt - performance.timeOrigin);
    }
  }
}

const TS = '"server_timestamp":"';
const KIND = '"kind":"';
// Epoch ms with sub-ms precision; the server stamps whole milliseconds (ISO), floored.
const wallClock = () => performance.timeOrigin + performance.now();

/** Pulls `server_timestamp` (epoch ms) and `kind` out of one `data:` line. */
function cut(data: string): { at: number; kind: string } | null {
  const t = data.indexOf(TS);
  const k = data.indexOf(KIND);
  if (t === -1 || k === -1) return null;
  const at = Date.parse(data.slice(t + TS.length, data.indexOf('"', t + TS.length)));
  const kind = data.slice(k + KIND.length, data.indexOf('"', k + KIND.length));
  return Number.isFinite(at) ? { at, kind } : null;
}

/** Opens one stream and resolves when it ends (never rejects: failures are counted in `figures`). */
export function runStream(
  target: StreamTarget,
  agent: Agent,
  index: number,
  figures: StreamFigures,
  record = true,
): Promise<void> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    if (record) figures.firstSentAt = Math.min(figures.firstSentAt, sentAt);
    let opened = false;
    let gotFirst = false;
    let terminal = false;
    let settled = false;
    const done = (failure?: string) => {
      if (settled) return;
      settled = true;
      if (opened) figures.open--;
      if (record) {
        if (failure) figures.fail(failure);
        else if (!terminal) figures.fail('ended without a terminal frame');
        else figures.completed++;
        figures.lastDoneAt = Math.max(figures.lastDoneAt, performance.now());
      }
      resolve();
    };
    const token = target.tokens[index % target.tokens.length] as string;
    const req = request({
      agent,
      host: '127.0.0.1',
      port: target.port,
      method: 'POST',
      path: '/api/v1/chat/stream',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(target.body),
        accept: 'text/event-stream',
      },
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(`socket: ${error.code ?? error.message}`));
    req.on('response', (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const entry = figures.statuses.get(status) ?? { count: 0, sample: text.slice(0, 200) };
          entry.count++;
          figures.statuses.set(status, entry);
          settled = true;
          resolve();
        });
        return;
      }
      opened = true;
      figures.open++;
      if (record) figures.headers.push(performance.now() - sentAt);
      let buffer = '';
      res.on('data', (chunk: string) => {
        const receivedAt = wallClock();
        if (record) figures.bytes += chunk.length;
        buffer += chunk;
        let boundary = buffer.indexOf('\n\n');
        while (boundary !== -1) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
          const dataAt = block.indexOf('data: ');
          if (dataAt === -1) continue; // a heartbeat comment
          const data = block.slice(dataAt + 6);
          const frame = cut(data);
          if (frame === null) {
            if (record) figures.fail('unparsable frame');
            continue;
          }
          if (!gotFirst) {
            gotFirst = true;
            const parsed = JSON.parse(data) as { server_timestamp: string; kind: string };
            if (Date.parse(parsed.server_timestamp) !== frame.at || parsed.kind !== frame.kind) {
              throw new Error(`frame cut wrong: ${data.slice(0, 200)}`);
            }
            if (record) figures.firstFrame.push(performance.now() - sentAt);
          }
          if (record) {
            figures.frames++;
            figures.added.record(receivedAt - frame.at);
          }
          if (frame.kind === 'final' || frame.kind === 'error') {
            terminal = true;
            if (frame.kind === 'error' && record) figures.terminalErrors++;
          }
        }
      });
      res.on('end', () => done());
      res.on('error', (error: NodeJS.ErrnoException) => done(`response: ${error.code ?? error.message}`));
      res.on('close', () => done(terminal ? undefined : 'closed before the terminal frame'));
    });
    req.end(target.body);
  });
}

/** A pool that never queues: every stream gets its own connection. */
function createStreamAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 4096 });
}

/** Starts `count` streams spread evenly over `rampMs`, and resolves when all have ended. */
async function runStreams(
  target: StreamTarget,
  agent: Agent,
  count: number,
  rampMs: number,
  figures: StreamFigures,
  record = true,
): Promise<void> {
  const all: Promise<void>[] = [];
  const startAt = performance.now();
  for (let index = 0; index < count; index++) {
    const due = startAt + (count <= 1 ? 0 : (rampMs * index) / count);
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    all.push(runStream(target, agent, index, figures, record));
  }
  await Promise.all(all);
}

/** A chat message of `words` words; the demo model echoes its first 280 characters word by word. */
export function benchMessage(words: number): string {
  const pool = ['alpha', 'bravo', 'delta', 'echo', 'gamma', 'kilo', 'lima', 'mike', 'oscar', 'papa'];
  const out: string[] = [];
  for (let index = 0; index < words; index++) out.push(pool[index % pool.length] as string);
  return out.join(' ');
}

/**
 * {@link runStreams} on a fresh connection pool, closed at the end: a run holds none of an earlier run's
 * idle connections (the warm-up's), and opens all of its own.
 */
export async function runStreamsOnFreshPool(
  target: StreamTarget,
  count: number,
  rampMs: number,
  figures: StreamFigures,
  record = true,
): Promise<void> {
  const agent = createStreamAgent();
  try {
    await runStreams(target, agent, count, rampMs, figures, record);
  } finally {
    agent.destroy();
  }
}
