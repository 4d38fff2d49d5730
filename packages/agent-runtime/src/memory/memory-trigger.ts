import type { AgentInputItem } from '@openai/agents';
import { estimateTokens } from './conversation-turns.js';
import type { MemoryTriggerReason } from './memory-checkpoint.js';
import type { EffectiveMemoryStrategy } from './resolve-memory-strategy.js';

/** Why the strategy should run now, or null: turn trigger first, then the hard, then the soft budget. */
export function memoryTrigger(
  items: readonly AgentInputItem[],
  userTurns: number,
  triggerTurns: number | null,
  strategy: EffectiveMemoryStrategy,
): MemoryTriggerReason | null {
  if (triggerTurns !== null && userTurns > triggerTurns) return 'turns';
  const tokens = estimateTokens(items);
  if (tokens > strategy.tokenBudget) return 'token_budget';
  if (strategy.tokenSoftBudget !== null && tokens > strategy.tokenSoftBudget) return 'token_soft_budget';
  return null;
}
