import type { AgentInputItem } from '@openai/agents';
import { estimateTokens, splitTurns } from './conversation-turns.js';
import type { MemoryTriggerReason } from './memory-checkpoint.js';
import { memoryTrigger } from './memory-trigger.js';
import type { EffectiveMemoryStrategy } from './resolve-memory-strategy.js';

/** How a history splits into the part a strategy drops (or summarizes) and the whole turns it keeps. */
export interface TurnSelection {
  readonly triggerReason: MemoryTriggerReason;
  /** Preamble plus the oldest turns, in order. */
  readonly dropped: readonly AgentInputItem[];
  /** The latest whole turns, in order. */
  readonly kept: readonly AgentInputItem[];
}

/**
 * Chooses what `trim` and `summarize` drop, or null when nothing triggers or nothing would change. Keeps the
 * last `keepLastUserTurns` whole turns; over the hard budget it drops further old turns, down to one turn,
 * until the rest fits. Whole turns only, so a tool call is never separated from its output.
 */
export function selectTurnsToKeep(
  items: readonly AgentInputItem[],
  strategy: EffectiveMemoryStrategy,
): TurnSelection | null {
  const { preamble, turns } = splitTurns(items);
  const triggerReason = memoryTrigger(items, turns.length, strategy.maxUserTurns, strategy);
  if (triggerReason === null) return null;
  const keptTurns = strategy.keepLastUserTurns === 0 ? [] : turns.slice(-strategy.keepLastUserTurns);
  if (triggerReason === 'token_budget') {
    while (keptTurns.length > 1 && estimateTokens(keptTurns.flat()) > strategy.tokenBudget) keptTurns.shift();
  }
  const kept = keptTurns.flat();
  if (kept.length === items.length) return null;
  const dropped = [...preamble, ...turns.slice(0, turns.length - keptTurns.length).flat()];
  return { triggerReason, dropped, kept };
}

/** `trim`: the kept turns, or null when the history stays as it is. */
export function planTrim(
  items: readonly AgentInputItem[],
  strategy: EffectiveMemoryStrategy,
): { items: AgentInputItem[]; triggerReason: MemoryTriggerReason } | null {
  const selection = selectTurnsToKeep(items, strategy);
  return selection && { items: [...selection.kept], triggerReason: selection.triggerReason };
}
