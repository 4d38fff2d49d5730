import type { AgentInputItem } from '@openai/agents';
import { estimateTokens } from './conversation-turns.js';
import type { MemoryTriggerReason } from './memory-checkpoint.js';
import type { EffectiveMemoryStrategy } from './resolve-memory-strategy.js';
import type { Summarizer } from './summarizer.js';
import { selectTurnsToKeep } from './trim-strategy.js';

/** Opens the item that carries a summary, so the next summarization folds it in as earlier context. */
export const SUMMARY_PREFIX = 'Summary of the earlier conversation:';

/** The summarized history, and the summary text to store for cross-session injection. */
export interface SummarizePlan {
  readonly items: AgentInputItem[];
  readonly triggerReason: MemoryTriggerReason;
  readonly summary: string;
  readonly summaryTokens: number;
}

/** The system message that stands in for the summarized turns. */
export function summaryItem(summary: string): AgentInputItem {
  return { type: 'message', role: 'system', content: `${SUMMARY_PREFIX}\n${summary}` };
}

/**
 * `summarize`: selects turns like `trim`, has the summarizer model condense the dropped part (including an
 * earlier summary item, which sits in the preamble), and puts the summary first as one system message.
 * The summary is cut to `summaryMaxChars`. Null when nothing triggers.
 */
export async function planSummarize(
  items: readonly AgentInputItem[],
  strategy: EffectiveMemoryStrategy,
  summarizer: Summarizer,
): Promise<SummarizePlan | null> {
  const selection = selectTurnsToKeep(items, strategy);
  if (selection === null || selection.dropped.length === 0) return null;
  const text = await summarizer.summarize({
    items: selection.dropped,
    model: strategy.summarizerModel,
    maxTokens: strategy.summaryMaxTokens,
  });
  const summary = text.slice(0, strategy.summaryMaxChars);
  const item = summaryItem(summary);
  return {
    items: [item, ...selection.kept],
    triggerReason: selection.triggerReason,
    summary,
    summaryTokens: estimateTokens([item]),
  };
}
