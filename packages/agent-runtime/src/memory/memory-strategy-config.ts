import { z } from 'zod';

/** Memory strategy modes (spec §1.11, §3.4). */
export const memoryModeSchema = z.enum(['none', 'trim', 'summarize', 'compact']);
export type MemoryMode = z.infer<typeof memoryModeSchema>;

/**
 * A memory strategy as an agent spec, a conversation or a request states it. Every field is optional so
 * layers can be merged with the precedence request > conversation > agent > none (§3.4).
 */
export const memoryStrategyConfigSchema = z.strictObject({
  mode: memoryModeSchema.optional(),
  /** Trigger: act once the history holds more user turns than this. */
  maxUserTurns: z.number().int().min(1).optional(),
  /** How many of the latest user turns (with what follows them) are kept verbatim. */
  keepLastUserTurns: z.number().int().min(0).optional(),
  /** Trigger: act once the estimated history tokens exceed this budget. */
  tokenBudget: z.number().int().min(1).optional(),
  /** Alternative trigger: act when less than this share of the context window remains (0–1). */
  tokenRemainingPct: z.number().gt(0).lt(1).optional(),
  contextWindowTokens: z.number().int().min(1).optional(),
  /** Model used by `summarize` (default gpt-5.1). */
  summarizerModel: z.string().min(1).optional(),
  summaryMaxChars: z.number().int().min(1).optional(),
  /** Whether the cross-session summary is injected into the prompt as `memory.summary`. */
  memoryInjection: z.boolean().optional(),
});
export type MemoryStrategyConfig = z.input<typeof memoryStrategyConfigSchema>;
