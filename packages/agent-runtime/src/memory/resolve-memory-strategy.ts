import type { MemoryMode, MemoryStrategyConfig } from './memory-strategy-config.js';

/** Defaults of spec §3.4 (context window, remaining share, summarizer) and of the summary limits. */
export const MEMORY_DEFAULTS = {
  contextWindowTokens: 400_000,
  tokenRemainingPct: 0.2,
  keepLastUserTurns: 2,
  compactKeep: 2,
  summarizerModel: 'gpt-5.1',
  summaryMaxTokens: 300,
  summaryMaxChars: 4_000,
} as const;

/** A fully resolved memory strategy: every knob has a value, budgets are absolute token counts. */
export interface EffectiveMemoryStrategy {
  readonly mode: MemoryMode;
  /** `trim`/`summarize` turn trigger; null means only the token budgets trigger. */
  readonly maxUserTurns: number | null;
  readonly keepLastUserTurns: number;
  /** Hard budget: trimming continues past `keepLastUserTurns` (down to one turn) to get under it. */
  readonly tokenBudget: number;
  /** Soft budget: triggers the strategy but never drops more than `keepLastUserTurns` asks. */
  readonly tokenSoftBudget: number | null;
  readonly contextWindowTokens: number;
  /** `compact` turn trigger; null means only the token budgets trigger. */
  readonly compactTriggerTurns: number | null;
  readonly compactKeep: number;
  readonly compactClearToolInputs: boolean;
  /** Lower-cased tool names. */
  readonly compactExcludeTools: readonly string[];
  /** Lower-cased tool names; non-empty wins over the exclude list. */
  readonly compactIncludeTools: readonly string[];
  readonly summarizerModel: string;
  readonly summaryMaxTokens: number;
  readonly summaryMaxChars: number;
}

/** The layers a strategy can come from, highest precedence first in the name order. */
export interface MemoryStrategyLayers {
  readonly request?: MemoryStrategyConfig | null | undefined;
  readonly conversation?: MemoryStrategyConfig | null | undefined;
  readonly agent?: MemoryStrategyConfig | null | undefined;
}

/**
 * Resolves the strategy for a run (spec §3.4). Precedence request > conversation > agent > none is applied
 * field by field: each field takes the highest layer that states it. Field-wise (rather than "the first
 * layer with a mode wins") because §1.12 lets a conversation set only some fields, and a request that only
 * tweaks `max_user_turns` should still run the agent's mode and budget. Without any `mode`, mode is `none`.
 */
export function resolveMemoryStrategy(layers: MemoryStrategyLayers): EffectiveMemoryStrategy {
  const pick = <K extends keyof MemoryStrategyConfig>(key: K): MemoryStrategyConfig[K] | undefined =>
    layers.request?.[key] ?? layers.conversation?.[key] ?? layers.agent?.[key];

  const contextWindowTokens = pick('contextWindowTokens') ?? MEMORY_DEFAULTS.contextWindowTokens;
  const budgetFromPct = (share: number): number => Math.max(1, Math.floor(contextWindowTokens * (1 - share)));
  const explicitBudget = pick('tokenBudget');
  const remainingPct = pick('tokenRemainingPct');
  // Neither a budget nor a share: act once less than 20 % of the window remains (§3.4).
  const tokenBudget = explicitBudget ?? budgetFromPct(remainingPct ?? MEMORY_DEFAULTS.tokenRemainingPct);
  const softPct = pick('tokenSoftRemainingPct');
  const tokenSoftBudget = pick('tokenSoftBudget') ?? (softPct === undefined ? null : budgetFromPct(softPct));
  const maxUserTurns = pick('maxUserTurns') ?? null;
  const keepLastUserTurns = pick('keepLastUserTurns') ?? maxUserTurns ?? MEMORY_DEFAULTS.keepLastUserTurns;

  return {
    mode: pick('mode') ?? 'none',
    maxUserTurns,
    keepLastUserTurns,
    tokenBudget,
    tokenSoftBudget,
    contextWindowTokens,
    // Bundled specs state `compact` with max_user_turns/keep_last (§3.2): those stand in for the compact knobs.
    compactTriggerTurns: pick('compactTriggerTurns') ?? maxUserTurns,
    compactKeep: pick('compactKeep') ?? pick('keepLastUserTurns') ?? MEMORY_DEFAULTS.compactKeep,
    compactClearToolInputs: pick('compactClearToolInputs') ?? false,
    compactExcludeTools: lower(pick('compactExcludeTools')),
    compactIncludeTools: lower(pick('compactIncludeTools')),
    summarizerModel: pick('summarizerModel') ?? MEMORY_DEFAULTS.summarizerModel,
    summaryMaxTokens: pick('summaryMaxTokens') ?? MEMORY_DEFAULTS.summaryMaxTokens,
    summaryMaxChars: pick('summaryMaxChars') ?? MEMORY_DEFAULTS.summaryMaxChars,
  };
}

/** The memory-injection flags of each layer (`memory_injection` of the request, conversation, agent). */
export interface MemoryInjectionLayers {
  readonly request?: boolean | null | undefined;
  readonly conversation?: boolean | null | undefined;
  readonly agent?: boolean | null | undefined;
}

/** Whether the cross-session summary is injected: request > conversation > agent > false (§3.4). */
export function resolveMemoryInjection(layers: MemoryInjectionLayers): boolean {
  return layers.request ?? layers.conversation ?? layers.agent ?? false;
}

function lower(names: readonly string[] | undefined): readonly string[] {
  return [...new Set((names ?? []).map((name) => name.toLowerCase()))];
}
