import { z } from '@hono/zod-openapi';
import type { AgentRunRequest, MemoryStrategyConfig } from '@starter/agent-runtime';

const key = z.string().min(1).max(128);

/** `context` is a prompt variable: bounded so a request cannot blow up every prompt (JSON bytes). */
export const MAX_CONTEXT_BYTES = 16 * 1024;

/**
 * `run_options.run_config`: only per-run model settings are accepted (anything else is 422); they are
 * laid over every agent's own settings for this run, agents reached by handoff or as tools included.
 */
const RunConfigSchema = z
  .strictObject({
    model_settings: z
      .strictObject({
        temperature: z.number().min(0).max(2).optional(),
        top_p: z.number().min(0).max(1).optional(),
        max_tokens: z.number().int().min(1).max(128_000).optional(),
      })
      .optional(),
  })
  .openapi('ChatRunConfig');

const HANDOFF_FILTERS = ['full', 'fresh', 'last_turn', 'remove_all_tools'] as const;
const count = z.number().int().min(1);

const MemoryStrategySchema = z
  .strictObject({
    mode: z.enum(['none', 'trim', 'summarize', 'compact']).optional(),
    max_user_turns: count.optional(),
    keep_last_user_turns: z.number().int().min(0).optional(),
    token_budget: count.optional(),
    token_soft_budget: count.optional(),
    token_remaining_pct: z.number().gt(0).lt(1).optional(),
    token_soft_remaining_pct: z.number().gt(0).lt(1).optional(),
    context_window_tokens: count.optional(),
    compact_trigger_turns: count.optional(),
    compact_keep: z.number().int().min(0).optional(),
    compact_clear_tool_inputs: z.boolean().optional(),
    compact_exclude_tools: z.array(key).max(64).optional(),
    compact_include_tools: z.array(key).max(64).optional(),
    summarizer_model: z.string().min(1).max(128).optional(),
    summary_max_tokens: z.number().int().min(1).max(32_000).optional(),
    summary_max_chars: count.optional(),
  })
  .openapi('ChatMemoryStrategy');

const VectorStoreOverrideSchema = z.union([
  z.strictObject({ vector_store_id: z.string().min(1).max(256) }),
  z.strictObject({ vector_store_ids: z.array(z.string().min(1).max(256)).min(1).max(16) }),
]);

/** `AgentChatRequest` (spec §1.11): the body of `POST /chat` and `POST /chat/stream`. */
export const AgentChatRequestSchema = z
  .object({
    message: z.string().min(1).max(100_000),
    attachments: z
      .array(z.object({ object_id: z.string().min(1).max(256), kind: z.enum(['image', 'file']).optional() }))
      .max(20)
      .default([]),
    conversation_id: z.uuid().optional(),
    agent_type: z.string().max(128).optional(),
    share_location: z.boolean().optional(),
    location: z
      .object({
        city: z.string().max(128).optional(),
        region: z.string().max(128).optional(),
        country: z.string().max(128).optional(),
        timezone: z.string().max(64).optional(),
      })
      .optional(),
    /** Free-form facts for the prompts (variable `request.context`), at most 16 KiB as JSON. */
    context: z
      .record(z.string(), z.unknown())
      .refine((value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= MAX_CONTEXT_BYTES, {
        message: `context must be at most ${MAX_CONTEXT_BYTES} bytes as JSON`,
      })
      .optional(),
    /**
     * `handoff_input_filter` (wins) or `handoff_context_policy` replaces the input filter of every
     * handoff of the run, over the agents' own; `previous_response_id` continues a stored provider
     * response.
     */
    run_options: z
      .object({
        max_turns: z.number().int().min(1).max(100).optional(),
        previous_response_id: z.string().min(1).max(256).optional(),
        handoff_input_filter: z.enum(HANDOFF_FILTERS).optional(),
        handoff_context_policy: z.enum(['full', 'fresh', 'last_turn']).optional(),
        run_config: RunConfigSchema.optional(),
      })
      .optional(),
    memory_strategy: MemoryStrategySchema.optional(),
    memory_injection: z.boolean().optional(),
    container_overrides: z.record(key, z.string().min(1).max(256)).optional(),
    vector_store_overrides: z.record(key, VectorStoreOverrideSchema).optional(),
  })
  .openapi('AgentChatRequest');

export type AgentChatRequest = z.infer<typeof AgentChatRequestSchema>;

type Memory = NonNullable<AgentChatRequest['memory_strategy']>;

/** The request's memory strategy in the runtime's (camelCase) shape. */
function memoryStrategyOf(memory: Memory): MemoryStrategyConfig {
  const entries: [keyof MemoryStrategyConfig, unknown][] = [
    ['mode', memory.mode],
    ['maxUserTurns', memory.max_user_turns],
    ['keepLastUserTurns', memory.keep_last_user_turns],
    ['tokenBudget', memory.token_budget],
    ['tokenSoftBudget', memory.token_soft_budget],
    ['tokenRemainingPct', memory.token_remaining_pct],
    ['tokenSoftRemainingPct', memory.token_soft_remaining_pct],
    ['contextWindowTokens', memory.context_window_tokens],
    ['compactTriggerTurns', memory.compact_trigger_turns],
    ['compactKeep', memory.compact_keep],
    ['compactClearToolInputs', memory.compact_clear_tool_inputs],
    ['compactExcludeTools', memory.compact_exclude_tools],
    ['compactIncludeTools', memory.compact_include_tools],
    ['summarizerModel', memory.summarizer_model],
    ['summaryMaxTokens', memory.summary_max_tokens],
    ['summaryMaxChars', memory.summary_max_chars],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as MemoryStrategyConfig;
}

/** The per-request run options of a chat request (everything but identity, ids and hooks). */
export type ChatRunOptions = Pick<
  AgentRunRequest,
  | 'userLocation'
  | 'containerOverrides'
  | 'vectorStoreOverrides'
  | 'memoryStrategy'
  | 'memoryInjection'
  | 'maxTurns'
  | 'previousResponseId'
  | 'handoffInputFilter'
  | 'modelSettings'
  | 'requestContext'
>;

type RunConfig = NonNullable<NonNullable<AgentChatRequest['run_options']>['run_config']>;

/** The SDK model settings of `run_config.model_settings` (only the given ones). */
function modelSettingsOf(config: RunConfig | undefined): ChatRunOptions['modelSettings'] {
  const settings = config?.model_settings;
  if (settings === undefined) return undefined;
  const entries = [
    ['temperature', settings.temperature],
    ['topP', settings.top_p],
    ['maxTokens', settings.max_tokens],
  ].filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Maps the validated body onto the runtime request's options; location only when the user shares it. */
export function chatRunOptionsOf(request: AgentChatRequest): ChatRunOptions {
  const runOptions = request.run_options;
  const handoffFilter = runOptions?.handoff_input_filter ?? runOptions?.handoff_context_policy;
  const modelSettings = modelSettingsOf(runOptions?.run_config);
  const vectorStores = request.vector_store_overrides
    ? Object.fromEntries(
        Object.entries(request.vector_store_overrides).map(([agent, value]) => [
          agent,
          'vector_store_id' in value ? [value.vector_store_id] : value.vector_store_ids,
        ]),
      )
    : undefined;
  return {
    ...(request.share_location === true && request.location ? { userLocation: request.location } : {}),
    ...(request.container_overrides ? { containerOverrides: request.container_overrides } : {}),
    ...(vectorStores ? { vectorStoreOverrides: vectorStores } : {}),
    ...(request.memory_strategy ? { memoryStrategy: memoryStrategyOf(request.memory_strategy) } : {}),
    ...(request.memory_injection === undefined ? {} : { memoryInjection: request.memory_injection }),
    ...(runOptions?.max_turns ? { maxTurns: runOptions.max_turns } : {}),
    ...(runOptions?.previous_response_id ? { previousResponseId: runOptions.previous_response_id } : {}),
    ...(handoffFilter ? { handoffInputFilter: handoffFilter } : {}),
    ...(modelSettings ? { modelSettings } : {}),
    ...(request.context ? { requestContext: request.context } : {}),
  };
}
