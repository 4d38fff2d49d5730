import type { MemoryCheckpoint } from '@starter/contracts';
import type { HistoryStats } from './conversation-turns.js';

/** Why a strategy ran: too many user turns, or the estimated tokens passed the hard or soft budget. */
export type MemoryTriggerReason = 'turns' | 'token_budget' | 'token_soft_budget';

/** What `compact` replaced, and with which settings. */
export interface CompactionDetails {
  readonly compactedInputs: number;
  readonly compactedOutputs: number;
  readonly keepTurns: number;
  readonly triggerTurns: number | null;
  readonly clearToolInputs: boolean;
  readonly excludedTools: readonly string[];
  readonly includedTools: readonly string[];
}

/**
 * What a memory strategy did to the session before a turn: an internal run event for the run-event log,
 * projected onto the public `memory.checkpoint` frame by `toPublicMemoryCheckpoint` (spec §2.3).
 */
export interface MemoryStrategyCheckpoint {
  readonly type: 'memory_checkpoint';
  readonly mode: 'trim' | 'summarize' | 'compact';
  readonly triggerReason: MemoryTriggerReason;
  readonly before: HistoryStats;
  readonly after: HistoryStats;
  /** The summary that replaced the dropped turns (`summarize` only). */
  readonly summary?: string | undefined;
  readonly compaction?: CompactionDetails | undefined;
}

/** The public `checkpoint` payload of a `memory.checkpoint` frame (spec §2.3); the summary text stays internal. */
export function toPublicMemoryCheckpoint(checkpoint: MemoryStrategyCheckpoint): MemoryCheckpoint {
  const { before, after, compaction } = checkpoint;
  return {
    strategy: checkpoint.mode,
    trigger_reason: checkpoint.triggerReason,
    tokens_before: before.tokens,
    tokens_after: after.tokens,
    total_items_before: before.items,
    total_items_after: after.items,
    turns_before: before.userTurns,
    turns_after: after.userTurns,
    ...(compaction && {
      compacted_count: compaction.compactedInputs + compaction.compactedOutputs,
      compacted_inputs: compaction.compactedInputs,
      compacted_outputs: compaction.compactedOutputs,
      keep_turns: compaction.keepTurns,
      trigger_turns: compaction.triggerTurns,
      clear_tool_inputs: compaction.clearToolInputs,
      excluded_tools: [...compaction.excludedTools],
      included_tools: [...compaction.includedTools],
    }),
  };
}
