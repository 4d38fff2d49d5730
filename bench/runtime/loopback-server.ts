// Child of `pnpm bench:runtime --model loopback`: the repo's loopback OpenAI Responses API server, one per
// script, in its own process so the server's CPU is not billed to the runs being measured. Each server
// answers every `POST /v1/responses` with the next turn of its script, looping: the queue is topped up
// with whole cycles of the script, so a run that makes the script's requests in order (one run open at a
// time) always gets them in order. Reports `{ baseURLs }` over IPC; exits when the parent disconnects.
import {
  createOpenAiTestServer,
  functionCallItem,
  functionCallTurn,
  messageItem,
  type OpenAiTestServer,
  type OpenAiTestTurn,
  responseTurn,
  type ScriptedItem,
  textTurn,
} from '@starter/agent-runtime/testing';

/** One output item of a scripted response, with its exact stream deltas. */
export type ItemScript =
  | { readonly kind: 'message'; readonly text: string; readonly chunks: readonly string[] }
  | {
      readonly kind: 'function_call';
      readonly name: string;
      readonly arguments: string;
      readonly chunks: readonly string[];
    };

/** One model response: what one `POST /v1/responses` answers. */
export interface TurnScript {
  readonly items: readonly ItemScript[];
}

export interface LoopbackRequest {
  /** Script name → the responses one run asks for, in order. */
  readonly scripts: Readonly<Record<string, readonly TurnScript[]>>;
}

export interface LoopbackReady {
  readonly baseURLs: Readonly<Record<string, string>>;
}

// Enough queued turns for well over the time between two top-ups at any speed the bench reaches.
const LOW_WATER = 2_000;
const TOP_UP_MS = 10;

const itemOf = (script: ItemScript): ScriptedItem =>
  script.kind === 'message'
    ? messageItem(script.text, { chunks: script.chunks })
    : functionCallItem({ name: script.name, arguments: script.arguments, chunks: script.chunks });

// Fresh item and call ids for every cycle, as a live model would send.
function turnOf(script: TurnScript): OpenAiTestTurn {
  const [only] = script.items;
  if (script.items.length === 1 && only?.kind === 'message')
    return textTurn(only.text, { chunks: only.chunks });
  if (script.items.every((item) => item.kind === 'function_call')) {
    return functionCallTurn(
      script.items.map((item) => ({ name: item.name, arguments: item.arguments, chunks: item.chunks })),
    );
  }
  return responseTurn(script.items.map(itemOf));
}

function keepFed(server: OpenAiTestServer, script: readonly TurnScript[]): void {
  if (script.length === 0) throw new Error('a loopback script needs at least one turn');
  // The server records every request and scans the record on each call: drop it, nobody reads it here.
  (server.requests as unknown[]).length = 0;
  while (server.pendingTurns() < LOW_WATER) server.enqueue(...script.map(turnOf));
}

const servers: OpenAiTestServer[] = [];
process.once('message', async (message: LoopbackRequest) => {
  const baseURLs: Record<string, string> = {};
  const feeders: Array<() => void> = [];
  for (const [name, script] of Object.entries(message.scripts)) {
    const server = await createOpenAiTestServer();
    servers.push(server);
    baseURLs[name] = server.baseURL;
    feeders.push(() => keepFed(server, script));
  }
  const feed = () => {
    for (const feeder of feeders) feeder();
  };
  feed();
  setInterval(feed, TOP_UP_MS);
  process.send?.({ baseURLs } satisfies LoopbackReady);
});
process.once('disconnect', () => {
  void Promise.allSettled(servers.map((server) => server.close())).then(() => process.exit(0));
});
