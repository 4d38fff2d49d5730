import type { AgentInputItem } from '@openai/agents';

/** A session history split at user messages. */
export interface ConversationTurns {
  /** Items before the first user message (e.g. an earlier summary). */
  readonly preamble: readonly AgentInputItem[];
  /** Each turn is a user message plus everything after it until the next user message. */
  readonly turns: readonly (readonly AgentInputItem[])[];
}

/** Whether an item is a user message (the start of a turn). */
export function isUserMessage(item: AgentInputItem): boolean {
  return 'role' in item && item.role === 'user' && (item.type === undefined || item.type === 'message');
}

/**
 * Splits a history into turns. Splitting only at user messages is what keeps a tool call and its output
 * together: the model never sees a user message between a call and its result, so both land in one turn.
 */
export function splitTurns(items: readonly AgentInputItem[]): ConversationTurns {
  const preamble: AgentInputItem[] = [];
  const turns: AgentInputItem[][] = [];
  for (const item of items) {
    const current = turns.at(-1);
    if (isUserMessage(item)) turns.push([item]);
    else if (current) current.push(item);
    else preamble.push(item);
  }
  return { preamble, turns };
}

/**
 * Estimated tokens of a history: characters of its JSON serialisation divided by 4 (rounded up). A cheap,
 * model-independent heuristic — English text averages about four characters per token — good enough for
 * budget triggers, which only need to be monotone and roughly proportional to the real count.
 */
export function estimateTokens(items: readonly AgentInputItem[]): number {
  if (items.length === 0) return 0;
  return Math.ceil(JSON.stringify(items).length / 4);
}

/** Items, user turns and estimated tokens of a history, as checkpoints report them. */
export interface HistoryStats {
  readonly items: number;
  readonly userTurns: number;
  readonly tokens: number;
}

/** Counts a history for a checkpoint. */
export function historyStats(items: readonly AgentInputItem[]): HistoryStats {
  return {
    items: items.length,
    userTurns: items.filter(isUserMessage).length,
    tokens: estimateTokens(items),
  };
}
