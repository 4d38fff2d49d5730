import { randomUUID } from 'node:crypto';
import { type ModelProvider, OpenAIProvider, RunState } from '@openai/agents';
import { AppError } from '@starter/contracts';
import { bundledAgentSpecs } from '../agents/index.js';
import { createGuardrailSummary, type GuardrailResultEvent } from '../guardrails/guardrail-events.js';
import { createGuardrailRegistry, type GuardrailRegistry } from '../guardrails/guardrail-registry.js';
import { maskInput } from '../guardrails/mask-input.js';
import { validateAgentGuardrails } from '../guardrails/validate-agent-guardrails.js';
import { mcpToolRegistryEntries } from '../mcp/mcp-registry-entries.js';
import { createMcpServerPool, type McpServerPool } from '../mcp/mcp-server-pool.js';
import { createInMemorySessionStore } from '../memory/in-memory-session-store.js';
import { createInMemorySummaryStore } from '../memory/summary-store.js';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { type AgentFactory, createAgentFactory, type RuntimeAgent } from '../specs/agent-factory.js';
import { type AgentRegistry, createAgentRegistry } from '../specs/agent-registry.js';
import { createPromptContextBuilder } from '../specs/prompt-context.js';
import { type ResumedApproval, resumedApprovalOf } from '../streaming/project-approvals.js';
import { createInMemoryConversationSearch } from '../tools/in-memory-conversation-search.js';
import { createToolRegistry, type ToolRegistry } from '../tools/tool-registry.js';
import type { AgentResumeRequest, AgentRunRequest } from './agent-run-request.js';
import type { AgentRuntimeOptions } from './agent-runtime-options.js';
import type { ModelUsageReport } from './model-usage.js';
import { approvalCallId } from './pending-approvals.js';
import type { AgentRunContext } from './run-context.js';
import type { RuntimeEvent, RuntimeEventSink } from './run-events.js';
import { createRunGuardrails } from './run-guardrails.js';
import { prepareRunMemory } from './run-memory.js';
import {
  type AgentRunOutcome,
  type AgentRunStream,
  type NestedStreamRelay,
  streamAgentRun,
} from './stream-agent-run.js';

/** Hosted tools exist only with an OpenAI key; without one, agents that list them run without them. */
const HOSTED_TOOL_KEYS = ['web_search', 'file_search', 'code_interpreter', 'image_generation'];

/** Agents, tools, guardrails and memory of one process, ready to run with no HTTP and no database. */
export interface AgentRuntime {
  readonly agents: AgentRegistry;
  readonly tools: ToolRegistry;
  readonly guardrails: GuardrailRegistry;
  /** The provider every run uses (the demo model without an OpenAI key). */
  readonly modelProvider: ModelProvider;
  readonly usesDemoModel: boolean;
  /** Starts a streamed run; read `frames` to drive it. */
  stream(request: AgentRunRequest): Promise<AgentRunStream>;
  /** Runs to the end and returns the outcome (the frames are drained through `onFrame` / `onFrames`, if given). */
  run(request: AgentRunRequest): Promise<AgentRunOutcome>;
  /** Resumes an `interrupted` run from its saved state with a decision for each pending tool call. */
  resume(request: AgentResumeRequest): Promise<AgentRunStream>;
  /** Closes local MCP servers. */
  close(): Promise<void>;
}

function fanOut(...sinks: readonly (RuntimeEventSink | undefined)[]): RuntimeEventSink {
  const active = sinks.filter((sink): sink is RuntimeEventSink => sink !== undefined);
  return (event: RuntimeEvent) => {
    for (const sink of active) sink(event);
  };
}

/**
 * Creates the agent runtime: validates every agent against the tool and guardrail registries (one error
 * listing all problems), connects local MCP servers, and returns the run API.
 */
export async function createAgentRuntime(options: AgentRuntimeOptions = {}): Promise<AgentRuntime> {
  const openAiConfigured = options.openai !== undefined;
  const openAiModelProvider = options.openai
    ? new OpenAIProvider({ openAIClient: options.openai })
    : undefined;
  const usesDemoModel = !options.modelProvider && !openAiModelProvider;
  const modelProvider = options.modelProvider ?? openAiModelProvider ?? createDemoModelProvider();
  const environment = options.environment ?? 'development';
  const sessions = options.sessions ?? createInMemorySessionStore();
  const summaries = options.summaries ?? createInMemorySummaryStore();
  const guardrails = options.guardrails ?? createGuardrailRegistry();

  const mcpConfigs = options.mcpServers ?? [];
  let pool: McpServerPool | undefined;
  if (mcpConfigs.some((config) => config.transport !== undefined && config.transport !== 'hosted')) {
    pool = createMcpServerPool(mcpConfigs);
    await pool.connect();
  }
  const tools = createToolRegistry({
    openAiConfigured,
    settings: options.tools?.settings,
    ports: {
      conversationSearch: options.tools?.conversationSearch ?? createInMemoryConversationSearch([]),
      vectorStores: options.tools?.vectorStores,
      containers: options.tools?.containers,
    },
    clock: options.clock,
    extraEntries: [
      ...mcpToolRegistryEntries(mcpConfigs, { openAiConfigured, ...(pool ? { pool } : {}) }),
      ...(options.tools?.extraEntries ?? []),
    ],
  });

  const promptContext = createPromptContextBuilder({
    providers: options.promptProviders,
    clock: options.clock,
  });
  let agents: AgentRegistry;
  try {
    agents = createAgentRegistry(options.agents ?? bundledAgentSpecs, {
      toolKeys: new Set(tools.keys()),
      optionalToolKeys: new Set(openAiConfigured ? ['web_search'] : HOSTED_TOOL_KEYS),
      validateAgent: (spec) => [
        ...tools.validate({ ...spec, toolKeys: spec.toolKeys.filter((key) => tools.has(key)) }),
        ...validateAgentGuardrails(spec, guardrails),
      ],
      promptContext,
    });
  } catch (error) {
    await pool?.close();
    throw error;
  }

  const runGuardrailDeps = { registry: guardrails, openai: options.openai, openAiModelProvider };
  const factoryFor = (runGuardrails: ReturnType<typeof createRunGuardrails>): AgentFactory =>
    createAgentFactory({
      registry: agents,
      modelSettings: options.modelSettings ?? {},
      promptContext,
      resolveTools: async (spec, context) =>
        runGuardrails.guardTools(
          spec,
          await tools.build({ ...spec, toolKeys: spec.toolKeys.filter((key) => tools.has(key)) }, context),
        ),
      resolveGuardrails: (spec) => runGuardrails.forAgent(spec),
    });

  async function start(request: AgentRunRequest, resume?: AgentResumeRequest): Promise<AgentRunStream> {
    const agentKey = agents.resolveKey(request.agentKey);
    const spec = agents.get(agentKey);
    const runId = request.runId ?? `run_${randomUUID()}`;
    const emit = fanOut(options.onEvent, request.onEvent);
    const summary = createGuardrailSummary();
    const guardrailSink = (event: GuardrailResultEvent) => {
      summary.add(event);
      emit({ ...event, type: 'guardrail_result', runId });
    };
    const runGuardrails = createRunGuardrails(runGuardrailDeps, guardrailSink);
    const memory = await prepareRunMemory(
      { sessions, summaries, modelProvider },
      spec,
      request,
      runId,
      resume ? () => {} : emit,
    );
    const masked = resume
      ? request.message
      : maskInput(request.message, runGuardrails.forAgent(spec).preFlight, { sink: guardrailSink }).text;
    const context: AgentRunContext = {
      runId,
      tenantId: request.tenantId ?? null,
      userId: request.userId ?? null,
      userName: request.userName ?? null,
      conversationId: request.conversationId ?? null,
      requestMessage: masked,
      environment,
      userLocation: request.userLocation,
      memorySummary: memory.memorySummary,
      containerOverrides: request.containerOverrides,
      vectorStoreOverrides: request.vectorStoreOverrides,
      requestContext: request.requestContext,
      signal: request.signal,
    };
    const relay: NestedStreamRelay = { handler: null };
    const graph = await factoryFor(runGuardrails).build(agentKey, context, {
      onAgentToolStream: (event) => relay.handler?.(event),
      handoffInputFilter: request.handoffInputFilter,
      modelSettings: request.modelSettings,
    });

    let input: string | RunState<AgentRunContext, RuntimeAgent> = masked;
    let resumedApprovals: ResumedApproval[] | undefined;
    if (resume) {
      const state = await RunState.fromString<AgentRunContext, RuntimeAgent>(graph.agent, resume.state);
      resumedApprovals = applyDecisions(state, resume);
      input = state;
    }
    return streamAgentRun({
      agent: graph.agent,
      agentKey,
      input,
      context,
      modelProvider,
      session: memory.session,
      maxTurns: request.maxTurns,
      // A resumed run continues from its saved state, never from a caller-named response.
      previousResponseId: resume ? undefined : request.previousResponseId,
      streamId: request.streamId ?? runId,
      workflow: request.workflow,
      agentToolNames: graph.agentToolNames,
      agentKeyOfName: (name) => graph.agentsByName.get(name) ?? null,
      nestedStreams: relay,
      prelude: resume ? [] : memory.prelude,
      resumedApprovals,
      holdFramesUntilComplete: runGuardrails.holdsOutput,
      onFrame: request.onFrame,
      onFrames: request.onFrames,
      onEvent: (event) => {
        if (event.type === 'model_usage') options.onUsage?.(event as ModelUsageReport);
        if (event.type === 'run_finished') emit({ ...summary.summary(), runId });
        emit(event);
      },
      beforeTerminal: request.beforeTerminal,
      clock: options.clock,
    });
  }

  return {
    agents,
    tools,
    guardrails,
    modelProvider,
    usesDemoModel,
    stream: (request) => start(request),
    async run(request) {
      const stream = await start(request);
      for await (const _frame of stream.frames) {
        // Draining drives the run; `onFrame` / `onFrames` see each frame.
      }
      return stream.outcome;
    },
    resume: (request) => start(request, request),
    async close() {
      await pool?.close();
    },
  };
}

/** Applies the decisions to the restored state's interruptions; every pending call needs one. */
function applyDecisions(
  state: RunState<AgentRunContext, RuntimeAgent>,
  request: AgentResumeRequest,
): ResumedApproval[] {
  const decisions = new Map(request.decisions.map((decision) => [decision.toolCallId, decision]));
  const pending = state.getInterruptions();
  if (pending.length === 0) throw new AppError('Conflict', 'The run is not waiting for an approval.');
  const resumed: ResumedApproval[] = [];
  for (const item of pending) {
    const callId = approvalCallId(item);
    const decision = decisions.get(callId);
    if (!decision) {
      throw AppError.validation(
        [{ path: ['decisions'], message: `no decision for tool call ${callId}`, code: 'missing_decision' }],
        'Every pending tool call needs a decision.',
      );
    }
    if (decision.approve) state.approve(item);
    else state.reject(item, decision.reason ? { message: decision.reason } : undefined);
    resumed.push(resumedApprovalOf(item, { approved: decision.approve, reason: decision.reason ?? null }));
  }
  return resumed;
}
