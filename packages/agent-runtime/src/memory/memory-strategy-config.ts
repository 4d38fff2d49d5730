import { z } from 'zod';

/** Memory strategy modes (spec §1.11, §3.4). */
export const memoryModeSchema = z.enum(['none', 'trim', 'summarize', 'compact']);
export type MemoryMode = z.infer<typeof memoryModeSchema>;

const turns = z.number().int().min(1);
const pct = z.number().gt(0).lt(1);
const toolNames = z.array(z.string().min(1).max(128)).max(64);

/**
 * A memory strategy as an agent spec, a conversation or a request states it. Every field is optional so
 * layers can be merged with the precedence request > conversation > agent > none (§3.4).
 */
export const memoryStrategyConfigSchema = z.strictObject({
  mode: memoryModeSchema.optional(),
  /** Trigger: act once the history holds more user turns than this. */
  maxUserTurns: turns.optional(),
  /** How many of the latest user turns (with what follows them) are kept verbatim. */
  keepLastUserTurns: z.number().int().min(0).optional(),
  /** Trigger: act once the estimated history tokens exceed this budget. */
  tokenBudget: turns.optional(),
  /** Softer token trigger: the strategy runs, but keeps `keepLastUserTurns` even if still over it. */
  tokenSoftBudget: turns.optional(),
  /** Alternative trigger: act when less than this share of the context window remains (0–1). */
  tokenRemainingPct: pct.optional(),
  /** Softer percentage trigger, turned into `tokenSoftBudget` when that is absent. */
  tokenSoftRemainingPct: pct.optional(),
  contextWindowTokens: turns.optional(),
  /** `compact` trigger: act once the history holds more user turns than this. */
  compactTriggerTurns: turns.optional(),
  /** `compact`: how many latest turns stay untouched. */
  compactKeep: z.number().int().min(0).optional(),
  /** `compact`: also replace tool call arguments (not only outputs) with placeholders. */
  compactClearToolInputs: z.boolean().optional(),
  /** `compact`: tools whose calls are never compacted. */
  compactExcludeTools: toolNames.optional(),
  /** `compact`: when non-empty, only these tools are compacted (wins over the exclude list). */
  compactIncludeTools: toolNames.optional(),
  /** Model used by `summarize` (default gpt-5.1). */
  summarizerModel: z.string().min(1).optional(),
  /** Output token cap for the summarizer call. */
  summaryMaxTokens: z.number().int().min(1).max(32_000).optional(),
  summaryMaxChars: z.number().int().min(1).optional(),
  /** Whether the cross-session summary is injected into the prompt as `memory.summary`. */
  memoryInjection: z.boolean().optional(),
});
export type MemoryStrategyConfig = z.input<typeof memoryStrategyConfigSchema>;
