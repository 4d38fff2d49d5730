// The loopback model of `pnpm bench:runtime`: the real OpenAI provider (`OpenAIProvider` over the `openai`
// client: HTTP, SSE parsing, the SDK's Responses model) against the repo's loopback Responses API server,
// run in a child process (./loopback-server.ts). The server plays back exactly what the demo model
// answers to the same message, delta for delta, so both models stream the same text and tool call.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Agent, type ModelProvider, OpenAIProvider, Runner } from '@openai/agents';
import type { AgentRunContext } from '@starter/agent-runtime';
import type { ItemScript, LoopbackReady, LoopbackRequest, TurnScript } from './loopback-server.js';
import { runContext } from './scenarios.js';

export type { TurnScript } from './loopback-server.js';

type OpenAIClient = NonNullable<NonNullable<ConstructorParameters<typeof OpenAIProvider>[0]>['openAIClient']>;
type OpenAIConstructor = new (options: {
  baseURL: string;
  apiKey: string;
  maxRetries: number;
}) => OpenAIClient;

// `openai` is not a dependency of the bench package: load the very copy `@openai/agents-openai` uses
// (its ESM entry, as the provider imports it), so the client is the one production runs.
async function loadOpenAI(): Promise<OpenAIConstructor> {
  const require = createRequire(import.meta.url);
  const agentsOpenAi = createRequire(require.resolve('@openai/agents')).resolve('@openai/agents-openai');
  const packageDir = dirname(createRequire(agentsOpenAi).resolve('openai'));
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports: { '.': { default: string } };
  };
  const module = (await import(pathToFileURL(join(packageDir, manifest.exports['.'].default)).href)) as {
    default: OpenAIConstructor;
  };
  return module.default;
}

/** The production model provider, pointed at one loopback server. */
export async function loopbackProvider(baseURL: string): Promise<ModelProvider> {
  const OpenAI = await loadOpenAI();
  return new OpenAIProvider({
    openAIClient: new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 }),
    useResponses: true,
  });
}

interface RawModelEvent {
  readonly type: string;
  readonly item_id?: string;
  readonly delta?: string;
  readonly item?: {
    readonly id?: string;
    readonly type: string;
    readonly name?: string;
    readonly arguments?: string;
    readonly content?: ReadonlyArray<{ readonly type: string; readonly text?: string }>;
  };
}

/**
 * Runs `message` once on `modelProvider` (the demo model) and records each model response's items with
 * their exact deltas: the script the loopback server then plays back for every run.
 */
export async function captureScript(
  modelProvider: ModelProvider,
  agent: Agent<AgentRunContext>,
  message: string,
): Promise<TurnScript[]> {
  const runner = new Runner({ modelProvider, tracingDisabled: true });
  const result = await runner.run(agent, message, {
    stream: true,
    context: runContext('run_bench_capture', message),
  });
  const turns: TurnScript[] = [];
  let items: ItemScript[] = [];
  const deltas = new Map<string, string[]>();
  const exact = (id: string | undefined, text: string) => {
    const chunks = deltas.get(id ?? '') ?? [];
    return chunks.join('') === text ? chunks : [text];
  };
  for await (const event of result) {
    if (event.type !== 'raw_model_stream_event' || event.data.type !== 'model') continue;
    const raw = event.data.event as RawModelEvent;
    if (raw.type === 'response.output_text.delta' || raw.type === 'response.function_call_arguments.delta') {
      const list = deltas.get(raw.item_id ?? '') ?? [];
      list.push(raw.delta ?? '');
      deltas.set(raw.item_id ?? '', list);
    } else if (raw.type === 'response.output_item.done' && raw.item) {
      const item = raw.item;
      if (item.type === 'message') {
        const text = (item.content ?? []).map((part) => part.text ?? '').join('');
        items.push({ kind: 'message', text, chunks: exact(item.id, text) });
      } else if (item.type === 'function_call') {
        const args = item.arguments ?? '';
        items.push({
          kind: 'function_call',
          name: item.name ?? '',
          arguments: args,
          chunks: exact(item.id, args),
        });
      } else {
        throw new Error(`the loopback script cannot replay a ${item.type} item`);
      }
    } else if (raw.type === 'response.completed') {
      turns.push({ items });
      items = [];
    }
  }
  await result.completed;
  if (result.error) throw result.error;
  return turns;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Starts the loopback servers in a child process: one per script, each answering its script in a loop. */
export async function startLoopbackServers(
  scripts: Record<string, TurnScript[]>,
): Promise<{ baseURLs: Readonly<Record<string, string>>; close(): Promise<void> }> {
  const child: ChildProcess = fork(join(here, 'loopback-server.ts'), [], {
    cwd: here,
    execArgv: ['--conditions=@starter/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<LoopbackReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoopbackReady));
    child.once('exit', (code) => reject(new Error(`loopback server exited with ${code}`)));
    child.send({ scripts } satisfies LoopbackRequest);
  });
  return {
    baseURLs: ready.baseURLs,
    close: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
