import type { JsonValue } from '@starter/contracts';
import type { z } from 'zod';
import type { GuardrailStage } from './guardrail-config.js';
import type { GuardrailModelClient } from './guardrail-model-client.js';
import type { ModerationClient } from './moderation.js';

/** How a check decides (§5.1). */
export type GuardrailEngine = 'regex' | 'llm' | 'api' | 'hybrid';

/** Tokens an LLM check spent, as reported on `guardrail_result` events. */
export interface GuardrailTokenUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly total_tokens: number;
}

/** One earlier message of the conversation, for checks that read history. */
export interface ConversationTurn {
  readonly role: 'user' | 'assistant' | 'tool';
  readonly content: string;
}

/** What a check looks at: the text of its stage plus, for history-aware checks, the conversation before it. */
export interface GuardrailCheckInput {
  readonly text: string;
  /** Earlier messages, oldest first, not including `text`. */
  readonly history: readonly ConversationTurn[];
  readonly toolName?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** JSON-safe facts about one evaluation; `flagged` is always present. */
export type GuardrailInfo = { readonly flagged: boolean } & Readonly<Record<string, JsonValue>>;

/** The outcome of one check (§5.1). */
export interface GuardrailCheckResult {
  readonly tripwireTriggered: boolean;
  readonly info: GuardrailInfo;
  readonly maskedContent?: string | undefined;
  readonly confidence?: number | undefined;
  readonly tokenUsage?: GuardrailTokenUsage | undefined;
  /** True when the check could not decide (no client, API error, bad answer): it never silently passes. */
  readonly executionFailed: boolean;
  readonly error?: string | undefined;
}

/** Outside services checks may call; a missing one makes LLM/API checks report `execution_failed`. */
export interface GuardrailCheckDeps {
  readonly modelClient?: GuardrailModelClient | undefined;
  readonly moderationClient?: ModerationClient | undefined;
}

/** Synchronous masking of a text, for checks that support it (pre-flight PII masking). */
export interface GuardrailMaskResult {
  readonly text: string;
  readonly result: GuardrailCheckResult;
}

/** A registered check: catalog facts, config schema and defaults, and the check itself (§5.1). */
export interface GuardrailSpec<Config = Record<string, unknown>> {
  readonly key: string;
  readonly displayName: string;
  readonly description: string;
  readonly stage: GuardrailStage;
  readonly engine: GuardrailEngine;
  readonly configSchema: z.ZodType<Config>;
  readonly defaultConfig: Config;
  readonly usesConversationHistory: boolean;
  readonly supportsMasking: boolean;
  readonly tripwireOnError: boolean;
  check(input: GuardrailCheckInput, config: Config, deps: GuardrailCheckDeps): Promise<GuardrailCheckResult>;
  mask?(text: string, config: Config): GuardrailMaskResult;
}

/** A check as the registry stores it: config is validated by its own schema before the typed check runs. */
export type AnyGuardrailSpec = GuardrailSpec<Record<string, unknown>>;

/** Erases a typed spec for the registry; every call re-parses the config so a check never sees bad input. */
export function defineGuardrail<Config extends Record<string, unknown>>(
  spec: Omit<GuardrailSpec<Config>, 'defaultConfig' | 'tripwireOnError'> & {
    readonly tripwireOnError?: boolean | undefined;
  },
): AnyGuardrailSpec {
  const parse = (config: Record<string, unknown>): Config => spec.configSchema.parse(config);
  const { mask } = spec;
  return {
    key: spec.key,
    displayName: spec.displayName,
    description: spec.description,
    stage: spec.stage,
    engine: spec.engine,
    configSchema: spec.configSchema as unknown as z.ZodType<Record<string, unknown>>,
    defaultConfig: spec.configSchema.parse({}),
    usesConversationHistory: spec.usesConversationHistory,
    supportsMasking: spec.supportsMasking,
    tripwireOnError: spec.tripwireOnError ?? false,
    check: (input, config, deps) => spec.check(input, parse(config), deps),
    ...(mask ? { mask: (text: string, config: Record<string, unknown>) => mask(text, parse(config)) } : {}),
  };
}
