import {
  type FunctionTool,
  type RunContext,
  type Tool,
  ToolGuardrailFunctionOutputFactory,
  type ToolInputGuardrailDefinition,
  type ToolOutputGuardrailDefinition,
} from '@openai/agents-core';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { GuardrailBuildDeps } from './build-agent-guardrails.js';
import { runContextOf } from './build-agent-guardrails.js';
import { createConcurrencyLimit } from './concurrency-limit.js';
import { contentText } from './conversation-text.js';
import { evaluateGuardrail, finishEvaluation } from './evaluate-guardrail.js';
import { type ToolGuardrailConfig, toolGuardrailConfigSchema } from './guardrail-config.js';
import type { GuardrailResultEvent } from './guardrail-events.js';
import type { ConversationTurn } from './guardrail-spec.js';
import type { ResolvedGuardrail } from './resolve-guardrails.js';
import { placeToolGuardrails, throwOnIssues } from './stage-placement.js';

/** The tool guardrail configs that may apply to one tool, in precedence order (§5.1). */
export interface ToolGuardrailSources {
  /** `tool_guardrail_overrides[tool]`: wins; `enabled: false` means no guardrails and no fallback. */
  readonly override?: ToolGuardrailConfig | undefined;
  /** The agent's `tool_guardrails`. */
  readonly agentWide?: ToolGuardrailConfig | undefined;
  /** The tool provider's default. */
  readonly providerDefault?: ToolGuardrailConfig | undefined;
}

/** One tool's guardrails as SDK tool guardrails, plus argument masking the SDK cannot do itself. */
export interface ToolGuardrails {
  readonly inputGuardrails: ToolInputGuardrailDefinition<AgentRunContext>[];
  readonly outputGuardrails: ToolOutputGuardrailDefinition<AgentRunContext>[];
  /** Masks PII in tool arguments for masking (non-blocking) tool_input checks; identity when none. */
  readonly maskArguments: (args: string) => string;
  readonly resolved: readonly ResolvedGuardrail[];
}

/** Options of {@link buildToolGuardrails}. */
export interface ToolGuardrailOptions {
  readonly suppressTripwire?: boolean | undefined;
  readonly concurrency?: number | undefined;
}

/**
 * Builds the SDK tool input/output guardrails of one tool. Each side is one SDK guardrail running its
 * checks in order: maskers first (later checks see masked text), then the rest. A tripwire maps to the SDK's
 * `throwException` (the run fails); masked tool output maps to `rejectContent` with the masked text, which
 * the SDK hands to the model instead of the raw result; anything else is `allow`.
 */
export function buildToolGuardrails(
  toolKey: string,
  sources: ToolGuardrailSources,
  deps: GuardrailBuildDeps,
  options: ToolGuardrailOptions = {},
): ToolGuardrails {
  const chosen = chooseToolConfig(sources);
  if (!chosen)
    return { inputGuardrails: [], outputGuardrails: [], maskArguments: (args) => args, resolved: [] };
  const config = toolGuardrailConfigSchema.parse(chosen);
  const input = placeToolGuardrails(config.input, 'tool_input', deps.registry);
  const output = placeToolGuardrails(config.output, 'tool_output', deps.registry);
  throwOnIssues([...input.issues, ...output.issues]);
  const suppressTripwire =
    (options.suppressTripwire ?? false) ||
    (config.input?.suppressTripwire ?? false) ||
    (config.output?.suppressTripwire ?? false);
  const run = createSideRunner(deps, suppressTripwire, options.concurrency ?? 4);

  const inputGuardrails: ToolInputGuardrailDefinition<AgentRunContext>[] = input.resolved.length
    ? [
        {
          type: 'tool_input',
          name: `${toolKey}:tool_input_guardrails`,
          run: async ({ toolCall, context }) => {
            const outcome = await run(input.resolved, toolCall.arguments, toolCall, context);
            return outcome.tripwire
              ? ToolGuardrailFunctionOutputFactory.throwException(outcome.events)
              : ToolGuardrailFunctionOutputFactory.allow(outcome.events);
          },
        },
      ]
    : [];
  const outputGuardrails: ToolOutputGuardrailDefinition<AgentRunContext>[] = output.resolved.length
    ? [
        {
          type: 'tool_output',
          name: `${toolKey}:tool_output_guardrails`,
          run: async ({ toolCall, context, output: result }) => {
            const text = contentText(result);
            const outcome = await run(output.resolved, text, toolCall, context);
            if (outcome.tripwire) return ToolGuardrailFunctionOutputFactory.throwException(outcome.events);
            if (outcome.text !== text) {
              return ToolGuardrailFunctionOutputFactory.rejectContent(outcome.text, outcome.events);
            }
            return ToolGuardrailFunctionOutputFactory.allow(outcome.events);
          },
        },
      ]
    : [];
  const maskers = input.resolved.filter((item) => item.spec.mask && item.config.block !== true);
  return {
    inputGuardrails,
    outputGuardrails,
    maskArguments: (args) =>
      maskers.reduce((text, item) => item.spec.mask?.(text, { ...item.config }).text ?? text, args),
    resolved: [...input.resolved, ...output.resolved],
  };
}

/** Per-tool override > agent-wide > provider default; the first config present decides, even when disabled. */
export function chooseToolConfig(sources: ToolGuardrailSources): ToolGuardrailConfig | undefined {
  const chosen = sources.override ?? sources.agentWide ?? sources.providerDefault;
  if (!chosen || chosen.enabled === false) return undefined;
  return chosen;
}

/**
 * Returns a copy of a function tool with the guardrails attached (after any it already has) and its
 * arguments masked before `invoke`. Hosted tools run at OpenAI and cannot take tool guardrails: returned as is.
 */
export function attachToolGuardrails<T extends Tool<AgentRunContext>>(
  tool: T,
  guardrails: ToolGuardrails,
): T {
  if (tool.type !== 'function' || guardrails.resolved.length === 0) return tool;
  const fn = tool as FunctionTool<AgentRunContext>;
  const attached: FunctionTool<AgentRunContext> = {
    ...fn,
    inputGuardrails: [...(fn.inputGuardrails ?? []), ...guardrails.inputGuardrails],
    outputGuardrails: [...(fn.outputGuardrails ?? []), ...guardrails.outputGuardrails],
    invoke: (runContext, input, details) => fn.invoke(runContext, guardrails.maskArguments(input), details),
  };
  return attached as T;
}

interface SideOutcome {
  readonly tripwire: boolean;
  readonly text: string;
  readonly events: GuardrailResultEvent[];
}

function createSideRunner(deps: GuardrailBuildDeps, suppressTripwire: boolean, concurrency: number) {
  const limit = createConcurrencyLimit(concurrency);
  return async (
    resolved: readonly ResolvedGuardrail[],
    original: string,
    toolCall: { readonly name: string; readonly callId: string },
    context: RunContext<unknown>,
  ): Promise<SideOutcome> => {
    const options = { deps, suppressTripwire, sink: deps.sink, toolCallId: toolCall.callId };
    const request = runContextOf(context).requestMessage;
    const history: ConversationTurn[] = request ? [{ role: 'user', content: request }] : [];
    const signal = runContextOf(context).signal;
    const events: GuardrailResultEvent[] = [];
    let text = original;
    let tripwire = false;
    // Maskers are synchronous regex checks; running them first means LLM checks never see the raw PII.
    for (const item of resolved.filter((candidate) => candidate.spec.mask)) {
      const masked = item.spec.mask?.(text, { ...item.config });
      if (!masked) continue;
      const evaluation = finishEvaluation(item, { toolName: toolCall.name }, masked.result, options);
      events.push(evaluation.event);
      tripwire ||= evaluation.tripwire;
      if (!evaluation.result.tripwireTriggered) text = masked.text;
    }
    const others = resolved.filter((candidate) => !candidate.spec.mask);
    const evaluations = await Promise.all(
      others.map((item) =>
        limit(() =>
          evaluateGuardrail(
            item,
            {
              text,
              history: item.spec.usesConversationHistory ? history : [],
              toolName: toolCall.name,
              signal,
            },
            options,
          ),
        ),
      ),
    );
    for (const evaluation of evaluations) {
      events.push(evaluation.event);
      tripwire ||= evaluation.tripwire;
    }
    return { tripwire, text, events };
  };
}
