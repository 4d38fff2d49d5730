// The ways `pnpm bench:runtime` runs the same agent on the same scripted model: the bare SDK, the run
// core with the public_sse_v1 projector, the run core with persistence hooks (a no-op store, then a
// simulated ledger), the full runtime, and the floor (the bare SDK plus one serialized frame per event).
// The model provider is the caller's: the in-process demo model, or the real OpenAI provider against the
// loopback Responses API server (./loopback.ts).
import { Agent, type ModelProvider, Runner } from '@openai/agents';
import {
  type AgentRunContext,
  type AgentRunOutcome,
  type AgentRunStream,
  createAgentRuntime,
  createCurrentTimeTool,
  defaultTimestamp,
  defineAgent,
  type StreamAgentRunOptions,
  streamAgentRun,
} from '@starter/agent-runtime';
import type { PublicSseEvent } from '@starter/contracts';

const LOREM =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(
    ' ',
  );

/** A user message the demo model echoes word by word: one text delta per word. */
export function longMessage(words: number): string {
  const body = Array.from({ length: words }, (_, index) => LOREM[index % LOREM.length]).join(' ');
  return `Summarise these notes: ${body}`;
}

export const TOOL_MESSAGE = 'use tool get_current_time';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Runs one streamed run to its end; returns how many items the caller drained (SDK events or frames). */
  run(message: string): Promise<number>;
}

export function runContext(runId: string, message: string): AgentRunContext {
  return {
    runId,
    tenantId: 'bench',
    userId: 'bench',
    conversationId: null,
    requestMessage: message,
    environment: 'development',
  };
}

/**
 * The simulated ledger: each frame serialised and appended, the write settling one event-loop turn later
 * (`setImmediate`), as the quickest real store's I/O would; with `batched`, through `onFrames` (one write
 * per group of frames, the runtime's group-commit hook), else through the per-frame `onFrame`.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function ledgerHooks(batched = true): Pick<StreamAgentRunOptions, 'onFrame' | 'onFrames' | 'beforeTerminal'> {
  const ledger: string[] = [];
  const beforeTerminal = async (outcome: AgentRunOutcome) => {
    ledger.push(JSON.stringify({ status: outcome.status, text: outcome.responseText, usage: outcome.usage }));
    await nextTurn();
    return undefined;
  };
  if (!batched) {
    return {
      onFrame: async (frame: PublicSseEvent) => {
        ledger.push(JSON.stringify(frame));
        await nextTurn();
      },
      beforeTerminal,
    };
  }
  return {
    onFrames: async (frames: readonly PublicSseEvent[]) => {
      for (const frame of frames) ledger.push(JSON.stringify(frame));
      await nextTurn();
    },
    beforeTerminal,
  };
}

async function drain(stream: AgentRunStream): Promise<number> {
  let frames = 0;
  for await (const _frame of stream.frames) frames += 1;
  const outcome = await stream.outcome;
  if (outcome.status !== 'completed') throw new Error(`run ${outcome.runId} ended ${outcome.status}`);
  return frames;
}

let sequence = 0;
const nextRunId = () => `run_bench_${++sequence}`;

/**
 * The least any runtime must add to A to keep a `public_sse_v1` ledger: for each SDK event but the raw
 * provider ones (fewer than the frames a run really has: 79 against 81 for the text run, 43 against 50
 * for the tool run), one frame with the §2.2 envelope and its time stamp (the projector's own clock),
 * serialized and kept. No projection state, no queue, no hook, no I/O turn.
 */
async function floorRun(
  modelProvider: ModelProvider,
  agent: Agent<AgentRunContext>,
  message: string,
): Promise<number> {
  const runId = nextRunId();
  const runner = new Runner({ modelProvider, tracingDisabled: true });
  const result = await runner.run(agent, message, { stream: true, context: runContext(runId, message) });
  const ledger: string[] = [];
  for await (const event of result) {
    if (event.type === 'raw_model_stream_event' && event.data.type === 'model') continue;
    const frame = {
      schema: 'public_sse_v1',
      event_id: ledger.length + 1,
      stream_id: runId,
      server_timestamp: defaultTimestamp(),
      kind: 'message.delta',
      conversation_id: null,
      response_id: null,
      agent: 'bench_assistant',
      output_index: 0,
      item_id: 'msg_bench',
      content_index: 0,
      delta:
        event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta'
          ? event.data.delta
          : '',
    };
    ledger.push(JSON.stringify(frame));
  }
  await result.completed;
  if (result.error) throw result.error;
  return ledger.length;
}

/** The bench agent as a plain SDK agent (paths A–C and F); D builds the same agent from its spec. */
export function benchAgent(): Agent<AgentRunContext> {
  return new Agent<AgentRunContext>({
    name: 'Bench Assistant',
    instructions: 'Answer briefly.',
    model: 'gpt-5.1',
    tools: [createCurrentTimeTool()],
  });
}

/** One model provider and one agent shape shared by every scenario. */
export async function createScenarios(
  modelProvider: ModelProvider,
): Promise<{ scenarios: Scenario[]; close(): Promise<void> }> {
  const agent = benchAgent();
  const runtime = await createAgentRuntime({
    modelProvider,
    agents: [
      defineAgent({
        key: 'bench_assistant',
        displayName: 'Bench Assistant',
        description: 'The bench agent: the plain SDK agent as a spec.',
        instructions: 'Answer briefly.',
        model: 'gpt-5.1',
        default: true,
        toolKeys: ['get_current_time'],
      }),
    ],
  });
  const core = (message: string, hooks: Partial<StreamAgentRunOptions>) => {
    const runId = nextRunId();
    return streamAgentRun({
      agent,
      agentKey: 'bench_assistant',
      input: message,
      context: runContext(runId, message),
      modelProvider,
      streamId: runId,
      ...hooks,
    });
  };
  const scenarios: Scenario[] = [
    {
      name: 'A sdk',
      description: 'new Runner({ modelProvider }).run(agent, message, { stream: true }), SDK events drained',
      async run(message) {
        const runner = new Runner({ modelProvider, tracingDisabled: true });
        const result = await runner.run(agent, message, {
          stream: true,
          context: runContext(nextRunId(), message),
        });
        let events = 0;
        for await (const _event of result) events += 1;
        await result.completed;
        if (result.error) throw result.error;
        return events;
      },
    },
    {
      name: 'F floor',
      description:
        "A + per SDK event (but raw provider events) one envelope, time-stamped and JSON.stringify'd: the least a ledger adds",
      run: (message) => floorRun(modelProvider, agent, message),
    },
    {
      name: 'B +projector',
      description:
        'streamAgentRun: metered model, normalizer, public_sse_v1 projector, frame queue; no hooks',
      run: (message) => drain(core(message, {})),
    },
    {
      name: 'C0 +hooks',
      description:
        '… + onFrames and beforeTerminal on a no-op store (each resolves at once): the hook mechanism alone',
      run: (message) =>
        drain(core(message, { onFrames: async () => {}, beforeTerminal: async () => undefined })),
    },
    {
      name: 'C +hooks',
      description:
        '… + onFrames (JSON.stringify each + push, one setImmediate per batch) and beforeTerminal: a simulated ledger',
      run: (message) => drain(core(message, ledgerHooks())),
    },
    {
      name: "C' +onFrame",
      description: '… the same ledger through the per-frame onFrame hook (one setImmediate per frame)',
      run: (message) => drain(core(message, ledgerHooks(false))),
    },
    {
      name: 'D runtime',
      description: '… via createAgentRuntime().stream(): spec → agent build, session memory, guardrails',
      run: async (message) =>
        drain(await runtime.stream({ agentKey: 'bench_assistant', message, ...ledgerHooks() })),
    },
  ];
  return { scenarios, close: () => runtime.close() };
}
