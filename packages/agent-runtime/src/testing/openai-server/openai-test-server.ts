import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAiId } from './ids.js';
import { buildModerationResponse, type ModerationResultSpec } from './moderation.js';
import { writeEventStream } from './sse-writer.js';
import { completedResponse, turnEvents } from './turn-playback.js';
import type { OpenAiTestTurn } from './turn-types.js';

/** One request the server received, for asserting what the SDK sent. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names; `authorization` is left out. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (`undefined` when there was none). */
  readonly body: unknown;
}

/** A loopback server speaking the OpenAI Responses API wire protocol, scripted per test. */
export interface OpenAiTestServer {
  /** `http://127.0.0.1:<port>/v1`, for `new OpenAI({ apiKey, baseURL })`. */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Only the `POST /v1/responses` requests, in order. */
  responseRequests(): RecordedRequest[];
  /** Queues the answers of the next `POST /v1/responses` calls (first in, first out). */
  enqueue(...turns: OpenAiTestTurn[]): void;
  /** Queues the results of the next `POST /v1/moderations` call (default: nothing flagged). */
  enqueueModeration(results: readonly ModerationResultSpec[]): void;
  /** How many scripted turns no request has consumed yet. */
  pendingTurns(): number;
  /** Stops listening and drops open (including hanging) connections. */
  close(): Promise<void>;
}

const MODEL_IDS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-5', 'omni-moderation-latest'] as const;

/** Starts an OpenAI test server on 127.0.0.1 with an ephemeral port. */
export async function createOpenAiTestServer(): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  const turns: OpenAiTestTurn[] = [];
  const moderations: Array<readonly ModerationResultSpec[]> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      sendJson(
        res,
        400,
        apiError(`We could not parse the JSON body of your request.`, 'invalid_request_error'),
      );
      return;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordHeaders(req),
      body,
    };
    requests.push(recorded);
    const route = `${recorded.method} ${recorded.path}`;
    const params = isRecord(body) ? body : {};
    if (route === 'POST /v1/responses') {
      await answerResponses(res, turns.shift(), params, requests.filter(isResponsesCall).length);
    } else if (route === 'POST /v1/moderations') {
      sendJson(res, 200, buildModerationResponse(moderations.shift(), params));
    } else if (route === 'GET /v1/models') {
      sendJson(res, 200, { object: 'list', data: MODEL_IDS.map(modelObject) });
    } else if (recorded.method === 'GET' && recorded.path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(recorded.path.slice('/v1/models/'.length));
      if ((MODEL_IDS as readonly string[]).includes(id)) sendJson(res, 200, modelObject(id));
      else
        sendJson(
          res,
          404,
          apiError(`The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found'),
        );
    } else {
      sendJson(res, 404, apiError(`Invalid URL (${route})`, 'invalid_request_error'));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, apiError(`openai test server: ${String(error)}`, 'server_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    responseRequests: () => requests.filter(isResponsesCall),
    enqueue: (...next) => {
      turns.push(...next);
    },
    enqueueModeration: (results) => {
      moderations.push(results);
    },
    pendingTurns: () => turns.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answerResponses(
  res: ServerResponse,
  turn: OpenAiTestTurn | undefined,
  request: Readonly<Record<string, unknown>>,
  callNumber: number,
): Promise<void> {
  if (turn === undefined) {
    // Not retryable, so the SDK gives up at once and the test fails on this message.
    sendJson(
      res,
      500,
      apiError(
        `openai test server: no turn enqueued for POST /v1/responses call #${callNumber}; call server.enqueue(...) first`,
        'server_error',
        'no_turn_enqueued',
      ),
      { 'x-should-retry': 'false' },
    );
    return;
  }
  const requestId = openAiId('req');
  if (turn.kind === 'http_error') {
    sendJson(res, turn.status, turn.body, { 'x-request-id': requestId, ...turn.headers });
    return;
  }
  if (request.stream === true) {
    await writeEventStream(res, turnEvents(turn, request), turn.options, requestId);
    return;
  }
  if (turn.options.delayMs !== undefined) await sleep(turn.options.delayMs);
  // Without streaming there is nothing to send before the stall: the body never comes.
  if (turn.options.hangAfter !== undefined) return;
  if (turn.kind === 'stream_error') {
    sendJson(res, 500, apiError(turn.message, 'server_error', turn.code, turn.param), {
      'x-request-id': requestId,
    });
    return;
  }
  sendJson(res, 200, completedResponse(turn, request), { 'x-request-id': requestId });
}

function apiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function modelObject(id: string) {
  return { id, object: 'model', created: 1_700_000_000, owned_by: 'openai' };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isResponsesCall(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.path === '/v1/responses';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
