import type { ModelProvider } from '@openai/agents';
import type OpenAI from 'openai';
import { type BuiltAgentGuardrails, buildAgentGuardrails } from '../guardrails/build-agent-guardrails.js';
import { attachToolGuardrails, buildToolGuardrails } from '../guardrails/build-tool-guardrails.js';
import type { GuardrailEventSink } from '../guardrails/guardrail-events.js';
import { createGuardrailModelClient } from '../guardrails/guardrail-model-client.js';
import type { GuardrailRegistry } from '../guardrails/guardrail-registry.js';
import type { AgentSpec } from '../specs/agent-spec-schema.js';
import type { ToolContribution } from '../tools/tool-registry-entry.js';

/** The guardrails of every agent one run builds, so the runtime can mask input and hold output. */
export interface RunGuardrails {
  forAgent(spec: AgentSpec): BuiltAgentGuardrails;
  /** Attaches each function tool's guardrails (§5.1 precedence) to an agent's tools. */
  guardTools(spec: AgentSpec, contribution: ToolContribution): ToolContribution;
  /** True when some built agent streams only after its output guardrails pass (§5.1 `blocking`). */
  readonly holdsOutput: boolean;
}

export interface RunGuardrailDeps {
  readonly registry: GuardrailRegistry;
  readonly openai?: OpenAI | undefined;
  /** The OpenAI-backed provider: LLM checks refuse to run on the demo model. */
  readonly openAiModelProvider?: ModelProvider | undefined;
}

/** Creates the per-run guardrail builder; results and summaries go to `sink`. */
export function createRunGuardrails(deps: RunGuardrailDeps, sink: GuardrailEventSink): RunGuardrails {
  const buildDeps = {
    registry: deps.registry,
    sink,
    ...(deps.openAiModelProvider
      ? { modelClient: createGuardrailModelClient({ modelProvider: deps.openAiModelProvider }) }
      : {}),
    ...(deps.openai ? { moderationClient: deps.openai } : {}),
  };
  const built = new Map<string, BuiltAgentGuardrails>();
  let holdsOutput = false;
  return {
    forAgent(spec) {
      let guardrails = built.get(spec.key);
      if (!guardrails) {
        guardrails = buildAgentGuardrails(spec.guardrails, spec.guardrailsRuntime, buildDeps);
        built.set(spec.key, guardrails);
        if (guardrails.outputGuardrails.length > 0 && guardrails.streamingMode === 'blocking')
          holdsOutput = true;
      }
      return guardrails;
    },
    guardTools(spec, contribution) {
      if (!contribution.tools) return contribution;
      const suppress = spec.guardrailsRuntime?.suppressTripwire;
      const tools = contribution.tools.map((tool) => {
        const key = tool.name;
        const sources = { override: spec.toolGuardrailOverrides[key], agentWide: spec.toolGuardrails };
        if (!sources.override && !sources.agentWide) return tool;
        return attachToolGuardrails(
          tool,
          buildToolGuardrails(
            key,
            sources,
            buildDeps,
            suppress === undefined ? {} : { suppressTripwire: suppress },
          ),
        );
      });
      return { ...contribution, tools };
    },
    get holdsOutput() {
      return holdsOutput;
    },
  };
}
