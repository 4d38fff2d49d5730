import type { AgentInputItem } from '@openai/agents';
import { splitTurns } from './conversation-turns.js';
import type { CompactionDetails, MemoryTriggerReason } from './memory-checkpoint.js';
import { memoryTrigger } from './memory-trigger.js';
import type { EffectiveMemoryStrategy } from './resolve-memory-strategy.js';

/** Marks a placeholder, so a later compaction neither counts nor rewrites it again. */
export const COMPACTED_MARKER = '[compacted]';

/** The placeholder that replaces a tool output. */
export function compactedOutput(toolName: string): string {
  return `${COMPACTED_MARKER} Output of tool "${toolName}" removed to save context.`;
}

/** The placeholder that replaces tool call arguments; JSON, because providers parse call arguments. */
export function compactedInput(toolName: string): string {
  return JSON.stringify({ compacted: `${COMPACTED_MARKER} Input of tool "${toolName}" removed.` });
}

/** The compacted history and what was replaced. */
export interface CompactPlan {
  readonly items: AgentInputItem[];
  readonly triggerReason: MemoryTriggerReason;
  readonly details: CompactionDetails;
}

/**
 * `compact`: in all but the last `compactKeep` turns, tool outputs (and, with `compactClearToolInputs`, tool
 * call arguments) become short placeholders; user and assistant messages stay. Items are replaced in place,
 * never removed, so every call keeps its output. Handles function calls and hosted tool calls; other call
 * kinds (computer, shell, apply_patch) carry little text and are left alone. Null when nothing changes.
 */
export function planCompact(
  items: readonly AgentInputItem[],
  strategy: EffectiveMemoryStrategy,
): CompactPlan | null {
  const { preamble, turns } = splitTurns(items);
  const triggerReason = memoryTrigger(items, turns.length, strategy.compactTriggerTurns, strategy);
  if (triggerReason === null) return null;
  const protectedCount = Math.min(strategy.compactKeep, turns.length);
  const older = [...preamble, ...turns.slice(0, turns.length - protectedCount).flat()];
  const recent = turns.slice(turns.length - protectedCount).flat();

  const selected = (name: string): boolean => {
    const key = name.toLowerCase();
    if (strategy.compactIncludeTools.length > 0) return strategy.compactIncludeTools.includes(key);
    return !strategy.compactExcludeTools.includes(key);
  };
  let compactedInputs = 0;
  let compactedOutputs = 0;
  const compacted = older.map((item): AgentInputItem => {
    if (item.type === 'function_call_result' && selected(item.name) && !isCompacted(item.output)) {
      compactedOutputs++;
      return { ...item, output: compactedOutput(item.name) };
    }
    if (item.type === 'hosted_tool_call' && selected(item.name)) {
      let next = item;
      if (item.output !== undefined && !isCompacted(item.output)) {
        compactedOutputs++;
        next = { ...next, output: compactedOutput(item.name) };
      }
      if (strategy.compactClearToolInputs && item.arguments !== undefined && !isCompacted(item.arguments)) {
        compactedInputs++;
        next = { ...next, arguments: compactedInput(item.name) };
      }
      return next;
    }
    if (
      item.type === 'function_call' &&
      strategy.compactClearToolInputs &&
      selected(item.name) &&
      !isCompacted(item.arguments)
    ) {
      compactedInputs++;
      return { ...item, arguments: compactedInput(item.name) };
    }
    return item;
  });
  if (compactedInputs + compactedOutputs === 0) return null;
  return {
    items: [...compacted, ...recent],
    triggerReason,
    details: {
      compactedInputs,
      compactedOutputs,
      keepTurns: strategy.compactKeep,
      triggerTurns: strategy.compactTriggerTurns,
      clearToolInputs: strategy.compactClearToolInputs,
      excludedTools: strategy.compactExcludeTools,
      includedTools: strategy.compactIncludeTools,
    },
  };
}

function isCompacted(value: unknown): boolean {
  return typeof value === 'string' && value.includes(COMPACTED_MARKER);
}
