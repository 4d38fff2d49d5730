import {
  Agent,
  type AgentOutputType,
  type Handoff,
  handoff,
  type InputGuardrail,
  type MCPServer,
  type ModelSettings,
  type OutputGuardrail,
  type Tool,
} from '@openai/agents';
import { promptWithHandoffInstructions } from '@openai/agents-core/extensions';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { RuntimeEventSink } from '../runtime/run-events.js';
import type { AgentToolStreamEvent } from '../runtime/stream-agent-run.js';
import type { ToolContribution } from '../tools/tool-registry-entry.js';
import { agentOutputTypeOf } from './agent-output-type.js';
import type { AgentRegistry } from './agent-registry.js';
import type { AgentSpec, HandoffInputFilterName } from './agent-spec-schema.js';
import { resolveAgentToolExtractor } from './agent-tool-extractors.js';
import { agentToolNameOf } from './agent-tool-names.js';
import { handoffInputFilterFor } from './handoff-filters.js';
import { type AgentModelSettings, resolveAgentModel } from './model-resolution.js';
import type { PromptContextBuilder } from './prompt-context.js';
import { modelSettingsFor } from './response-include.js';

/** An SDK agent of this runtime. */
export type RuntimeAgent = Agent<AgentRunContext, AgentOutputType>;

/** Input and output guardrails of one agent, built by the guardrails area. */
export interface AgentGuardrails {
  readonly inputGuardrails?: readonly InputGuardrail[] | undefined;
  readonly outputGuardrails?: readonly OutputGuardrail<AgentOutputType>[] | undefined;
}

/** Per-run callbacks the built agents report to (the run's projector and event sink). */
export interface AgentBuildHooks {
  /** Events of nested agent-as-tool runs, projected in their tool call's scope. */
  readonly onAgentToolStream?: ((event: AgentToolStreamEvent) => void) | undefined;
  /** Internal run events (guardrail results) of this run. */
  readonly onEvent?: RuntimeEventSink | undefined;
  /** Per-request handoff filter for every handoff of the graph (wins over the specs). */
  readonly handoffInputFilter?: HandoffInputFilterName | undefined;
  /** Per-request model settings laid over every agent's own. */
  readonly modelSettings?: ModelSettings | undefined;
}

export interface AgentFactoryDeps {
  readonly registry: AgentRegistry;
  readonly modelSettings: AgentModelSettings;
  readonly promptContext: PromptContextBuilder;
  /** Tools and MCP servers of an agent for one request (the tools area). */
  readonly resolveTools?:
    | ((
        spec: AgentSpec,
        context: AgentRunContext,
        hooks: AgentBuildHooks,
      ) => Promise<ToolContribution> | ToolContribution)
    | undefined;
  readonly resolveGuardrails?:
    | ((spec: AgentSpec, context: AgentRunContext, hooks: AgentBuildHooks) => AgentGuardrails)
    | undefined;
}

/** The SDK agents of one request, starting at the requested agent. */
export interface BuiltAgentGraph {
  readonly agent: RuntimeAgent;
  /** SDK agent name (the display name) → agent key, for stream events that name agents. */
  readonly agentsByName: ReadonlyMap<string, string>;
  /** Function-tool name → agent key of every agent exposed as a tool in the graph. */
  readonly agentToolNames: ReadonlyMap<string, string>;
  /** Metadata the tool builders reported, per agent key. */
  readonly toolMetadata: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export interface AgentFactory {
  /** Builds the agent and everything it reaches, once per request (shared targets are one instance). */
  build(key: string, context: AgentRunContext, hooks?: AgentBuildHooks): Promise<BuiltAgentGraph>;
}

/** Creates the per-request builder of SDK agents from validated specs. */
export function createAgentFactory(deps: AgentFactoryDeps): AgentFactory {
  const { registry } = deps;

  async function build(
    key: string,
    context: AgentRunContext,
    hooks: AgentBuildHooks = {},
  ): Promise<BuiltAgentGraph> {
    const agents = new Map<string, Promise<RuntimeAgent>>();
    const agentsByName = new Map<string, string>();
    const agentToolNames = new Map<string, string>();
    const toolMetadata = new Map<string, Readonly<Record<string, unknown>>>();

    // Memoized per request: the registry rejected cycles, so recursion ends at the leaves.
    function agentFor(agentKey: string): Promise<RuntimeAgent> {
      let agent = agents.get(agentKey);
      if (agent === undefined) {
        agent = buildOne(registry.get(agentKey));
        agents.set(agentKey, agent);
      }
      return agent;
    }

    async function buildOne(spec: AgentSpec): Promise<RuntimeAgent> {
      const handoffs = await Promise.all(
        spec.handoffKeys.map(async (target) =>
          handoffFor(spec, target, await agentFor(target), hooks.handoffInputFilter),
        ),
      );
      const agentTools = await Promise.all(
        spec.agentToolKeys.map(async (target) => {
          const name = agentToolNameOf(spec, target);
          agentToolNames.set(name, target);
          return agentToolFor(spec, target, name, await agentFor(target), hooks);
        }),
      );
      const contribution = (await deps.resolveTools?.(spec, context, hooks)) ?? {};
      if (contribution.metadata !== undefined) toolMetadata.set(spec.key, contribution.metadata);
      const tools: Tool<AgentRunContext>[] = [...(contribution.tools ?? []), ...agentTools];
      const guardrails = deps.resolveGuardrails?.(spec, context, hooks) ?? {};

      const prompt = registry.promptEngine.renderStrict(
        registry.promptSource(spec.key),
        deps.promptContext.build(spec, context),
        spec.key,
      );
      agentsByName.set(spec.displayName, spec.key);
      return new Agent<AgentRunContext, AgentOutputType>({
        name: spec.displayName,
        handoffDescription: spec.description,
        instructions:
          spec.wrapWithHandoffPrompt && handoffs.length > 0 ? promptWithHandoffInstructions(prompt) : prompt,
        model: resolveAgentModel(spec, deps.modelSettings),
        modelSettings: { ...modelSettingsFor(spec, tools), ...hooks.modelSettings },
        tools,
        mcpServers: [...(contribution.mcpServers ?? [])] as MCPServer[],
        handoffs,
        outputType: agentOutputTypeOf(spec),
        inputGuardrails: [...(guardrails.inputGuardrails ?? [])],
        outputGuardrails: [...(guardrails.outputGuardrails ?? [])],
      });
    }

    const agent = await agentFor(registry.get(key).key);
    return { agent, agentsByName, agentToolNames, toolMetadata };
  }

  return { build };
}

/** The handoff to `target`; its input filter: the request's, else the spec override's, else `handoffContext`. */
function handoffFor(
  spec: AgentSpec,
  target: string,
  agent: RuntimeAgent,
  requestFilter: HandoffInputFilterName | undefined,
): Handoff<AgentRunContext, AgentOutputType> {
  const override = spec.handoffOverrides[target];
  const filter = handoffInputFilterFor(
    requestFilter ?? override?.inputFilter ?? spec.handoffContext[target] ?? 'full',
  );
  return handoff<AgentRunContext, AgentOutputType>(agent, {
    ...(override?.toolName !== undefined ? { toolNameOverride: override.toolName } : {}),
    ...(override?.toolDescription !== undefined ? { toolDescriptionOverride: override.toolDescription } : {}),
    ...(filter !== undefined ? { inputFilter: filter } : {}),
    // The SDK insists on a callback when the model passes structured input; the input is only logged.
    ...(override?.inputType !== undefined ? { inputType: override.inputType, onHandoff: () => {} } : {}),
    ...(override?.isEnabled !== undefined ? { isEnabled: override.isEnabled } : {}),
  });
}

function agentToolFor(
  spec: AgentSpec,
  target: string,
  toolName: string,
  agent: RuntimeAgent,
  hooks: AgentBuildHooks,
): Tool<AgentRunContext> {
  const override = spec.agentToolOverrides[target];
  const extractor = resolveAgentToolExtractor(override?.customOutputExtractor);
  return agent.asTool({
    toolName,
    toolDescription: override?.toolDescription ?? agent.handoffDescription,
    ...(extractor !== undefined ? { customOutputExtractor: extractor } : {}),
    ...(override?.isEnabled !== undefined ? { isEnabled: override.isEnabled } : {}),
    ...(override?.runConfig !== undefined ? { runConfig: override.runConfig } : {}),
    ...(override?.maxTurns !== undefined ? { runOptions: { maxTurns: override.maxTurns } } : {}),
    ...(hooks.onAgentToolStream !== undefined ? { onStream: hooks.onAgentToolStream } : {}),
  });
}
