import type { AgentOutputType, InputGuardrail, OutputGuardrail, RunContext } from '@openai/agents-core';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createConcurrencyLimit } from './concurrency-limit.js';
import { contentText, itemsToTurns, splitConversation } from './conversation-text.js';
import { evaluateGuardrail } from './evaluate-guardrail.js';
import {
  type AgentGuardrailConfig,
  type GuardrailRuntimeOptions,
  guardrailRuntimeOptionsSchema,
} from './guardrail-config.js';
import type { GuardrailEventSink } from './guardrail-events.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import type { ConversationTurn, GuardrailCheckDeps } from './guardrail-spec.js';
import type { ResolvedGuardrail } from './resolve-guardrails.js';
import { placeAgentGuardrails, throwOnIssues } from './stage-placement.js';

/** What the guardrail builders need: the registry, the clients checks call, and the event sink. */
export interface GuardrailBuildDeps extends GuardrailCheckDeps {
  readonly registry: GuardrailRegistry;
  readonly sink?: GuardrailEventSink | undefined;
}

/** An agent's guardrails in SDK form, plus what the runtime applies around the run. */
export interface BuiltAgentGuardrails {
  readonly inputGuardrails: InputGuardrail[];
  readonly outputGuardrails: OutputGuardrail<AgentOutputType>[];
  /** Resolved pre-flight checks: pass them to `maskInput` before the run (the SDK cannot rewrite input). */
  readonly preFlight: readonly ResolvedGuardrail[];
  /** `blocking`: the runtime buffers the answer until output guardrails pass; `streaming`: it streams as it goes. */
  readonly streamingMode: 'blocking' | 'streaming';
  readonly suppressTripwire: boolean;
  readonly resolved: readonly ResolvedGuardrail[];
}

/** Builds SDK input guardrails (pre_flight + input) and output guardrails from an agent's config (§5.1). */
export function buildAgentGuardrails(
  config: AgentGuardrailConfig | undefined,
  runtimeOptions: GuardrailRuntimeOptions | undefined,
  deps: GuardrailBuildDeps,
): BuiltAgentGuardrails {
  const options = guardrailRuntimeOptionsSchema.parse(runtimeOptions ?? {});
  const { resolved, issues } = placeAgentGuardrails(config, deps.registry);
  throwOnIssues(issues);
  const suppressTripwire = (config?.suppressTripwire ?? false) || options.suppressTripwire;
  const evaluation = { deps, suppressTripwire, sink: deps.sink };
  const inputLimit = createConcurrencyLimit(options.concurrency);
  const outputLimit = createConcurrencyLimit(options.concurrency);

  const inputGuardrails: InputGuardrail[] = resolved
    .filter((item) => item.spec.stage === 'pre_flight' || item.spec.stage === 'input')
    .map((item) => ({
      name: item.key,
      // Pre-flight checks always finish before the model starts; input checks do too in blocking mode.
      runInParallel: item.spec.stage === 'input' && options.streamingMode === 'streaming',
      execute: ({ input, context }) =>
        inputLimit(async () => {
          const { text, history } = splitConversation(input);
          const { tripwire, event } = await evaluateGuardrail(
            item,
            { text, history: item.spec.usesConversationHistory ? history : [], signal: runSignal(context) },
            evaluation,
          );
          return { tripwireTriggered: tripwire, outputInfo: event };
        }),
    }));

  const outputGuardrails: OutputGuardrail<AgentOutputType>[] = resolved
    .filter((item) => item.spec.stage === 'output')
    .map((item) => ({
      name: item.key,
      execute: ({ agentOutput, context, details }) =>
        outputLimit(async () => {
          const history = item.spec.usesConversationHistory ? outputHistory(context, details?.output) : [];
          const { tripwire, event } = await evaluateGuardrail(
            item,
            { text: contentText(agentOutput), history, signal: runSignal(context) },
            evaluation,
          );
          return { tripwireTriggered: tripwire, outputInfo: event };
        }),
    }));

  return {
    inputGuardrails,
    outputGuardrails,
    preFlight: resolved.filter((item) => item.spec.stage === 'pre_flight'),
    streamingMode: options.streamingMode,
    suppressTripwire,
    resolved,
  };
}

/** The run's own context, when the runtime passed an `AgentRunContext`. */
export function runContextOf(context: RunContext<unknown>): Partial<AgentRunContext> {
  const value = context.context;
  return typeof value === 'object' && value !== null ? (value as Partial<AgentRunContext>) : {};
}

function runSignal(context: RunContext<unknown>): AbortSignal | undefined {
  return runContextOf(context).signal;
}

// Output guardrails get no run input from the SDK: the user's request comes from the run context, and the
// items generated during the run (tool calls and results) are where injected instructions would show.
function outputHistory(
  context: RunContext<unknown>,
  output: readonly unknown[] | undefined,
): ConversationTurn[] {
  const request = runContextOf(context).requestMessage;
  const turns: ConversationTurn[] = request ? [{ role: 'user', content: request }] : [];
  const generated = itemsToTurns(output ?? []);
  // The final answer is what is judged; it is not history.
  if (generated.at(-1)?.role === 'assistant' && !generated.at(-1)?.content.startsWith('[tool call'))
    generated.pop();
  return [...turns, ...generated];
}
